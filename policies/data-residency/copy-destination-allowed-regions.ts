// No copy of data outside the approved regions (GB/T 22239-2019 8.2.4.5 a); PIPL Art. 38–40; the
// 2024 Cross-Border Data Flow Provisions and the Outbound Data Transfer Assessment Measures): the
// destination region of every replication, copy, cross-region backup and replica is on
// `allowedRegions`. S3 replication, whose destination is only known through the stack, and OSS
// replication whose location is unknown during preview, are the stack policy
// s3-replication-destination-allowed-regions.
import type * as alicloud from "@pulumi/alicloud";
import type * as aws from "@pulumi/aws";
import { type ResourceValidationArgs } from "@pulumi/policy";
import { type ControlMetadata, resourceControl } from "../shared/control";
import { type Emit } from "../shared/emit";
import { bi } from "../shared/messages";
import { inputName } from "../shared/properties";
import { Input } from "../shared/reader";
import { cloudOf, effectiveRegion, ossLocationToRegion } from "../shared/regions";
import { BACKUP_COPY_DESTINATIONS, BACKUP_COPY_STEPS } from "./backup-copies";
import { type Destination, EFFECTIVE, type Reader, destinationAt, eachOf, regionAt, zoneAt } from "./destinations";
import { config, crossBorderNote, emitRegion, judgeRegion, readResidencyConfig, regionWord, showAllowlist, typeKind } from "./residency";

/** Copy-making resources, token → where their destination region is read. */
export const COPY_DESTINATIONS: Record<string, Reader> = {
    // Alibaba Cloud
    // A location unknown during preview (another bucket's output) is resolved through the stack by s3-replication-destination-allowed-regions.
    "alicloud:oss/bucketReplication:BucketReplication": (p) =>
        destinationAt(p.at(inputName<alicloud.oss.BucketReplicationArgs>("destination"), "location"), ossLocationToRegion).filter((d) => !d.unknown),
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
        ...eachOf(p.get(inputName<aws.dynamodb.TableArgs>("replicas")), (r) => regionAt(r, "regionName")),
        // The witness region of a multi-Region strongly consistent table receives replicated changes.
        ...regionAt(p.get(inputName<aws.dynamodb.TableArgs>("globalTableWitness")), "regionName"),
    ],
    "aws:dynamodb/globalTable:GlobalTable": (p) => eachOf(p.get(inputName<aws.dynamodb.GlobalTableArgs>("replicas")), (r) => regionAt(r, "regionName")),
    "aws:ecr/replicationConfiguration:ReplicationConfiguration": (p) =>
        eachOf(p.at(inputName<aws.ecr.ReplicationConfigurationArgs>("replicationConfiguration"), "rules"), (rule) => eachOf(rule.get("destinations"), (d) => regionAt(d, "region"))),
    "aws:secretsmanager/secret:Secret": (p) => eachOf(p.get(inputName<aws.secretsmanager.SecretArgs>("replicas")), (r) => regionAt(r, "region")),
    ...BACKUP_COPY_DESTINATIONS,
};

/** Alibaba snapshot policies copy only when cross-region copy is on; each target region counts. */
function snapshotCopies(p: Input, flag: string, targets: string): Destination[] {
    const on = p.get(flag).boolean();
    if (on.kind === "unknown") return [{ property: on.path, region: undefined, unknown: true }];
    if (on.kind !== "value" || !on.value) return [];
    return eachOf(p.get(targets), (r) => destinationAt(r));
}

export const metadata: ControlMetadata = {
    name: "copy-destination-allowed-regions",
    description:
        "Replications, copies, cross-region backups and replicas place data only in regions on the allowlist (default: mainland China): a copy abroad is an outbound data transfer.",
    category: "data-residency",
    bases: ["mlps-8.2.4.5", "pipl-38", "pipl-39", "pipl-40", "csl-39", "dsl-31", "cbdt-provisions-7-8", "cbdt-measures-4"],
    severity: "critical",
    enforcementLevel: "mandatory",
    remediationSteps:
        "Point the copy at an allowed region: OSS replication `destination.location` (e.g. `oss-cn-beijing`), RDS `crossBackupRegion`, EBS replica `destinationRegionId`/`destinationZoneId`, " +
        "snapshot policy `targetCopyRegions`, RDS snapshot copy `destinationRegion`, DynamoDB `replicas[].regionName`, ECR replication destinations, Secrets Manager `replicas[].region`; " +
        "for copies created in their own region (AMI/snapshot copies, table replicas, replica keys, image copies) use a provider or `region` in an allowed region. " +
        "A copy abroad is an outbound data transfer: a CAC security assessment is required only for critical information infrastructure operators, important data " +
        "or personal information above the thresholds; otherwise the standard contract or certification, or neither below the lower threshold; individuals' separate consent in every case." +
        BACKUP_COPY_STEPS.en,
    zh: {
        description: "复制、拷贝、跨区域或跨地域备份和副本只能将数据放在允许列表中的区域或地域（默认：中国内地）：向境外复制即为数据出境。",
        remediationSteps:
            "将复制目标指向允许的区域（AWS）或地域（阿里云）：OSS 复制的 `destination.location`（例如 `oss-cn-beijing`）、RDS 的 `crossBackupRegion`、EBS 副本的 `destinationRegionId`/`destinationZoneId`、" +
            "快照策略的 `targetCopyRegions`、RDS 快照复制的 `destinationRegion`、DynamoDB 的 `replicas[].regionName`、ECR 复制目标、Secrets Manager 的 `replicas[].region`；" +
            "对于在自身区域或地域创建的副本（AMI/快照复制、表副本、副本密钥、镜像复制），使用允许区域或地域中的提供程序或 `region`。" +
            "向境外复制即为数据出境：仅关键信息基础设施运营者、重要数据或超过规定数量的个人信息须申报数据出境安全评估；其他情形订立个人信息出境标准合同或通过个人信息保护认证，" +
            "低于规定数量的免予申报；个人信息出境均须取得个人的单独同意。" +
            BACKUP_COPY_STEPS.zh,
    },
    resourceTypes: Object.keys(COPY_DESTINATIONS),
    config,
};

function destinations(args: ResourceValidationArgs, reader: Reader): Destination[] | "unset" | "unknown" {
    if (reader !== EFFECTIVE) {
        return reader(Input.of(args.props));
    }
    const eff = effectiveRegion({ type: args.type, props: args.props, provider: args.provider });
    if (eff.kind === "unset" || eff.kind === "unknown") return eff.kind;
    return [{ property: "region", region: eff.value, viaProvider: eff.source === "provider" }];
}

function validate(args: ResourceValidationArgs, emit: Emit): void {
    const reader = COPY_DESTINATIONS[args.type];
    if (!reader) {
        return;
    }
    const cfg = readResidencyConfig(args.getConfig());
    const cloud = cloudOf(args.type);
    const word = regionWord(cloud);
    const exempted = cfg.exemptResourceTypes.includes(args.type);
    const kind = typeKind(args.type);
    const found = destinations(args, reader);
    const provider = { type: cloud === "aws" ? "aws.Provider" : "alicloud.Provider", input: "region" };
    if (found === "unset" || found === "unknown") {
        emit({
            kind,
            found:
                found === "unset"
                    ? bi(
                          "a copy whose destination region is not set on the resource or its provider (environment-only configuration is not visible to policies)",
                          `副本的目标${word.zh}未在资源或其提供程序上设置（仅通过环境变量配置的${word.zh}对策略不可见）`,
                      )
                    : bi("a copy whose destination region is unknown until deployment", `副本的目标${word.zh}在部署前未知`),
            required: showAllowlist(cfg.allowedRegions, cloud),
            change: provider,
            advisory: found === "unset",
            unknown: found === "unknown",
        });
        return;
    }
    const stackConfig = cloud === "aws" ? "aws:region" : "alicloud:region";
    for (const d of found) {
        if (d.unknown) {
            emit({ kind, found: bi("a copy destination that is unknown until deployment", "部署前未知的副本目标"), required: showAllowlist(cfg.allowedRegions, cloud), change: d.property, unknown: true });
            continue;
        }
        const verdict = d.unreadable ? "not-a-string" : d.unplaced ? "unrecognised" : judgeRegion(d.region, cfg.allowedRegions);
        if (verdict === "allowed") continue;
        const fix = d.viaProvider
            ? bi(`The copy is created in its provider's region: set \`region\` on that provider (or stack config \`${stackConfig}\`).`, `副本创建在其提供程序所在${word.zh}：请修改该提供程序的 \`region\`（或堆栈配置 \`${stackConfig}\`）。`)
            : bi("Choose an allowed destination region, or remove the cross-border copy.", `请选择允许的目标${word.zh}，或删除跨境复制。`);
        const note = crossBorderNote(cloud);
        emitRegion(emit, {
            kind,
            cloud,
            what: bi("copy destination", "副本目标"),
            value: d.region,
            verdict,
            change: d.viaProvider ? provider : d.property,
            fix: verdict === "off-list" ? bi(`${fix.en} ${note.en}`, `${fix.zh}${note.zh}`) : fix,
            allowed: cfg.allowedRegions,
            exempted,
        });
    }
}

export default resourceControl(metadata, validate);
