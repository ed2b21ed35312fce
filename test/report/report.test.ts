// The assessor's report: passed checks in scan's JSON, the report's counts and sections, escaping
// of user input, no secret values, and the event-log reader.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { under } from "../../tools/report/coverage";
import { parseEventLog } from "../../tools/report/event-log";
import { escapeHtml } from "../../tools/report/html";
import { configHash, parseMessage } from "../../tools/report/model";
import { CLI, EXPORTS, ROOT } from "../tools/helpers";

function scanTo(target: string, formats: string, extra: string[] = []): { dir: string; code: number | null; stderr: string } {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "report-test-"));
    const r = spawnSync(process.execPath, [CLI, target, "--format", formats, "--output-file-path", dir + "/", ...extra], { cwd: ROOT, encoding: "utf8" });
    return { dir, code: r.status, stderr: r.stderr };
}

interface JsonOut {
    findings: { policyName: string; resourceName: string }[];
    passed: { policyName: string; resources: { resourceName: string; resourceType: string }[] }[];
}

describe("passed checks in scan's JSON", () => {
    const { dir } = scanTo("examples/aws-noncompliant", "json,html");
    const out = JSON.parse(fs.readFileSync(path.join(dir, "results_json.json"), "utf8")) as JsonOut;
    const passed = (policy: string): string[] => (out.passed.find((p) => p.policyName === policy)?.resources ?? []).map((r) => r.resourceName).sort();

    it("lists a log group kept 365 days as passing log-retention-minimum, not the 30-day or the exempted 7-day one", () => {
        // examples/aws-noncompliant/logging.ts: app-logs 30 days, debug-logs 7 days (exempted by tag), vpc-flow-logs 365 days.
        expect(passed("log-retention-minimum")).toEqual(["vpc-flow-logs"]);
    });

    it("never lists a resource both as passed and as failed for one policy", () => {
        for (const p of out.passed) {
            const failed = new Set(out.findings.filter((f) => f.policyName === p.policyName).map((f) => f.resourceName));
            for (const r of p.resources) expect(failed.has(r.resourceName), `${p.policyName} ${r.resourceName}`).toBe(false);
        }
    });

    it("lists only resources of the types the policy reads", () => {
        const controls = (require(path.join(ROOT, "dist", "policies", "index.js")) as { controls: { metadata: { name: string; resourceTypes: string[] } }[] }).controls;
        for (const p of out.passed) {
            const types = controls.find((c) => c.metadata.name === p.policyName)?.metadata.resourceTypes ?? [];
            for (const r of p.resources) expect(types).toContain(r.resourceType);
        }
    });

    it("is left out of the text output", () => {
        const r = spawnSync(process.execPath, [CLI, "examples/aws-noncompliant"], { cwd: ROOT, encoding: "utf8" });
        expect(r.stdout).toContain("log-retention-minimum");
        expect(r.stdout).not.toMatch(/\bpassed\b|符合/i);
    });

    it("the html report names the register's exempted resource and the clause sections", () => {
        const page = fs.readFileSync(path.join(dir, "results_html.html"), "utf8");
        const register = page.slice(page.indexOf('id="exemptions"'), page.indexOf('id="coverage"'));
        expect(register).toContain("debug-logs");
        expect(register).toContain("ticket SEC-142");
        expect(page).toContain('data-clause="mlps-8.1.4.3"');
        expect(page).toContain("不是等级保护测评结论");
        // Self-contained: no script, no remote URL of any kind.
        expect(page).not.toMatch(/<script|<link|src=|https?:\/\//i);
    });
});

describe("user input on the page", () => {
    const hostile = `<img src=x onerror=alert(1)>"'&`;
    const exported = JSON.parse(fs.readFileSync(path.join(EXPORTS, "aws-small.json"), "utf8")) as { deployment: { resources: { urn: string; inputs?: Record<string, unknown> }[] } };
    for (const r of exported.deployment.resources) {
        if (r.urn.endsWith("::short-retention")) {
            r.urn = r.urn.replace(/short-retention$/, hostile);
            r.inputs = { ...r.inputs, tags: { ...(r.inputs?.tags as object), "compliance:exempt": "log-retention-minimum", "compliance:exempt-reason": `<b>approved</b> ${hostile}` } };
        }
    }
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "report-hostile-")), "export.json");
    fs.writeFileSync(file, JSON.stringify(exported));
    const { dir, stderr } = scanTo(file, "html");
    const page = fs.readFileSync(path.join(dir, "results_html.html"), "utf8");

    it("is escaped wherever it is printed: resource name and exemption reason", () => {
        expect(stderr).toContain("wrote html");
        expect(page).not.toContain("<img");
        expect(page).not.toContain("<b>approved");
        expect(page).toContain(escapeHtml(hostile));
        expect(page).toContain(`&lt;b&gt;approved&lt;/b&gt; ${escapeHtml(hostile)}`);
    });

    it("never shows a secret value (the long-retention log group's owner tag is a secret)", () => {
        expect(fs.readFileSync(path.join(EXPORTS, "aws-small.json"), "utf8")).toContain("platform-team");
        expect(page).not.toContain("platform-team");
    });
});

describe("pieces", () => {
    it("escapeHtml escapes the five characters HTML gives meaning", () => {
        expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
    });

    it("parseMessage takes the found value and the change from a finding's lines", () => {
        const m = parseMessage(
            "Log stores keep logs.\nCloudWatch log group \"app-logs\": found 30 days; required at least 180 days. Change `retentionInDays`. Compliance basis: Cybersecurity Law Art. 23(3).\nCloudWatch 日志组“app-logs”：当前：30 天；要求：至少保留 180 天。请修改 `retentionInDays`。合规依据：《中华人民共和国网络安全法》第二十三条第三项。",
        );
        expect(m.found).toEqual({ en: "30 days", zh: "30 天" });
        expect(m.fix).toEqual({ en: "Change `retentionInDays`.", zh: "请修改 `retentionInDays`。" });
    });

    it("a cited clause falls under its requirement row only", () => {
        expect(under("8.1.4.3 a)–d)", "8.1.4.3")).toBe(true);
        expect(under("8.1.10.5", "8.1.10")).toBe(true);
        expect(under("8.1.10.5", "8.1.1")).toBe(false);
        expect(under("8.2.4.5 d)", "8.2.4.5")).toBe(true);
    });

    it("the configuration hash does not depend on key order", () => {
        const a = configHash({ x: { enforcementLevel: "advisory", properties: { a: 1, b: 2 } } });
        const b = configHash({ x: { properties: { b: 2, a: 1 }, enforcementLevel: "advisory" } });
        expect(a).toBe(b);
        expect(a).not.toBe(configHash({ x: { enforcementLevel: "mandatory", properties: { a: 1, b: 2 } } }));
    });
});

describe("the event-log reader", () => {
    const urn = "urn:pulumi:dev::proj::aws:cloudwatch/logGroup:LogGroup::app-logs";
    const pre = { sequence: 1, timestamp: 1, resourcePreEvent: { metadata: { op: "create", urn, type: "aws:cloudwatch/logGroup:LogGroup", new: { urn, type: "aws:cloudwatch/logGroup:LogGroup", custom: true, inputs: { retentionInDays: 30 } } } } };
    const policy = { sequence: 2, timestamp: 1, policyEvent: { resourceUrn: urn, message: "desc\nEN\nZH", color: "raw", policyName: "log-retention-minimum", policyPackName: "china-compliance", policyPackVersion: "0.1.0", policyPackVersionTag: "0.1.0", enforcementLevel: "mandatory" } };

    it("reads resources from resourcePreEvents and findings from policyEvents", () => {
        const run = parseEventLog([pre, policy].map((e) => JSON.stringify(e)).join("\n") + "\n", "log.jsonl");
        expect(run.project).toBe("proj");
        expect(run.stack).toBe("dev");
        expect(run.resources.map((r) => [r.name, r.properties])).toEqual([["app-logs", { retentionInDays: 30 }]]);
        expect(run.findings).toEqual([{ policyName: "log-retention-minimum", policyPackName: "china-compliance", policyPackVersion: "0.1.0", description: "desc", message: "desc\nEN\nZH", enforcementLevel: "mandatory", urn }]);
    });

    it("tolerates a cut-off last line, and names the line of any other bad one", () => {
        const good = JSON.stringify(pre);
        expect(parseEventLog(`${good}\n{"sequence": 2, "poli`, "log.jsonl").resources).toHaveLength(1);
        expect(() => parseEventLog(`${good}\nnot json\n${good}\n`, "log.jsonl")).toThrow("log.jsonl:2: not a JSON engine event (is this a pulumi --event-log file?)");
        expect(() => parseEventLog(JSON.stringify(policy), "log.jsonl")).toThrow("log.jsonl: no resourcePreEvent: not the event log of a pulumi preview");
    });

    it("the report command says what is wrong in one line", () => {
        const r = spawnSync(process.execPath, [path.join(ROOT, "dist", "tools", "report", "cli.js"), "no-such.jsonl", "--output-file-path", "x.html"], { cwd: os.tmpdir(), encoding: "utf8" });
        expect(r.status).toBe(2);
        expect(r.stderr).toMatch(/^report: cannot read event log \S+no-such\.jsonl \(ENOENT\)\n$/);
    });

    it("an empty --config file is an error, as in scan, not a report against the defaults", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "report-config-"));
        fs.writeFileSync(path.join(dir, "log.jsonl"), [pre, policy].map((e) => JSON.stringify(e)).join("\n") + "\n");
        fs.writeFileSync(path.join(dir, "empty.json"), "\n");
        const r = spawnSync(process.execPath, [path.join(ROOT, "dist", "tools", "report", "cli.js"), "log.jsonl", "--config", "empty.json", "--output-file-path", "r.html"], { cwd: dir, encoding: "utf8" });
        expect(r.stderr).toBe(`report: invalid policy config: ${path.join(fs.realpathSync(dir), "empty.json")}: the file is empty; write a JSON object (\`{}\` for the defaults) or leave out --config\n`);
        expect(r.status).toBe(2);
        expect(fs.existsSync(path.join(dir, "r.html"))).toBe(false);
    });
});
