// The classified-data controls through the protocol: the real pack (dist/index.js) over gRPC, as
// the Pulumi CLI runs it, with the provider's defaultTags JSON-encoded as the engine sends them.
// Mandatory from personal up, nothing below, unknown values advisory, fromLevel and
// coreDataRegions configurable and checked at Configure. One pack process for the whole file.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAnalysis } from "../../../tools/engine/analyze";
import { PolicyPackEngine } from "../../../tools/engine/engine";
import { type EngineResource, type Finding, UNKNOWN } from "../../../tools/engine/types";
import { ROOT, provider, resource, stackResource } from "../../tools/helpers";

const AWS = provider("aws", "default_7_48_0", { region: "cn-north-1", version: "7.48.0" });
const PERSONAL_AWS = provider("aws", "personal", { region: "cn-north-1", version: "7.48.0", defaultTags: JSON.stringify({ tags: { "data-classification": "personal" } }) });
const ALICLOUD = provider("alicloud", "default_3_108_0", { region: "cn-shanghai", version: "3.108.0" });

const DB = { engine: "mysql", instanceClass: "db.t3.small", storageEncrypted: true, backupRetentionPeriod: 7 };

const RESOURCES: EngineResource[] = [
    stackResource(),
    // Classified by its provider's defaultTags: service key, no deletion protection, public.
    resource("aws:rds/instance:Instance", "personal-db", { ...DB, publiclyAccessible: true }, { provider: PERSONAL_AWS }),
    // The same database, internal: none of the classified rules apply.
    resource("aws:rds/instance:Instance", "internal-db", { ...DB, publiclyAccessible: true, tags: { "data-classification": "internal" } }, { provider: AWS }),
    // Core data in Shanghai; the deletion lock unknown during preview.
    resource("alicloud:polardb/cluster:Cluster", "core-cluster", { dbType: "MySQL", tdeStatus: "Enabled", encryptionKey: "key-1", deletionLock: UNKNOWN, tags: { "data-classification": "core" } }, { provider: ALICLOUD }),
];

const CLASSIFIED = ["classified-data-customer-key", "classified-data-not-public", "classified-data-in-region", "classified-data-backed-up", "classified-data-deletion-protected"];

describe("classified-data controls through the engine", () => {
    let engine: PolicyPackEngine;
    let findings: Finding[];
    const of = (fs: Finding[], name: string): [string, string][] =>
        fs
            .filter((f) => f.urn?.endsWith(`::${name}`) && CLASSIFIED.includes(f.policyName))
            .map((f): [string, string] => [f.policyName, f.enforcementLevel])
            .sort();

    beforeAll(async () => {
        engine = await PolicyPackEngine.start(ROOT, { sdkResolution: "pack", stack: { project: "test", stack: "dev", config: { "aws:region": "cn-north-1" } } });
        findings = (await runAnalysis(engine, RESOURCES)).findings;
    });
    afterAll(async () => {
        await engine?.close();
    });

    it("personal data (by the provider's defaultTags) gets every classified rule that it breaks, as mandatory", () => {
        expect(of(findings, "personal-db")).toEqual([
            ["classified-data-customer-key", "mandatory"],
            ["classified-data-deletion-protected", "mandatory"],
            ["classified-data-not-public", "mandatory"],
        ]);
        const message = findings.find((f) => f.policyName === "classified-data-not-public")!.message;
        expect(message).toContain('on data classified `data-classification` = "personal"');
        expect(message).toContain('而该资源的数据分类为 `data-classification` = "personal"（个人信息）');
    });

    it("internal data gets none of them; an unknown switch is advisory", () => {
        expect(of(findings, "internal-db")).toEqual([]);
        expect(of(findings, "core-cluster")).toEqual([["classified-data-deletion-protected", "advisory"]]);
    });

    it("fromLevel and coreDataRegions are configured per policy", async () => {
        const run = await runAnalysis(engine, RESOURCES, {
            config: { "classified-data-not-public": { fromLevel: "internal" }, "classified-data-in-region": { coreDataRegions: ["cn-beijing"] }, "classified-data-customer-key": "advisory" },
        });
        expect(of(run.findings, "internal-db")).toEqual([["classified-data-not-public", "mandatory"]]);
        expect(of(run.findings, "core-cluster")).toEqual([
            ["classified-data-deletion-protected", "advisory"],
            ["classified-data-in-region", "mandatory"],
        ]);
        expect(of(run.findings, "personal-db")).toContainEqual(["classified-data-customer-key", "advisory"]);
    });

    it("rejects a malformed fromLevel and an unknown core region at Configure", async () => {
        await expect(runAnalysis(engine, RESOURCES, { config: { "classified-data-backed-up": { fromLevel: "has space" } } })).rejects.toThrow(/fromLevel/);
        await expect(runAnalysis(engine, RESOURCES, { config: { "classified-data-in-region": { coreDataRegions: ["mars-1"] } } })).rejects.toThrow(/coreDataRegions/);
    });
});
