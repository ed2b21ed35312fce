// No cross-border copies (DSL, PIPL Art. 38-40, outbound transfer assessment measures): the
// destination region of every replication, copy, cross-region backup and replica is on
// `allowedRegions`. S3 replication, whose destination is only known through the stack, is the
// separate stack policy s3-replication-destination-allowed-regions. Backup copies and DR replicas
// (AWS Backup copy actions, DTS, DBS, HBR) are rows of backup-copies.ts; how long backups are kept
// is the backup-recovery category's (database-backup-retention).
import type * as alicloud from "@pulumi/alicloud";
import type * as aws from "@pulumi/aws";
import { type ResourceValidationArgs, type ReportViolation } from "@pulumi/policy";
import { type ControlMetadata } from "../shared/control";
import { legacyResourceControl } from "../shared/control-legacy";
import { bi, findingMessage } from "../shared/messages";
import { inputName, isRecord, toBoolean } from "../shared/properties";
import { cloudOf, effectiveRegion, ossLocationToRegion, zoneToRegion } from "../shared/regions";
import { reportAdvisory } from "../shared/report";
import { BACKUP_COPY_DESTINATIONS, BACKUP_COPY_STEPS } from "./backup-copies";
import { TRANSFER_BASIS, config, judgeRegion, readResidencyConfig, reportRegion, showAllowlist, typeLabel } from "./residency";

/** One place data is copied to: the input path, and the region read there. */
export interface Destination {
    property: string;
    /** A region name (or an unreadable value, judged as such). */
    region: unknown;
    /** The value was present but names no known region (e.g. an OSS location of an unknown region). */
    unplaced?: boolean;
    /** The input does not have the documented shape (e.g. a list input that is not a list). */
    unreadable?: boolean;
    /** The region is the provider's: the fix is on the provider, not on this resource. */
    viaProvider?: boolean;
}

/** The copy is created in the resource's own (effective) region: the destination is where the resource is. */
const EFFECTIVE = "effective" as const;

type Reader = ((props: Record<string, unknown>) => Destination[]) | typeof EFFECTIVE;

function get(v: unknown, key: string): unknown {
    return isRecord(v) ? v[key] : undefined;
}

function isSet(v: unknown): boolean {
    return v !== undefined && v !== null && v !== "";
}

/** Every element of a list input; a non-list value is one unreadable destination. */
function eachOf(props: unknown, key: string, read: (item: unknown, path: string) => Destination[]): Destination[] {
    const list = get(props, key);
    if (!isSet(list)) return [];
    if (!Array.isArray(list)) return [{ property: key, region: list, unreadable: true }];
    return list.flatMap((item, i) => read(item, `${key}[${i}]`));
}

function regionAt(props: unknown, key: string, path = key): Destination[] {
    const v = get(props, key);
    return isSet(v) ? [{ property: path, region: v }] : [];
}

function zoneAt(props: unknown, key: string): Destination[] {
    const v = get(props, key);
    if (!isSet(v)) return [];
    const region = zoneToRegion(v);
    return [{ property: key, region: region ?? v, unplaced: region === undefined }];
}

/** Copy-making resources, token → where their destination region is read. */
export const COPY_DESTINATIONS: Record<string, Reader> = {
    // Alibaba Cloud
    "alicloud:oss/bucketReplication:BucketReplication": (p) => {
        const location = get(get(p, inputName<alicloud.oss.BucketReplicationArgs>("destination")), "location");
        if (!isSet(location)) return [];
        const region = ossLocationToRegion(location);
        return [{ property: "destination.location", region: region ?? location, unplaced: region === undefined }];
    },
    "alicloud:rds/rdsInstanceCrossBackupPolicy:RdsInstanceCrossBackupPolicy": (p) => regionAt(p, inputName<alicloud.rds.RdsInstanceCrossBackupPolicyArgs>("crossBackupRegion")),
    "alicloud:ebs/diskReplicaPair:DiskReplicaPair": (p) => [
        ...regionAt(p, inputName<alicloud.ebs.DiskReplicaPairArgs>("destinationRegionId")),
        ...zoneAt(p, inputName<alicloud.ebs.DiskReplicaPairArgs>("destinationZoneId")),
    ],
    "alicloud:ebs/diskReplicaGroup:DiskReplicaGroup": (p) => [
        ...regionAt(p, inputName<alicloud.ebs.DiskReplicaGroupArgs>("destinationRegionId")),
        ...zoneAt(p, inputName<alicloud.ebs.DiskReplicaGroupArgs>("destinationZoneId")),
    ],
    // The image is copied from `sourceRegionId` into the provider's region.
    "alicloud:ecs/imageCopy:ImageCopy": EFFECTIVE,
    "alicloud:ecs/copyImage:CopyImage": EFFECTIVE,
    // Restores a backup taken in `sourceRegion` into the provider's region.
    "alicloud:rds/ddrInstance:DdrInstance": EFFECTIVE,
    "alicloud:ecs/autoSnapshotPolicy:AutoSnapshotPolicy": (p) => snapshotCopies(p, inputName<alicloud.ecs.AutoSnapshotPolicyArgs>("enableCrossRegionCopy"), inputName<alicloud.ecs.AutoSnapshotPolicyArgs>("targetCopyRegions")),
    "alicloud:ecs/snapshotPolicy:SnapshotPolicy": (p) => snapshotCopies(p, inputName<alicloud.ecs.SnapshotPolicyArgs>("enableCrossRegionCopy"), inputName<alicloud.ecs.SnapshotPolicyArgs>("targetCopyRegions")),
    "alicloud:polardb/backupPolicy:BackupPolicy": (p) => [
        ...regionAt(p, inputName<alicloud.polardb.BackupPolicyArgs>("dataLevel2BackupAnotherRegionRegion")),
        ...regionAt(p, inputName<alicloud.polardb.BackupPolicyArgs>("logBackupAnotherRegionRegion")),
    ],
    // AWS: copies created in the resource's own region.
    "aws:ebs/snapshotCopy:SnapshotCopy": EFFECTIVE,
    "aws:ec2/amiCopy:AmiCopy": EFFECTIVE,
    "aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication": EFFECTIVE,
    "aws:dynamodb/tableReplica:TableReplica": EFFECTIVE,
    "aws:kms/replicaKey:ReplicaKey": EFFECTIVE,
    "aws:kms/replicaExternalKey:ReplicaExternalKey": EFFECTIVE,
    // AWS: copies placed in a region named on the resource.
    "aws:rds/snapshotCopy:SnapshotCopy": (p) => regionAt(p, inputName<aws.rds.SnapshotCopyArgs>("destinationRegion")),
    "aws:rds/clusterSnapshotCopy:ClusterSnapshotCopy": (p) => regionAt(p, inputName<aws.rds.ClusterSnapshotCopyArgs>("destinationRegion")),
    "aws:dynamodb/table:Table": (p) => [
        ...eachOf(p, inputName<aws.dynamodb.TableArgs>("replicas"), (r, path) => regionAt(r, "regionName", `${path}.regionName`)),
        // The witness region of a multi-Region strongly consistent table receives replicated changes.
        ...regionAt(get(p, inputName<aws.dynamodb.TableArgs>("globalTableWitness")), "regionName", "globalTableWitness.regionName"),
    ],
    "aws:dynamodb/globalTable:GlobalTable": (p) => eachOf(p, inputName<aws.dynamodb.GlobalTableArgs>("replicas"), (r, path) => regionAt(r, "regionName", `${path}.regionName`)),
    "aws:ecr/replicationConfiguration:ReplicationConfiguration": (p) =>
        eachOf(get(p, inputName<aws.ecr.ReplicationConfigurationArgs>("replicationConfiguration")), "rules", (rule, rulePath) =>
            eachOf(rule, "destinations", (d, path) => regionAt(d, "region", `replicationConfiguration.${rulePath}.${path}.region`)),
        ),
    "aws:secretsmanager/secret:Secret": (p) => eachOf(p, inputName<aws.secretsmanager.SecretArgs>("replicas"), (r, path) => regionAt(r, "region", `${path}.region`)),
    ...BACKUP_COPY_DESTINATIONS,
};

/** Alibaba snapshot policies copy only when cross-region copy is on; each target region counts. */
function snapshotCopies(p: Record<string, unknown>, flag: string, targets: string): Destination[] {
    if (toBoolean(get(p, flag)) !== true) return [];
    return eachOf(p, targets, (r, path) => (isSet(r) ? [{ property: path, region: r }] : []));
}

export const metadata: ControlMetadata = {
    name: "copy-destination-allowed-regions",
    description:
        "Replications, copies, cross-region backups and replicas place data only in regions on the allowlist (default: mainland China): no cross-border copy without an assessment.",
    category: "data-residency",
    bases: ["mlps-8.2.4.5", "pipl-38", "pipl-40", "csl-39", "dsl-31", "cbdt-provisions-7-8", "cbdt-measures-4"],
    severity: "critical",
    enforcementLevel: "mandatory",
    remediationSteps:
        "Point the copy at an allowed region: OSS replication `destination.location` (e.g. `oss-cn-beijing`), RDS `crossBackupRegion`, EBS replica `destinationRegionId`/`destinationZoneId`, " +
        "snapshot policy `targetCopyRegions`, RDS snapshot copy `destinationRegion`, DynamoDB `replicas[].regionName`, ECR replication destinations, Secrets Manager `replicas[].region`; " +
        "for copies created in their own region (AMI/snapshot copies, table replicas, replica keys, image copies) use a provider or `region` in an allowed region. " +
        "Transferring data abroad requires the outbound data transfer security assessment first." +
        BACKUP_COPY_STEPS.en,
    zh: {
        description: "复制、拷贝、跨地域备份和副本只能将数据放在允许列表中的地域（默认：中国内地地域）：未经评估不得跨境复制。",
        remediationSteps:
            "将复制目标指向允许的地域：OSS 复制的 `destination.location`（例如 `oss-cn-beijing`）、RDS 的 `crossBackupRegion`、EBS 副本的 `destinationRegionId`/`destinationZoneId`、" +
            "快照策略的 `targetCopyRegions`、RDS 快照复制的 `destinationRegion`、DynamoDB 的 `replicas[].regionName`、ECR 复制目标、Secrets Manager 的 `replicas[].region`；" +
            "对于在自身地域创建的副本（AMI/快照复制、表副本、副本密钥、镜像复制），使用允许地域中的提供程序或 `region`。" +
            "向境外传输数据前，须先完成数据出境安全评估。" +
            BACKUP_COPY_STEPS.zh,
    },
    resourceTypes: Object.keys(COPY_DESTINATIONS),
    config,
};

function destinations(args: ResourceValidationArgs, reader: Reader): Destination[] | "unset" {
    if (reader !== EFFECTIVE) {
        return isRecord(args.props) ? reader(args.props) : [];
    }
    const eff = effectiveRegion({ type: args.type, props: args.props, provider: args.provider });
    if (eff.kind === "unset") return "unset";
    return [{ property: "region", region: eff.value, viaProvider: eff.source === "provider" }];
}

function validate(args: ResourceValidationArgs, report: ReportViolation): void {
    const reader = COPY_DESTINATIONS[args.type];
    if (!reader) {
        return;
    }
    const cfg = readResidencyConfig(args.getConfig());
    const exempted = cfg.exemptResourceTypes.includes(args.type);
    const resource = typeLabel(args.type, args.name);
    const found = destinations(args, reader);
    if (found === "unset") {
        reportAdvisory(
            report,
            findingMessage({
                resource,
                found: bi("a copy whose destination region is not set on the resource or its provider (environment-only configuration is not visible to policies)", "副本的目标地域未在资源或其提供程序上设置（仅通过环境变量配置的地域对策略不可见）"),
                required: showAllowlist(cfg.allowedRegions),
                property: "region",
                basis: TRANSFER_BASIS,
            }),
        );
        return;
    }
    const cloud = cloudOf(args.type) === "aws" ? "aws:region" : "alicloud:region";
    for (const d of found) {
        const verdict = d.unreadable ? "not-a-string" : d.unplaced ? "unrecognised" : judgeRegion(d.region, cfg.allowedRegions);
        if (verdict === "allowed") continue;
        reportRegion(
            report,
            {
                resource,
                what: bi("copy destination", "副本目标"),
                value: d.region,
                verdict,
                property: d.property,
                fix: d.viaProvider
                    ? bi(`The copy is created in its provider's region: set \`region\` on that provider (or stack config \`${cloud}\`).`, `副本创建在其提供程序所在地域：请修改该提供程序的 \`region\`（或堆栈配置 \`${cloud}\`）。`)
                    : bi("Choose an allowed destination region, or remove the cross-border copy.", "请选择允许的目标地域，或删除跨境复制。"),
                basis: TRANSFER_BASIS,
                allowed: cfg.allowedRegions,
            },
            exempted,
        );
    }
}

export default legacyResourceControl(metadata, validate);
