// Database audit logs kept six months (Cybersecurity Law Art. 23(3); GB/T 22239-2019 8.1.4.3):
// the SQL a database runs is network behaviour too. Alibaba Cloud RDS keeps its SQL audit
// (SQL Explorer) for `sqlCollectorConfigValue` days once `sqlCollectorStatus` is Enabled; PolarDB
// has the same collector (`collectorStatus`); AWS RDS exports the engine's audit log to
// CloudWatch Logs, whose log group log-retention-minimum checks where the stack creates it (one
// RDS creates itself never expires).
import type * as alicloud from "@pulumi/alicloud";
import type * as aws from "@pulumi/aws";
import { type ResourceValidationArgs } from "@pulumi/policy";
import { integer, readConfig } from "../shared/config";
import { type ControlMetadata, resourceControl } from "../shared/control";
import { type Emit, shown } from "../shared/emit";
import { type Bilingual, bi } from "../shared/messages";
import { inputName } from "../shared/properties";
import { Input } from "../shared/reader";
import { type Fix, remediation, setInput } from "../shared/remediate";
// The same key name and default as log-retention-minimum: one organisation-wide minimum for every network log.
export const config = {
    minimumRetentionDays: integer("Minimum number of days databases keep their SQL audit log (Cybersecurity Law Art. 23(3): six months).", 180, 1, 3650),
};

/** The only SQL collector retentions Alibaba Cloud RDS accepts (days). */
export const SQL_COLLECTOR_DAYS = [30, 180, 365, 1095, 1825];

/** An input a remediation writes, with its new value. */
type Write = readonly [input: string, value: unknown];

interface Check {
    kind: Bilingual;
    check(props: Input, minimum: number, emit: Emit): void;
    /** The in-place writes that make the database comply; none when a value is unknown or of the wrong shape. */
    fix(props: Input, minimum: number): Write[];
}

const RDS_STATUS = inputName<alicloud.rds.InstanceArgs>("sqlCollectorStatus");
const RDS_DAYS = inputName<alicloud.rds.InstanceArgs>("sqlCollectorConfigValue");
const POLARDB_STATUS = inputName<alicloud.polardb.ClusterArgs>("collectorStatus");
const AWS_EXPORTS = inputName<aws.rds.InstanceArgs>("enabledCloudwatchLogsExports");
const AWS_ENGINE = inputName<aws.rds.InstanceArgs>("engine");

/** alicloud.rds.Instance (and DdrInstance): collector Enabled (default Disabled), kept ≥ the minimum (default 30). */
function sqlCollector(kind: Bilingual): Check {
    return {
        kind,
        check(props, minimum, emit) {
            const status = props.get(RDS_STATUS).string();
            if (!(status.kind === "value" && status.value === "Enabled")) {
                emit({
                    kind,
                    found: shown(status, { vocabulary: ["Enabled", "Disabled"], unset: bi("default Disabled", "默认 Disabled") }),
                    required: bi('"Enabled" (SQL audit collected)', '"Enabled"（采集 SQL 审计日志）'),
                    change: status,
                    unknown: status.kind === "unknown",
                });
                return;
            }
            const days = props.get(RDS_DAYS).number();
            const value = days.kind === "absent" ? 30 : days.kind === "value" ? days.value : undefined;
            if (value !== undefined && value >= minimum) return;
            const next = SQL_COLLECTOR_DAYS.find((d) => d >= minimum);
            emit({
                kind,
                found: days.kind === "value" ? bi(`${days.value} days`, `${days.value} 天`) : shown(days, { unset: bi("default 30", "默认 30") }),
                required: bi(`at least ${minimum} days`, `至少保留 ${minimum} 天`),
                change: days,
                fix:
                    next === undefined
                        ? bi("The longest accepted value is 1825: keep the SQL audit elsewhere for longer.", "接口最长接受 1825 天：更长的保留期请另行存储 SQL 审计日志。")
                        : bi(`Accepted values are ${SQL_COLLECTOR_DAYS.join(", ")}: use ${next} or more.`, `仅接受 ${SQL_COLLECTOR_DAYS.join("、")}：可设为 ${next} 或更大。`),
                unknown: days.kind === "unknown",
            });
        },
        fix(props, minimum) {
            const status = props.get(RDS_STATUS).string();
            const days = props.get(RDS_DAYS).number();
            if (status.kind === "unknown" || status.kind === "invalid" || days.kind === "unknown" || days.kind === "invalid") return [];
            const writes: Write[] = status.kind === "value" && status.value === "Enabled" ? [] : [[RDS_STATUS, "Enabled"]];
            const value = days.kind === "value" ? days.value : 30;
            // Only the accepted retentions can be written; past 1825 nothing the API accepts is enough.
            const next = SQL_COLLECTOR_DAYS.find((d) => d >= minimum);
            if (value < minimum && next !== undefined) writes.push([RDS_DAYS, next]);
            return writes;
        },
    };
}

/** Engines whose audit log CloudWatch export carries the audited statements, and the log type to export. */
export const AWS_AUDIT_LOG: Record<string, string> = {
    mysql: "audit",
    mariadb: "audit",
    "aurora-mysql": "audit",
    aurora: "audit",
    postgres: "postgresql",
    "aurora-postgresql": "postgresql",
    "oracle-ee": "audit",
    "oracle-ee-cdb": "audit",
    "oracle-se2": "audit",
    "oracle-se2-cdb": "audit",
};

function cloudwatchExports(kind: Bilingual): Check {
    return {
        kind,
        check(props, _minimum, emit) {
            const engine = props.get(AWS_ENGINE).string();
            // A replica without an engine inherits its source's; an engine with no audit log export
            // (SQL Server, Db2) is out of reach of this input.
            if (engine.kind === "absent" || engine.kind === "invalid") return;
            const logType = engine.kind === "value" ? AWS_AUDIT_LOG[engine.value] : undefined;
            if (engine.kind === "value" && logType === undefined) return;
            const exportsRead = props.get(AWS_EXPORTS);
            const items = exportsRead.items();
            if (items.kind === "value") {
                const types = items.value.map((i) => i.string());
                if (types.some((t) => t.kind === "value" && t.value === logType)) return;
                // One unknown item may be the audit log.
                if (types.some((t) => t.kind === "unknown")) {
                    emitMissing(emit, kind, exportsRead, logType, true);
                    return;
                }
            }
            emitMissing(emit, kind, exportsRead, logType, items.kind === "unknown" || engine.kind === "unknown");
        },
        fix(props) {
            const engine = props.get(AWS_ENGINE).string();
            const logType = engine.kind === "value" ? AWS_AUDIT_LOG[engine.value] : undefined;
            if (logType === undefined) return [];
            const items = props.get(AWS_EXPORTS).items();
            if (items.kind === "absent") return [[AWS_EXPORTS, [logType]]];
            if (items.kind !== "value") return [];
            const types = items.value.map((i) => i.string());
            // Every element must be a known string to write the list back without losing one.
            const known = types.flatMap((t) => (t.kind === "value" ? [t.value] : []));
            if (known.length !== types.length || known.includes(logType)) return [];
            return [[AWS_EXPORTS, [...known, logType]]];
        },
    };
}

/** CloudWatch log types RDS engines export (named in findings; anything else is not echoed). */
const LOG_TYPES = ["audit", "error", "general", "slowquery", "postgresql", "upgrade", "alert", "listener", "trace", "iam-db-auth-error", "instance", "agent"];

function emitMissing(emit: Emit, kind: Bilingual, exportsRead: Input, logType: string | undefined, unknown: boolean): void {
    const wanted = logType === undefined ? bi("the engine's audit log", "数据库引擎的审计日志") : bi(`"${logType}"`, `"${logType}"`);
    const items = exportsRead.items();
    let found: Bilingual;
    if (items.kind === "value") {
        const each = items.value.map((i) => shown(i.raw(), { vocabulary: LOG_TYPES }));
        found = bi(`[${each.map((b) => b.en).join(", ")}] (no audit log)`, `[${each.map((b) => b.zh).join("、")}]（不含审计日志）`);
    } else {
        found = shown(items, { unset: bi("no logs exported", "不导出日志") });
    }
    emit({
        kind,
        found,
        required: bi(`exports including ${wanted.en} to CloudWatch Logs`, `导出到 CloudWatch Logs 的日志包含 ${wanted.zh}`),
        change: exportsRead,
        fix: bi(
            "For MySQL and MariaDB the audit plugin must also be on (option group MARIADB_AUDIT_PLUGIN; Aurora MySQL: server_audit_logging); keep the log group at least the minimum retention.",
            "MySQL 和 MariaDB 还需开启审计插件（选项组 MARIADB_AUDIT_PLUGIN；Aurora MySQL 为 server_audit_logging 参数）；日志组保留期不低于最短日志保留期限。",
        ),
        unknown,
    });
}

export const DATABASES: Record<string, Check> = {
    "alicloud:rds/instance:Instance": sqlCollector(bi("ApsaraDB RDS instance", "云数据库 RDS 实例")),
    "alicloud:rds/ddrInstance:DdrInstance": sqlCollector(bi("ApsaraDB RDS disaster-recovery instance", "云数据库 RDS 灾备实例")),
    "alicloud:polardb/cluster:Cluster": {
        kind: bi("PolarDB cluster", "PolarDB 集群"),
        check(props, _minimum, emit) {
            const status = props.get(POLARDB_STATUS).string();
            if (status.kind === "value" && status.value === "Enable") return;
            emit({
                kind: bi("PolarDB cluster", "PolarDB 集群"),
                found: shown(status, { vocabulary: ["Enable", "Disabled"], unset: bi("collector off", "未开启采集") }),
                required: bi('"Enable" (SQL audit collected)', '"Enable"（采集 SQL 审计日志）'),
                change: status,
                fix: bi(
                    "PolarDB's SQL audit retention is not an input of the cluster: set it to at least the minimum in the console or API.",
                    "PolarDB 的 SQL 审计日志保留期不是集群的输入：请在控制台或 API 中设为不低于最短日志保留期限。",
                ),
                unknown: status.kind === "unknown",
            });
        },
        fix(props) {
            const status = props.get(POLARDB_STATUS).string();
            return status.kind === "absent" || (status.kind === "value" && status.value !== "Enable") ? [[POLARDB_STATUS, "Enable"]] : [];
        },
    },
    "aws:rds/instance:Instance": cloudwatchExports(bi("RDS DB instance", "RDS 数据库实例")),
    "aws:rds/cluster:Cluster": cloudwatchExports(bi("RDS DB cluster", "RDS 数据库集群")),
};

export const metadata: ControlMetadata = {
    name: "database-audit-logs-kept",
    description: "Databases record their SQL audit log and keep it at least the minimum retention (default 180 days, six months).",
    category: "logging",
    bases: ["csl-23-3", "mlps-8.1.4.3"],
    severity: "medium",
    enforcementLevel: "mandatory",
    remediationSteps:
        'alicloud.rds.Instance / DdrInstance: set `sqlCollectorStatus: "Enabled"` (default Disabled) and `sqlCollectorConfigValue` to 180 or more (accepted 30, 180, 365, 1095, 1825; default 30). ' +
        'alicloud.polardb.Cluster: set `collectorStatus: "Enable"` and its SQL audit retention in the console. ' +
        'aws.rds.Instance / Cluster: add the engine\'s audit log to `enabledCloudwatchLogsExports` ("audit" for MySQL, MariaDB and Oracle; "postgresql" for PostgreSQL) with the audit plugin on, ' +
        "and keep the /aws/rds/... log group at least 180 days. SQL Server and Db2 have no audit log export and are not checked. All of these change in place.",
    zh: {
        description: "数据库记录 SQL 审计日志，并保留不短于最短日志保留期限（默认 180 天，即六个月）。",
        remediationSteps:
            'alicloud.rds.Instance / DdrInstance：将 `sqlCollectorStatus` 设为 "Enabled"（默认 Disabled），`sqlCollectorConfigValue` 设为 180 或更大（仅接受 30、180、365、1095、1825；默认 30）。' +
            'alicloud.polardb.Cluster：将 `collectorStatus` 设为 "Enable"，并在控制台设置 SQL 审计日志保留期。' +
            'aws.rds.Instance / Cluster：在 `enabledCloudwatchLogsExports` 中加入数据库引擎的审计日志（MySQL、MariaDB 和 Oracle 为 "audit"，PostgreSQL 为 "postgresql"）并开启审计插件，' +
            "/aws/rds/... 日志组至少保留 180 天。SQL Server 和 Db2 没有审计日志导出，不检查。以上修改均为原地更新。",
    },
    resourceTypes: Object.keys(DATABASES),
    config,
};

function validate(args: ResourceValidationArgs, emit: Emit): void {
    const db = DATABASES[args.type];
    if (!db) return;
    const { minimumRetentionDays } = readConfig(config, args.getConfig());
    db.check(Input.of(args.props), minimumRetentionDays, emit);
}

/** Turns the SQL collector or audit log export on, and raises an RDS collector retention to the next accepted value. */
const fixDatabase: Fix = (args) => {
    const db = DATABASES[args.type];
    if (!db) return false;
    const writes = db.fix(Input.of(args.props), readConfig(config, args.getConfig()).minimumRetentionDays);
    for (const [input, value] of writes) setInput(args.props, input, value);
    return writes.length > 0;
};

export default resourceControl(metadata, validate, remediation(fixDatabase));
