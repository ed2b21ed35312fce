import { describe, expect, it } from "vitest";
import control from "../../../policies/backup-recovery/database-backup-retention";
import { levels, runRemediation, runResource, secret, toWire, unknown } from "../../helpers/harness";

const RDS = "aws:rds/instance:Instance";
const ALI_RDS_POLICY = "alicloud:rds/backupPolicy:BackupPolicy";

describe("database-backup-retention: unset means the documented default", () => {
    it.each([
        // [type, input, unset verdict, 6 days, 7 days]
        [RDS, "backupRetentionPeriod", ["mandatory"]],
        ["aws:rds/cluster:Cluster", "backupRetentionPeriod", ["mandatory"]],
        ["aws:docdb/cluster:Cluster", "backupRetentionPeriod", ["mandatory"]],
        ["aws:neptune/cluster:Cluster", "backupRetentionPeriod", ["mandatory"]],
        ["aws:redshift/cluster:Cluster", "automatedSnapshotRetentionPeriod", ["mandatory"]],
        ["aws:elasticache/replicationGroup:ReplicationGroup", "snapshotRetentionLimit", ["mandatory"]],
        ["alicloud:polardb/backupPolicy:BackupPolicy", "dataLevel1BackupRetentionPeriod", []],
        ["alicloud:mongodb/instance:Instance", "backupRetentionPeriod", []],
        ["alicloud:mongodb/shardingInstance:ShardingInstance", "backupRetentionPeriod", []],
    ])("%s %s", async (type, input, unset) => {
        expect(levels(await runResource(control, { type, props: {} }))).toEqual(unset);
        expect(levels(await runResource(control, { type, props: { [input]: 6 } }))).toEqual(["mandatory"]);
        expect(levels(await runResource(control, { type, props: { [input]: 7 } }))).toEqual([]);
        expect(levels(await runResource(control, { type, props: { [input]: 0 } }))).toEqual(["mandatory"]);
        expect(levels(await runResource(control, { type, props: { [input]: unknown() } }))).toEqual(["advisory"]);
    });

    it("alicloud.rds.BackupPolicy: unset = 7 days for data and log backups", async () => {
        expect(await runResource(control, { type: ALI_RDS_POLICY, props: { instanceId: "rm-1" } })).toEqual([]);
    });
});

describe("database-backup-retention: messages", () => {
    it("an RDS instance without backupRetentionPeriod keeps no backups, and the finding says so in both languages", async () => {
        const [d] = await runResource(control, { type: RDS, name: "orders-db", props: {} });
        expect(d!.message).toContain('RDS instance "orders-db": found unset (default 0 days (no automated backups)); required backups kept at least 7 days. Change `backupRetentionPeriod`.');
        expect(d!.message).toContain("Compliance basis: GB/T 22239-2019 level 3 8.1.4.9, 8.2.4.6; Cybersecurity Law Art. 23(4) (Art. 21(4) before 2026-01-01).");
        expect(d!.message).toContain("RDS 实例“orders-db”：当前：未设置（默认 0 天（不做自动备份））；要求：备份至少保留 7 天。请修改 `backupRetentionPeriod`。");
        expect(d!.message).toContain("《中华人民共和国网络安全法》第二十三条第四项");
    });

    it("a value of the wrong type is a finding that does not echo it", async () => {
        const ds = await runResource(control, { type: RDS, props: { backupRetentionPeriod: "lots-of-days" } });
        expect(levels(ds)).toEqual(["mandatory"]);
        expect(ds[0]!.message).not.toContain("lots-of-days");
    });

    it("a secret retention is never echoed", async () => {
        const ds = await runResource(control, { type: RDS, props: { backupRetentionPeriod: secret("TOP-SECRET-DAYS") } });
        expect(levels(ds)).toEqual(["mandatory"]);
        expect(ds[0]!.message).not.toContain("TOP-SECRET-DAYS");
    });

    it("a numeric string is read as a number", async () => {
        expect(await runResource(control, { type: RDS, props: { backupRetentionPeriod: "14" } })).toEqual([]);
    });

    it("the minimum is configurable", async () => {
        const ds = await runResource(control, { type: RDS, props: { backupRetentionPeriod: 7 } }, { config: { minimumBackupRetentionDays: 30 } });
        expect(ds[0]!.message).toContain("required backups kept at least 30 days");
    });

    it("a minimum above what PolarDB level-1 backups accept says to use long-term backups", async () => {
        const ds = await runResource(control, { type: "alicloud:polardb/backupPolicy:BackupPolicy", props: { dataLevel1BackupRetentionPeriod: 14 } }, { config: { minimumBackupRetentionDays: 30 } });
        expect(levels(ds)).toEqual(["mandatory"]);
        expect(ds[0]!.message).toContain("or add long-term backups");
        const covered = await runResource(
            control,
            { type: "alicloud:polardb/backupPolicy:BackupPolicy", props: { dataLevel1BackupRetentionPeriod: 14, dataLevel2BackupRetentionPeriod: 30 } },
            { config: { minimumBackupRetentionDays: 30 } },
        );
        expect(covered).toEqual([]);
    });

    it("long-term backups unknown during preview may cover a short level-1 retention: advisory, never mandatory", async () => {
        // Property-suite counterexample: level 1 unreadable, level 2 unknown.
        const ds = await runResource(control, { type: "alicloud:polardb/backupPolicy:BackupPolicy", props: { dataLevel1BackupRetentionPeriod: 3, dataLevel2BackupRetentionPeriod: unknown() } });
        expect(levels(ds)).toEqual(["advisory"]);
        expect(levels(await runResource(control, { type: "alicloud:polardb/backupPolicy:BackupPolicy", props: { dataLevel1BackupRetentionPeriod: "x", dataLevel2BackupRetentionPeriod: unknown() } }))).toEqual(["advisory"]);
    });
});

describe("database-backup-retention: aws.rds.Instance read replicas", () => {
    it("a read replica is backed up through its source", async () => {
        expect(await runResource(control, { type: RDS, props: { replicateSourceDb: "orders-db" } })).toEqual([]);
        expect(await runResource(control, { type: RDS, props: { replicateSourceDb: unknown() } })).toEqual([]);
    });
});

describe("database-backup-retention: aws.dynamodb.Table pointInTimeRecovery", () => {
    const TABLE = "aws:dynamodb/table:Table";
    it.each([
        ["unset", {}, ["mandatory"]],
        ["disabled", { pointInTimeRecovery: { enabled: false } }, ["mandatory"]],
        ["enabled, default 35 days", { pointInTimeRecovery: { enabled: true } }, []],
        ["enabled, 3 days", { pointInTimeRecovery: { enabled: true, recoveryPeriodInDays: 3 } }, ["mandatory"]],
        ["enabled unknown", { pointInTimeRecovery: { enabled: unknown() } }, ["advisory"]],
        ["block unknown", { pointInTimeRecovery: unknown() }, ["advisory"]],
    ])("%s", async (_name, props, expected) => {
        expect(levels(await runResource(control, { type: TABLE, name: "orders", props }))).toEqual(expected);
    });

    it("names the switch", async () => {
        const [d] = await runResource(control, { type: TABLE, name: "orders", props: {} });
        expect(d!.message).toContain('DynamoDB table "orders": found point-in-time recovery unset (default off); required point-in-time recovery enabled. Change `pointInTimeRecovery.enabled`.');
        expect(d!.message).toContain("DynamoDB 表“orders”：当前：时间点恢复未设置（默认关闭）；要求：启用时间点恢复。");
    });
});

describe("database-backup-retention: alicloud.rds.BackupPolicy", () => {
    it("checks data and log backups, each with its input", async () => {
        const ds = await runResource(control, { type: ALI_RDS_POLICY, name: "orders", props: { backupRetentionPeriod: 3, logBackupRetentionPeriod: 3 } });
        expect(levels(ds)).toEqual(["mandatory", "mandatory"]);
        expect(ds[0]!.message).toContain("Change `backupRetentionPeriod`.");
        expect(ds[1]!.message).toContain("required log backups kept at least 7 days. Change `logBackupRetentionPeriod`.");
        expect(ds[1]!.message).toContain("要求：日志备份至少保留 7 天。");
    });

    it("reads the deprecated retentionPeriod / logRetentionPeriod / logBackup", async () => {
        const ds = await runResource(control, { type: ALI_RDS_POLICY, props: { retentionPeriod: 3, logRetentionPeriod: 3 } });
        expect(ds.map((d) => /Change `(\w+)`/.exec(d.message)?.[1])).toEqual(["retentionPeriod", "logRetentionPeriod"]);
        expect(levels(await runResource(control, { type: ALI_RDS_POLICY, props: { logBackup: false, logRetentionPeriod: 3 } }))).toEqual([]);
    });

    it("log retention does not count when log backups are off", async () => {
        expect(await runResource(control, { type: ALI_RDS_POLICY, props: { enableBackupLog: false, logBackupRetentionPeriod: 1 } })).toEqual([]);
    });

    it("a log-backup switch unknown during preview makes a short log retention advisory (found by the property suite)", async () => {
        const mandatory = { config: { enforcementLevel: "mandatory" } };
        // The switch may turn log backups off, and then no log retention applies.
        expect(levels(await runResource(control, { type: ALI_RDS_POLICY, props: { enableBackupLog: unknown(), logBackup: "false", logRetentionPeriod: " " } }, mandatory))).toEqual(["advisory"]);
        expect(levels(await runResource(control, { type: ALI_RDS_POLICY, props: { enableBackupLog: unknown(), logBackupRetentionPeriod: 1 } }, mandatory))).toEqual(["advisory"]);
        // Known on, or unset (default on): mandatory.
        expect(levels(await runResource(control, { type: ALI_RDS_POLICY, props: { enableBackupLog: true, logBackupRetentionPeriod: 1 } }, mandatory))).toEqual(["mandatory"]);
        expect(levels(await runResource(control, { type: ALI_RDS_POLICY, props: { logBackupRetentionPeriod: 1 } }, mandatory))).toEqual(["mandatory"]);
    });
});

describe("database-backup-retention: odd input never throws", () => {
    it.each([[null], ["x"], [[1]], [{ enabled: "maybe" }], [-1], [Number.MAX_SAFE_INTEGER]])("%j", async (v) => {
        for (const type of [RDS, "aws:dynamodb/table:Table", ALI_RDS_POLICY]) {
            await expect(runResource(control, { type, props: { backupRetentionPeriod: v, pointInTimeRecovery: v, logBackupRetentionPeriod: v } })).resolves.toBeDefined();
        }
    });
});

describe("database-backup-retention: remediation", () => {
    it("raises a short retention to the minimum, in place", async () => {
        expect(await runRemediation(control, { type: RDS, props: { backupRetentionPeriod: 1, engine: "mysql" } })).toEqual(toWire({ backupRetentionPeriod: 7, engine: "mysql" }));
        expect(await runRemediation(control, { type: RDS, props: {} })).toEqual(toWire({ backupRetentionPeriod: 7 }));
    });

    it("writes the deprecated input where it was read", async () => {
        expect(await runRemediation(control, { type: ALI_RDS_POLICY, props: { retentionPeriod: 3 } })).toEqual(toWire({ retentionPeriod: 7 }));
    });

    it("switches point-in-time recovery on, keeping its other settings", async () => {
        expect(await runRemediation(control, { type: "aws:dynamodb/table:Table", props: {} })).toEqual(toWire({ pointInTimeRecovery: { enabled: true } }));
        expect(await runRemediation(control, { type: "aws:dynamodb/table:Table", props: { pointInTimeRecovery: { enabled: false, recoveryPeriodInDays: 10 } } })).toEqual(
            toWire({ pointInTimeRecovery: { enabled: true, recoveryPeriodInDays: 10 } }),
        );
    });

    it("leaves unknown, wrongly shaped and compliant values alone", async () => {
        expect(await runRemediation(control, { type: RDS, props: { backupRetentionPeriod: unknown() } })).toBeUndefined();
        expect(await runRemediation(control, { type: RDS, props: { backupRetentionPeriod: "x" } })).toBeUndefined();
        expect(await runRemediation(control, { type: RDS, props: { backupRetentionPeriod: 14 } })).toBeUndefined();
    });

    it("never writes a value the service rejects", async () => {
        expect(await runRemediation(control, { type: "alicloud:polardb/backupPolicy:BackupPolicy", props: { dataLevel1BackupRetentionPeriod: 7 } }, { config: { minimumBackupRetentionDays: 30 } })).toBeUndefined();
    });
});
