// Audit records protected from deletion and tampering (GB/T 22239-2019 8.1.4.3 c), d); CSL
// Art. 23(3)). The buckets that receive audit and network-behaviour logs — CloudTrail and
// ActionTrail trails, VPC flow logs, load balancer and bucket access logs, as
// log-bucket-lifecycle-minimum's LOG_SENDERS lists them — hold them under a
// write-once retention of at least `minimumRetentionDays`: S3 Object Lock in COMPLIANCE mode
// (GOVERNANCE can be bypassed by privileged users) or a Locked OSS WORM policy (one still
// InProgress lapses after 24 hours). CloudTrail trails are also encrypted with a KMS key.
// A log bucket outside the stack cannot be checked here. Advisory by default.
import type * as alicloud from "@pulumi/alicloud";
import type * as aws from "@pulumi/aws";
import { type PolicyResource, type StackValidationArgs } from "@pulumi/policy";
import { integer, readConfig } from "../shared/config";
import { type ControlMetadata, stackControl } from "../shared/control";
import { type Emit, shown } from "../shared/emit";
import { type Bilingual, bi } from "../shared/messages";
import { inputName } from "../shared/properties";
import { Input } from "../shared/reader";
import { type Cloud } from "../shared/regions";
import { StackIndex } from "../shared/stack";
import { Candidates, type LinkSpec, linkVia } from "./links";
import { BUCKETS, LOG_SENDERS, bucketIds, logBuckets } from "./log-bucket-lifecycle-minimum";

// The same key name and default as log-retention-minimum: one organisation-wide minimum.
export const config = {
    minimumRetentionDays: integer("Minimum number of days audit log buckets hold logs write-once (Object Lock, WORM).", 180, 1, 3650),
};

const S3_LOCK_TYPES = ["aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration", "aws:s3/bucketObjectLockConfigurationV2:BucketObjectLockConfigurationV2"];
const OSS_WORM = "alicloud:oss/bucketWorm:BucketWorm";
const TRAIL = "aws:cloudtrail/trail:Trail";
const TRAIL_KMS = inputName<aws.cloudtrail.TrailArgs>("kmsKeyId");

export const metadata: ControlMetadata = {
    name: "audit-records-protected",
    description: "Audit and network logs are protected from deletion and tampering: their buckets hold them write-once for at least the minimum retention, and CloudTrail trails are KMS-encrypted.",
    category: "logging",
    bases: ["mlps-8.1.4.3", "csl-23-3"],
    severity: "medium",
    enforcementLevel: "advisory",
    remediationSteps:
        "For each bucket receiving CloudTrail, VPC flow, load balancer or S3 access logs, add an aws.s3.BucketObjectLockConfiguration with `rule.defaultRetention` mode COMPLIANCE and days (or years) covering at least 180 days " +
        "(the bucket needs `objectLockEnabled: true`), and set the trail's `kmsKeyId`. For each OSS bucket receiving ActionTrail or OSS access logs, add an alicloud.oss.BucketWorm with `retentionPeriodInDays` 180 or more " +
        'and `status: "Locked"` (an InProgress policy lapses after 24 hours). A locked retention cannot be shortened: choose it deliberately.',
    zh: {
        description: "审计日志和网络日志受到保护，避免被删除或篡改：接收日志的存储桶以一次写入（WORM）方式保存不短于最短日志保留期限，CloudTrail 跟踪使用 KMS 密钥加密。",
        remediationSteps:
            "为每个接收 CloudTrail、VPC 流日志、负载均衡或 S3 访问日志的存储桶添加 aws.s3.BucketObjectLockConfiguration，`rule.defaultRetention` 的模式为 COMPLIANCE，天数（或年数）至少覆盖 180 天" +
            "（存储桶需设置 `objectLockEnabled: true`），并设置跟踪的 `kmsKeyId`。为每个接收操作审计（ActionTrail）或 OSS 访问日志的 OSS Bucket（存储空间）添加 alicloud.oss.BucketWorm，`retentionPeriodInDays` 设为 180 或更大，" +
            '`status` 设为 "Locked"（InProgress 状态的策略 24 小时后失效）。锁定后的保留期不能缩短，请慎重选择。',
    },
    resourceTypes: [...new Set([...Object.keys(LOG_SENDERS), ...BUCKETS.aws, ...BUCKETS.alicloud, ...S3_LOCK_TYPES, OSS_WORM])],
    config,
};

const on = (r: PolicyResource) => ({ urn: r.urn, name: r.name });
const BUCKET_LINK: LinkSpec = { property: "bucket", references: (p) => [p.get("bucket")] };

/** Retention in days an S3 Object Lock default retention gives (years count 365 days). */
function lockDays(rule: Input): number | "unknown" | undefined {
    const days = rule.get("days").number();
    const years = rule.get("years").number();
    if (days.kind === "unknown" || years.kind === "unknown") return "unknown";
    if (days.kind === "value") return days.value;
    if (years.kind === "value") return years.value * 365;
    return undefined;
}

function checkS3Lock(lock: PolicyResource, minimum: number, emit: Emit): void {
    const retention = Input.of(lock.props).at("rule", "defaultRetention");
    const kind = bi("S3 Object Lock configuration", "S3 对象锁定配置");
    const mode = retention.get("mode").string();
    if (!(mode.kind === "value" && mode.value === "COMPLIANCE")) {
        emit({
            kind,
            on: on(lock),
            found: shown(mode, { vocabulary: ["COMPLIANCE", "GOVERNANCE"], unset: bi("no default retention", "无默认保留") }),
            required: bi('"COMPLIANCE" (GOVERNANCE can be bypassed)', '"COMPLIANCE"（GOVERNANCE 模式可被绕过）'),
            change: mode,
            unknown: mode.kind === "unknown",
        });
    }
    const days = lockDays(retention);
    if (typeof days === "number" && days >= minimum) return;
    emit({
        kind,
        on: on(lock),
        found: days === "unknown" ? bi("a value that is unknown until deployment", "部署前未知的值") : days === undefined ? bi("no retention period", "未设置保留期") : bi(`${days} days`, `${days} 天`),
        required: bi(`at least ${minimum} days`, `至少保留 ${minimum} 天`),
        change: `${retention.path}.days`,
        unknown: days === "unknown",
    });
}

function checkWorm(worm: PolicyResource, minimum: number, emit: Emit): void {
    const props = Input.of(worm.props);
    const kind = bi("OSS WORM retention policy", "OSS 合规保留策略（WORM）");
    const status = props.get(inputName<alicloud.oss.BucketWormArgs>("status")).string();
    if (!(status.kind === "value" && status.value === "Locked")) {
        emit({
            kind,
            on: on(worm),
            found: shown(status, { vocabulary: ["InProgress", "Locked"], unset: bi("default InProgress, lapses after 24 hours", "默认 InProgress，24 小时后失效") }),
            required: bi('"Locked"', '"Locked"'),
            change: status,
            unknown: status.kind === "unknown",
        });
    }
    const days = props.get(inputName<alicloud.oss.BucketWormArgs>("retentionPeriodInDays")).number();
    if (days.kind === "value" && days.value >= minimum) return;
    emit({
        kind,
        on: on(worm),
        found: days.kind === "value" ? bi(`${days.value} days`, `${days.value} 天`) : shown(days),
        required: bi(`at least ${minimum} days`, `至少保留 ${minimum} 天`),
        change: days,
        unknown: days.kind === "unknown",
    });
}

const PROTECTION: Record<Cloud, { types: readonly string[]; add: string; kind: Bilingual; missing: Bilingual; check: typeof checkWorm }> = {
    aws: { types: S3_LOCK_TYPES, add: "aws.s3.BucketObjectLockConfiguration", kind: bi("S3 bucket", "S3 存储桶"), missing: bi("no Object Lock", "未开启对象锁定"), check: checkS3Lock },
    alicloud: { types: [OSS_WORM], add: "alicloud.oss.BucketWorm", kind: bi("OSS bucket", "OSS Bucket（存储空间）"), missing: bi("no WORM retention policy", "没有合规保留策略（WORM）"), check: checkWorm },
};

function validate(args: StackValidationArgs, emit: Emit): void {
    const { minimumRetentionDays } = readConfig(config, args.getConfig());
    for (const trail of args.resources.filter((r) => r.type === TRAIL)) {
        const kms = Input.of(trail.props).get(TRAIL_KMS).raw();
        if (kms.kind === "value" || kms.kind === "unknown") continue;
        emit({ kind: bi("CloudTrail trail", "CloudTrail 跟踪"), on: on(trail), found: bi("log files not encrypted with a KMS key", "日志文件未使用 KMS 密钥加密"), required: bi("a KMS key", "KMS 密钥"), change: kms });
    }
    // The buckets that receive audit or network logs: log-bucket-lifecycle-minimum's definition.
    const idx = StackIndex.of(args.resources);
    const receivers = logBuckets(idx).senders;
    const buckets = [...receivers.keys()].map((urn) => idx.byUrn.get(urn)).filter((b): b is PolicyResource => b !== undefined);
    // Each lock or WORM policy is linked once, to the audit buckets it names (not once per bucket).
    const locksOf = new Map<string, PolicyResource[]>();
    const lockTypes = [...PROTECTION.aws.types, ...PROTECTION.alicloud.types];
    const audited = new Candidates(buckets, bucketIds);
    for (const lock of args.resources.filter((r) => lockTypes.includes(r.type))) {
        for (const b of linkVia(lock, BUCKET_LINK, audited, bucketIds).targets) {
            const list = locksOf.get(b.urn);
            if (list) list.push(lock);
            else locksOf.set(b.urn, [lock]);
        }
    }
    for (const bucket of buckets) {
        const cloud: Cloud = BUCKETS.aws.includes(bucket.type) ? "aws" : "alicloud";
        const p = PROTECTION[cloud];
        const locks = (locksOf.get(bucket.urn) ?? []).filter((l) => p.types.includes(l.type));
        if (locks.length === 0) {
            emit({
                kind: p.kind,
                on: on(bucket),
                found: bi(`an audit log bucket with ${p.missing.en}`, `接收审计日志的存储桶${p.missing.zh}`),
                required: bi(`write-once retention of at least ${minimumRetentionDays} days`, `至少 ${minimumRetentionDays} 天的一次写入保留`),
                change: { type: p.add, add: true },
            });
            continue;
        }
        for (const lock of locks) p.check(lock, minimumRetentionDays, emit);
    }
}

export default stackControl(metadata, validate);
