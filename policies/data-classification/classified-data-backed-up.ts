// Classified data can be recovered (Data Security Law Art. 21, CSL Art. 23(4), GB/T 22239-2019
// 8.1.4.9): from `fromLevel` up (default personal), a database keeps automated backups at least
// `minimumBackupRetentionDays`, a bucket is versioned, and a disk or file system is reached by a
// snapshot or backup policy of the stack. What counts is read with the backup-recovery controls'
// readers (database-backup-retention, bucket-versioning, snapshot-policy-coverage); this control
// makes versioning and snapshot coverage mandatory, where the general controls are advisory. A
// stack policy: backup policies, versioning and snapshot policies are separate resources.
import type * as alicloud from "@pulumi/alicloud";
import type { PolicyResource, StackValidationArgs } from "@pulumi/policy";
import { BUCKET_SOURCES, type State, VERSIONED, versioningGap, versioningStates } from "../backup-recovery/bucket-versioning";
import { BACKUP_SOURCES, config as retentionConfig, shortfalls } from "../backup-recovery/database-backup-retention";
import { type Coverage, TARGETS, type Target, coverageIn } from "../backup-recovery/snapshot-policy-coverage";
import { Candidates, knownIds, pairwiseLinks, programType } from "../logging/links";
import { readConfig } from "../shared/config";
import { type ControlMetadata, stackControl } from "../shared/control";
import { type Emit } from "../shared/emit";
import { type Bilingual, bi } from "../shared/messages";
import { inputName } from "../shared/properties";
import { Input } from "../shared/reader";
import { StackIndex } from "../shared/stack";
import { STATEFUL } from "./classification";
import { type Problem as ClassifiedProblem, classifiedConfig, eachClassified, emitProblem } from "./classified";

const RULE = "a database must keep backups, a bucket must be versioned, and a disk or file system must be under a snapshot or backup policy";

export const config = { ...classifiedConfig(RULE), minimumBackupRetentionDays: retentionConfig.minimumBackupRetentionDays };

/** Alibaba Cloud databases whose backups are set on a separate backup-policy resource that names them. */
const POLICY_OF: Readonly<Record<string, { type: string; input: string }>> = {
    "alicloud:rds/instance:Instance": { type: "alicloud:rds/backupPolicy:BackupPolicy", input: inputName<alicloud.rds.BackupPolicyArgs>("instanceId") },
    "alicloud:polardb/cluster:Cluster": { type: "alicloud:polardb/backupPolicy:BackupPolicy", input: inputName<alicloud.polardb.BackupPolicyArgs>("dbClusterId") },
};

const TYPES = [...Object.keys(BACKUP_SOURCES), ...Object.keys(POLICY_OF), ...Object.keys(BUCKET_SOURCES), ...Object.keys(TARGETS)].filter((t) => t in STATEFUL);

export const metadata: ControlMetadata = {
    name: "classified-data-backed-up",
    description:
        "Classified data (default: personal information and above) can be recovered: databases keep automated backups at least the minimum retention, buckets are versioned, disks and file systems are under a snapshot or backup policy.",
    category: "data-classification",
    bases: ["dsl-21", "csl-23-4", "mlps-8.1.4.9"],
    severity: "high",
    enforcementLevel: "mandatory",
    remediationSteps:
        "Databases: set the backup retention as database-backup-retention describes (for Alibaba Cloud RDS and PolarDB on the alicloud.rds.BackupPolicy / alicloud.polardb.BackupPolicy " +
        "that names the instance). Buckets: an aws.s3.BucketVersioning with status \"Enabled\", or OSS `versioning.status` \"Enabled\". Disks and file systems: attach a snapshot policy " +
        "or add an AWS Backup selection or DLM policy that reaches them, as snapshot-policy-coverage describes. All change in place. Or lower the resource's classification if it holds no such data.",
    zh: {
        description: "分类数据（默认：个人信息及以上）可以恢复：数据库的自动备份保留时间不短于最短期限，存储桶开启版本控制，云盘和文件系统由快照策略或备份策略覆盖。",
        remediationSteps:
            "数据库：按 database-backup-retention 的说明设置备份保留期（阿里云 RDS 和 PolarDB 在指向该实例的 alicloud.rds.BackupPolicy / alicloud.polardb.BackupPolicy 上设置）。" +
            "存储桶：添加状态为 \"Enabled\" 的 aws.s3.BucketVersioning，或将 OSS 的 `versioning.status` 设为 \"Enabled\"。云盘和文件系统：按 snapshot-policy-coverage 的说明关联快照策略，" +
            "或添加覆盖它们的 AWS Backup 备份选择或 DLM 策略。以上均为原地更新。如资源不含此类数据，也可降低其分类。",
    },
    resourceTypes: [...TYPES, ...Object.values(POLICY_OF).map((p) => p.type)],
    config,
};

interface Problem extends ClassifiedProblem {
    required: Bilingual;
}

/** The backup policies naming each database, by the database's URN: one read of each policy and database per stack. */
type PoliciesOf = (r: PolicyResource) => readonly PolicyResource[];

function policiesOf(idx: StackIndex): PoliciesOf {
    const byType = new Map<string, Map<string, PolicyResource[]>>();
    return (r) => {
        const policy = POLICY_OF[r.type];
        if (!policy) return [];
        let links = byType.get(r.type);
        if (links === undefined) {
            links = pairwiseLinks(idx.ofType(policy.type), { property: policy.input, references: (i) => [i.get(policy.input)] }, new Candidates(idx.ofType(r.type), (t) => knownIds(t, [])));
            byType.set(r.type, links);
        }
        return links.get(r.urn) ?? [];
    };
}

function databaseProblems(r: PolicyResource, policiesNaming: PoliciesOf, minimum: number): Problem[] {
    if (BACKUP_SOURCES[r.type]) {
        return shortfalls(r.type, Input.of(r.props), minimum).map((s) => ({ found: s.found, required: s.required, change: s.path, ...(s.fix ? { fix: s.fix } : {}), unknown: s.unknown }));
    }
    const policy = POLICY_OF[r.type];
    if (!policy) return [];
    const linked = policiesNaming(r);
    // No backup policy in the stack: the service defaults apply (read as an empty policy).
    const policies = linked.length > 0 ? linked.map((p) => ({ props: p.props, add: false })) : [{ props: {}, add: true }];
    return policies.flatMap(({ props, add }) =>
        shortfalls(policy.type, Input.of(props), minimum).map((s) => ({
            found: s.found,
            required: s.required,
            change: { type: programType(policy.type), input: s.path, ...(add ? { add: true } : {}) },
            ...(s.fix ? { fix: s.fix } : {}),
            unknown: s.unknown,
        })),
    );
}

function bucketProblems(bucket: PolicyResource, separateState: (b: PolicyResource) => State | undefined): Problem[] {
    const gap = versioningGap(bucket, separateState);
    return gap ? [{ ...gap, required: VERSIONED }] : [];
}

function diskProblems(target: PolicyResource, coverage: (target: PolicyResource, spec: Target) => Coverage): Problem[] {
    const spec = TARGETS[target.type];
    if (!spec) return [];
    const covered = coverage(target, spec);
    if (covered === true) return [];
    return [
        {
            found: covered === "unknown" ? bi("a snapshot or backup policy whose target is unknown until deployment", "目标在部署前未知的快照或备份策略") : bi("no snapshot or backup policy of this stack reaches it", "本堆栈中没有覆盖它的快照或备份策略"),
            required: bi("a scheduled snapshot or backup policy", "定期快照或备份策略"),
            change: { ...spec.add, add: true },
            unknown: covered === "unknown",
        },
    ];
}

function validate(args: StackValidationArgs, emit: Emit): void {
    const cfg = readConfig(config, args.getConfig());
    const idx = StackIndex.of(args.resources);
    const separateState = versioningStates(idx);
    const policiesNaming = policiesOf(idx);
    const coverage = coverageIn(idx);
    eachClassified(args.resources, TYPES, cfg, emit, (s) => {
        const r = s.resource;
        for (const { required, ...p } of [...databaseProblems(r, policiesNaming, cfg.minimumBackupRetentionDays), ...bucketProblems(r, separateState), ...diskProblems(r, coverage)]) emitProblem(emit, s, required, p);
    });
}

export default stackControl(metadata, validate);
