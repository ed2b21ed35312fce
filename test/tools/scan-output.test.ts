// scan's selection and output pieces without processes: message languages, --check/--skip-check,
// the fail options, baselines, output planning, colour, progress, exemptions in the report, and
// the SARIF, JUnit, Code Quality and text renderings of one report.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { pathToFileURL } from "url";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import type { Log } from "sarif";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { AnalyzerInfo, EngineResource, Finding, PolicyInfo } from "../../tools/engine/types";
import { colourEnabled } from "../../tools/scan/colour";
import { type SelectionOptions, buildSelection, findingExemption, readBaseline, reportedFindings, toBaseline } from "../../tools/scan/findings";
import { codeQualitySeverity, toCodeQuality } from "../../tools/scan/format-codequality";
import { formatJunit, xmlEscape } from "../../tools/scan/format-junit";
import { securitySeverity, toSarif } from "../../tools/scan/format-sarif";
import { formatText } from "../../tools/scan/format-text";
import { findingText, fullText, isChinese } from "../../tools/scan/message";
import { informationUri, policyDocUri, readPackageInfo } from "../../tools/scan/package-info";
import { startProgress } from "../../tools/scan/progress";
import { gitTopLevel, repoRelative } from "../../tools/scan/repo";
import { type ScanReport, resolveFindings } from "../../tools/scan/report";
import { CONSOLE, planOutputs } from "../../tools/scan/scan";
import { githubProblems } from "../helpers/sarif";
import { userError } from "./helpers";

const tmp = (): string => fs.mkdtempSync(path.join(os.tmpdir(), "scan-output-"));

const DESCRIPTION = "Log stores keep network logs for at least the minimum retention.";
const EN = 'CloudWatch log group "app-logs": found 30 days; required at least 180 days. Change `retentionInDays`.';
const ZH = "CloudWatch 日志组“app-logs”：当前：30 天；要求：至少保留 180 天。请修改 `retentionInDays`。";
const NOTE_EN = "Exempted (reported as advisory) by the resource's compliance:exempt tag; reason: 调试日志 approved by SEC-7";
const NOTE_ZH = "已豁免（以建议级别报告），依据：资源标签 compliance:exempt；理由：调试日志 approved by SEC-7";

describe("message lines", () => {
    it.each([
        [EN, false],
        [ZH, true],
        ['CloudWatch log group "日志": found 30 days', false],
        [NOTE_EN, false],
        [NOTE_ZH, true],
        ["EBS 卷“batch-cache”：当前：未设置", true],
    ])("isChinese(%j) = %s", (line, zh) => expect(isChinese(line)).toBe(zh));

    const f = { description: DESCRIPTION, message: [DESCRIPTION, EN, ZH, NOTE_EN, NOTE_ZH].join("\n") };
    it("the finding first, without the description, in the chosen language", () => {
        expect(findingText(f)).toEqual([EN, ZH, NOTE_EN, NOTE_ZH]);
        expect(findingText(f, "en")).toEqual([EN, NOTE_EN]);
        expect(findingText(f, "zh")).toEqual([ZH, NOTE_ZH]);
    });

    it("the whole message for text: the description stays with English", () => {
        expect(fullText(f)).toEqual([DESCRIPTION, EN, ZH, NOTE_EN, NOTE_ZH]);
        expect(fullText(f, "en")).toEqual([DESCRIPTION, EN, NOTE_EN]);
        expect(fullText(f, "zh")).toEqual([ZH, NOTE_ZH]);
    });

    it("a message with nothing in the wanted language is shown whole", () => {
        expect(findingText({ description: "d", message: "d\nfound 7 days" }, "zh")).toEqual(["found 7 days"]);
    });
});

const policy = (name: string, enforcementLevel: PolicyInfo["enforcementLevel"], severity: PolicyInfo["severity"]): PolicyInfo => ({ name, description: `${name} description`, enforcementLevel, severity, type: "resource", tags: ["logging"] });
const POLICIES = [policy("log-retention-minimum", "mandatory", "high"), policy("audit-trail-present", "advisory", "medium"), policy("disks-encrypted", "mandatory", "critical"), policy("subnet-acl", "mandatory", "low")];
const INFO: AnalyzerInfo = { name: "china-compliance", version: "0.1.0", policies: POLICIES };
const STACK_URN = "urn:pulumi:dev::web::pulumi:pulumi:Stack::web-dev";
const urn = (type: string, name: string) => `urn:pulumi:dev::web::${type}::${name}`;
const LOG_TYPE = "aws:cloudwatch/logGroup:LogGroup";

function res(name: string, type = LOG_TYPE, properties: Record<string, unknown> = {}, source?: { file: string; line: number }): EngineResource {
    return {
        urn: urn(type, name),
        type,
        name,
        custom: true,
        properties,
        dependencies: [],
        propertyDependencies: {},
        ...(source ? { source: { uri: pathToFileURL(source.file).href, line: source.line, column: 3 } } : {}),
    };
}

function finding(policyName: string, level: Finding["enforcementLevel"], resourceUrn: string | undefined, lines: string[]): Finding {
    const p = POLICIES.find((x) => x.name === policyName)!;
    return { policyName, policyPackName: "china-compliance", policyPackVersion: "0.1.0", description: p.description, message: [p.description, ...lines].join("\n"), enforcementLevel: level, severity: p.severity, urn: resourceUrn };
}

const ROOT_DIR = "/repo";
const PROGRAM = "/repo/infra";
const TAGS = { "compliance:exempt": "log-retention-minimum", "compliance:exempt-reason": "debug logs, SEC-7" };
const RESOURCES: EngineResource[] = [
    { urn: STACK_URN, type: "pulumi:pulumi:Stack", name: "web-dev", custom: false, properties: {}, dependencies: [], propertyDependencies: {} },
    res("app-logs", LOG_TYPE, { retentionInDays: 30 }, { file: "/repo/infra/logging.ts", line: 8 }),
    res("debug-logs", LOG_TYPE, { retentionInDays: 7, tags: TAGS }, { file: "/repo/infra/logging.ts", line: 12 }),
    res("disk", "aws:ebs/volume:Volume", {}, { file: "/repo/infra/disks.ts", line: 3 }),
    res("subnet", "aws:ec2/subnet:Subnet", {}, { file: "/repo/infra/net.ts", line: 5 }),
];
const NOTE = "Exempted (reported as advisory) by the resource's compliance:exempt tag; reason: debug logs, SEC-7\n已豁免（以建议级别报告），依据：资源标签 compliance:exempt；理由：debug logs, SEC-7";
const FINDINGS: Finding[] = [
    finding("log-retention-minimum", "mandatory", urn(LOG_TYPE, "app-logs"), ['CloudWatch log group "app-logs": found 30 days; required at least 180 days.', "CloudWatch 日志组“app-logs”：当前：30 天。"]),
    finding("log-retention-minimum", "advisory", urn(LOG_TYPE, "debug-logs"), ['CloudWatch log group "debug-logs": found 7 days; required at least 180 days.', "CloudWatch 日志组“debug-logs”：当前：7 天。", NOTE]),
    finding("disks-encrypted", "mandatory", urn("aws:ebs/volume:Volume", "disk"), ['EBS volume "disk": found unset; required encrypted.']),
    finding("subnet-acl", "mandatory", urn("aws:ec2/subnet:Subnet", "subnet"), ['subnet "subnet": found no network ACL.']),
    finding("audit-trail-present", "advisory", undefined, ["found no trail in this stack."]),
];

function report(extra: Partial<ScanReport> = {}): ScanReport {
    return {
        tool: { name: "china-compliance-scan", version: "0.1.0" },
        pack: { name: "china-compliance", version: "0.1.0", dir: "/pack" },
        target: { kind: "program", path: "infra", absolutePath: PROGRAM, project: "web", stack: "dev", entry: "/repo/infra/index.ts" },
        info: INFO,
        resources: RESOURCES,
        findings: FINDINGS,
        remediations: [],
        repoRoot: ROOT_DIR,
        ...extra,
    };
}

const NONE: SelectionOptions = { check: [], skipCheck: [], softFail: false, softFailOn: [], hardFailOn: [] };
const resolved = resolveFindings(report());
function failing(options: Partial<typeof NONE>): string[] {
    const r = report({ selection: buildSelection({ ...NONE, ...options }, POLICIES, resolved) });
    return reportedFindings(r)
        .filter((f) => f.fails)
        .map((f) => `${f.policyName}:${f.resourceName}`)
        .sort();
}

describe("exemptions in the report", () => {
    it("the pack's note plus the resource's tags give the exemption; no note, no exemption", () => {
        const fs_ = reportedFindings(report());
        expect(fs_.find((f) => f.resourceName === "debug-logs")?.exemption).toEqual({
            source: "tag",
            who: "the resource's compliance:exempt tag",
            pattern: null,
            reason: "debug logs, SEC-7",
            until: null,
            status: "active",
        });
        expect(fs_.filter((f) => f.exemption !== null)).toHaveLength(1);
        // The tags say exempt, but the pack did not apply it (another pack, say): not claimed.
        const other = resolveFindings(report()).find((f) => f.resourceName === "debug-logs")!;
        expect(findingExemption({ ...other, message: "no note" }, RESOURCES[2], undefined)).toBeNull();
    });

    it("a config pattern with an until that has passed: expired", () => {
        const f = resolveFindings(report()).find((x) => x.resourceName === "app-logs")!;
        const config = { "log-retention-minimum": { enforcementLevel: "mandatory" as const, properties: { exemptResources: [{ pattern: "app-*", reason: "OPS-1", until: "2020-01-01" }] } } };
        const note =
            'Exemption expired on 2020-01-01 (by policy config exemptResources pattern "app-*"; reason: OPS-1): reported at the policy\'s own level. Fix the resource, or renew the exemption with a new until.\n豁免已于 2020-01-01 到期（依据：策略配置 exemptResources 规则 "app-*"；理由：OPS-1），按策略本身的级别报告。请整改资源，或以新的 until 续期豁免。';
        expect(findingExemption({ ...f, message: `${f.message}\n${note}` }, RESOURCES[1], config)).toMatchObject({ source: "config", pattern: "app-*", until: "2020-01-01", status: "expired" });
    });
});

describe("which findings fail the run", () => {
    it("by default the mandatory ones; an exempted finding never", () => {
        expect(failing({})).toEqual(["disks-encrypted:disk", "log-retention-minimum:app-logs", "subnet-acl:subnet"]);
    });
    it("--soft-fail: none", () => expect(failing({ softFail: true })).toEqual([]));
    it("--soft-fail-on a severity: that or lower does not fail", () => {
        expect(failing({ softFailOn: ["high"] })).toEqual(["disks-encrypted:disk"]);
        expect(failing({ softFailOn: ["low"] })).toEqual(["disks-encrypted:disk", "log-retention-minimum:app-logs"]);
    });
    it("--soft-fail-on a policy or level", () => {
        expect(failing({ softFailOn: ["subnet-acl", "disks-encrypted"] })).toEqual(["log-retention-minimum:app-logs"]);
        expect(failing({ softFailOn: ["mandatory"] })).toEqual([]);
    });
    it("--hard-fail-on: only matches fail (severity: that or higher), at any level, exempted ones excepted", () => {
        expect(failing({ hardFailOn: ["critical"] })).toEqual(["disks-encrypted:disk"]);
        expect(failing({ hardFailOn: ["medium"] })).toEqual(["audit-trail-present:web-dev", "disks-encrypted:disk", "log-retention-minimum:app-logs"]);
        expect(failing({ hardFailOn: ["advisory"] })).toEqual(["audit-trail-present:web-dev"]);
        expect(failing({ hardFailOn: ["subnet-acl"], softFailOn: ["subnet-acl"] })).toEqual(["subnet-acl:subnet"]);
    });
    it("a term that is no level, severity or policy is bad input", () => {
        expect(userError(() => buildSelection({ ...NONE, hardFailOn: ["HIGH"] }, POLICIES, resolved))).toBe(
            "--hard-fail-on HIGH: not a level (mandatory, advisory), a severity (low, medium, high, critical) or a policy of the pack",
        );
    });
});

describe("--check and --skip-check", () => {
    const shown = (options: Partial<typeof NONE>) => [...new Set(reportedFindings(report({ selection: buildSelection({ ...NONE, ...options }, POLICIES, resolved) })).map((f) => f.policyName))].sort();
    it("select by name or glob", () => {
        expect(shown({ check: ["log-*"] })).toEqual(["log-retention-minimum"]);
        expect(shown({ check: ["log-*", "subnet-acl"] })).toEqual(["log-retention-minimum", "subnet-acl"]);
        expect(shown({ skipCheck: ["log-*", "audit-trail-present"] })).toEqual(["disks-encrypted", "subnet-acl"]);
        expect(shown({ check: ["*"], skipCheck: ["disks-*"] })).toEqual(["audit-trail-present", "log-retention-minimum", "subnet-acl"]);
    });
    it("a pattern matching no policy is bad input, not an empty report", () => {
        expect(userError(() => buildSelection({ ...NONE, check: ["log-retention-minimun"] }, POLICIES, resolved))).toBe("--check log-retention-minimun: matches no policy of the pack (see scan list)");
        expect(userError(() => buildSelection({ ...NONE, skipCheck: ["nope*"] }, POLICIES, resolved))).toBe("--skip-check nope*: matches no policy of the pack (see scan list)");
    });
});

describe("baselines", () => {
    it("by policy and URN: a baselined finding is neither shown nor failing; a new one is both", () => {
        const base = toBaseline(resolved.filter((f) => f.resourceName !== "disk"));
        expect(base.findings).toContainEqual({ policyName: "audit-trail-present", urn: STACK_URN });
        const selection = buildSelection({ ...NONE, baseline: base }, POLICIES, resolved);
        const r = report({ selection });
        expect(reportedFindings(r).map((f) => [f.resourceName, f.fails])).toEqual([["disk", true]]);
        expect(selection.baselined).toBe(4);
        expect(formatText(r, "/")).toMatch(/1 mandatory, 0 advisory findings on 1 resources; 4 in the baseline not shown\n$/);
    });

    it("a missing or malformed baseline is bad input, naming the file", () => {
        const dir = tmp();
        const file = (name: string, text: string) => (fs.writeFileSync(path.join(dir, name), text), path.join(dir, name));
        expect(userError(() => readBaseline(path.join(dir, "none.json")))).toBe(`cannot read baseline ${path.join(dir, "none.json")} (ENOENT); write one with --create-baseline`);
        expect(userError(() => readBaseline(file("bad.json", "{")))).toMatch(/^baseline .*bad\.json is not valid JSON \(.+\)$/);
        expect(userError(() => readBaseline(file("other.json", JSON.stringify({ findings: [] }))))).toMatch(/other\.json is not a scan baseline \(expected formatVersion 1 and findings \[\{policyName, urn\}\]/);
        const ok = file("ok.json", JSON.stringify(toBaseline(resolved)));
        expect(readBaseline(ok).findings).toHaveLength(5);
    });
});

describe("where each format goes (--output-file-path)", () => {
    it("one entry per format, console meaning stdout", () => {
        expect(planOutputs(["sarif", "text"], ["out/a.sarif", "console"], "/w")).toEqual([
            { format: "sarif", to: "/w/out/a.sarif" },
            { format: "text", to: CONSOLE },
        ]);
        expect(planOutputs(["json"], undefined, "/w")).toEqual([{ format: "json", to: CONSOLE }]);
        expect(planOutputs(["json"], ["r.json"], "/w")).toEqual([{ format: "json", to: "/w/r.json" }]);
    });
    it("a directory for several formats, or one ending in a slash or existing", () => {
        expect(planOutputs(["sarif", "junitxml", "codequality"], ["reports"], "/w").map((o) => o.to)).toEqual(["/w/reports/results_sarif.sarif", "/w/reports/results_junitxml.xml", "/w/reports/results_codequality.json"]);
        expect(planOutputs(["text"], ["reports/"], "/w")).toEqual([{ format: "text", to: "/w/reports/results_text.txt" }]);
        const dir = tmp();
        expect(planOutputs(["json"], [dir], "/w")).toEqual([{ format: "json", to: path.join(dir, "results_json.json") }]);
    });
    it("a count that fits neither is bad input", () => {
        expect(userError(() => planOutputs(["text", "json", "sarif"], ["a", "b"], "/w"))).toBe("--output-file-path has 2 entries for 3 formats (text, json, sarif): give one per format, or one directory");
    });
});

describe("colour", () => {
    const tty = { isTTY: true, hasColors: () => true };
    it.each([
        ["a terminal with colours", tty, {}, false, true],
        ["a pipe", { isTTY: false }, {}, false, false],
        ["NO_COLOR", tty, { NO_COLOR: "1" }, false, false],
        ["--no-color", tty, {}, true, false],
        ["a terminal without colours", { isTTY: true, hasColors: () => false }, {}, false, false],
        ["FORCE_COLOR on a pipe", { isTTY: false }, { FORCE_COLOR: "1" }, false, true],
        ["FORCE_COLOR=0", tty, { FORCE_COLOR: "0" }, false, true],
        ["NO_COLOR wins over FORCE_COLOR", tty, { NO_COLOR: "1", FORCE_COLOR: "1" }, false, false],
    ])("%s", (_n, stream, env, flag, expected) => expect(colourEnabled(stream, env, flag)).toBe(expected));

    it("text output is painted only when asked", () => {
        expect(formatText(report({ view: { color: true } }), "/")).toContain("\u001b[");
        expect(formatText(report(), "/")).not.toContain("\u001b[");
    });
});

describe("progress", () => {
    beforeEach(() => vi.useFakeTimers());
    afterEach(() => vi.useRealTimers());

    it("nothing for a quick run or on a pipe; one line rewritten on a terminal after the delay, cleared at the end", () => {
        let clock = 0;
        const written: string[] = [];
        const quick = startProgress({ isTTY: true, write: (t) => written.push(t) }, { now: () => clock });
        clock = 2000;
        vi.advanceTimersByTime(2000);
        quick.stop();
        expect(written).toEqual([]);

        const pipe: string[] = [];
        const piped = startProgress({ isTTY: false, write: (t) => pipe.push(t) }, { now: () => clock });
        vi.advanceTimersByTime(10_000);
        piped.stop();
        expect(pipe).toEqual([]);

        clock = 0;
        const slow = startProgress({ isTTY: true, write: (t) => written.push(t) }, { now: () => clock });
        slow.phase("loading infra");
        clock = 4000;
        vi.advanceTimersByTime(4000);
        slow.phase("analysing 12 resources");
        slow.stop();
        // Redrawn every second once shown; consecutive repeats folded here.
        const folded = written.filter((w, i) => w !== written[i - 1]);
        expect(folded).toEqual(["\r\u001b[Kscan: loading infra… 4 s", "\r\u001b[Kscan: analysing 12 resources… 4 s", "\r\u001b[K"]);
    });
});

describe("text views", () => {
    it("--compact: one line per finding, in the chosen language", () => {
        const out = formatText(report({ view: { compact: true, lang: "zh" } }), "/").split("\n");
        expect(out[0]).toBe("[mandatory] log-retention-minimum  aws:cloudwatch/logGroup:LogGroup::app-logs  CloudWatch 日志组“app-logs”：当前：30 天。");
        // No Chinese line: the English one rather than nothing.
        expect(out).toContain('[mandatory] disks-encrypted  aws:ebs/volume:Volume::disk  EBS volume "disk": found unset; required encrypted.');
        expect(out.filter((l) => l.startsWith("["))).toHaveLength(5);
    });
    it("--quiet: only the findings that fail the run, and how many were left out", () => {
        const out = formatText(report({ view: { quiet: true } }), "/");
        expect(out).not.toContain("debug-logs");
        expect(out).not.toContain("audit-trail-present");
        expect(out).toMatch(/\n3 mandatory, 2 advisory findings on 5 resources; 2 not failing not shown \(--quiet\)\n$/);
    });
});

describe("sarif", () => {
    const log = toSarif(report({ config: { "subnet-acl": { enforcementLevel: "advisory", properties: {} } } }), { name: "china-compliance-policies", version: "0.1.0" });
    const run = log.runs[0];
    const results = run!.results ?? [];
    const byName = (name: string) => results.find((r) => r.locations?.[0]!.logicalLocations?.[0]!.name === name)!;

    it("URIs relative to the repository root; a stack-level finding points at the entry file", () => {
        expect(byName("app-logs").locations?.[0]!.physicalLocation).toEqual({ artifactLocation: { uri: "infra/logging.ts", uriBaseId: "%SRCROOT%" }, region: { startLine: 8, startColumn: 3 } });
        expect(byName("web-dev").locations?.[0]!.physicalLocation).toEqual({ artifactLocation: { uri: "infra/index.ts", uriBaseId: "%SRCROOT%" } });
    });

    it("the finding is the first line (GitHub's alert title), not the description", () => {
        expect((byName("app-logs").message.text ?? "").split("\n")[0]).toBe('CloudWatch log group "app-logs": found 30 days; required at least 180 days.');
        expect(results.every((r) => !(r.message.text ?? "").startsWith("log-retention-minimum description"))).toBe(true);
    });

    it("security-severity by level; an exemption is an accepted external suppression with its reason", () => {
        expect(byName("disk").properties?.["security-severity"]).toBe("9.5");
        expect(byName("web-dev").properties?.["security-severity"]).toBe("3.0");
        const exempt = byName("debug-logs");
        expect(exempt.suppressions).toEqual([{ kind: "external", status: "accepted", justification: "debug logs, SEC-7" }]);
        expect(exempt.properties).not.toHaveProperty("security-severity");
        expect(byName("app-logs").suppressions).toBeUndefined();
    });

    it("rules: scored at their configured level, linked to their section of docs/policies.md", () => {
        const rules = run!.tool.driver.rules ?? [];
        expect(rules.map((r) => [r.id, r.defaultConfiguration?.level, r.properties?.["security-severity"] as unknown])).toEqual([
            ["log-retention-minimum", "error", "8.0"],
            ["audit-trail-present", "warning", "3.0"],
            ["disks-encrypted", "error", "9.5"],
            ["subnet-acl", "warning", "1.0"],
        ]);
        expect(rules[0]!.helpUri).toBe("https://unpkg.com/china-compliance-policies@0.1.0/docs/policies.md#log-retention-minimum");
        expect(run!.tool.driver.informationUri).toBe("https://www.npmjs.com/package/china-compliance-policies");
    });

    it("scores: error by severity, warning one band lower, none otherwise", () => {
        expect(["low", "medium", "high", "critical"].map((s) => securitySeverity("error", s as "low"))).toEqual(["3.0", "5.5", "8.0", "9.5"]);
        expect(["low", "medium", "high", "critical"].map((s) => securitySeverity("warning", s as "low"))).toEqual(["1.0", "3.0", "5.5", "8.0"]);
        expect(securitySeverity("note", "critical")).toBeUndefined();
        expect(securitySeverity("error", null)).toBeUndefined();
    });

    it("a chosen category; fingerprints differ per finding", () => {
        expect(toSarif(report({ view: { sarifCategory: "infra-prod" } })).runs[0]!.automationDetails).toEqual({ id: "infra-prod/" });
        const prints = results.map((r) => r.partialFingerprints?.["chinaComplianceFinding/v1"]);
        expect(new Set(prints).size).toBe(results.length);
    });
});

describe("package links", () => {
    it("GitHub when package.json names the repository, else the published package", () => {
        const dir = tmp();
        fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "p", version: "1.2.3", repository: { type: "git", url: "git+https://github.com/acme/p.git" } }));
        const gh = readPackageInfo(dir);
        expect(policyDocUri(gh, "x")).toBe("https://github.com/acme/p/blob/v1.2.3/docs/policies.md#x");
        expect(informationUri(gh)).toBe("https://github.com/acme/p");
        expect(policyDocUri({ name: "p", version: "1.2.3" }, "x")).toBe("https://unpkg.com/p@1.2.3/docs/policies.md#x");
    });
});

describe("junitxml", () => {
    const xml = formatJunit(report({ view: { lang: "en" } }));
    it("is well-formed XML: one failure per failing finding, skipped for the rest, a passing case per clean policy", () => {
        expect(XMLValidator.validate(xml)).toBe(true);
        const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" }).parse(xml) as {
            testsuites: { tests: string; failures: string; testsuite: { testcase: { classname: string; name: string; failure?: { type: string; message: string }; skipped?: { message: string } }[] } };
        };
        expect(doc.testsuites).toMatchObject({ tests: "5", failures: "3" });
        const cases = doc.testsuites.testsuite.testcase;
        expect(cases.filter((c) => c.failure).map((c) => c.name).sort()).toEqual(["aws:cloudwatch/logGroup:LogGroup::app-logs", "aws:ebs/volume:Volume::disk", "aws:ec2/subnet:Subnet::subnet"]);
        expect(cases.find((c) => c.name.endsWith("::debug-logs"))?.skipped?.message).toBe('exempted: debug logs, SEC-7: CloudWatch log group "debug-logs": found 7 days; required at least 180 days.');
        expect(cases.find((c) => c.name.endsWith("::web-dev"))?.skipped?.message).toBe("advisory, does not fail the run: found no trail in this stack.");
        expect(cases.find((c) => c.name.endsWith("::app-logs"))?.failure).toMatchObject({ type: "mandatory", message: 'CloudWatch log group "app-logs": found 30 days; required at least 180 days.' });
    });
    it("escapes markup and drops characters XML cannot hold", () => {
        expect(xmlEscape(`a<b>&"c'\u0001`)).toBe("a&lt;b&gt;&amp;&quot;c&apos;");
    });
});

describe("codequality", () => {
    const issues = toCodeQuality(report());
    it("every issue has GitLab's required fields, a repository path and a line, and a unique fingerprint", () => {
        expect(issues).toHaveLength(5);
        for (const i of issues) {
            expect(Object.keys(i).sort()).toEqual(["categories", "check_name", "description", "fingerprint", "location", "severity", "type"]);
            expect(i.location.path).not.toMatch(/^\/|^\.\./);
            expect(i.location.lines.begin).toBeGreaterThanOrEqual(1);
            expect(i.fingerprint).toMatch(/^[0-9a-f]{64}$/);
        }
        expect(new Set(issues.map((i) => i.fingerprint)).size).toBe(5);
        expect(issues.find((i) => i.location.path === "infra/logging.ts" && i.location.lines.begin === 8)?.severity).toBe("critical");
        expect(issues.find((i) => i.location.path === "infra/index.ts")).toMatchObject({ check_name: "audit-trail-present", severity: "minor", location: { lines: { begin: 1 } } });
    });
    it("fingerprints are stable across runs", () => expect(toCodeQuality(report()).map((i) => i.fingerprint)).toEqual(issues.map((i) => i.fingerprint)));
    it.each([
        ["mandatory", "critical", null, "blocker"],
        ["mandatory", "low", null, "minor"],
        ["advisory", "critical", null, "major"],
        ["advisory", "low", null, "info"],
        ["advisory", "high", "active", "info"],
        ["mandatory", "high", "expired", "critical"],
    ] as const)("%s %s (exemption %s): %s", (level, severity, status, expected) => {
        const exemption = status ? { source: "tag" as const, who: "", pattern: null, reason: "r", until: null, status } : null;
        expect(codeQualitySeverity({ enforcementLevel: level, severity, exemption })).toBe(expected);
    });
});

describe("repository paths", () => {
    it("finds the git top level (a .git directory or file) and makes paths relative to it", () => {
        const dir = tmp();
        fs.mkdirSync(path.join(dir, "infra", "app"), { recursive: true });
        fs.writeFileSync(path.join(dir, ".git"), "gitdir: elsewhere\n");
        expect(gitTopLevel(path.join(dir, "infra", "app"))).toBe(dir);
        expect(repoRelative(path.join(dir, "infra", "app", "index.ts"), dir)).toBe("infra/app/index.ts");
        expect(gitTopLevel(path.parse(dir).root)).toBeUndefined();
    });
});

describe("the GitHub ingestion check (test/helpers/sarif.ts) can fail", () => {
    const good = (): Log => ({
        version: "2.1.0",
        runs: [
            {
                tool: { driver: { name: "t", rules: [{ id: "r", shortDescription: { text: "Rule description." }, properties: { "security-severity": "8.0" } }] } },
                automationDetails: { id: "cat/" },
                results: [{ ruleId: "r", ruleIndex: 0, message: { text: "finding" }, locations: [{ physicalLocation: { artifactLocation: { uri: "package.json" }, region: { startLine: 1 } } }] }],
            },
        ],
    });
    const REPO = path.resolve(__dirname, "..", "..");
    const broken = (change: (run: Log["runs"][number]) => void): string[] => {
        const log = good();
        change(log.runs[0]!);
        return githubProblems(log, REPO);
    };

    it("passes a good log", () => expect(githubProblems(good(), REPO)).toEqual([]));
    it.each([
        ["an undefined rule", (r: Log["runs"][number]) => (r.results![0]!.ruleId = "nope"), /ruleId is not a rule of the driver/],
        ["a wrong ruleIndex", (r: Log["runs"][number]) => (r.results![0]!.ruleIndex = 3), /ruleIndex 3 names another rule/],
        ["no location", (r: Log["runs"][number]) => (r.results![0]!.locations = []), /no file location/],
        ["an absolute URI", (r: Log["runs"][number]) => (r.results![0]!.locations![0]!.physicalLocation!.artifactLocation!.uri = "file:///repo/package.json"), /not relative to the repository root/],
        ["a path outside the repository", (r: Log["runs"][number]) => (r.results![0]!.locations![0]!.physicalLocation!.artifactLocation!.uri = "../x.ts"), /not relative to the repository root/],
        ["a file that is not there", (r: Log["runs"][number]) => (r.results![0]!.locations![0]!.physicalLocation!.artifactLocation!.uri = "index.ts.nope"), /does not exist in the repository/],
        ["the description as title", (r: Log["runs"][number]) => (r.results![0]!.message.text = "Rule description.\nfinding"), /alert title is the rule's description/],
        ["a score out of range", (r: Log["runs"][number]) => (r.tool.driver.rules![0]!.properties!["security-severity"] = "11"), /security-severity 11 is not a number in 0.1-10/],
        ["an id without a category slash", (r: Log["runs"][number]) => (r.automationDetails = { id: "cat/run-1" }), /has no trailing \//],
    ])("rejects %s", (_n, change, problem) => expect(broken(change).join("\n")).toMatch(problem));
});
