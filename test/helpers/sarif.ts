// SARIF checks shared by the scan and pipeline tests: the OASIS SARIF 2.1.0 schema, and the rules
// GitHub code scanning applies when it ingests a file (docs.github.com, "SARIF support for code
// scanning"): every result has a rule the driver defines and a location in a file of the
// repository, given as a path relative to the repository root (GitHub ignores uriBaseId); the
// message is non-empty and its first line, the alert title, is the finding rather than the rule's
// description; security-severity is a number in 0.1–10; automationDetails.id is `<category>/`.
import * as fs from "fs";
import * as path from "path";
import AjvDraft04 from "ajv-draft-04";
import addFormats from "ajv-formats";
import type { Log } from "sarif";

const SCHEMA = path.resolve(__dirname, "..", "fixtures", "sarif", "sarif-2.1.0-rtm.5.json");

/** Schema errors, [] when valid. */
export function sarifSchemaErrors(log: unknown): unknown[] {
    // unicodeRegExp: false because one pattern of the published schema is not a valid unicode-mode regexp.
    const ajv = new AjvDraft04({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(fs.readFileSync(SCHEMA, "utf8")) as object);
    return validate(log) ? [] : (validate.errors ?? []);
}

function score(v: unknown): boolean {
    const n = typeof v === "string" ? Number(v) : NaN;
    return Number.isFinite(n) && n >= 0.1 && n <= 10;
}

/** What GitHub would reject or show wrong, one line each; [] when fine. */
export function githubProblems(log: Log, repoRoot: string): string[] {
    const problems: string[] = [];
    log.runs.forEach((run, r) => {
        const rules = run.tool.driver.rules ?? [];
        const ids = rules.map((x) => x.id);
        const id = run.automationDetails?.id;
        if (id !== undefined && !id.endsWith("/")) problems.push(`runs[${r}].automationDetails.id ${id} has no trailing /: GitHub would take part of it as a run id`);
        rules.forEach((rule) => {
            const s: unknown = rule.properties?.["security-severity"];
            if (s !== undefined && !score(s)) problems.push(`rule ${rule.id}: security-severity ${typeof s === "string" ? s : JSON.stringify(s)} is not a number in 0.1-10`);
        });
        (run.results ?? []).forEach((res, i) => {
            const at = `runs[${r}].results[${i}] (${res.ruleId})`;
            if (!res.ruleId || !ids.includes(res.ruleId)) problems.push(`${at}: ruleId is not a rule of the driver`);
            if (res.ruleIndex !== undefined && ids[res.ruleIndex] !== res.ruleId) problems.push(`${at}: ruleIndex ${res.ruleIndex} names another rule`);
            const text = res.message.text ?? "";
            const title = text.split("\n")[0];
            if (!title!.trim()) problems.push(`${at}: empty message`);
            const rule = rules.find((x) => x.id === res.ruleId);
            if (rule && title === rule.shortDescription?.text) problems.push(`${at}: the alert title is the rule's description, not the finding`);
            const uri = res.locations?.[0]?.physicalLocation?.artifactLocation?.uri;
            if (!uri) problems.push(`${at}: no file location`);
            else if (/^[a-z]+:/i.test(uri) || uri.startsWith("/") || uri.split("/").includes("..")) problems.push(`${at}: ${uri} is not relative to the repository root`);
            else if (!fs.existsSync(path.join(repoRoot, uri))) problems.push(`${at}: ${uri} does not exist in the repository`);
            const line = res.locations?.[0]?.physicalLocation?.region?.startLine;
            if (line !== undefined && line < 1) problems.push(`${at}: startLine ${line}`);
        });
    });
    return problems;
}
