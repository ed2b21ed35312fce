// The backup-recovery controls through the protocol: the real pack (dist/index.js) over gRPC, as
// the Pulumi CLI runs it. Levels as configured, unknown values advisory only, the config bound
// enforced at Configure, remediation in place. One pack process for the whole file.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAnalysis } from "../../../tools/engine/analyze";
import { PolicyPackEngine } from "../../../tools/engine/engine";
import { type EngineResource, type Finding, UNKNOWN } from "../../../tools/engine/types";
import { ROOT, provider, resource, stackResource } from "../../tools/helpers";

const AWS = provider("aws", "default_7_48_0", { region: "cn-north-1", version: "7.48.0" });
const ALICLOUD = provider("alicloud", "default_3_108_0", { region: "cn-beijing", version: "3.108.0" });

const RESOURCES: EngineResource[] = [
    stackResource(),
    resource("aws:rds/instance:Instance", "no-backups", { engine: "mysql", instanceClass: "db.t3.small", storageEncrypted: true }, { provider: AWS }),
    resource("aws:rds/instance:Instance", "kept", { engine: "mysql", instanceClass: "db.t3.small", storageEncrypted: true, backupRetentionPeriod: 14, deletionProtection: true }, { provider: AWS }),
    resource("aws:rds/cluster:Cluster", "unknown-retention", { engine: "aurora-mysql", storageEncrypted: true, backupRetentionPeriod: UNKNOWN, deletionProtection: true }, { provider: AWS }),
    resource("alicloud:rds/backupPolicy:BackupPolicy", "short-logs", { instanceId: "rm-1", backupRetentionPeriod: 30, logBackupRetentionPeriod: 3 }, { provider: ALICLOUD }),
];

describe("backup-recovery through the engine", () => {
    let engine: PolicyPackEngine;
    let findings: Finding[];
    const about = (name: string, policy: string): Finding[] => findings.filter((f) => f.urn?.endsWith(`::${name}`) && f.policyName === policy);

    beforeAll(async () => {
        engine = await PolicyPackEngine.start(ROOT, { sdkResolution: "pack", stack: { project: "test", stack: "dev", config: { "aws:region": "cn-north-1" } } });
        findings = (await runAnalysis(engine, RESOURCES)).findings;
    });
    afterAll(async () => {
        await engine?.close();
    });

    it("reports short retention as mandatory and missing deletion protection as advisory", () => {
        expect(about("no-backups", "database-backup-retention").map((f) => f.enforcementLevel)).toEqual(["mandatory"]);
        expect(about("no-backups", "database-deletion-protection").map((f) => f.enforcementLevel)).toEqual(["advisory"]);
        expect(about("kept", "database-backup-retention")).toEqual([]);
        expect(about("kept", "database-deletion-protection")).toEqual([]);
        expect(about("short-logs", "database-backup-retention")[0]!.message).toContain("Change `logBackupRetentionPeriod`.");
    });

    it("a retention unknown during preview is advisory, never mandatory", () => {
        const fs = about("unknown-retention", "database-backup-retention");
        expect(fs.map((f) => f.enforcementLevel)).toEqual(["advisory"]);
        expect(fs[0]!.message).toContain("部署前未知的值");
    });

    it("the configured minimum and levels apply", async () => {
        const run = await runAnalysis(engine, RESOURCES, { config: { "database-backup-retention": { minimumBackupRetentionDays: 30 }, "database-deletion-protection": "mandatory" } });
        const of = (name: string, policy: string) => run.findings.filter((f) => f.urn?.endsWith(`::${name}`) && f.policyName === policy).map((f) => f.enforcementLevel);
        expect(of("kept", "database-backup-retention")).toEqual(["mandatory"]);
        expect(of("no-backups", "database-deletion-protection")).toEqual(["mandatory"]);
    });

    it("a minimum outside 1–35 is rejected at Configure", async () => {
        await expect(runAnalysis(engine, RESOURCES, { config: { "database-backup-retention": { minimumBackupRetentionDays: 90 } } })).rejects.toThrow(/minimumBackupRetentionDays/);
    });

    it("remediation raises the retention and turns protection on, in place", async () => {
        const run = await runAnalysis(engine, RESOURCES, { config: { "database-backup-retention": "remediate", "database-deletion-protection": "remediate" } });
        const fixed = run.remediations.find((r) => r.name === "no-backups");
        expect(fixed?.after).toMatchObject({ backupRetentionPeriod: 7, deletionProtection: true, storageEncrypted: true });
        expect(run.remediations.map((r) => r.name)).not.toContain("unknown-retention");
    });
});
