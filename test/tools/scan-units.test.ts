// scan's pieces without processes: arguments, project and stack files, resource building,
// stack exports, URNs and wire values, and the output formats.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { pathToFileURL } from "url";
import { describe, expect, it } from "vitest";
import { SECRET_SIG, SIG_KEY, UNKNOWN, type AnalyzerInfo, type EngineResource } from "../../tools/engine/types";
import { childUrn, displayType, isDefaultProvider, parseUrn, providerRefUrn } from "../../tools/engine/urn";
import { OUTPUT_VALUE_SIG, RESOURCE_REF_SIG, secret, toAnalyzerWire, withoutInternalKeys } from "../../tools/engine/wire";
import { parseArgs } from "../../tools/scan/args";
import type { CapturedResource } from "../../tools/scan/capture";
import { cliOrder, formatText, packMark, propertyDiff } from "../../tools/scan/format-text";
import { toSarif } from "../../tools/scan/format-sarif";
import { exitClue, headline } from "../../tools/scan/program";
import { SECRET_PLACEHOLDER, configValue, readProject, readStackConfig, resolveEntry, selectStackName } from "../../tools/scan/project";
import { exitCodeOf, resolveFindings, summarize, type ResolvedFinding, type ScanReport } from "../../tools/scan/report";
import { buildResources, defaultProviderName, programFrame } from "../../tools/scan/resources";
import { exportValueToWire, parseStackExport } from "../../tools/scan/stack-export";
import { userError } from "./helpers";

function tempDir(files: Record<string, string>): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "scan-units-"));
    for (const [name, text] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
        fs.writeFileSync(path.join(dir, name), text);
    }
    return dir;
}

describe("parseArgs", () => {
    it("reads the target and options, with --opt value and --opt=value", () => {
        expect(parseArgs(["prog", "--stack", "prod", "--config=cfg.json", "--format", "sarif", "--remediate", "--pack", "p", "--timeout", "30"])).toMatchObject({
            command: "scan",
            target: "prog",
            stack: "prod",
            config: "cfg.json",
            formats: ["sarif"],
            remediate: true,
            pack: "p",
            timeout: 30,
        });
        expect(parseArgs(["prog"])).toMatchObject({ formats: ["text"], remediate: false, timeout: 120, lang: "both", softFail: false, quiet: false, compact: false });
    });

    it("takes the Checkov-style options: lists comma-separated or repeated", () => {
        const a = parseArgs([
            "prog",
            "-o", "sarif,json",
            "--format", "junitxml",
            "--output-file-path", "out/a.sarif,console,b.xml",
            "--soft-fail-on", "advisory,low",
            "--hard-fail-on", "critical",
            "--check", "log-*",
            "--check", "audit-trail-present",
            "--skip-check", "log-bucket-lifecycle-minimum",
            "--baseline", "base.json",
            "--create-baseline=new.json",
            "--quiet",
            "--compact",
            "--lang", "zh",
            "--repo-root", "..",
            "--sarif-category", "infra/prod",
            "--no-color",
            "--soft-fail",
        ]);
        expect(a).toMatchObject({
            formats: ["sarif", "json", "junitxml"],
            outputFilePath: ["out/a.sarif", "console", "b.xml"],
            softFailOn: ["advisory", "low"],
            hardFailOn: ["critical"],
            check: ["log-*", "audit-trail-present"],
            skipCheck: ["log-bucket-lifecycle-minimum"],
            baseline: "base.json",
            createBaseline: "new.json",
            quiet: true,
            compact: true,
            lang: "zh",
            repoRoot: "..",
            sarifCategory: "infra/prod",
            noColor: true,
            softFail: true,
        });
        expect(parseArgs(["-o", "json,json", "x"]).formats).toEqual(["json"]);
    });

    it("commands: scan <dir> as the package bin takes it, list, --version, --help", () => {
        expect(parseArgs(["scan", "prog"])).toMatchObject({ command: "scan", target: "prog" });
        expect(parseArgs(["./scan"])).toMatchObject({ command: "scan", target: "./scan" });
        expect(parseArgs(["list"])).toMatchObject({ command: "list", target: "" });
        expect(parseArgs(["policies", "--format", "json"])).toMatchObject({ command: "list", formats: ["json"] });
        expect(parseArgs(["-v"]).command).toBe("version");
        expect(parseArgs(["--version"]).command).toBe("version");
        expect(parseArgs(["-h"]).command).toBe("help");
        expect(parseArgs(["scan", "--help"]).command).toBe("help");
    });

    it("rejects what it does not understand, in one line", () => {
        expect(userError(() => parseArgs([]))).toBe("missing the program directory or stack export to scan (see --help)");
        expect(userError(() => parseArgs(["scan"]))).toBe("missing the program directory or stack export to scan (see --help)");
        expect(userError(() => parseArgs(["a", "b"]))).toBe("expected one target, got 2: a b");
        expect(userError(() => parseArgs(["list", "a"]))).toBe("list takes no target (got a)");
        expect(userError(() => parseArgs(["a", "--stack"]))).toBe("--stack needs a value");
        expect(userError(() => parseArgs(["a", "-o"]))).toBe("--format needs a value");
        expect(userError(() => parseArgs(["a", "--stack="]))).toBe("--stack needs a value");
        expect(userError(() => parseArgs(["a", "--quiet=yes"]))).toBe("--quiet takes no value");
        expect(userError(() => parseArgs(["a", "--verbose"]))).toBe("unknown option --verbose (see --help)");
        expect(userError(() => parseArgs(["a", "-x"]))).toBe("unknown option -x (see --help)");
        expect(userError(() => parseArgs(["a", "--timeout", "soon"]))).toBe("--timeout must be a positive number of seconds (got soon)");
        expect(userError(() => parseArgs(["a", "--format", "pdf"]))).toBe("--format must be one of text, json, sarif, junitxml, codequality, html (got pdf)");
        expect(userError(() => parseArgs(["a", "--format", ","]))).toBe("--format needs a value");
        expect(userError(() => parseArgs(["a", "--lang", "fr"]))).toBe("--lang must be one of en, zh, both (got fr)");
        expect(userError(() => parseArgs(["a", "--output-file-path", "a,,b"]))).toBe("--output-file-path has an empty entry (got a,,b)");
    });
});

describe("project and stack files", () => {
    it("reads the project name, runtime and main; refuses other runtimes", () => {
        const dir = tempDir({ "Pulumi.yaml": "name: web\nruntime:\n  name: nodejs\n  options:\n    typescript: false\nmain: src/app.js\n" });
        expect(readProject(dir)).toEqual({ dir, name: "web", runtime: "nodejs", typescript: false, main: "src/app.js" });
        const py = tempDir({ "Pulumi.yaml": "name: web\nruntime: python\n" });
        expect(userError(() => readProject(py))).toBe(`${path.join(py, "Pulumi.yaml")}: runtime is "python"; scan runs nodejs programs only`);
        const bad = tempDir({ "Pulumi.yaml": "name: [unclosed\n" });
        expect(userError(() => readProject(bad))).toMatch(/^.*Pulumi\.yaml is not valid YAML: /);
    });

    it("chooses the stack: --stack, else the only stack file, else dev", () => {
        expect(selectStackName(tempDir({ "Pulumi.prod.yaml": "" }), undefined)).toBe("prod");
        expect(selectStackName(tempDir({ "Pulumi.prod.yaml": "", "Pulumi.dev.yaml": "" }), undefined)).toBe("dev");
        expect(selectStackName(tempDir({}), undefined)).toBe("dev");
        expect(selectStackName(tempDir({ "Pulumi.prod.yaml": "" }), "qa")).toBe("qa");
        const two = tempDir({ "Pulumi.prod.yaml": "", "Pulumi.qa.yaml": "" });
        expect(userError(() => selectStackName(two, undefined))).toBe(`${two} has several stack files (prod, qa); choose one with --stack`);
    });

    it("passes config as the CLI does: namespaced keys, JSON for objects, placeholders for secure values", () => {
        const dir = tempDir({
            "Pulumi.yaml": "name: web\nruntime: nodejs\nconfig:\n  replicas:\n    default: 2\n  tier: gold\n",
            "Pulumi.dev.yaml": [
                "config:",
                "  aws:region: cn-north-1",
                "  web:tier: silver",
                "  dbPassword:",
                "    secure: AAABAHh4eHh4",
                "  tags:",
                "    owner: platform",
                "    token:",
                "      secure: AAABAHl5eXl5",
                "  enabled: true",
                "",
            ].join("\n"),
        });
        const stack = readStackConfig(readProject(dir), "dev");
        expect(stack.config).toEqual({
            "web:replicas": "2",
            "web:tier": "silver",
            "aws:region": "cn-north-1",
            "web:dbPassword": SECRET_PLACEHOLDER,
            "web:tags": JSON.stringify({ owner: "platform", token: SECRET_PLACEHOLDER }),
            "web:enabled": "true",
        });
        expect(stack.secretKeys).toEqual(["web:dbPassword", "web:tags"]);
        expect(configValue([1, "a"])).toBe('[1,"a"]');
    });

    it("a program's error is reported by its first line, or two when the first only introduces", () => {
        expect(headline("bucketName is required\n    (set it with pulumi config set)")).toBe("bucketName is required");
        expect(headline("⨯ Unable to compile TypeScript:\nindex.ts(1,19): error TS1109: Expression expected.\n")).toBe(
            "⨯ Unable to compile TypeScript: index.ts(1,19): error TS1109: Expression expected.",
        );
        expect(headline("")).toBe("");
    });

    it("a program that exits early: the pending registrations that name resources are kept, more than five counted; SDK warnings are no clue", () => {
        const sdk = (names: string[]) =>
            [
                "warning: [runtime] BucketV2 is deprecated",
                "The Pulumi runtime detected that the program exited before the following resource",
                "registrations could complete:",
                '  * "web-dev" [pulumi:pulumi:Stack] was waiting for the URNs of its dependencies to resolve',
                ...names.map((n) => `  * "${n}" [aws:s3/bucketV2:BucketV2] was waiting for its dependencies to resolve`),
                "additional debug information about the leaked promises.",
            ].join("\n");
        expect(exitClue(sdk(["a"]))).toBe('registrations still pending: aws:s3/bucketV2:BucketV2 "a" (the program exited early, or waits on an output that never resolves)');
        expect(exitClue(sdk(["a", "b", "c", "d", "e", "f", "g"]))).toContain('aws:s3/bucketV2:BucketV2 "e" and 2 more (');
        expect(exitClue("warning: [runtime] X is deprecated\nError: socket hang up\n")).toBe("Error: socket hang up");
        expect(exitClue("warning: [runtime] X is deprecated\n")).toBeUndefined();
    });

    it("a missing stack file is empty stack config (project defaults apply), with a warning", () => {
        const dir = tempDir({ "Pulumi.yaml": "name: web\nruntime: nodejs\nconfig:\n  size: {default: small}\n" });
        const warnings: string[] = [];
        expect(readStackConfig(readProject(dir), "dev", warnings)).toMatchObject({ name: "dev", config: { "web:size": "small" }, secretKeys: [] });
        expect(warnings).toEqual(["no stack file Pulumi.dev.yaml: the program runs with empty stack config, as after pulumi stack init"]);
    });

    it("a package.json main that does not exist falls back to the directory's index, with a warning", () => {
        const dir = tempDir({ "Pulumi.yaml": "name: a\nruntime: nodejs\n", "package.json": '{"main": "index.js"}', "index.ts": "" });
        const warnings: string[] = [];
        expect(resolveEntry(readProject(dir), warnings)).toBe(path.join(dir, "index.ts"));
        expect(warnings).toEqual(["package.json main index.js does not exist; running index.ts instead, as Pulumi does"]);
        const none = tempDir({ "Pulumi.yaml": "name: a\nruntime: nodejs\n", "package.json": '{"main": "index.js"}' });
        expect(userError(() => resolveEntry(readProject(none)))).toBe(`${none} has no index.ts or index.js, and package.json main index.js does not exist`);
    });

    it("finds the entry: Pulumi.yaml main, package.json main, then index.js before index.ts", () => {
        const withMain = tempDir({ "Pulumi.yaml": "name: a\nruntime: nodejs\nmain: app.ts\n", "app.ts": "" });
        expect(resolveEntry(readProject(withMain))).toBe(path.join(withMain, "app.ts"));
        const pkg = tempDir({ "Pulumi.yaml": "name: a\nruntime: nodejs\n", "package.json": '{"main": "bin/index.js"}', "bin/index.js": "" });
        expect(resolveEntry(readProject(pkg))).toBe(path.join(pkg, "bin/index.js"));
        const both = tempDir({ "Pulumi.yaml": "name: a\nruntime: nodejs\n", "index.ts": "", "index.js": "" });
        expect(resolveEntry(readProject(both))).toBe(path.join(both, "index.js"));
        const none = tempDir({ "Pulumi.yaml": "name: a\nruntime: nodejs\n" });
        expect(userError(() => resolveEntry(readProject(none)))).toBe(`${none} has no index.ts or index.js, and no main in Pulumi.yaml or package.json`);
    });
});

function captured(type: string, name: string, extra: Partial<CapturedResource> = {}): CapturedResource {
    const parentUrn = "urn:pulumi:dev::web::pulumi:pulumi:Stack::web-dev";
    return {
        urn: type === "pulumi:pulumi:Stack" ? parentUrn : `urn:pulumi:dev::web::${type}::${name}`,
        type,
        name,
        custom: true,
        parent: type === "pulumi:pulumi:Stack" ? "" : parentUrn,
        object: {},
        dependencies: [],
        propertyDependencies: {},
        providerRef: "",
        version: "",
        ignoreChanges: [],
        additionalSecretOutputs: [],
        aliases: [],
        frames: [],
        ...extra,
    };
}

describe("buildResources", () => {
    const identity = {
        project: "web",
        stack: "dev",
        config: { "aws:region": "cn-north-1", "aws:defaultTags": '{"tags":{"team":"platform"}}', "aws:accessKey": "[secret]", "web:tier": "gold" },
        secretKeys: ["aws:accessKey"],
    };

    it("synthesises each package's default provider from stack config, before its first user", () => {
        const resources = buildResources(
            [
                captured("pulumi:pulumi:Stack", "web-dev", { custom: false }),
                captured("aws:s3/bucket:Bucket", "a", { version: "7.48.0" }),
                captured("aws:s3/bucket:Bucket", "b", { version: "7.48.0" }),
                captured("alicloud:oss/bucket:Bucket", "c"),
                captured("my:index:Component", "comp", { custom: false }),
            ],
            identity,
        );
        expect(resources.map((r) => r.urn.split("::").slice(2).join("::"))).toEqual([
            "pulumi:pulumi:Stack::web-dev",
            "pulumi:providers:aws::default_7_48_0",
            "aws:s3/bucket:Bucket::a",
            "aws:s3/bucket:Bucket::b",
            "pulumi:providers:alicloud::default",
            "alicloud:oss/bucket:Bucket::c",
            "my:index:Component::comp",
        ]);
        const aws = resources[1];
        expect(aws).toMatchObject({ type: "pulumi:providers:aws", name: "default_7_48_0", custom: true });
        expect(aws!.properties).toEqual({ region: "cn-north-1", defaultTags: { tags: { team: "platform" } }, accessKey: secret("[secret]"), version: "7.48.0", __internal: {} });
        expect(resources[2]!.provider).toEqual({ urn: aws!.urn, type: aws!.type, name: aws!.name, properties: aws!.properties });
        expect(resources[3]!.provider?.urn).toBe(aws!.urn);
        expect(resources[5]!.provider?.properties).toEqual({});
        expect(resources[6]!.provider).toBeUndefined();
        expect(resources[0]!.provider).toBeUndefined();
        expect(isDefaultProvider(aws!)).toBe(true);
    });

    it("links an explicit provider through its reference; providers get no default provider", () => {
        const prov = captured("pulumi:providers:aws", "bei::jing", { object: { region: "cn-north-1" } });
        const bucket = captured("aws:s3/bucket:Bucket", "a", { providerRef: `${prov.urn}::04da6b54-80e4-46f7-96ec-b56ff0331ba9` });
        const resources = buildResources([prov, bucket], identity);
        expect(resources).toHaveLength(2);
        expect(resources[1]!.provider).toEqual({ urn: prov.urn, type: "pulumi:providers:aws", name: "bei::jing", properties: { region: "cn-north-1" } });
        expect(isDefaultProvider(resources[0]!)).toBe(false);
    });

    it("marshals values as the CLI does for analyzers: resource references become ids or URNs", () => {
        const object = {
            bucket: { [SIG_KEY]: RESOURCE_REF_SIG, urn: "urn:pulumi:dev::web::aws:s3/bucket:Bucket::a", id: "" },
            role: { [SIG_KEY]: RESOURCE_REF_SIG, urn: "urn:pulumi:dev::web::aws:iam/role:Role::r", id: "role-1" },
            component: { [SIG_KEY]: RESOURCE_REF_SIG, urn: "urn:pulumi:dev::web::my:index:C::c" },
            out: { [SIG_KEY]: OUTPUT_VALUE_SIG, value: 3, secret: true },
            pending: { [SIG_KEY]: OUTPUT_VALUE_SIG },
            list: [secret({ [SIG_KEY]: RESOURCE_REF_SIG, urn: "u", id: "i" })],
        };
        const [r] = buildResources([captured("aws:s3/bucketPolicy:BucketPolicy", "p", { object, providerRef: "x::y" })], identity);
        expect(r!.properties).toEqual({
            bucket: UNKNOWN,
            role: "role-1",
            component: "urn:pulumi:dev::web::my:index:C::c",
            out: secret(3),
            pending: UNKNOWN,
            list: [secret("i")],
        });
        expect(toAnalyzerWire(null)).toBeNull();
    });

    it("names versioned default providers as the engine does", () => {
        expect(defaultProviderName("")).toBe("default");
        expect(defaultProviderName("3.108.0")).toBe("default_3_108_0");
        expect(defaultProviderName("7.0.0-alpha.1")).toBe("default_7_0_0_alpha_1");
    });

    it("takes the source position from the first frame in the program, not in node_modules", () => {
        const dir = "/work/prog";
        const frames = [
            { uri: pathToFileURL("/work/prog/node_modules/@pulumi/awsx/vpc.js").href, line: 10, column: 1 },
            { uri: pathToFileURL("/elsewhere/lib.js").href, line: 3, column: 1 },
            { uri: pathToFileURL("/work/prog/network.ts").href, line: 42, column: 5 },
            { uri: pathToFileURL("/work/prog/index.ts").href, line: 2, column: 1 },
        ];
        expect(programFrame(frames, dir)).toEqual(frames[2]);
        expect(programFrame(frames.slice(0, 2), dir)).toBeUndefined();
    });
});

describe("URNs", () => {
    it("splits only the first three separators: names may contain ::", () => {
        expect(parseUrn("urn:pulumi:dev::web::pulumi:pulumi:Stack$aws:s3/bucket:Bucket::a::b")).toEqual({
            stack: "dev",
            project: "web",
            qualifiedType: "pulumi:pulumi:Stack$aws:s3/bucket:Bucket",
            type: "aws:s3/bucket:Bucket",
            name: "a::b",
        });
        expect(parseUrn("not-a-urn")).toBeUndefined();
        expect(providerRefUrn("urn:pulumi:dev::web::pulumi:providers:aws::a::b::the-id")).toBe("urn:pulumi:dev::web::pulumi:providers:aws::a::b");
    });
});

describe("stack exports", () => {
    it("turns exported secrets into wire secrets", () => {
        expect(exportValueToWire({ [SIG_KEY]: SECRET_SIG, ciphertext: "AAAB" })).toEqual(secret("[secret]"));
        expect(exportValueToWire({ [SIG_KEY]: SECRET_SIG, plaintext: '{"a":[1]}' })).toEqual(secret({ a: [1] }));
        expect(exportValueToWire({ [SIG_KEY]: SECRET_SIG, plaintext: "not json" })).toEqual(secret("not json"));
        expect(exportValueToWire([{ x: { [SIG_KEY]: SECRET_SIG, ciphertext: "c" } }])).toEqual([{ x: secret("[secret]") }]);
    });

    it("reads resources: inputs else outputs, provider links, parents, dependencies; skips pending deletes", () => {
        const text = fs.readFileSync(path.join(__dirname, "..", "fixtures", "exports", "aws-small.json"), "utf8");
        const loaded = parseStackExport(text, "aws-small.json");
        expect(loaded.project).toBe("aws-small");
        expect(loaded.stack).toBe("prod");
        expect(loaded.resources.map((r) => r.name)).toEqual(["aws-small-prod", "default_7_48_0", "logs-key", "short-retention", "long-retention", "outputs-only"]);
        const short = loaded.resources[3];
        expect(short!.properties.tags).toEqual({ owner: secret("[secret]") });
        expect(short!.provider).toMatchObject({ name: "default_7_48_0", properties: { region: "cn-northwest-1" } });
        expect(short!.propertyDependencies.kmsKeyId).toEqual(["urn:pulumi:prod::aws-small::aws:kms/key:Key::logs-key"]);
        expect(short!.dependencies).toEqual(["urn:pulumi:prod::aws-small::aws:kms/key:Key::logs-key"]);
        expect(short!.parent).toBe("urn:pulumi:prod::aws-small::pulumi:pulumi:Stack::aws-small-prod");
        expect(loaded.resources[4]).toMatchObject({ protect: true, properties: { tags: { owner: secret("platform-team") } } });
        expect(loaded.resources[5]!.properties).toEqual({ name: "outputs-only-7a8b9c", retentionInDays: 30 });
    });
});

const INFO: AnalyzerInfo = {
    name: "pack",
    version: "1.0.0",
    policies: [
        { name: "retention", description: "Keep logs.", enforcementLevel: "remediate", severity: "high", type: "resource", tags: ["logging"] },
        { name: "trail", description: "Have a trail.", enforcementLevel: "advisory", type: "stack", tags: [] },
    ],
};

function report(resources: EngineResource[], extra: Partial<ScanReport> = {}): ScanReport {
    return {
        tool: { name: "china-compliance-scan", version: "0.1.0" },
        pack: { name: "pack", version: "1.0.0", dir: "/work/pack" },
        target: { kind: "stack-export", path: "export.json", absolutePath: "/work/export.json", project: "web", stack: "prod" },
        info: INFO,
        resources,
        findings: [],
        remediations: [],
        ...extra,
    };
}

describe("report and formats", () => {
    const stack: EngineResource = { urn: "urn:pulumi:prod::web::pulumi:pulumi:Stack::web-prod", type: "pulumi:pulumi:Stack", name: "web-prod", custom: false, properties: {}, dependencies: [], propertyDependencies: {} };
    const logs: EngineResource = { ...stack, urn: "urn:pulumi:prod::web::aws:cloudwatch/logGroup:LogGroup::logs", type: "aws:cloudwatch/logGroup:LogGroup", name: "logs", custom: true };
    const finding = (policyName: string, enforcementLevel: "mandatory" | "advisory", urn?: string) => ({
        policyName,
        policyPackName: "pack",
        policyPackVersion: "1.0.0",
        description: "d",
        message: `d\n${policyName} line`,
        enforcementLevel,
        urn,
    });

    it("ties stack-level findings to the root stack, counts resources, and sets the exit code", () => {
        const r = report([stack, logs], { findings: [finding("trail", "advisory"), finding("retention", "mandatory", logs.urn)] });
        const resolved = resolveFindings(r);
        expect(resolved.map((f) => [f.resourceName, f.stackLevel])).toEqual([
            ["logs", false],
            ["web-prod", true],
        ]);
        expect(summarize(resolved)).toEqual({ mandatory: 1, advisory: 1, resources: 2 });
        expect(exitCodeOf(r.findings)).toBe(1);
        expect(exitCodeOf([finding("trail", "advisory")])).toBe(0);
    });

    it("text: a passing pack, and remediations as a property diff", () => {
        const r = report([stack, logs], {
            remediations: [
                {
                    urn: logs.urn,
                    type: logs.type,
                    name: "logs",
                    before: { retentionInDays: 7, tags: { a: "1" } },
                    after: { retentionInDays: 180, tags: { a: "1", b: "2" } },
                    remediations: [{ policyName: "retention", policyPackName: "pack", policyPackVersion: "1.0.0", description: "Keep logs." }],
                },
            ],
        });
        expect(formatText(r, "/work")).toBe(
            [
                "Policies:",
                "    ✅ pack@v1.0.0 (local: pack)",
                // The CLI's summary line for a remediating policy.
                "        - [remediate]  retention  (1 resource)",
                "",
                "Remediations:",
                "    ~ aws:cloudwatch/logGroup:LogGroup: logs  (retention)",
                "        ~ retentionInDays: 7 => 180",
                "        + tags.b: \"2\"",
                "",
                "Scanned 2 resources: 1 aws:cloudwatch/logGroup:LogGroup, 1 pulumi:pulumi:Stack",
                "",
                "0 mandatory, 0 advisory findings on 0 resources",
                "",
            ].join("\n"),
        );
        expect(propertyDiff({ a: 1, gone: true }, { a: 1 })).toEqual(["- gone: true"]);
    });

    it("sarif for a stack export: the export file relative to the repository root, the URN, levels from enforcement levels", () => {
        const log = toSarif(report([stack, logs], { repoRoot: "/work", findings: [finding("retention", "mandatory", logs.urn), finding("trail", "advisory")] }));
        const run = log.runs[0];
        expect(run!.originalUriBaseIds).toEqual({ "%SRCROOT%": { uri: "file:///work/" } });
        expect(run!.automationDetails).toEqual({ id: "china-compliance/web/prod/" });
        expect(run!.results?.map((x) => [x.ruleId, x.level, x.ruleIndex, x.message.text])).toEqual([
            ["retention", "error", 0, "retention line"],
            ["trail", "warning", 1, "trail line"],
        ]);
        // An export has no lines: the file alone, never an invented line.
        expect(run!.results?.[0]!.locations).toEqual([
            { physicalLocation: { artifactLocation: { uri: "export.json", uriBaseId: "%SRCROOT%" } }, logicalLocations: [{ fullyQualifiedName: logs.urn, name: "logs", kind: "resource" }] },
        ]);
        expect(run!.tool.driver.rules?.map((x) => x.defaultConfiguration)).toEqual([{ level: "error" }, { level: "warning" }]);
        expect(run!.tool.driver.rules?.[1]).not.toHaveProperty("help");
    });
});

describe("as the real CLI prints and marshals", () => {
    it("shortens a type token as tokens.Type.DisplayName does", () => {
        expect(displayType("aws:s3/bucket:Bucket")).toBe("aws:s3:Bucket");
        expect(displayType("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock")).toBe("aws:s3:BucketPublicAccessBlock");
        expect(displayType("aws:probe/thing:Thing")).toBe("aws:probe:Thing");
        // The file segment is not the name: kept as it is.
        expect(displayType("aws:ec2/securityGroup:Rule")).toBe("aws:ec2/securityGroup:Rule");
        expect(displayType("pulumi:pulumi:Stack")).toBe("pulumi:pulumi:Stack");
        expect(displayType("pulumi:providers:aws")).toBe("pulumi:providers:aws");
    });

    it("marks the pack ❌ with a mandatory finding, ⚠️ with only advisory ones, ✅ with none", () => {
        expect(packMark([{ enforcementLevel: "advisory" }, { enforcementLevel: "mandatory" }])).toBe("❌");
        expect(packMark([{ enforcementLevel: "advisory" }])).toBe("⚠️");
        expect(packMark([])).toBe("✅");
    });

    it("orders findings by level, severity (unset last), policy, then URN", () => {
        const f = (enforcementLevel: ResolvedFinding["enforcementLevel"], severity: ResolvedFinding["severity"], policyName: string, urn: string): ResolvedFinding => ({
            policyName,
            policyPackName: "p",
            policyPackVersion: "1",
            enforcementLevel,
            severity,
            urn,
            resourceType: "t",
            resourceName: "n",
            stackLevel: false,
            description: "",
            message: "",
        });
        const sorted = cliOrder([f("advisory", null, "a", "u1"), f("advisory", "low", "z", "u2"), f("mandatory", "low", "b", "u3"), f("mandatory", "critical", "c", "u4"), f("mandatory", "critical", "c", "u0")]);
        expect(sorted.map((x) => `${x.enforcementLevel}/${x.severity}/${x.policyName}/${x.urn}`)).toEqual([
            "mandatory/critical/c/u0",
            "mandatory/critical/c/u4",
            "mandatory/low/b/u3",
            "advisory/low/z/u2",
            "advisory/null/a/u1",
        ]);
    });

    it("drops `__` keys at every depth for Analyze, and nothing else", () => {
        expect(withoutInternalKeys({ a: 1, __meta: "x", nested: { __inner: 1, list: [{ __deep: true, keep: 2 }] }, s: secret({ __x: 1, y: 2 }) })).toEqual({
            a: 1,
            nested: { list: [{ keep: 2 }] },
            s: secret({ y: 2 }),
        });
    });

    it("qualifies a child's type by its parent's, except under the root stack", () => {
        const stack = "urn:pulumi:dev::p::pulumi:pulumi:Stack::p-dev";
        const group = childUrn("dev", "p", stack, "probe:index:Group", "g");
        expect(group).toBe("urn:pulumi:dev::p::probe:index:Group::g");
        expect(childUrn("dev", "p", group, "aws:probe/thing:Thing", "g-child")).toBe("urn:pulumi:dev::p::probe:index:Group$aws:probe/thing:Thing::g-child");
        expect(childUrn("dev", "p", "", "pulumi:pulumi:Stack", "p-dev")).toBe(stack);
    });
});
