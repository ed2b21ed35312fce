// Important data is backed up and recoverable (GB/T 22239-2019 8.1.4.9, Cybersecurity Law
// Art. 23(4)): every database the stack creates keeps automated backups for at least
// `minimumBackupRetentionDays`. An unset input counts as the provider's documented default, so a
// database that keeps no backups unless asked (RDS instances, ElastiCache) is a finding.
import type * as alicloud from "@pulumi/alicloud";
import type * as aws from "@pulumi/aws";
import { type ResourceValidationArgs } from "@pulumi/policy";
import { integer, readConfig } from "../shared/config";
import { type ControlMetadata, resourceControl } from "../shared/control";
import { type Emit, shown } from "../shared/emit";
import { type Bilingual, bi } from "../shared/messages";
import { inputName } from "../shared/properties";
import { Input, type Read } from "../shared/reader";
import { type Fix, remediation, setInput } from "../shared/remediate";

export const config = {
    minimumBackupRetentionDays: integer(
        "Minimum number of days a database keeps its automated backups (GB/T 22239-2019 8.1.4.9). At most 35, the longest most services accept.",
        7,
        1,
        35,
    ),
};

/** One retention a database declares: where it is set, what unset means, and the longest value the service accepts. */
export interface RetentionCheck {
    read: Read<number>;
    /** Days kept when the input is unset (the provider's documented default); 0 = no backups. */
    unsetDays: number;
    /** The largest value the service accepts (the fix and the remediation never go beyond it). */
    max: number;
    /** What the retention is of, when a resource has more than one (e.g. log backups). */
    what?: Bilingual;
    /** A check that passes whatever the retention (e.g. long-term backups already cover it); "unknown" during preview. */
    coveredBy?: (minimum: number) => boolean | "unknown";
}

/** A switch that must be on before any retention counts (DynamoDB point-in-time recovery). */
export interface SwitchCheck {
    read: Read<boolean>;
    unset: boolean;
    what: Bilingual;
}

export interface BackupSource {
    kind: Bilingual;
    read(props: Input): { switches?: SwitchCheck[]; retentions: RetentionCheck[] };
}

const RDS_RETENTION = inputName<aws.rds.InstanceArgs>("backupRetentionPeriod");
const RDS_REPLICA_OF = inputName<aws.rds.InstanceArgs>("replicateSourceDb");
const CLUSTER_RETENTION = inputName<aws.rds.ClusterArgs>("backupRetentionPeriod");
const DOCDB_RETENTION = inputName<aws.docdb.ClusterArgs>("backupRetentionPeriod");
const NEPTUNE_RETENTION = inputName<aws.neptune.ClusterArgs>("backupRetentionPeriod");
const REDSHIFT_RETENTION = inputName<aws.redshift.ClusterArgs>("automatedSnapshotRetentionPeriod");
const ELASTICACHE_RETENTION = inputName<aws.elasticache.ReplicationGroupArgs>("snapshotRetentionLimit");
const DYNAMODB_PITR = inputName<aws.dynamodb.TableArgs>("pointInTimeRecovery");
const ALI_RDS_RETENTION = inputName<alicloud.rds.BackupPolicyArgs>("backupRetentionPeriod");
const ALI_RDS_RETENTION_OLD = inputName<alicloud.rds.BackupPolicyArgs>("retentionPeriod");
const ALI_RDS_LOG_RETENTION = inputName<alicloud.rds.BackupPolicyArgs>("logBackupRetentionPeriod");
const ALI_RDS_LOG_RETENTION_OLD = inputName<alicloud.rds.BackupPolicyArgs>("logRetentionPeriod");
const ALI_RDS_LOG_ON = inputName<alicloud.rds.BackupPolicyArgs>("enableBackupLog");
const ALI_RDS_LOG_ON_OLD = inputName<alicloud.rds.BackupPolicyArgs>("logBackup");
const POLARDB_LEVEL1 = inputName<alicloud.polardb.BackupPolicyArgs>("dataLevel1BackupRetentionPeriod");
const POLARDB_LEVEL2 = inputName<alicloud.polardb.BackupPolicyArgs>("dataLevel2BackupRetentionPeriod");
const MONGODB_RETENTION = inputName<alicloud.mongodb.InstanceArgs>("backupRetentionPeriod");
const MONGODB_SHARDING_RETENTION = inputName<alicloud.mongodb.ShardingInstanceArgs>("backupRetentionPeriod");

/** AWS caps automated-backup retention at 35 days on every service read here. */
const AWS_MAX = 35;

const one = (read: Read<number>, unsetDays: number, max = AWS_MAX): { retentions: RetentionCheck[] } => ({ retentions: [{ read, unsetDays, max }] });

export const BACKUP_SOURCES: Record<string, BackupSource> = {
    "aws:rds/instance:Instance": {
        kind: bi("RDS instance", "RDS 实例"),
        // Unset = 0: no automated backups. A read replica is backed up through its source.
        read: (p) => (p.get(RDS_REPLICA_OF).isSet || p.get(RDS_REPLICA_OF).unknown ? { retentions: [] } : one(p.get(RDS_RETENTION).number(), 0)),
    },
    "aws:rds/cluster:Cluster": { kind: bi("RDS cluster", "RDS 集群"), read: (p) => one(p.get(CLUSTER_RETENTION).number(), 1) },
    "aws:docdb/cluster:Cluster": { kind: bi("DocumentDB cluster", "DocumentDB 集群"), read: (p) => one(p.get(DOCDB_RETENTION).number(), 1) },
    "aws:neptune/cluster:Cluster": { kind: bi("Neptune cluster", "Neptune 集群"), read: (p) => one(p.get(NEPTUNE_RETENTION).number(), 1) },
    "aws:redshift/cluster:Cluster": { kind: bi("Redshift cluster", "Redshift 集群"), read: (p) => one(p.get(REDSHIFT_RETENTION).number(), 1) },
    // Unset or 0 = no snapshots.
    "aws:elasticache/replicationGroup:ReplicationGroup": { kind: bi("ElastiCache replication group", "ElastiCache 复制组"), read: (p) => one(p.get(ELASTICACHE_RETENTION).number(), 0) },
    "aws:dynamodb/table:Table": {
        kind: bi("DynamoDB table", "DynamoDB 表"),
        // Point-in-time recovery is off unless enabled; when on, it keeps 35 days unless told otherwise.
        read: (p) => {
            const pitr = p.get(DYNAMODB_PITR);
            return {
                switches: [{ read: pitr.get("enabled").boolean(), unset: false, what: bi("point-in-time recovery", "时间点恢复") }],
                retentions: [{ read: pitr.get("recoveryPeriodInDays").number(), unsetDays: 35, max: AWS_MAX }],
            };
        },
    },
    "alicloud:rds/backupPolicy:BackupPolicy": {
        kind: bi("ApsaraDB RDS backup policy", "云数据库 RDS 备份策略"),
        read: (p) => {
            const retentions: RetentionCheck[] = [{ read: p.get(ALI_RDS_RETENTION, ALI_RDS_RETENTION_OLD).number(), unsetDays: 7, max: 730 }];
            // Log backups are on unless switched off (default true); their retention defaults to 7 days.
            const logOn = p.get(ALI_RDS_LOG_ON, ALI_RDS_LOG_ON_OLD).boolean();
            if (!(logOn.kind === "value" && !logOn.value)) {
                // A switch unknown during preview may turn log backups off, and then no log retention applies.
                const maybeOff = logOn.kind === "unknown" ? { coveredBy: () => "unknown" as const } : {};
                retentions.push({ read: p.get(ALI_RDS_LOG_RETENTION, ALI_RDS_LOG_RETENTION_OLD).number(), unsetDays: 7, max: 730, what: bi("log backups", "日志备份"), ...maybeOff });
            }
            return { retentions };
        },
    },
    "alicloud:polardb/backupPolicy:BackupPolicy": {
        kind: bi("PolarDB backup policy", "PolarDB 备份策略"),
        read: (p) => {
            // Level-1 backups keep 3–14 days (default 7); level-2 (long-term) backups, when set, keep 30 days or more.
            const level2 = p.get(POLARDB_LEVEL2).number();
            return {
                retentions: [
                    {
                        read: p.get(POLARDB_LEVEL1).number(),
                        unsetDays: 7,
                        max: 14,
                        coveredBy: (m) => (level2.kind === "unknown" ? "unknown" : level2.kind === "value" && level2.value >= m),
                    },
                ],
            };
        },
    },
    // Unset = the service default, 30 days for instances created since 2021-09-10.
    "alicloud:mongodb/instance:Instance": { kind: bi("ApsaraDB for MongoDB instance", "云数据库 MongoDB 实例"), read: (p) => one(p.get(MONGODB_RETENTION).number(), 30, 730) },
    "alicloud:mongodb/shardingInstance:ShardingInstance": {
        kind: bi("ApsaraDB for MongoDB sharded instance", "云数据库 MongoDB 分片集群实例"),
        read: (p) => one(p.get(MONGODB_SHARDING_RETENTION).number(), 30, 730),
    },
};

export const metadata: ControlMetadata = {
    name: "database-backup-retention",
    description: "Databases keep automated backups for at least the minimum retention (default 7 days), so important data can be recovered.",
    category: "backup-recovery",
    bases: ["mlps-8.1.4.9", "mlps-8.2.4.6", "csl-23-4"],
    severity: "high",
    enforcementLevel: "mandatory",
    remediationSteps:
        "Set the backup retention to at least the minimum (default 7 days): aws.rds.Instance `backupRetentionPeriod` (unset = 0, no backups), aws.rds.Cluster, aws.docdb.Cluster and " +
        "aws.neptune.Cluster `backupRetentionPeriod` (unset = 1), aws.redshift.Cluster `automatedSnapshotRetentionPeriod` (unset = 1), aws.elasticache.ReplicationGroup " +
        "`snapshotRetentionLimit` (unset = 0, no snapshots), aws.dynamodb.Table `pointInTimeRecovery.enabled` true; alicloud.rds.BackupPolicy `backupRetentionPeriod` and " +
        "`logBackupRetentionPeriod` (unset = 7), alicloud.polardb.BackupPolicy `dataLevel1BackupRetentionPeriod` (3–14, unset = 7) or long-term `dataLevel2BackupRetentionPeriod`, " +
        "alicloud.mongodb.Instance / ShardingInstance `backupRetentionPeriod`. Retention changes in place; no data is lost.",
    zh: {
        description: "数据库的自动备份保留时间不短于最短备份保留期限（默认 7 天），确保重要数据可以恢复。",
        remediationSteps:
            "将备份保留期设为不低于最短期限（默认 7 天）：aws.rds.Instance 的 `backupRetentionPeriod`（未设置时为 0，即不备份）；aws.rds.Cluster、aws.docdb.Cluster、" +
            "aws.neptune.Cluster 的 `backupRetentionPeriod`（未设置时为 1）；aws.redshift.Cluster 的 `automatedSnapshotRetentionPeriod`（未设置时为 1）；" +
            "aws.elasticache.ReplicationGroup 的 `snapshotRetentionLimit`（未设置时为 0，即不做快照）；aws.dynamodb.Table 的 `pointInTimeRecovery.enabled` 设为 true；" +
            "alicloud.rds.BackupPolicy 的 `backupRetentionPeriod` 和 `logBackupRetentionPeriod`（未设置时为 7）；alicloud.polardb.BackupPolicy 的 " +
            "`dataLevel1BackupRetentionPeriod`（3～14，未设置时为 7）或长期备份 `dataLevel2BackupRetentionPeriod`；alicloud.mongodb.Instance / ShardingInstance 的 " +
            "`backupRetentionPeriod`。修改备份保留期为原地更新，不会丢失数据。",
    },
    resourceTypes: Object.keys(BACKUP_SOURCES),
    config,
};

/** A retention that falls short: what was found, and the value a fix writes (undefined: none reaches the minimum or the value is not known). */
interface Shortfall {
    path: string;
    found: Bilingual;
    required: Bilingual;
    fix?: Bilingual;
    unknown: boolean;
    /** The value a remediation writes, when the current one is known and the service accepts a compliant value. */
    target?: number | true;
    /** For a switch: the object input that holds it (`pointInTimeRecovery`). */
    parent?: string;
}

function daysText(days: number, defaulted: boolean, zeroMeans: Bilingual): Bilingual {
    const base = days === 0 ? bi(`0 days ${zeroMeans.en}`, `0 天${zeroMeans.zh}`) : bi(`${days} days`, `${days} 天`);
    return defaulted ? bi(`unset (default ${base.en})`, `未设置（默认 ${base.zh}）`) : base;
}

const NO_BACKUPS = bi("(no automated backups)", "（不做自动备份）");

const LONGEST = bi("Use the longest retention the service accepts, or add long-term backups.", "请设为该服务允许的最长保留期，或添加长期备份。");

function keptAtLeast(minimum: number, what: Bilingual | undefined): Bilingual {
    return what ? bi(`${what.en} kept at least ${minimum} days`, `${what.zh}至少保留 ${minimum} 天`) : bi(`backups kept at least ${minimum} days`, `备份至少保留 ${minimum} 天`);
}

export function shortfalls(type: string, props: Input, minimum: number): Shortfall[] {
    const source = BACKUP_SOURCES[type];
    if (!source) return [];
    const { switches = [], retentions } = source.read(props);
    const out: Shortfall[] = [];
    for (const s of switches) {
        const on = s.read.kind === "absent" ? s.unset : s.read.kind === "value" ? s.read.value : undefined;
        if (on === true) continue;
        const parent = s.read.path.slice(0, s.read.path.lastIndexOf("."));
        out.push({
            path: s.read.path,
            found: s.read.kind === "value" || s.read.kind === "absent" ? bi(`${s.what.en} ${s.read.kind === "absent" ? "unset (default off)" : "off"}`, `${s.what.zh}${s.read.kind === "absent" ? "未设置（默认关闭）" : "已关闭"}`) : shown(s.read),
            required: bi(`${s.what.en} enabled`, `启用${s.what.zh}`),
            unknown: s.read.kind === "unknown",
            // A value of the wrong shape is left for the user to fix.
            ...(s.read.kind === "value" || s.read.kind === "absent" ? { target: true as const, parent } : {}),
        });
        // With the switch off, no retention applies.
        return out;
    }
    for (const r of retentions) {
        const required = keptAtLeast(minimum, r.what);
        if (r.read.kind === "unknown") {
            out.push({ path: r.read.path, found: shown(r.read), required, unknown: true });
            continue;
        }
        const cover = r.coveredBy?.(minimum);
        if (cover === true) continue;
        // Unknown cover (long-term backups set from an output): whatever this retention is, not mandatory.
        const unknown = cover === "unknown";
        const target = minimum <= r.max ? minimum : undefined;
        if (r.read.kind === "invalid") {
            out.push({ path: r.read.path, found: shown(r.read), required, unknown });
            continue;
        }
        const days = r.read.kind === "absent" ? r.unsetDays : r.read.value;
        if (days >= minimum) continue;
        out.push({
            path: r.read.path,
            found: daysText(days, r.read.kind === "absent", NO_BACKUPS),
            required,
            unknown,
            ...(target === undefined ? { fix: LONGEST } : { target }),
        });
    }
    return out;
}

function validate(args: ResourceValidationArgs, emit: Emit): void {
    const source = BACKUP_SOURCES[args.type];
    if (!source) return;
    const { minimumBackupRetentionDays: minimum } = readConfig(config, args.getConfig());
    for (const s of shortfalls(args.type, Input.of(args.props), minimum)) {
        emit({ kind: source.kind, found: s.found, required: s.required, change: s.path, ...(s.fix ? { fix: s.fix } : {}), unknown: s.unknown });
    }
}

// Remediation: raise each short retention to the minimum and switch point-in-time recovery on,
// in place (in-place-updates.ts). Unknown and wrongly shaped values are left for the user.
const fixRetention: Fix = (args) => {
    if (!BACKUP_SOURCES[args.type]) return false;
    const { minimumBackupRetentionDays: minimum } = readConfig(config, args.getConfig());
    const props = args.props as Record<string, unknown>;
    const found = shortfalls(args.type, Input.of(props), minimum);
    if (found.some((s) => s.unknown)) return false;
    let changed = false;
    for (const s of found) {
        if (s.target === undefined) continue;
        if (s.target === true && s.parent !== undefined) {
            const holder = props[s.parent];
            if (holder !== undefined && holder !== null && typeof holder === "object" && !Array.isArray(holder)) setInput(holder, "enabled", true);
            else setInput(props, s.parent, { enabled: true });
        } else {
            // Deprecated aliases are read too: write the value where it was read.
            setInput(props, s.path, s.target);
        }
        changed = true;
    }
    return changed;
};

export default resourceControl(metadata, validate, remediation(fixRetention));
