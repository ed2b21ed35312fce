// The offline engine against the real pack at the project root (dist/index.js, built by
// test/global-setup.ts), started exactly as the Pulumi CLI starts it: the pack's own
// node_modules/@pulumi/pulumi/cmd/run-policy-pack. Checks the protocol contract of
// log-retention-minimum; the policies' own logic is tested in test/policies.
import * as fs from "fs";
import * as path from "path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveConfig } from "../../tools/engine/config";
import { PolicyPackEngine } from "../../tools/engine/engine";
import { UserInputError } from "../../tools/engine/errors";
import { UNKNOWN, type AnalyzerInfo, type EngineResource, type Finding } from "../../tools/engine/types";
import { PROGRAMS, ROOT, provider, resource, runCli } from "./helpers";

const POLICY = "log-retention-minimum";
const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
const LOG_STORE = "alicloud:log/store:Store";
const AWS = provider("aws", "default_7_48_0", { region: "cn-north-1", version: "7.48.0" });
const ALICLOUD = provider("alicloud", "default_3_108_0", { region: "cn-beijing", version: "3.108.0" });

describe("the real pack over gRPC", () => {
    let engine: PolicyPackEngine;
    let info: AnalyzerInfo;

    async function retentionFindings(r: EngineResource, config = {}): Promise<Finding[]> {
        await engine.configure(resolveConfig(info, config));
        return (await engine.analyze(r)).filter((f) => f.policyName === POLICY);
    }
    const levels = (fs: Finding[]): string[] => fs.map((f) => f.enforcementLevel);

    beforeAll(async () => {
        engine = await PolicyPackEngine.start(ROOT, { sdkResolution: "pack", stack: { project: "test", stack: "dev", config: { "aws:region": "cn-north-1" } } });
        info = await engine.getAnalyzerInfo();
    });
    afterAll(async () => {
        await engine?.close();
    });

    it("reports itself as china-compliance at the package's version", () => {
        const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string };
        expect(info.name).toBe("china-compliance");
        expect(info.version).toBe(pkg.version);
    });

    it("declares log-retention-minimum with minimumRetentionDays (integer >= 1, default 180)", () => {
        const policy = info.policies.find((p) => p.name === POLICY);
        expect(policy).toMatchObject({ type: "resource", enforcementLevel: "mandatory" });
        expect(policy?.configSchema?.properties.minimumRetentionDays).toMatchObject({ type: "integer", minimum: 1, default: 180 });
    });

    it("every policy carries the metadata reports need: severity, tags, remediation steps", () => {
        const incomplete = info.policies.filter((p) => !p.severity || p.tags.length === 0 || !p.remediationSteps || !p.description).map((p) => p.name);
        expect(incomplete).toEqual([]);
    });

    it("the default config validates, with minimumRetentionDays 180", () => {
        expect(resolveConfig(info)[POLICY]!.properties.minimumRetentionDays).toBe(180);
    });

    it("rejects minimumRetentionDays 0 naming policy, key and value", () => {
        expect(() => resolveConfig(info, { [POLICY]: { minimumRetentionDays: 0 } })).toThrow(
            new UserInputError(`invalid policy config: china-compliance/${POLICY}: minimumRetentionDays: must be >= 1 (got 0)`),
        );
    });

    it("CloudWatch log group: 1..179 days is a mandatory violation", async () => {
        for (const days of [1, 7, 179]) {
            expect(levels(await retentionFindings(resource(LOG_GROUP, `g${days}`, { retentionInDays: days }, { provider: AWS })))).toEqual(["mandatory"]);
        }
    });

    it("CloudWatch log group: 0, unset, 180 and 365 are compliant", async () => {
        for (const [name, props] of [["zero", { retentionInDays: 0 }], ["unset", {}], ["exact", { retentionInDays: 180 }], ["year", { retentionInDays: 365 }]] as const) {
            expect(await retentionFindings(resource(LOG_GROUP, name, props, { provider: AWS }))).toEqual([]);
        }
    });

    it("CloudWatch log group: an unknown retention is never a mandatory violation", async () => {
        const findings = await retentionFindings(resource(LOG_GROUP, "later", { retentionInDays: UNKNOWN }, { provider: AWS }));
        expect(levels(findings).filter((l) => l === "mandatory")).toEqual([]);
    });

    it("CloudWatch log group: the configured minimum applies", async () => {
        const r = resource(LOG_GROUP, "month", { retentionInDays: 30 }, { provider: AWS });
        expect(await retentionFindings(r, { [POLICY]: { minimumRetentionDays: 30 } })).toEqual([]);
        expect(levels(await retentionFindings(r, { [POLICY]: { minimumRetentionDays: 31 } }))).toEqual(["mandatory"]);
    });

    it("SLS log store: unset retentionPeriod means 30 days, a violation; 365 is compliant", async () => {
        const unset = resource(LOG_STORE, "store", { projectName: "logs", logstoreName: "store" }, { provider: ALICLOUD });
        expect(levels(await retentionFindings(unset))).toEqual(["mandatory"]);
        expect(await retentionFindings(unset, { [POLICY]: { minimumRetentionDays: 30 } })).toEqual([]);
        const year = resource(LOG_STORE, "year", { projectName: "logs", logstoreName: "year", retentionPeriod: 365 }, { provider: ALICLOUD });
        expect(await retentionFindings(year)).toEqual([]);
    });

    it("a violation's message names the resource, the value found and the value required", async () => {
        const [f] = await retentionFindings(resource(LOG_GROUP, "short-retention", { retentionInDays: 7 }, { provider: AWS }));
        expect(f!.message).toContain("short-retention");
        expect(f!.message).toMatch(/\b7\b/);
        expect(f!.message).toMatch(/\b180\b/);
        expect(f!.message.split("\n").length).toBeGreaterThan(1);
    });
});

describe("scan with the real pack", () => {
    it("flags the 7-day log group of the fixture program, not the 365-day one, and exits 1", async () => {
        const r = await runCli([path.relative(ROOT, path.join(PROGRAMS, "aws-small")), "--format", "json"]);
        expect(r.stderr).toBe("");
        expect(r.code).toBe(1);
        const out = JSON.parse(r.stdout) as { pack: { name: string }; findings: { policyName: string; resourceName: string; enforcementLevel: string }[] };
        expect(out.pack.name).toBe("china-compliance");
        const retention = out.findings.filter((f) => f.policyName === POLICY).map((f) => [f.resourceName, f.enforcementLevel]);
        expect(retention).toEqual([["short-retention", "mandatory"]]);
    });
});
