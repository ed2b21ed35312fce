// Bad input through the compiled scan CLI and the real pack: each class of bad config, scan target
// and broken program gives exit code 2, exactly one line on stderr naming what and where, and
// nothing on stdout (no finding is printed). test/tools/scan.test.ts covers, with a fixture pack:
// a missing path, a directory without Pulumi.yaml, a missing stack file, a program that throws or
// hangs, a truncated export, an export without resources or without a type, an out-of-range
// minimum, a config file that is not JSON, bad options and a pack that crashes. This file covers
// the other classes, with the real pack's policies and schemas.
import * as path from "path";
import { beforeAll, describe, expect, it } from "vitest";
import { type CliResult, EXPORTS, ROOT, runCli } from "../tools/helpers";

const FIXTURES = path.join(ROOT, "test", "reliability", "fixtures");
const rel = (p: string): string => path.relative(ROOT, p);
const EXPORT = rel(path.join(EXPORTS, "aws-small.json"));
const config = (name: string): string => rel(path.join(FIXTURES, "configs", `${name}.json`));
const program = (name: string): string => rel(path.join(FIXTURES, "programs", name));
const badExport = (name: string): string => rel(path.join(FIXTURES, "exports", `${name}.json`));
const abs = (p: string): string => path.join(ROOT, p);

const PREFIX = "scan: invalid policy config: china-compliance";

/** name → [arguments, the exact stderr line]. */
const CASES: Record<string, [string[], string]> = {
    // config
    "unknown policy": [
        [EXPORT, "--config", config("unknown-policy")],
        `${PREFIX}/log-retention-minimun: no such policy in policy pack china-compliance; did you mean log-retention-minimum?`,
    ],
    "wrong type": [[EXPORT, "--config", config("wrong-type")], `${PREFIX}/log-retention-minimum: minimumRetentionDays: must be integer (got "180")`],
    "wrong type: a list given a string": [
        [EXPORT, "--config", config("region-not-a-list")],
        `${PREFIX}/copy-destination-allowed-regions: allowedRegions: must be array (got "cn-north-1")`,
    ],
    "out of range (above the maximum)": [[EXPORT, "--config", config("above-maximum")], `${PREFIX}/log-retention-minimum: minimumRetentionDays: must be <= 3650 (got 4000)`],
    "unknown region, with the closest known one": [
        [EXPORT, "--config", config("unknown-region")],
        `${PREFIX}/allowed-regions: allowedRegions[1]: must be one of 73 known values or a supported pattern; did you mean cn-north-1? (got "cn-nort-1")`,
    ],
    "a region glob that matches no region": [
        [EXPORT, "--config", config("unknown-region-glob")],
        `${PREFIX}/allowed-regions: allowedRegions[0]: must be one of 73 known values or a supported pattern (got "mars-*")`,
    ],
    "not an object": [
        [EXPORT, "--config", config("not-an-object")],
        `scan: invalid policy config: ${abs(config("not-an-object"))}: must be a JSON object mapping policy names to config (got an array)`,
    ],
    "invalid enforcement level": [
        [EXPORT, "--config", config("invalid-level")],
        `${PREFIX}/log-retention-minimum: enforcementLevel: must be one of advisory, mandatory, remediate, disabled (got "strict")`,
    ],
    "neither a level nor an object": [[EXPORT, "--config", config("not-a-level")], `${PREFIX}/no-public-buckets: must be an enforcement level or an object (got 3)`],
    "unknown key": [
        [EXPORT, "--config", config("unknown-key")],
        `${PREFIX}/log-retention-minimum: minimumRetentionDay: unknown key (got 180); known keys: exemptResources, minimumRetentionDays`,
    ],
    'properties under "all"': [[EXPORT, "--config", config("all-with-properties")], `scan: invalid policy config: all: minimumRetentionDays: "all" takes only enforcementLevel (got 7)`],
    "missing config file": [[EXPORT, "--config", config("nope")], `scan: invalid policy config: ${abs(config("nope"))}: cannot read the file (ENOENT)`],
    // scan target
    "export: empty file": [[badExport("empty")], `scan: ${abs(badExport("empty"))} is not a usable stack export: not valid JSON (Unexpected end of JSON input)`],
    "export: a JSON array": [
        [badExport("array")],
        `scan: ${abs(badExport("array"))} is not a usable stack export: no deployment.resources array (expected the output of \`pulumi stack export\`)`,
    ],
    "export: a newer deployment version": [[badExport("version-4")], `scan: ${abs(badExport("version-4"))} is not a usable stack export: deployment version 4 is newer than the supported version 3`],
    "export: a resource that is not an object": [[badExport("not-an-object")], `scan: ${abs(badExport("not-an-object"))} is not a usable stack export: deployment.resources[1] has no urn or type`],
    "export with --stack": [[EXPORT, "--stack", "prod"], `scan: --stack applies to program directories, not to the stack export ${EXPORT}`],
    "program: Pulumi.yaml is not YAML": [[program("bad-yaml")], `scan: ${abs(program("bad-yaml"))}/Pulumi.yaml is not valid YAML: unexpected end of the stream within a flow collection (3:1)`],
    "program: not a nodejs program": [[program("python")], `scan: ${abs(program("python"))}/Pulumi.yaml: runtime is "python"; scan runs nodejs programs only`],
    "program: several stack files, none chosen": [[program("several-stacks")], `scan: ${abs(program("several-stacks"))} has several stack files (prod, staging); choose one with --stack`],
    "program: main does not exist": [[program("missing-main")], `scan: ${abs(program("missing-main"))}: Pulumi.yaml main src/main.ts does not exist`],
    // broken program
    "program: does not parse": [[program("syntax-error")], `scan: program ${abs(program("syntax-error"))} threw SyntaxError: Unexpected token ';' (index.js:5)`],
    "program: exits before finishing": [[program("exits")], `scan: program ${abs(program("exits"))} exited (code 4) without finishing: Error: cannot reach the config service`],
};

const results = new Map<string, CliResult>();

beforeAll(async () => {
    const queue = Object.keys(CASES);
    const worker = async (): Promise<void> => {
        for (let name = queue.shift(); name !== undefined; name = queue.shift()) results.set(name, await runCli(CASES[name]![0]));
    };
    await Promise.all([worker(), worker(), worker()]);
}, 240_000);

describe("bad input: exit 2, the exact line on stderr, nothing on stdout", () => {
    it.each(Object.keys(CASES))("%s", (name) => {
        const r = results.get(name);
        expect({ code: r?.code, stdout: r?.stdout, stderr: r?.stderr }).toEqual({ code: 2, stdout: "", stderr: `${CASES[name]![1]}\n` });
    });
});
