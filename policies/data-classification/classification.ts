// What the data-classification controls share: the classification tag (its key and its ordered
// levels, configurable), the stateful resource types that must carry it, and how a resource's
// classification is read. The levels are ordered from least to most sensitive, so a rule can
// start at a level ("from `personal` up").
import { type StringProperty, string, stringList } from "../shared/config";
import { type Bilingual, bi } from "../shared/messages";
import { Input, type Read } from "../shared/reader";

/** Default levels, least to most sensitive: public, internal, personal information, important data, core data. */
export const DEFAULT_LEVELS = ["public", "internal", "personal", "important", "core"] as const;

const LEVEL_ZH: Readonly<Record<string, string>> = { public: "公开", internal: "内部", personal: "个人信息", important: "重要数据", core: "核心数据" };

/** A level in a message: `personal (个人信息)` in the Chinese line for the default levels. */
export function showLevel(level: string): Bilingual {
    const zh = LEVEL_ZH[level];
    return bi(`"${level}"`, zh ? `"${level}"（${zh}）` : `"${level}"`);
}

export const TAG_KEY_PATTERN = "^[A-Za-z0-9_.:/=+@-]+$";

export const classificationConfig = {
    classificationTagKey: string("Tag key that holds a resource's data classification.", "data-classification", 128, TAG_KEY_PATTERN),
    classificationLevels: stringList(
        "Allowed classification values, ordered from least to most sensitive (default: public, internal, personal, important, core — 公开、内部、个人信息、重要数据、核心数据).",
        [...DEFAULT_LEVELS],
        "^[A-Za-z0-9_.:/=+@-]+$",
    ),
};

/** A level-start setting: the rule applies from this classification up. */
export function fromLevel(description: string, def: string): StringProperty {
    // Custom level names are allowed, so the schema checks the shape; a name missing from
    // classificationLevels switches the rule off (said in the docs).
    return string(description, def, 128, "^[A-Za-z0-9_.:/=+@-]+$");
}

/** Stateful resource types (databases, caches, buckets, disks, file systems, log stores), token → kind. */
export const STATEFUL: Readonly<Record<string, Bilingual>> = {
    "aws:rds/instance:Instance": bi("RDS instance", "RDS 实例"),
    "aws:rds/cluster:Cluster": bi("RDS cluster", "RDS 集群"),
    "aws:docdb/cluster:Cluster": bi("DocumentDB cluster", "DocumentDB 集群"),
    "aws:neptune/cluster:Cluster": bi("Neptune cluster", "Neptune 集群"),
    "aws:redshift/cluster:Cluster": bi("Redshift cluster", "Redshift 集群"),
    "aws:elasticache/replicationGroup:ReplicationGroup": bi("ElastiCache replication group", "ElastiCache 复制组"),
    "aws:dynamodb/table:Table": bi("DynamoDB table", "DynamoDB 表"),
    "aws:s3/bucket:Bucket": bi("S3 bucket", "S3 存储桶"),
    "aws:s3/bucketV2:BucketV2": bi("S3 bucket", "S3 存储桶"),
    "aws:ebs/volume:Volume": bi("EBS volume", "EBS 卷"),
    "aws:efs/fileSystem:FileSystem": bi("EFS file system", "EFS 文件系统"),
    "aws:cloudwatch/logGroup:LogGroup": bi("CloudWatch log group", "CloudWatch 日志组"),
    "alicloud:rds/instance:Instance": bi("ApsaraDB RDS instance", "云数据库 RDS 实例"),
    "alicloud:polardb/cluster:Cluster": bi("PolarDB cluster", "PolarDB 集群"),
    "alicloud:mongodb/instance:Instance": bi("ApsaraDB for MongoDB instance", "云数据库 MongoDB 实例"),
    "alicloud:mongodb/shardingInstance:ShardingInstance": bi("ApsaraDB for MongoDB sharded instance", "云数据库 MongoDB 分片集群实例"),
    "alicloud:kvstore/instance:Instance": bi("Tair/Redis (KVStore) instance", "Tair/Redis（KVStore）实例"),
    "alicloud:oss/bucket:Bucket": bi("OSS Bucket", "OSS Bucket（存储空间）"),
    "alicloud:ecs/ecsDisk:EcsDisk": bi("ECS cloud disk", "ECS 云盘"),
    "alicloud:ecs/disk:Disk": bi("ECS cloud disk", "ECS 云盘"),
    "alicloud:nas/fileSystem:FileSystem": bi("NAS file system", "NAS 文件系统"),
    // Logstores carry no tags of their own: their project's tags classify them.
    "alicloud:log/project:Project": bi("SLS project", "日志服务（SLS）Project"),
};

/**
 * The classification tag of a resource: its own `tags`, else (AWS) the provider's `defaultTags`,
 * which the provider copies onto every resource. The Read carries the path to change.
 */
export function readClassification(props: unknown, provider: { props: unknown } | undefined, key: string): Read<string> {
    const own = Input.of(props).get("tags");
    if (own.unknown) return { kind: "unknown", path: `tags.${key}` };
    const read = own.get(key).string();
    if (read.kind !== "absent") return { ...read, path: `tags.${key}` };
    const inherited = provider ? defaultTags(provider.props).get(key).string() : undefined;
    return inherited && inherited.kind !== "absent" ? { ...inherited, path: `tags.${key}` } : read;
}

/** A provider's `defaultTags.tags`; the AWS SDK sends an explicit provider's object inputs as JSON strings. */
function defaultTags(providerProps: unknown): Input {
    const raw = Input.of(providerProps).get("defaultTags").raw();
    if (raw.kind === "value" && typeof raw.value === "string") {
        try {
            return Input.of(JSON.parse(raw.value) as unknown).get("tags");
        } catch {
            return Input.of(undefined);
        }
    }
    return Input.of(providerProps).at("defaultTags", "tags");
}

/** The rank of a level in the configured order, or undefined when it is not one of them. */
export function rank(levels: readonly string[], level: string): number | undefined {
    const i = levels.indexOf(level);
    return i < 0 ? undefined : i;
}
