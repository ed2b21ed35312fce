// --policy-pack-config under the real CLI: each configuration in examples/config gives the same
// findings and exit code as `scan --config`, a configuration the schemas reject fails the preview
// with the CLI's own message, and the CLI's looser Configure ("all", unknown policy names, extra
// keys) still runs the pack, where scan deliberately refuses an unknown policy name.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { afterAll, describe, expect, it } from "vitest";
import { cliRows, example, exampleConfig, preview, scan, scanRows } from "./helpers";

const CASES: [config: string, example: string][] = [
    ["mainland-china", "aws-noncompliant"],
    ["mlps-level3-strict", "aws-compliant"],
    ["mlps-level3-strict", "alicloud-noncompliant"],
    ["eu-only", "aws-compliant"],
    ["remediate", "aws-noncompliant"],
];

const TMP = fs.mkdtempSync(path.join(os.tmpdir(), "cli-configs-"));
afterAll(() => fs.rmSync(TMP, { recursive: true, force: true }));
function configFile(name: string, content: unknown): string {
    const file = path.join(TMP, `${name}.json`);
    fs.writeFileSync(file, JSON.stringify(content));
    return file;
}

describe.each(CASES)("examples/config/%s.json on %s", (config, name) => {
    it("gives the findings and exit code scan gives", async () => {
        const run = await preview({ program: example(name), policyPackConfigs: [exampleConfig(config)] });
        const scanned = await scanRows([example(name), "--config", exampleConfig(config)]);
        expect(cliRows(run)).toEqual(scanned.rows);
        expect(run.code).toBe(scanned.code);
    });
});

describe("configurations the schemas reject", () => {
    it.each([
        ["a string for a number", { "log-retention-minimum": { minimumRetentionDays: "six months" } }, "minimumRetentionDays: Invalid type. Expected: integer, given: string"],
        ["a number below the minimum", { "log-retention-minimum": { minimumRetentionDays: 0 } }, "minimumRetentionDays: Must be greater than or equal to 1"],
    ])("%s: the preview fails before any resource, naming the policy and key", async (label, content, says) => {
        const file = configFile(label.replace(/\W+/g, "-"), content);
        const run = await preview({ program: example("aws-compliant"), policyPackConfigs: [file] });
        expect(run.code).toBe(1);
        expect(run.stdout).toContain(`error: validating policy config: china-compliance 0.1.0  log-retention-minimum: ${says}`);
        expect(run.events.some((e) => "policyEvent" in e)).toBe(false);
        // scan rejects the same file, in its own words, with exit code 2 (bad input).
        const scanned = await scan([example("aws-compliant"), "--config", file]);
        expect(scanned.code).toBe(2);
        expect(scanned.stderr).toMatch(/^scan: invalid policy config: china-compliance\/log-retention-minimum: minimumRetentionDays: /);
    });

    it("an unknown enforcement level", async () => {
        const file = configFile("bad-level", { "log-retention-minimum": "loud" });
        const run = await preview({ program: example("aws-compliant"), policyPackConfigs: [file] });
        expect(run.code).toBe(1);
        expect(run.stderr).toContain('error: parsing enforcement level for "log-retention-minimum": "loud" is not a valid enforcement level');
    });
});

describe("the CLI's looser Configure", () => {
    const loose = { all: "advisory", "no-such-policy": "mandatory", "log-retention-minimum": { minimumRetentionDays: 200, notAKey: true } };

    it("passes all, an unknown policy name and an extra key to the pack, which still runs: every finding advisory, exit 0", async () => {
        const run = await preview({ program: example("aws-noncompliant"), policyPackConfigs: [configFile("loose", loose)] });
        expect(run.code).toBe(0);
        const rows = cliRows(run);
        expect(rows.length).toBeGreaterThan(20);
        expect(new Set(rows.map((r) => r.level))).toEqual(new Set(["advisory"]));
    });

    it("scan is stricter on purpose: it names the unknown policy and the extra key", async () => {
        const unknown = await scan([example("aws-noncompliant"), "--config", configFile("unknown", { "no-such-policy": "mandatory" })]);
        expect(unknown.code).toBe(2);
        expect(unknown.stderr).toContain("no-such-policy: no such policy in policy pack china-compliance");
        const extra = await scan([example("aws-noncompliant"), "--config", configFile("extra", { "log-retention-minimum": { notAKey: true } })]);
        expect(extra.code).toBe(2);
        expect(extra.stderr).toContain("notAKey: unknown key");
    });
});
