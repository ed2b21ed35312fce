// keys-ready-for-crypto-erase and database-audit-logs-kept remediation through the protocol: the
// real pack (dist/index.js) over gRPC, as the Pulumi CLI runs it. Each fix is in place; values
// unknown during preview are left alone. One pack process for the whole file.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAnalysis } from "../../../tools/engine/analyze";
import { PolicyPackEngine } from "../../../tools/engine/engine";
import { type EngineResource, UNKNOWN } from "../../../tools/engine/types";
import { ROOT, provider, resource, stackResource } from "../../tools/helpers";

const AWS = provider("aws", "default_7_48_0", { region: "cn-north-1", version: "7.48.0" });
const ALICLOUD = provider("alicloud", "default_3_108_0", { region: "cn-beijing", version: "3.108.0" });

const RESOURCES: EngineResource[] = [
    stackResource(),
    resource("aws:kms/key:Key", "no-rotation", { deletionWindowInDays: 7 }, { provider: AWS }),
    resource("aws:kms/key:Key", "unknown-rotation", { enableKeyRotation: UNKNOWN, deletionWindowInDays: 30 }, { provider: AWS }),
    resource("alicloud:kms/key:Key", "ali-key", { pendingWindowInDays: 7 }, { provider: ALICLOUD }),
    resource("alicloud:rds/instance:Instance", "orders", { engine: "MySQL", engineVersion: "8.0", instanceType: "rds.mysql.s2.large", instanceStorage: 20 }, { provider: ALICLOUD }),
];

describe("keys and database audit remediation through the engine", () => {
    let engine: PolicyPackEngine;

    beforeAll(async () => {
        engine = await PolicyPackEngine.start(ROOT, { sdkResolution: "pack", stack: { project: "test", stack: "dev", config: { "aws:region": "cn-north-1" } } });
    });
    afterAll(async () => {
        await engine?.close();
    });

    it("rotation turned on, windows raised, the SQL collector on with six months; the fixed resources then pass", async () => {
        const run = await runAnalysis(engine, RESOURCES, {
            config: { "keys-ready-for-crypto-erase": { enforcementLevel: "remediate", minimumKeyDeletionWindowDays: 14 }, "database-audit-logs-kept": "remediate" },
        });
        const after = (name: string) => run.remediations.find((r) => r.name === name)?.after;
        expect(after("no-rotation")).toMatchObject({ enableKeyRotation: true, deletionWindowInDays: 14 });
        expect(after("ali-key")).toMatchObject({ automaticRotation: "Enabled", rotationInterval: "365d", pendingWindowInDays: 14 });
        expect(after("orders")).toMatchObject({ sqlCollectorStatus: "Enabled", sqlCollectorConfigValue: 180, engine: "MySQL" });
        expect(run.remediations.map((r) => r.name)).not.toContain("unknown-rotation");
        const left = run.findings.filter((f) => ["keys-ready-for-crypto-erase", "database-audit-logs-kept"].includes(f.policyName));
        expect(left.map((f) => [f.urn?.split("::").pop(), f.enforcementLevel])).toEqual([["unknown-rotation", "advisory"]]);
    });
});
