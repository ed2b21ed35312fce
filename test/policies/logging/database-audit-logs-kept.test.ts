import { describe, expect, it } from "vitest";
import control from "../../../policies/logging/database-audit-logs-kept";
import { levels, runRemediation, runResource, secret, unknown } from "../../helpers/harness";

const ALI_RDS = "alicloud:rds/instance:Instance";
const ALI_DDR = "alicloud:rds/ddrInstance:DdrInstance";
const POLARDB = "alicloud:polardb/cluster:Cluster";
const AWS_RDS = "aws:rds/instance:Instance";
const AWS_CLUSTER = "aws:rds/cluster:Cluster";

const ali = { engine: "MySQL", engineVersion: "8.0", instanceType: "rds.mysql.s2.large", instanceStorage: 20 };

describe("database-audit-logs-kept: alicloud.rds.Instance", () => {
    it.each<[string, Record<string, unknown>, string[]]>([
        ["collector unset (default Disabled)", {}, ["mandatory"]],
        ["collector Disabled", { sqlCollectorStatus: "Disabled" }, ["mandatory"]],
        ["Enabled, retention unset (default 30)", { sqlCollectorStatus: "Enabled" }, ["mandatory"]],
        ["Enabled, 30 days", { sqlCollectorStatus: "Enabled", sqlCollectorConfigValue: 30 }, ["mandatory"]],
        ["Enabled, 180 days", { sqlCollectorStatus: "Enabled", sqlCollectorConfigValue: 180 }, []],
        ["Enabled, 1825 days", { sqlCollectorStatus: "Enabled", sqlCollectorConfigValue: 1825 }, []],
        ["Enabled, 365 as a string", { sqlCollectorStatus: "Enabled", sqlCollectorConfigValue: "365" }, []],
    ])("%s", async (_n, props, expected) => {
        expect(levels(await runResource(control, { type: ALI_RDS, name: "db", props: { ...ali, ...props } }))).toEqual(expected);
    });

    it("a disaster-recovery instance is read the same way", async () => {
        expect(levels(await runResource(control, { type: ALI_DDR, props: { sqlCollectorStatus: "Enabled", sqlCollectorConfigValue: 180 } }))).toEqual([]);
        expect(levels(await runResource(control, { type: ALI_DDR, props: {} }))).toEqual(["mandatory"]);
    });

    it("names the value, the default, the requirement and the bases in both languages", async () => {
        const [d] = await runResource(control, { type: ALI_RDS, name: "orders", props: ali });
        expect(d!.message).toContain('ApsaraDB RDS instance "orders": found unset (default Disabled); required "Enabled" (SQL audit collected). Change `sqlCollectorStatus`.');
        expect(d!.message).toContain("Compliance basis: Cybersecurity Law Art. 23(3) (Art. 21(3) before 2026-01-01); GB/T 22239-2019 level 3 8.1.4.3 a)–d).");
        expect(d!.message).toContain('云数据库 RDS 实例“orders”：当前：未设置（默认 Disabled）；要求："Enabled"（采集 SQL 审计日志）。请修改 `sqlCollectorStatus`。');
    });

    it("a short retention names the accepted values and the next one up", async () => {
        const [d] = await runResource(control, { type: ALI_RDS, name: "orders", props: { ...ali, sqlCollectorStatus: "Enabled" } });
        expect(d!.message).toContain("found unset (default 30); required at least 180 days. Change `sqlCollectorConfigValue`. Accepted values are 30, 180, 365, 1095, 1825: use 180 or more.");
        expect(d!.message).toContain("当前：未设置（默认 30）；要求：至少保留 180 天。请修改 `sqlCollectorConfigValue`。仅接受 30、180、365、1095、1825：可设为 180 或更大。");
    });

    it("honours minimumRetentionDays, and says when no accepted value reaches it", async () => {
        const props = { ...ali, sqlCollectorStatus: "Enabled", sqlCollectorConfigValue: 180 };
        const ds = await runResource(control, { type: ALI_RDS, props }, { config: { minimumRetentionDays: 200 } });
        expect(levels(ds)).toEqual(["mandatory"]);
        expect(ds[0]!.message).toContain("use 365 or more");
        const [far] = await runResource(control, { type: ALI_RDS, props }, { config: { minimumRetentionDays: 2000 } });
        expect(far!.message).toContain("The longest accepted value is 1825");
    });

    it("unknown values are advisory; wrong shapes and secrets are not echoed", async () => {
        expect(levels(await runResource(control, { type: ALI_RDS, props: { sqlCollectorStatus: unknown() } }))).toEqual(["advisory"]);
        expect(levels(await runResource(control, { type: ALI_RDS, props: { sqlCollectorStatus: "Enabled", sqlCollectorConfigValue: unknown() } }))).toEqual(["advisory"]);
        const ds = await runResource(control, { type: ALI_RDS, props: { sqlCollectorStatus: secret("SECRET-STATUS") } });
        expect(levels(ds)).toEqual(["mandatory"]);
        expect(ds[0]!.message).not.toContain("SECRET-STATUS");
    });
});

describe("database-audit-logs-kept: alicloud.polardb.Cluster", () => {
    it.each<[string, Record<string, unknown>, string[]]>([
        ["collector unset", {}, ["mandatory"]],
        ["collector Disabled", { collectorStatus: "Disabled" }, ["mandatory"]],
        ["collector Enable", { collectorStatus: "Enable" }, []],
        ["collector unknown", { collectorStatus: unknown() }, ["advisory"]],
    ])("%s", async (_n, props, expected) => {
        expect(levels(await runResource(control, { type: POLARDB, props: { dbType: "MySQL", dbVersion: "8.0", ...props } }))).toEqual(expected);
    });
});

describe("database-audit-logs-kept: aws.rds.Instance and Cluster", () => {
    it.each<[string, string, Record<string, unknown>, string[]]>([
        ["postgres without exports", AWS_RDS, { engine: "postgres" }, ["mandatory"]],
        ["postgres exporting postgresql", AWS_RDS, { engine: "postgres", enabledCloudwatchLogsExports: ["postgresql", "upgrade"] }, []],
        ["postgres exporting only upgrade", AWS_RDS, { engine: "postgres", enabledCloudwatchLogsExports: ["upgrade"] }, ["mandatory"]],
        ["mysql exporting audit", AWS_RDS, { engine: "mysql", enabledCloudwatchLogsExports: ["audit", "error"] }, []],
        ["mysql exporting error only", AWS_RDS, { engine: "mysql", enabledCloudwatchLogsExports: ["error"] }, ["mandatory"]],
        ["mariadb, empty list", AWS_RDS, { engine: "mariadb", enabledCloudwatchLogsExports: [] }, ["mandatory"]],
        ["oracle-ee exporting audit", AWS_RDS, { engine: "oracle-ee", enabledCloudwatchLogsExports: ["audit"] }, []],
        ["sqlserver has no audit export: not checked", AWS_RDS, { engine: "sqlserver-se" }, []],
        ["a replica without an engine: not checked", AWS_RDS, { replicateSourceDb: "orders-db" }, []],
        ["engine unknown, no exports: advisory", AWS_RDS, { engine: unknown() }, ["advisory"]],
        ["exports unknown: advisory", AWS_RDS, { engine: "postgres", enabledCloudwatchLogsExports: unknown() }, ["advisory"]],
        ["one export unknown: advisory", AWS_RDS, { engine: "postgres", enabledCloudwatchLogsExports: ["upgrade", unknown()] }, ["advisory"]],
        ["aurora-mysql cluster exporting audit", AWS_CLUSTER, { engine: "aurora-mysql", enabledCloudwatchLogsExports: ["audit"] }, []],
        ["aurora-postgresql cluster without exports", AWS_CLUSTER, { engine: "aurora-postgresql" }, ["mandatory"]],
    ])("%s", async (_n, type, props, expected) => {
        expect(levels(await runResource(control, { type, name: "db", props }))).toEqual(expected);
    });

    it("names the log type to add and the exports found, without echoing unknown strings", async () => {
        const [d] = await runResource(control, { type: AWS_RDS, name: "orders-db", props: { engine: "postgres", enabledCloudwatchLogsExports: ["upgrade", "SECRET-LOG"] } });
        expect(d!.message).toContain('RDS DB instance "orders-db": found ["upgrade", a string value] (no audit log); required exports including "postgresql" to CloudWatch Logs. Change `enabledCloudwatchLogsExports`.');
        expect(d!.message).toContain('RDS 数据库实例“orders-db”：当前：["upgrade"、一个字符串值]（不含审计日志）；要求：导出到 CloudWatch Logs 的日志包含 "postgresql"。请修改 `enabledCloudwatchLogsExports`。');
        expect(d!.message).not.toContain("SECRET-LOG");
    });

    it("an unset list says nothing is exported", async () => {
        const [d] = await runResource(control, { type: AWS_CLUSTER, name: "c", props: { engine: "aurora-mysql" } });
        expect(d!.message).toContain('found unset (no logs exported); required exports including "audit" to CloudWatch Logs.');
        expect(d!.message).toContain("当前：未设置（不导出日志）");
    });
});

describe("database-audit-logs-kept: remediation (in place)", () => {

    it.each<[string, string, Record<string, unknown>, number, Record<string, unknown> | undefined]>([
        ["collector unset (default Disabled, 30 days) turned on and kept 180", ALI_RDS, {}, 180, { sqlCollectorStatus: "Enabled", sqlCollectorConfigValue: 180 }],
        ["collector on, 30 days raised to the next accepted value", ALI_DDR, { sqlCollectorStatus: "Enabled", sqlCollectorConfigValue: 30 }, 200, { sqlCollectorStatus: "Enabled", sqlCollectorConfigValue: 365 }],
        ["collector Disabled, 365 days kept", ALI_RDS, { sqlCollectorStatus: "Disabled", sqlCollectorConfigValue: 365 }, 180, { sqlCollectorStatus: "Enabled", sqlCollectorConfigValue: 365 }],
        ["a minimum past 1825: the collector is turned on, the retention left", ALI_RDS, { sqlCollectorStatus: "Disabled" }, 2000, { sqlCollectorStatus: "Enabled" }],
        ["compliant RDS left", ALI_RDS, { sqlCollectorStatus: "Enabled", sqlCollectorConfigValue: 180 }, 180, undefined],
        ["PolarDB collector turned on", POLARDB, {}, 180, { collectorStatus: "Enable" }],
        ["MySQL audit export added to the others", AWS_RDS, { engine: "mysql", enabledCloudwatchLogsExports: ["error"] }, 180, { engine: "mysql", enabledCloudwatchLogsExports: ["error", "audit"] }],
        ["PostgreSQL export added when none", AWS_CLUSTER, { engine: "aurora-postgresql" }, 180, { engine: "aurora-postgresql", enabledCloudwatchLogsExports: ["postgresql"] }],
        ["SQL Server has no audit export: left", AWS_RDS, { engine: "sqlserver-ee" }, 180, undefined],
        ["no engine (a replica): left", AWS_RDS, {}, 180, undefined],
    ])("%s", async (_n, type, props, minimumRetentionDays, expected) => {
        expect(await runRemediation(control, { type, name: "db", props }, { config: { minimumRetentionDays } })).toEqual(expected);
    });

    it("unknown values are left for the user", async () => {
        expect(await runRemediation(control, { type: ALI_RDS, name: "db", props: { sqlCollectorStatus: unknown() } })).toBeUndefined();
        expect(await runRemediation(control, { type: ALI_RDS, name: "db", props: { sqlCollectorStatus: "Enabled", sqlCollectorConfigValue: unknown() } })).toBeUndefined();
        expect(await runRemediation(control, { type: AWS_RDS, name: "db", props: { engine: "mysql", enabledCloudwatchLogsExports: ["error", unknown()] } })).toBeUndefined();
        expect(await runRemediation(control, { type: AWS_RDS, name: "db", props: { engine: unknown() } })).toBeUndefined();
        expect(await runRemediation(control, { type: POLARDB, name: "db", props: { collectorStatus: unknown() } })).toBeUndefined();
    });
});
