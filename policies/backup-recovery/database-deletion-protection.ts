// A stateful database is not deleted by one mistaken update (GB/T 22239-2019 8.1.4.9: important
// data stays recoverable): deletion (release) protection is on. Advisory by default: it is a
// safeguard on top of backups, and some teams rely on other guards (protect, approvals).
import type * as alicloud from "@pulumi/alicloud";
import type * as aws from "@pulumi/aws";
import { type ResourceValidationArgs } from "@pulumi/policy";
import { type ControlMetadata, resourceControl } from "../shared/control";
import { type Emit, shown } from "../shared/emit";
import { type Bilingual, bi } from "../shared/messages";
import { inputName } from "../shared/properties";
import { Input, type Read } from "../shared/reader";
import { type Fix, remediation, setInput } from "../shared/remediate";

export interface ProtectionSource {
    kind: Bilingual;
    /** The switch input. */
    input: string;
    /** The value that turns protection on (alicloud PolarDB's `deletionLock` is 1, the others true). */
    on: boolean | number;
    /** Whether the switch applies to this resource at all (Alibaba Cloud RDS: pay-as-you-go and serverless only). */
    applies?: (props: Input) => boolean | "unknown";
}

const ALI_RDS_CHARGE = inputName<alicloud.rds.InstanceArgs>("instanceChargeType");
const POLARDB_PAY = inputName<alicloud.polardb.ClusterArgs>("payType");

/** A charge-type input: the switch applies when the charge type is one of `types` (unset = `unset`). */
function chargedAs(input: string, unset: string, types: readonly string[]): (props: Input) => boolean | "unknown" {
    return (props) => {
        const t = props.get(input).string();
        if (t.kind === "unknown") return "unknown";
        const value = t.kind === "value" ? t.value : unset;
        return types.some((x) => x.toLowerCase() === value.toLowerCase());
    };
}

export const PROTECTION_SOURCES: Record<string, ProtectionSource> = {
    "aws:rds/instance:Instance": { kind: bi("RDS instance", "RDS 实例"), input: inputName<aws.rds.InstanceArgs>("deletionProtection"), on: true },
    "aws:rds/cluster:Cluster": { kind: bi("RDS cluster", "RDS 集群"), input: inputName<aws.rds.ClusterArgs>("deletionProtection"), on: true },
    "aws:docdb/cluster:Cluster": { kind: bi("DocumentDB cluster", "DocumentDB 集群"), input: inputName<aws.docdb.ClusterArgs>("deletionProtection"), on: true },
    "aws:neptune/cluster:Cluster": { kind: bi("Neptune cluster", "Neptune 集群"), input: inputName<aws.neptune.ClusterArgs>("deletionProtection"), on: true },
    "aws:dynamodb/table:Table": { kind: bi("DynamoDB table", "DynamoDB 表"), input: inputName<aws.dynamodb.TableArgs>("deletionProtectionEnabled"), on: true },
    // The switch works only for pay-as-you-go (the default) and serverless instances; a subscription cannot be released at will.
    "alicloud:rds/instance:Instance": {
        kind: bi("ApsaraDB RDS instance", "云数据库 RDS 实例"),
        input: inputName<alicloud.rds.InstanceArgs>("deletionProtection"),
        on: true,
        applies: chargedAs(ALI_RDS_CHARGE, "Postpaid", ["Postpaid", "Serverless"]),
    },
    // The lock can be switched on a pay-as-you-go cluster (the default) only.
    "alicloud:polardb/cluster:Cluster": {
        kind: bi("PolarDB cluster", "PolarDB 集群"),
        input: inputName<alicloud.polardb.ClusterArgs>("deletionLock"),
        on: 1,
        applies: chargedAs(POLARDB_PAY, "PostPaid", ["PostPaid"]),
    },
    "alicloud:mongodb/instance:Instance": { kind: bi("ApsaraDB for MongoDB instance", "云数据库 MongoDB 实例"), input: inputName<alicloud.mongodb.InstanceArgs>("dbInstanceReleaseProtection"), on: true },
    "alicloud:mongodb/shardingInstance:ShardingInstance": {
        kind: bi("ApsaraDB for MongoDB sharded instance", "云数据库 MongoDB 分片集群实例"),
        input: inputName<alicloud.mongodb.ShardingInstanceArgs>("dbInstanceReleaseProtection"),
        on: true,
    },
    "alicloud:kvstore/instance:Instance": { kind: bi("Tair/Redis (KVStore) instance", "Tair/Redis（KVStore）实例"), input: inputName<alicloud.kvstore.InstanceArgs>("instanceReleaseProtection"), on: true },
};

export const metadata: ControlMetadata = {
    name: "database-deletion-protection",
    description: "Stateful databases have deletion (release) protection on, so one mistaken update or destroy cannot delete the data.",
    category: "backup-recovery",
    bases: ["mlps-8.1.4.9", "csl-23-4"],
    severity: "medium",
    enforcementLevel: "advisory",
    remediationSteps:
        "Turn deletion protection on: aws.rds.Instance / aws.rds.Cluster / aws.docdb.Cluster / aws.neptune.Cluster `deletionProtection` true, aws.dynamodb.Table " +
        "`deletionProtectionEnabled` true; alicloud.rds.Instance `deletionProtection` true (pay-as-you-go and serverless instances only), alicloud.polardb.Cluster " +
        "`deletionLock` 1 (pay-as-you-go clusters), alicloud.mongodb.Instance / ShardingInstance `dbInstanceReleaseProtection` true, alicloud.kvstore.Instance " +
        "`instanceReleaseProtection` true. The switch changes in place; turn it off on purpose before a planned deletion.",
    zh: {
        description: "有状态数据库开启删除（释放）保护，避免一次误操作的更新或销毁删除数据。",
        remediationSteps:
            "开启删除保护：aws.rds.Instance、aws.rds.Cluster、aws.docdb.Cluster、aws.neptune.Cluster 的 `deletionProtection` 设为 true，aws.dynamodb.Table 的 " +
            "`deletionProtectionEnabled` 设为 true；alicloud.rds.Instance 的 `deletionProtection` 设为 true（仅适用于按量付费和 Serverless 实例），alicloud.polardb.Cluster 的 " +
            "`deletionLock` 设为 1（按量付费集群），alicloud.mongodb.Instance、ShardingInstance 的 `dbInstanceReleaseProtection` 设为 true，alicloud.kvstore.Instance 的 " +
            "`instanceReleaseProtection` 设为 true。该开关为原地更新；计划删除前请先有意关闭。",
    },
    resourceTypes: Object.keys(PROTECTION_SOURCES),
};

type Verdict = { ok: true } | { ok: false; read: Read<unknown>; unknown: boolean };

export function protection(type: string, props: Input): Verdict {
    const source = PROTECTION_SOURCES[type];
    if (!source) return { ok: true };
    const applies = source.applies?.(props) ?? true;
    if (applies === false) return { ok: true };
    const read = typeof source.on === "number" ? props.get(source.input).number() : props.get(source.input).boolean();
    if (read.kind === "value" && read.value === source.on) return { ok: true };
    // With the charge type unknown, the switch may not apply: advisory either way.
    return { ok: false, read, unknown: read.kind === "unknown" || applies === "unknown" };
}

function validate(args: ResourceValidationArgs, emit: Emit): void {
    const source = PROTECTION_SOURCES[args.type];
    if (!source) return;
    const v = protection(args.type, Input.of(args.props));
    if (v.ok) return;
    const off = typeof source.on === "number" ? "0" : "false";
    emit({
        kind: source.kind,
        found: shown(v.read, { unset: bi(`default ${off}: no deletion protection`, `默认 ${off}：无删除保护`) }),
        required: bi(`\`${source.input}\` ${String(source.on)} (deletion protection on)`, `\`${source.input}\` 为 ${String(source.on)}（开启删除保护）`),
        change: v.read,
        unknown: v.unknown,
    });
}

const fixProtection: Fix = (args) => {
    const source = PROTECTION_SOURCES[args.type];
    if (!source) return false;
    const v = protection(args.type, Input.of(args.props));
    // Unknown or wrongly shaped values are left for the user.
    if (v.ok || v.unknown || v.read.kind === "invalid") return false;
    setInput(args.props, source.input, source.on);
    return true;
};

export default resourceControl(metadata, validate, remediation(fixProtection));
