// The pipeline files under examples/ci/ (docs/ci.md) must work as written: every command calls a
// real npm script or the Pulumi CLI with real paths of this repository, the GitHub action gets only
// inputs it documents, the policy configs pass the pack's schemas, and each scan step, run as the
// pipeline runs it, writes a report its consumer can read.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import Ajv from "ajv";
import * as yaml from "js-yaml";
import type { Log } from "sarif";
import { describe, expect, it } from "vitest";
import { policies } from "../../policies";
import { resolveConfig } from "../../tools/engine/config";
import type { AnalyzerInfo, PolicyInfo } from "../../tools/engine/types";
import { githubProblems, sarifSchemaErrors } from "../helpers/sarif";

const ROOT = path.resolve(__dirname, "..", "..");
const SCRIPTS = Object.keys((JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts);

/**
 * Inputs of pulumi/actions (action.yml and src/config.ts of pulumi/actions v5-v7). The action
 * ignores unknown inputs with only a warning, so a misspelt `policyPack` would silently run no pack.
 */
const ACTION_INPUTS = new Set([
    "command",
    "stack-name",
    "work-dir",
    "policyPacks",
    "policyPackConfigs",
    "upsert",
    "refresh",
    "comment-on-pr",
    "comment-on-summary",
    "edit-pr-comment",
    "github-token",
    "cloud-url",
    "secrets-provider",
    "pulumi-version",
    "config-map",
    "parallel",
    "message",
    "expect-no-changes",
    "diff",
    "color",
]);
const REQUIRED_ACTION_INPUTS = ["command", "stack-name", "work-dir", "policyPacks", "policyPackConfigs"];

interface Step {
    name?: string;
    id?: string;
    uses?: string;
    run?: string;
    if?: string;
    "continue-on-error"?: boolean;
    with?: Record<string, unknown>;
}
interface GithubJob {
    permissions?: Record<string, string>;
    steps: Step[];
}
interface Workflow {
    on: unknown;
    permissions?: Record<string, string>;
    jobs: Record<string, GithubJob>;
}
interface GitlabJob {
    stage: string;
    image: string;
    script: string[];
    artifacts?: { when?: string; paths?: string[]; reports?: Record<string, string> };
}

function load<T>(file: string): T {
    return yaml.load(fs.readFileSync(path.join(ROOT, "examples", "ci", file), "utf8")) as T;
}

const workflow = load<Workflow>("github-actions.yml");
const gitlab = load<Record<string, unknown>>("gitlab-ci.yml");
const GITLAB_KEYWORDS = new Set(["stages", "variables", "default", "include", "workflow", "image", "services", "cache", "before_script", "after_script"]);
const gitlabJobs = Object.entries(gitlab).filter(([k]) => !GITLAB_KEYWORDS.has(k) && !k.startsWith(".")) as [string, GitlabJob][];

/** Paths as the pipelines spell the checkout directory, mapped to this repository. */
function resolvePath(p: string): string {
    const expanded = p.replace(/\$\{\{\s*github\.workspace\s*\}\}/g, ROOT).replace(/\$\{?CI_PROJECT_DIR\}?/g, ROOT);
    return path.resolve(ROOT, expanded);
}

/** Splits a shell command into words (double and single quotes), keeping `>` as a word. */
export function words(command: string): string[] {
    const out: string[] = [];
    for (const m of command.matchAll(/"([^"]*)"|'([^']*)'|(>)|([^\s"'>]+)/g)) out.push(m[1] ?? m[2] ?? m[3] ?? m[4]!);
    return out;
}

function flag(ws: string[], name: string): string | undefined {
    const i = ws.indexOf(name);
    return i >= 0 ? ws[i + 1] : undefined;
}

const info: AnalyzerInfo = {
    name: "china-compliance",
    version: "0.0.0",
    policies: policies.map(
        (p): PolicyInfo => ({
            name: p.name,
            description: p.description,
            enforcementLevel: p.enforcementLevel ?? "advisory",
            type: "validateStack" in p ? "stack" : "resource",
            configSchema: { properties: p.configSchema?.properties ?? {}, required: [] },
            tags: p.tags ?? [],
        }),
    ),
};

/** Problems with one config file: missing, not JSON, or rejected by the pack's schemas. */
function configProblem(file: string): string | undefined {
    if (!fs.existsSync(file)) return `${file}: no such file`;
    try {
        resolveConfig(info, JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown>);
        return undefined;
    } catch (e) {
        return `${file}: ${(e as Error).message}`;
    }
}

function isProgram(dir: string): boolean {
    return fs.existsSync(path.join(dir, "Pulumi.yaml"));
}

function isPack(dir: string): boolean {
    return fs.existsSync(path.join(dir, "PulumiPolicy.yaml")) && fs.existsSync(path.join(dir, "package.json"));
}

/** scan options that take a value (the target is the word that is neither an option nor its value). */
const VALUED = ["--config", "--format", "-o", "--stack", "--output-file-path", "--sarif-category", "--repo-root", "--check", "--skip-check", "--baseline", "--lang", "--soft-fail-on", "--hard-fail-on", "--pack", "--timeout"];
const FORMAT_EXTENSIONS: Record<string, string> = { text: ".txt", json: ".json", sarif: ".sarif", junitxml: ".xml", codequality: ".json" };

/** Problems with one shell command of a pipeline; [] when it would run here as written. */
export function commandProblems(command: string): string[] {
    const ws = words(command);
    const problems: string[] = [];
    if (ws[0] === "npm" && ws[1] === "ci" && ws.length === 2) return [];
    if (ws[0] === "exit") return [];
    if (ws[0] === "npm" && ws[1] === "run") {
        const silent = ws.includes("--silent") || ws.includes("-s");
        const script = ws.slice(2).find((w) => !w.startsWith("-"));
        if (!script || !SCRIPTS.includes(script)) return [`${command}: no npm script ${script ?? "(none)"} in package.json`];
        const args = ws.slice(ws.indexOf("--") + 1);
        const redirect = args.indexOf(">");
        const target = args.find((w, i) => !w.startsWith("-") && (redirect < 0 || i !== redirect + 1) && !VALUED.includes(args[i - 1]!) && w !== ">");
        if (script === "scan") {
            if (!target || !isProgram(resolvePath(target))) problems.push(`${command}: ${target} is not a Pulumi program directory`);
            const config = flag(args, "--config");
            if (config) problems.push(...[configProblem(resolvePath(config))].filter((p): p is string => p !== undefined));
            const formats = (flag(args, "--format") ?? "text").split(",");
            for (const f of formats) if (!FORMAT_EXTENSIONS[f]) problems.push(`${command}: unknown format ${f}`);
            const files = flag(args, "--output-file-path")?.split(",");
            if (files && files.length !== formats.length) problems.push(`${command}: ${files.length} output files for ${formats.length} formats`);
            files?.forEach((file, i) => {
                if (file !== "console" && FORMAT_EXTENSIONS[formats[i]!] && !file.endsWith(FORMAT_EXTENSIONS[formats[i]!]!)) problems.push(`${command}: writes ${formats[i]} to ${file}`);
            });
            if (redirect >= 0 && !silent) problems.push(`${command}: without --silent, npm's banner ends up in the redirected file`);
            if (redirect >= 0 && formats.length === 1 && !args[redirect + 1]?.endsWith(FORMAT_EXTENSIONS[formats[0]!] ?? `.${formats[0]}`)) problems.push(`${command}: writes ${formats[0]} to ${args[redirect + 1]}`);
        }
        return problems;
    }
    if (ws[0] === "pulumi") {
        const cwd = flag(ws, "--cwd") ?? flag(ws, "-C");
        if (!cwd || !isProgram(resolvePath(cwd))) problems.push(`${command}: --cwd ${cwd} is not a Pulumi program directory`);
        if (ws[1] === "stack" && ws[2] === "select") {
            const stack = ws[3];
            if (cwd && !fs.existsSync(path.join(resolvePath(cwd), `Pulumi.${stack}.yaml`))) problems.push(`${command}: no Pulumi.${stack}.yaml in ${cwd}`);
        } else if (ws[1] === "preview") {
            const pack = flag(ws, "--policy-pack");
            if (!pack || !isPack(resolvePath(pack))) problems.push(`${command}: --policy-pack ${pack} is not a policy pack directory`);
            const config = flag(ws, "--policy-pack-config");
            if (config) problems.push(...[configProblem(resolvePath(config))].filter((p): p is string => p !== undefined));
        } else {
            problems.push(`${command}: unexpected pulumi command`);
        }
        return problems;
    }
    return [`${command}: not a command this test knows how to check`];
}

/**
 * Runs a scan command of a pipeline in this repository as written, its reports (the redirected
 * stdout, or the --output-file-path files) going to a temporary directory; returns them by file name.
 */
function runScan(command: string): { status: number | null; reports: Record<string, string> } {
    const ws = words(command);
    const redirect = ws.indexOf(">");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ci-test-"));
    const args = ws.slice(1, redirect >= 0 ? redirect : undefined);
    const out = args.indexOf("--output-file-path");
    const files = out >= 0 ? args[out + 1]!.split(",") : [];
    if (out >= 0) args[out + 1] = files.map((f) => (f === "console" ? f : path.join(dir, f))).join(",");
    const npm = process.platform === "win32" ? "npm.cmd" : "npm";
    const run = spawnSync(npm, args, { cwd: ROOT, encoding: "utf8", timeout: 180_000 });
    const reports: Record<string, string> = {};
    if (redirect >= 0) reports[ws[redirect + 1]!] = run.stdout ?? "";
    for (const f of files.filter((x) => x !== "console")) reports[f] = fs.existsSync(path.join(dir, f)) ? fs.readFileSync(path.join(dir, f), "utf8") : "";
    fs.rmSync(dir, { recursive: true, force: true });
    return { status: run.status, reports };
}

describe("the shell-word splitter", () => {
    it("keeps quoted paths and redirections", () => {
        expect(words(`pulumi preview --policy-pack "$CI_PROJECT_DIR" --policy-pack-config '$X/a b.json' > out.json`)).toEqual([
            "pulumi",
            "preview",
            "--policy-pack",
            "$CI_PROJECT_DIR",
            "--policy-pack-config",
            "$X/a b.json",
            ">",
            "out.json",
        ]);
    });

    it.each([
        ["npm run --silent scan -- examples/nowhere --format json > r.json", /not a Pulumi program directory/],
        ["npm run scan -- examples/aws-compliant --format sarif > r.sarif", /banner/],
        ["npm run --silent scan -- examples/aws-compliant --format sarif > r.json", /writes sarif to r.json/],
        ["npm run scan -- examples/aws-compliant --format sarif,json --output-file-path r.json,r.sarif", /writes sarif to r.json/],
        ["npm run scan -- examples/aws-compliant --format sarif,json --output-file-path r.sarif", /1 output files for 2 formats/],
        ["npm run scan -- examples/aws-compliant --format sarif,html", /unknown format html/],
        ["npm run lint-all", /no npm script lint-all/],
        ["npm run --silent scan -- examples/aws-compliant --config examples/config/missing.json", /no such file/],
        ["pulumi preview --cwd examples/aws-compliant --policy-pack examples", /not a policy pack directory/],
        ["curl https://example.com | sh", /not a command/],
    ])("rejects %s", (command, problem) => {
        expect(commandProblems(command).join("\n")).toMatch(problem);
    });
});

describe("examples/ci/policy configs", () => {
    it.each(fs.readdirSync(path.join(ROOT, "examples", "ci")).filter((f) => f.endsWith(".json")))("%s passes the pack's config schemas", (file) => {
        expect(configProblem(path.join(ROOT, "examples", "ci", file))).toBeUndefined();
    });

    it("the check rejects a config the engine would reject", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ci-test-"));
        const file = path.join(dir, "bad.json");
        fs.writeFileSync(file, JSON.stringify({ "log-retention-minimum": { minimumRetentionDays: 30000 } }));
        expect(configProblem(file)).toMatch(/log-retention-minimum/);
        fs.rmSync(dir, { recursive: true, force: true });
    });
});

describe("examples/ci/github-actions.yml", () => {
    const steps = Object.entries(workflow.jobs).flatMap(([job, j]) => j.steps.map((s) => ({ job, step: s })));

    it("runs only real npm scripts and paths", () => {
        const commands = steps.flatMap(({ step }) => (step.run ? step.run.split("\n").filter((l) => l.trim() && !l.trim().startsWith("#")) : []));
        expect(commands.length).toBeGreaterThan(0);
        expect(commands.flatMap(commandProblems)).toEqual([]);
    });

    it("installs the pack before using it in every job", () => {
        for (const [job, j] of Object.entries(workflow.jobs)) {
            const install = j.steps.findIndex((s) => s.run === "npm ci");
            const use = j.steps.findIndex((s) => s.uses?.startsWith("pulumi/actions@") || s.run?.includes("npm run"));
            expect(install, job).toBeGreaterThanOrEqual(0);
            expect(install, job).toBeLessThan(use);
        }
    });

    it("is a valid workflow by SchemaStore's GitHub workflow schema", () => {
        const schema = JSON.parse(fs.readFileSync(path.join(ROOT, "test", "fixtures", "github-workflow", "github-workflow.json"), "utf8")) as object;
        const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
        expect(validate(workflow) ? [] : validate.errors).toEqual([]);
        // The check can fail: an unknown key and a permission that does not exist are rejected.
        expect(validate({ ...workflow, permissons: {} })).toBe(false);
        expect(validate({ ...workflow, permissions: { "security-event": "write" } })).toBe(false);
    });

    it("previews with pulumi/actions@v7, its documented inputs, a real stack, pack and config", () => {
        const actions = steps.filter(({ step }) => step.uses === "pulumi/actions@v7");
        expect(actions).toHaveLength(1);
        const inputs = actions[0]!.step.with ?? {};
        for (const key of REQUIRED_ACTION_INPUTS) expect(Object.keys(inputs)).toContain(key);
        expect(Object.keys(inputs).filter((k) => !ACTION_INPUTS.has(k))).toEqual([]);
        expect(inputs.command).toBe("preview");
        const workDir = resolvePath(String(inputs["work-dir"]));
        expect(isProgram(workDir)).toBe(true);
        expect(fs.existsSync(path.join(workDir, `Pulumi.${String(inputs["stack-name"])}.yaml`))).toBe(true);
        // Newline- or semicolon-separated lists; the n-th config goes with the n-th pack.
        const list = (v: unknown) => String(v).split(/[\n;]/).map((s) => s.trim()).filter(Boolean);
        const packs = list(inputs.policyPacks);
        const configs = list(inputs.policyPackConfigs);
        expect(packs.length).toBeGreaterThan(0);
        expect(configs.length).toBe(packs.length);
        for (const p of packs) expect(isPack(resolvePath(p)), p).toBe(true);
        for (const c of configs) expect(configProblem(resolvePath(c))).toBeUndefined();
    });

    const uploads = steps.filter(({ step }) => step.uses === "github/codeql-action/upload-sarif@v4");
    const scanStep = (job: string) => workflow.jobs[job]!.steps.find((s) => s.run?.includes("--format sarif"));

    it("uploads the file the scan writes to code scanning, even when the scan finds mandatory violations", () => {
        expect(uploads).toHaveLength(1);
        const { job, step } = uploads[0]!;
        const scan = scanStep(job);
        expect(step.with?.sarif_file).toBe(flag(words(scan?.run ?? ""), "--output-file-path"));
        // A mandatory finding (exit 1) must not stop the upload; a later step fails the job.
        expect(scan?.["continue-on-error"]).toBe(true);
        expect(step.if).toBe("always()");
        expect(workflow.jobs[job]!.steps.some((s) => s.if === `steps.${scan?.id}.outcome == 'failure'` && s.run === "exit 1")).toBe(true);
        // security-events to write alerts; actions to read the run, which private repositories require.
        expect(workflow.jobs[job]!.permissions).toMatchObject({ "security-events": "write", actions: "read" });
    });

    it("its scan step, run as written, writes SARIF that GitHub ingests, filed under the upload's category", () => {
        const { job, step } = uploads[0]!;
        const run = scanStep(job)?.run ?? "";
        const { status, reports } = runScan(run);
        expect(status).toBe(0);
        const log = JSON.parse(reports[String(step.with?.sarif_file)]!) as Log;
        expect(sarifSchemaErrors(log)).toEqual([]);
        expect(githubProblems(log, ROOT)).toEqual([]);
        // upload-sarif keeps the file's automationDetails.id; its category input must say the same.
        expect(log.runs.map((r) => r.automationDetails?.id)).toEqual([`${String(step.with?.category)}/`]);
    });
});

describe("examples/ci/gitlab-ci.yml", () => {
    it("has a preview job and a scan job in a declared stage", () => {
        expect(gitlabJobs.map(([name]) => name).sort()).toEqual(["preview", "scan"]);
        for (const [, job] of gitlabJobs) expect(gitlab.stages).toContain(job.stage);
    });

    it("runs only real npm scripts and paths", () => {
        const commands = gitlabJobs.flatMap(([, job]) => job.script);
        expect(commands.flatMap(commandProblems)).toEqual([]);
    });

    it("previews with --policy-pack and --policy-pack-config after installing the pack", () => {
        const script = gitlabJobs.find(([name]) => name === "preview")?.[1].script ?? [];
        const preview = script.findIndex((c) => /^pulumi preview .*--policy-pack .*--policy-pack-config /.test(c));
        expect(preview).toBeGreaterThan(script.indexOf("npm ci"));
        expect(script.indexOf("npm ci")).toBeGreaterThanOrEqual(0);
    });

    it("publishes Code Quality and JUnit reports, kept even when the job fails, each written by the scan as GitLab reads it", () => {
        const job = gitlabJobs.find(([name]) => name === "scan")?.[1];
        const scan = job?.script.find((c) => c.includes("npm run") && c.includes("scan")) ?? "";
        const ws = words(scan);
        const formats = (flag(ws, "--format") ?? "").split(",");
        const files = (flag(ws, "--output-file-path") ?? "").split(",");
        const fileOf = (format: string) => files[formats.indexOf(format)];
        expect(job?.artifacts?.when).toBe("always");
        expect(job?.artifacts?.reports).toEqual({ codequality: fileOf("codequality"), junit: fileOf("junitxml") });
        for (const f of files) expect(job?.artifacts?.paths).toContain(f);
        const { status, reports } = runScan(scan);
        expect(status).toBe(0);
        const issues = JSON.parse(reports[fileOf("codequality")!]!) as Record<string, unknown>[];
        expect(Array.isArray(issues)).toBe(true);
        for (const i of issues) {
            const where = i.location as { path?: unknown; lines?: { begin?: unknown } } | undefined;
            expect([typeof i.description, typeof i.check_name, typeof i.fingerprint, typeof where?.path, typeof where?.lines?.begin]).toEqual(["string", "string", "string", "string", "number"]);
        }
        expect(reports[fileOf("junitxml")!]).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites name="china-compliance-scan" tests="\d+" failures="0"/);
        expect(Array.isArray((JSON.parse(reports[fileOf("json")!]!) as { findings: unknown[] }).findings)).toBe(true);
    });
});
