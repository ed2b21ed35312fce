// scan end to end: the compiled CLI as a child process, on a fixture program and a fixture stack
// export, with a small fixture pack whose wording does not change with the real pack's.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { pathToFileURL } from "url";
import Ajv from "ajv";
import { XMLValidator } from "fast-xml-parser";
import type { Log } from "sarif";
import { beforeAll, describe, expect, it } from "vitest";
import type { ScanJson } from "../../tools/scan/format-json";
import { githubProblems, sarifSchemaErrors } from "../helpers/sarif";
import { type CliResult, EXPORTS, PACKS, PROGRAMS, ROOT, runCli } from "./helpers";

const rel = (p: string): string => path.relative(ROOT, p);
const PACK = rel(path.join(PACKS, "scan-pack"));
const AWS_SMALL = rel(path.join(PROGRAMS, "aws-small"));
const EXPORT = rel(path.join(EXPORTS, "aws-small.json"));
const TMP = fs.mkdtempSync(path.join(os.tmpdir(), "scan-test-"));

function configFile(name: string, content: string): string {
    const file = path.join(TMP, name);
    fs.writeFileSync(file, content);
    return file;
}

const CONFIGS = {
    lenient: configFile("lenient.json", JSON.stringify({ "log-retention-minimum": { minimumRetentionDays: 7 } })),
    remediate: configFile("remediate.json", JSON.stringify({ "log-retention-minimum": "remediate" })),
    zero: configFile("zero.json", JSON.stringify({ "log-retention-minimum": { minimumRetentionDays: 0 } })),
    broken: configFile("broken.json", "{ log-retention-minimum: advisory }"),
    empty: configFile("empty.json", ""),
    blank: configFile("blank.json", " \n\t\n"),
};
const EXPORT_URNS = ["outputs-only", "short-retention"].map((n) => `urn:pulumi:prod::aws-small::aws:cloudwatch/logGroup:LogGroup::${n}`);
const BASELINES = {
    partial: configFile("partial-baseline.json", JSON.stringify({ formatVersion: 1, tool: "china-compliance-scan", findings: [{ policyName: "log-retention-minimum", urn: EXPORT_URNS[0] }] })),
    full: configFile("full-baseline.json", JSON.stringify({ formatVersion: 1, tool: "china-compliance-scan", findings: [...EXPORT_URNS.map((urn) => ({ policyName: "log-retention-minimum", urn })), { policyName: "audit-trail-present", urn: "urn:pulumi:prod::aws-small::pulumi:pulumi:Stack::aws-small-prod" }] })),
    created: path.join(TMP, "created-baseline.json"),
};
const OUT_DIR = path.join(TMP, "reports");

/** Every scan this file checks; run up front, a few at a time, then asserted on. */
const RUNS: Record<string, string[]> = {
    text: [AWS_SMALL, "--pack", PACK],
    json: [AWS_SMALL, "--pack", PACK, "--format", "json"],
    sarif: [AWS_SMALL, "--pack", PACK, "--format=sarif"],
    lenient: [EXPORT, "--pack", PACK, "--config", CONFIGS.lenient],
    remediate: [AWS_SMALL, "--pack", PACK, "--config", CONFIGS.remediate, "--remediate", "--format", "json"],
    exportJson: [EXPORT, "--pack", PACK, "--format", "json"],
    missingPath: ["test/fixtures/programs/nope", "--pack", PACK],
    noPulumiYaml: [PACK, "--pack", PACK],
    noStackFile: [rel(path.join(PROGRAMS, "no-stack-file")), "--pack", PACK],
    throws: [rel(path.join(PROGRAMS, "throws")), "--pack", PACK],
    hangs: [rel(path.join(PROGRAMS, "hangs")), "--pack", PACK, "--timeout", "1"],
    exportNotJson: [rel(path.join(EXPORTS, "truncated.json")), "--pack", PACK],
    // The real pack: it reports nothing on a stack that provisions nothing (scan-pack's trail rule would).
    exportNoResources: [rel(path.join(EXPORTS, "no-resources.json"))],
    exportNoType: [rel(path.join(EXPORTS, "resource-without-type.json")), "--pack", PACK],
    configOutOfRange: [EXPORT, "--pack", PACK, "--config", CONFIGS.zero],
    configNotJson: [AWS_SMALL, "--pack", PACK, "--config", CONFIGS.broken],
    configEmpty: [AWS_SMALL, "--pack", PACK, "--config", CONFIGS.empty],
    configBlank: [EXPORT, "--pack", PACK, "--config", CONFIGS.blank],
    emptyStackFile: [rel(path.join(PROGRAMS, "empty-stack-file")), "--pack", PACK],
    exitsEarly: [rel(path.join(PROGRAMS, "exits-early")), "--pack", PACK],
    badFormat: [AWS_SMALL, "--pack", PACK, "--format", "xml"],
    allFormats: [AWS_SMALL, "--pack", PACK, "--format", "text,json,sarif", "-o", "junitxml", "-o", "codequality", "--output-file-path", OUT_DIR],
    someToConsole: [EXPORT, "--pack", PACK, "--format", "json,text", "--output-file-path", `${path.join(TMP, "one.json")},console`, "--compact"],
    softFail: [EXPORT, "--pack", PACK, "--soft-fail"],
    softFailOnHigh: [EXPORT, "--pack", PACK, "--soft-fail-on", "high"],
    hardFailOnCritical: [EXPORT, "--pack", PACK, "--hard-fail-on", "critical"],
    hardFailOnAdvisory: [EXPORT, "--pack", PACK, "--config", CONFIGS.lenient, "--hard-fail-on", "advisory"],
    check: ["scan", EXPORT, "--pack", PACK, "--check", "audit-*", "--format", "json"],
    skipCheck: [EXPORT, "--pack", PACK, "--skip-check", "log-retention-minimum", "--compact"],
    checkTypo: [EXPORT, "--pack", PACK, "--check", "log-retention-minimun"],
    createBaseline: [EXPORT, "--pack", PACK, "--create-baseline", BASELINES.created, "--quiet"],
    partialBaseline: [EXPORT, "--pack", PACK, "--baseline", BASELINES.partial, "--format", "json"],
    fullBaseline: [EXPORT, "--pack", PACK, "--baseline", BASELINES.full],
    missingBaseline: [EXPORT, "--pack", PACK, "--baseline", path.join(TMP, "nope.json")],
    badOutputPath: [EXPORT, "--pack", PACK, "--format", "text,json,sarif", "--output-file-path", "a,b"],
    quietZh: [AWS_SMALL, "--pack", PACK, "--quiet", "--lang", "zh"],
    list: ["list", "--pack", PACK],
    listJson: ["list", "--pack", PACK, "--format", "json", "--config", CONFIGS.lenient, "--skip-check", "crash-*"],
    version: ["--version"],
    badOption: [AWS_SMALL, "--verbose"],
    packCrashes: [EXPORT, "--pack", rel(path.join(PACKS, "crash-pack"))],
    policyThrows: [rel(path.join(PROGRAMS, "crash-marker")), "--pack", PACK],
};

const results = new Map<string, CliResult>();

async function inPool(names: string[], size: number): Promise<void> {
    const queue = [...names];
    const worker = async (): Promise<void> => {
        for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
            results.set(name, await runCli(RUNS[name]!));
        }
    };
    await Promise.all(Array.from({ length: size }, worker));
}

function result(name: string): CliResult {
    const r = results.get(name);
    if (!r) throw new Error(`no scan run named ${name}`);
    return r;
}

beforeAll(async () => {
    await inPool(Object.keys(RUNS), 3);
}, 240_000);

const SHORT_URN = "urn:pulumi:dev::aws-small::aws:cloudwatch/logGroup:LogGroup::short-retention";
const STACK_URN = "urn:pulumi:dev::aws-small::pulumi:pulumi:Stack::aws-small-dev";

describe("scan a program directory", () => {
    it("text: the Policies section of pulumi preview, then a summary; exit 1 on a mandatory finding", () => {
        const r = result("text");
        expect(r.stderr).toBe("");
        expect(r.stdout).toBe(
            [
                "Policies:",
                `    ❌ scan-pack@v2.0.0 (local: ${PACK})`,
                // As pulumi preview prints it: severity after the level, the short type name.
                "        - [mandatory] [severity: high]  log-retention-minimum  (aws:cloudwatch:LogGroup: short-retention)",
                "          Log groups keep logs at least the minimum retention.",
                "          found 7 days; required at least 180 days.",
                "          当前为 7 天；要求至少 180 天。",
                "        - [advisory] [severity: medium]  audit-trail-present  (pulumi:pulumi:Stack: aws-small-dev)",
                "          The stack has an audit trail.",
                "          found no aws.cloudtrail.Trail in this stack.",
                "",
                // Everything scanned, findings or not: the stack, the default provider and both log groups.
                "Scanned 4 resources: 2 aws:cloudwatch/logGroup:LogGroup, 1 pulumi:providers:aws, 1 pulumi:pulumi:Stack",
                "",
                "1 mandatory, 1 advisory findings on 2 resources",
                "",
            ].join("\n"),
        );
        expect(r.code).toBe(1);
    });

    it("a stack without its stack file runs with empty stack config, as after pulumi stack init, and says so", () => {
        const r = result("noStackFile");
        expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 1, stderr: "" });
        expect(r.stdout).toContain("log-retention-minimum  (aws:cloudwatch:LogGroup: short-retention)");
        expect(r.stdout).toContain("warning: no stack file Pulumi.dev.yaml: the program runs with empty stack config, as after pulumi stack init\n");
    });

    it("an export of a stack never deployed (no resources key) is an empty stack: no findings, exit 0", () => {
        const r = result("exportNoResources");
        expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: "" });
        expect(r.stdout).toContain("\nScanned 0 resources\n\n0 mandatory, 0 advisory findings on 0 resources\n");
    });

    it("json: matches docs/scan-output.schema.json, findings in full", () => {
        const r = result("json");
        expect(r.code).toBe(1);
        const out = JSON.parse(r.stdout) as ScanJson;
        const schema = JSON.parse(fs.readFileSync(path.join(ROOT, "docs", "scan-output.schema.json"), "utf8")) as object;
        const validate = new Ajv({ allErrors: true }).compile(schema);
        expect(validate.errors ?? validate(out)).toBe(true);
        expect(out.pack).toEqual({ name: "scan-pack", version: "2.0.0" });
        expect(out.target).toEqual({ kind: "program", path: AWS_SMALL, project: "aws-small", stack: "dev" });
        expect(out.summary).toEqual({ mandatory: 1, advisory: 1, resources: 2, failing: 1, baselined: 0 });
        expect(out.findings).toEqual([
            {
                policyName: "log-retention-minimum",
                enforcementLevel: "mandatory",
                severity: "high",
                urn: SHORT_URN,
                resourceType: "aws:cloudwatch/logGroup:LogGroup",
                resourceName: "short-retention",
                stackLevel: false,
                message: "Log groups keep logs at least the minimum retention.\nfound 7 days; required at least 180 days.\n当前为 7 天；要求至少 180 天。",
                description: "Log groups keep logs at least the minimum retention.",
                tags: ["logging", "csl-23-3"],
                source: { file: "index.ts", line: 8, column: 26 },
                exemption: null,
                fails: true,
            },
            {
                policyName: "audit-trail-present",
                enforcementLevel: "advisory",
                severity: "medium",
                urn: STACK_URN,
                resourceType: "pulumi:pulumi:Stack",
                resourceName: "aws-small-dev",
                stackLevel: true,
                message: "The stack has an audit trail.\nfound no aws.cloudtrail.Trail in this stack.",
                description: "The stack has an audit trail.",
                tags: ["logging"],
                source: null,
                exemption: null,
                fails: false,
            },
        ]);
        expect(out.remediations).toEqual([]);
    });

    it("sarif: valid SARIF 2.1.0 that GitHub ingests: one rule per policy, one result per finding, paths from the repository root", () => {
        const r = result("sarif");
        expect(r.code).toBe(1);
        const log = JSON.parse(r.stdout) as Log;
        expect(sarifSchemaErrors(log)).toEqual([]);
        expect(githubProblems(log, ROOT)).toEqual([]);

        const run = log.runs[0];
        expect(run!.tool.driver.name).toBe("china-compliance-scan");
        expect(run!.tool.driver.informationUri).toBe("https://www.npmjs.com/package/china-compliance-policies");
        expect(run!.tool.extensions).toEqual([{ name: "scan-pack", version: "2.0.0" }]);
        expect(run!.automationDetails).toEqual({ id: "china-compliance/aws-small/dev/" });
        const rules = run!.tool.driver.rules ?? [];
        expect(rules.map((x) => x.id)).toEqual(["audit-trail-present", "crash-on-marker", "log-retention-minimum"]);
        expect(rules[2]).toEqual({
            id: "log-retention-minimum",
            name: "log-retention-minimum",
            shortDescription: { text: "Log groups keep logs at least the minimum retention." },
            fullDescription: { text: "Log groups keep logs at least the minimum retention." },
            help: { text: "Set retentionInDays to 180 or more, or 0 to keep logs forever." },
            helpUri: "https://example.com/policies/log-retention-minimum",
            defaultConfiguration: { level: "error" },
            properties: { tags: ["logging", "csl-23-3"], enforcementLevel: "mandatory", policyType: "resource", "security-severity": "8.0" },
        });
        // An advisory rule scores a band lower: GitHub reads the score from the rule.
        expect(rules[0]!.properties?.["security-severity"]).toBe("3.0");

        expect(run!.results).toHaveLength(2);
        const [mandatory, advisory] = run!.results ?? [];
        expect(mandatory).toMatchObject({
            ruleId: "log-retention-minimum",
            ruleIndex: 2,
            level: "error",
            // The finding first: GitHub titles the alert with this line.
            message: { text: "found 7 days; required at least 180 days.\n当前为 7 天；要求至少 180 天。" },
            locations: [
                {
                    physicalLocation: { artifactLocation: { uri: `${AWS_SMALL}/index.ts`, uriBaseId: "%SRCROOT%" }, region: { startLine: 8, startColumn: 26 } },
                    logicalLocations: [{ fullyQualifiedName: SHORT_URN, name: "short-retention", kind: "resource" }],
                },
            ],
            properties: { "security-severity": "8.0", fails: true },
        });
        // A stack-level finding points at the program's entry file, without inventing a line.
        expect(advisory).toMatchObject({
            ruleId: "audit-trail-present",
            level: "warning",
            locations: [{ physicalLocation: { artifactLocation: { uri: `${AWS_SMALL}/index.ts`, uriBaseId: "%SRCROOT%" } }, logicalLocations: [{ fullyQualifiedName: STACK_URN }] }],
            properties: { "security-severity": "3.0", fails: false },
        });
        expect(advisory!.locations?.[0]!.physicalLocation?.region).toBeUndefined();
        expect(run!.originalUriBaseIds?.["%SRCROOT%"]!.uri).toBe(`${pathToFileURL(ROOT).href}/`);
    });

    it("--remediate: remediations run before Analyze and their changes are shown", () => {
        const json = result("remediate");
        expect(json.code).toBe(0);
        const out = JSON.parse(json.stdout) as ScanJson;
        expect(out.findings.map((f: { policyName: string }) => f.policyName)).toEqual(["audit-trail-present"]);
        expect(out.remediations).toEqual([
            {
                urn: SHORT_URN,
                resourceType: "aws:cloudwatch/logGroup:LogGroup",
                resourceName: "short-retention",
                policies: ["log-retention-minimum"],
                changes: [{ path: "retentionInDays", kind: "changed", before: 7, after: 180 }],
                before: { retentionInDays: 7, tags: { team: "platform" } },
                after: { retentionInDays: 180, tags: { team: "platform" } },
            },
        ]);
    });
});

describe("scan a stack export", () => {
    it("reads inputs (else outputs), providers and secrets; skips resources pending deletion", () => {
        const r = result("exportJson");
        expect(r.stderr).toBe("");
        expect(r.code).toBe(1);
        const out = JSON.parse(r.stdout) as ScanJson;
        expect(out.target).toEqual({ kind: "stack-export", path: EXPORT, project: "aws-small", stack: "prod" });
        expect(out.findings.map((f: { resourceName: string; enforcementLevel: string; message: string }) => [f.resourceName, f.enforcementLevel, f.message.split("\n")[1]])).toEqual([
            ["outputs-only", "mandatory", "found 30 days; required at least 180 days."],
            ["short-retention", "mandatory", "found 7 days; required at least 180 days."],
            ["aws-small-prod", "advisory", "found no aws.cloudtrail.Trail in this stack."],
        ]);
        expect(out.findings.every((f: { source: unknown }) => f.source === null)).toBe(true);
    });

    it("exit 0 when no finding is mandatory (config lowers the minimum)", () => {
        const r = result("lenient");
        expect(r.code).toBe(0);
        // ⚠️, not ❌, with advisory findings only: what pulumi preview prints (seen under the real CLI).
        expect(r.stdout).toContain(`    ⚠️ scan-pack@v2.0.0 (local: ${PACK})`);
        expect(r.stdout).toMatch(/\n0 mandatory, 1 advisory findings on 1 resources\n$/);
    });
});

describe("bad input: exit 2, one line on stderr, nothing on stdout", () => {
    const cases: [string, string | RegExp][] = [
        ["missingPath", "scan: no such file or directory: test/fixtures/programs/nope"],
        ["noPulumiYaml", `scan: ${path.join(ROOT, PACK)} has no Pulumi.yaml: not a Pulumi program directory`],
        ["throws", `scan: program ${path.join(PROGRAMS, "throws")} threw Error: bucketName is required (at index.ts:6:7)`],
        ["hangs", `scan: program ${path.join(PROGRAMS, "hangs")} did not finish within 1 s`],
        ["exportNotJson", /^scan: .*truncated\.json is not a usable stack export: not valid JSON \(.+\)$/],
        ["exportNoType", /^scan: .*resource-without-type\.json is not a usable stack export: deployment\.resources\[0\] has no urn or type$/],
        ["configOutOfRange", "scan: invalid policy config: scan-pack/log-retention-minimum: minimumRetentionDays: must be >= 1 (got 0)"],
        ["configNotJson", new RegExp(`^scan: invalid policy config: ${CONFIGS.broken.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: not valid JSON \\(.+\\)$`)],
        ["configEmpty", `scan: invalid policy config: ${CONFIGS.empty}: the file is empty; write a JSON object (\`{}\` for the defaults) or leave out --config`],
        ["configBlank", `scan: invalid policy config: ${CONFIGS.blank}: the file is empty; write a JSON object (\`{}\` for the defaults) or leave out --config`],
        ["emptyStackFile", `scan: ${path.join(PROGRAMS, "empty-stack-file", "Pulumi.dev.yaml")} is empty: a stack file is a YAML mapping (\`config: {}\` for none); delete it to run with empty stack config`],
        [
            "exitsEarly",
            `scan: program ${path.join(PROGRAMS, "exits-early")} exited (code 1) without finishing: registrations still pending: aws:cloudwatch/logGroup:LogGroup "app-logs", aws:s3/bucketV2:BucketV2 "uploads" (the program exited early, or waits on an output that never resolves)`,
        ],
        ["badFormat", "scan: --format must be one of text, json, sarif, junitxml, codequality, html (got xml)"],
        ["checkTypo", "scan: --check log-retention-minimun: matches no policy of the pack (see scan list)"],
        ["missingBaseline", `scan: cannot read baseline ${path.join(TMP, "nope.json")} (ENOENT); write one with --create-baseline`],
        ["badOutputPath", "scan: --output-file-path has 2 entries for 3 formats (text, json, sarif): give one per format, or one directory"],
        ["badOption", "scan: unknown option --verbose (see --help)"],
        [
            "packCrashes",
            `scan: policy pack ${path.join(PACKS, "crash-pack")} exited (code 32) before printing its port: Error: crash-pack cannot load its rules: rules.json is missing`,
        ],
    ];

    it.each(cases)("%s", (name, expected) => {
        const r = result(name);
        expect({ code: r.code, stdout: r.stdout }).toEqual({ code: 2, stdout: "" });
        const lines = r.stderr.split("\n");
        expect(lines).toHaveLength(2); // one line and its newline
        expect(lines[1]).toBe("");
        if (typeof expected === "string") expect(lines[0]).toBe(expected);
        else expect(lines[0]).toMatch(expected);
    });
});

describe("a policy that throws", () => {
    it("exit 3 with the policy's error, for the pack's author", () => {
        const r = result("policyThrows");
        expect(r.code).toBe(3);
        expect(r.stdout).toBe("");
        expect(r.stderr.split("\n")[0]).toMatch(/^scan: policy pack call Analyze\(urn:pulumi:dev::crash-marker::.*::marked\) failed: /);
        expect(r.stderr).toContain("crash-on-marker exploded");
    });
});

describe("--help", () => {
    it("prints usage and exits 0", async () => {
        const r = await runCli(["--help"]);
        expect(r.code).toBe(0);
        expect(r.stdout).toMatch(/^usage: scan <program-dir \| stack-export\.json> \[options\]/);
        expect(r.stdout).toContain("exit codes: 0 no failing finding, 1 failing findings (default: mandatory ones), 2 bad input,\n3 policy pack failure");
    });
});

describe("several formats, files and the console (--format LIST, --output-file-path)", () => {
    it("a directory receives results_<format>.<ext>; stdout stays empty and stderr says what was written", () => {
        const r = result("allFormats");
        expect(r.code).toBe(1);
        expect(r.stdout).toBe("");
        const files = ["results_text.txt", "results_json.json", "results_sarif.sarif", "results_junitxml.xml", "results_codequality.json"];
        expect(r.stderr).toBe(files.map((f, i) => `scan: wrote ${["text", "json", "sarif", "junitxml", "codequality"][i]} to ${path.relative(ROOT, path.join(OUT_DIR, f))}\n`).join(""));
        const read = (f: string) => fs.readFileSync(path.join(OUT_DIR, f), "utf8");
        expect(read("results_text.txt")).toBe(result("text").stdout);
        expect(JSON.parse(read("results_json.json"))).toEqual(JSON.parse(result("json").stdout));
        expect(JSON.parse(read("results_sarif.sarif"))).toEqual(JSON.parse(result("sarif").stdout));
        expect(XMLValidator.validate(read("results_junitxml.xml"))).toBe(true);
        expect(read("results_junitxml.xml")).toContain('<testsuites name="china-compliance-scan" tests="3" failures="1" errors="0" skipped="1">');
        const issues = JSON.parse(read("results_codequality.json")) as { check_name: string; severity: string; location: { path: string; lines: { begin: number } } }[];
        expect(issues.map((i) => [i.check_name, i.severity, i.location])).toEqual([
            ["log-retention-minimum", "critical", { path: `${AWS_SMALL}/index.ts`, lines: { begin: 8 } }],
            ["audit-trail-present", "minor", { path: `${AWS_SMALL}/index.ts`, lines: { begin: 1 } }],
        ]);
    });

    it("one entry per format, console for stdout", () => {
        const r = result("someToConsole");
        expect(r.code).toBe(1);
        expect((JSON.parse(fs.readFileSync(path.join(TMP, "one.json"), "utf8")) as ScanJson).findings).toHaveLength(3);
        expect(r.stdout.split("\n").filter((l) => l.startsWith("["))).toHaveLength(3);
    });
});

describe("exit code options", () => {
    it.each([
        ["softFail", 0],
        ["softFailOnHigh", 0],
        ["hardFailOnCritical", 0],
        ["hardFailOnAdvisory", 1],
    ])("%s: exit %i", (name, code) => {
        const r = result(name);
        expect(r.stderr).toBe("");
        expect(r.code).toBe(code);
    });

    it("the summary says how many findings fail when that is not the mandatory count", () => {
        expect(result("softFailOnHigh").stdout).toMatch(/\n2 mandatory, 1 advisory findings on 3 resources; 0 failing the run\n$/);
        expect(result("hardFailOnAdvisory").stdout).toMatch(/\n0 mandatory, 1 advisory findings on 1 resources; 1 failing the run\n$/);
    });
});

describe("selecting policies and baselines", () => {
    it("--check (behind the bin's scan command): only those policies", () => {
        const r = result("check");
        expect(r.code).toBe(0);
        expect((JSON.parse(r.stdout) as { findings: { policyName: string }[] }).findings.map((f) => f.policyName)).toEqual(["audit-trail-present"]);
    });

    it("--skip-check: all but those", () => {
        const r = result("skipCheck");
        expect(r.code).toBe(0);
        expect(r.stdout).toBe("[advisory] audit-trail-present  pulumi:pulumi:Stack::aws-small-prod  found no aws.cloudtrail.Trail in this stack.\n\n0 mandatory, 1 advisory findings on 1 resources\n");
    });

    it("--create-baseline writes the run's findings by policy and URN", () => {
        expect(result("createBaseline").code).toBe(1);
        const base = JSON.parse(fs.readFileSync(BASELINES.created, "utf8")) as { formatVersion: number; findings: unknown[] };
        expect(base.formatVersion).toBe(1);
        expect(base.findings).toEqual((JSON.parse(fs.readFileSync(BASELINES.full, "utf8")) as { findings: { urn: string }[] }).findings.sort((a: { urn: string }, b: { urn: string }) => (a.urn < b.urn ? -1 : 1)));
    });

    it("--baseline: findings in it are left out; the run fails only on new ones", () => {
        const partial = result("partialBaseline");
        expect(partial.code).toBe(1);
        const out = JSON.parse(partial.stdout) as { summary: { baselined: number }; findings: { resourceName: string }[] };
        expect(out.summary.baselined).toBe(1);
        expect(out.findings.map((f) => f.resourceName)).toEqual(["short-retention", "aws-small-prod"]);
        const full = result("fullBaseline");
        expect(full.code).toBe(0);
        expect(full.stdout).toMatch(/\n0 mandatory, 0 advisory findings on 0 resources; 3 in the baseline not shown\n$/);
    });
});

describe("text views end to end", () => {
    it("--quiet --lang zh: the failing finding in Chinese, no description", () => {
        const r = result("quietZh");
        expect(r.stdout).toBe(
            [
                "Policies:",
                `    ❌ scan-pack@v2.0.0 (local: ${PACK})`,
                "        - [mandatory] [severity: high]  log-retention-minimum  (aws:cloudwatch:LogGroup: short-retention)",
                "          当前为 7 天；要求至少 180 天。",
                "",
                "Scanned 4 resources: 2 aws:cloudwatch/logGroup:LogGroup, 1 pulumi:providers:aws, 1 pulumi:pulumi:Stack",
                "",
                "1 mandatory, 1 advisory findings on 2 resources; 1 not failing not shown (--quiet)",
                "",
            ].join("\n"),
        );
    });
});

describe("scan list and --version", () => {
    it("lists every policy with its level, severity and tags", () => {
        const r = result("list");
        expect(r.code).toBe(0);
        expect(r.stdout.split("\n").slice(0, 8)).toEqual([
            "scan-pack@v2.0.0: 3 policies (levels as configured)",
            "",
            "audit-trail-present",
            "  advisory · severity medium · stack policy",
            "  The stack has an audit trail.",
            "  tags: logging",
            "",
            "crash-on-marker",
        ]);
    });

    it("list --format json, with --config levels and --skip-check", () => {
        const r = result("listJson");
        const out = JSON.parse(r.stdout) as { policies: { name: string; enforcementLevel: string; resourceTypes: unknown }[] };
        expect(out.policies.map((p) => [p.name, p.enforcementLevel, p.resourceTypes])).toEqual([
            ["audit-trail-present", "advisory", null],
            ["log-retention-minimum", "mandatory", null],
        ]);
    });

    it("--version prints the package version", () => {
        const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string };
        expect(result("version")).toMatchObject({ code: 0, stdout: `china-compliance-scan ${pkg.version}\n`, stderr: "" });
    });
});
