// Buckets that receive logs keep them at least six months (CSL Art. 21(3)): a lifecycle rule that
// expires objects sooner than `minimumRetentionDays` in a bucket that receives trail, flow log or
// access logs deletes network logs the law asks to keep. Log buckets are found through the stack
// (property dependencies, then known bucket names/ARNs); a bucket that receives no logs is not
// checked. The finding goes on the resource carrying the rule, which is what has to change.
import type * as alicloud from "@pulumi/alicloud";
import type * as aws from "@pulumi/aws";
import { type PolicyResource, type ReportViolation, type StackValidationArgs } from "@pulumi/policy";
import { integer, readConfig } from "../shared/config";
import { type ControlMetadata } from "../shared/control";
import { legacyStackControl } from "../shared/control-legacy";
import { LEGAL } from "../shared/legal";
import { type Bilingual, bi, findingMessage, resourceLabel, safeValue } from "../shared/messages";
import { inputName, isRecord, toBoolean, toNumber } from "../shared/properties";
import { reportAdvisory } from "../shared/report";
import { type Cloud } from "../shared/regions";
import { StackIndex, tryRead } from "../shared/stack";
import { type LinkSpec, knownIds, linkVia, s3BucketNameFromArn } from "./links";

export const config = {
    minimumRetentionDays: integer("Minimum number of days a bucket receiving logs must keep them (CSL Art. 21: six months).", 180, 1, 3650),
};


const BUCKETS: Record<Cloud, readonly string[]> = {
    aws: ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"],
    alicloud: ["alicloud:oss/bucket:Bucket"],
};

const BUCKET_KIND: Record<Cloud, Bilingual> = { aws: bi("S3 bucket", "S3 存储桶"), alicloud: bi("OSS bucket", "OSS 存储桶") };

/** A resource that sends logs to a bucket, and the input naming that bucket. */
interface LogSender {
    cloud: Cloud;
    kind: Bilingual;
    links: readonly LinkSpec[];
}

const nested = (outer: string, inner: string) => (p: Record<string, unknown>): unknown => {
    const v = p[outer];
    if (Array.isArray(v)) return v.map((e) => (isRecord(e) ? e[inner] : undefined));
    return isRecord(v) ? v[inner] : undefined;
};
const direct = (name: string): LinkSpec => ({ property: name, references: (p) => p[name] });

export const LOG_SENDERS: Record<string, LogSender> = {
    "aws:cloudtrail/trail:Trail": { cloud: "aws", kind: bi("CloudTrail trail", "CloudTrail 跟踪"), links: [direct(inputName<aws.cloudtrail.TrailArgs>("s3BucketName"))] },
    // A flow log delivers to S3 when its logDestination is a bucket (ARN); a log group ARN matches no bucket.
    "aws:ec2/flowLog:FlowLog": {
        cloud: "aws",
        kind: bi("VPC flow log", "VPC 流日志"),
        links: [{ ...direct(inputName<aws.ec2.FlowLogArgs>("logDestination")), normalize: s3BucketNameFromArn }],
    },
    "aws:s3/bucketLogging:BucketLogging": { cloud: "aws", kind: bi("S3 access logging", "S3 访问日志"), links: [direct(inputName<aws.s3.BucketLoggingArgs>("targetBucket"))] },
    "aws:s3/bucketLoggingV2:BucketLoggingV2": { cloud: "aws", kind: bi("S3 access logging", "S3 访问日志"), links: [direct(inputName<aws.s3.BucketLoggingV2Args>("targetBucket"))] },
    "aws:s3/bucket:Bucket": {
        cloud: "aws",
        kind: bi("S3 bucket access logging", "S3 存储桶访问日志"),
        links: [{ property: inputName<aws.s3.BucketArgs>("logging"), references: nested("logging", "targetBucket") }],
    },
    "aws:s3/bucketV2:BucketV2": {
        cloud: "aws",
        kind: bi("S3 bucket access logging", "S3 存储桶访问日志"),
        links: [{ property: inputName<aws.s3.BucketV2Args>("loggings"), references: nested("loggings", "targetBucket") }],
    },
    "alicloud:oss/bucketLogging:BucketLogging": {
        cloud: "alicloud",
        kind: bi("OSS access logging", "OSS 访问日志"),
        links: [direct(inputName<alicloud.oss.BucketLoggingArgs>("targetBucket"))],
    },
    "alicloud:oss/bucket:Bucket": {
        cloud: "alicloud",
        kind: bi("OSS bucket access logging", "OSS 存储桶访问日志"),
        links: [{ property: inputName<alicloud.oss.BucketArgs>("logging"), references: nested("logging", "targetBucket") }],
    },
    "alicloud:actiontrail/trail:Trail": { cloud: "alicloud", kind: bi("ActionTrail trail", "操作审计跟踪"), links: [direct(inputName<alicloud.actiontrail.TrailArgs>("ossBucketName"))] },
    "alicloud:actiontrail/trailDeprecated:TrailDeprecated": {
        cloud: "alicloud",
        kind: bi("ActionTrail trail", "操作审计跟踪"),
        links: [direct(inputName<alicloud.actiontrail.TrailDeprecatedArgs>("ossBucketName"))],
    },
};

/** One object expiration a lifecycle rule declares. */
export interface Expiration {
    /** Input path, e.g. `rules[0].expiration.days`. */
    property: string;
    /** Days after creation, or "date" for a fixed date (deletes logs whatever their age). */
    after: number | "date" | { invalid: unknown };
}

/** A resource carrying lifecycle rules, and how it names its bucket. */
interface LifecycleSource {
    cloud: Cloud;
    kind: Bilingual;
    /** How the rules name their bucket; undefined when the rules are inline on the bucket itself. */
    bucket?: LinkSpec;
    /** Every expiration of every enabled rule (may throw UnknownValueError). */
    expirations(props: Record<string, unknown>): Expiration[];
}

function expirationOf(e: unknown, path: string, dateKeys: readonly string[]): Expiration[] {
    if (!isRecord(e)) return [];
    const out: Expiration[] = [];
    if (e.days !== undefined && e.days !== null) {
        const n = toNumber(e.days);
        out.push({ property: `${path}.days`, after: n === undefined ? { invalid: e.days } : n });
    }
    for (const k of dateKeys) {
        if (typeof e[k] === "string" && e[k] !== "") out.push({ property: `${path}.${k}`, after: "date" });
    }
    return out;
}

const listAt = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** Rules list at `rulesKey`; `enabled(rule)` false skips the rule; `expirations(rule)` lists the expiration blocks with their paths. */
function rulesReader(rulesKey: string, enabled: (rule: Record<string, unknown>) => boolean, blocks: (rule: Record<string, unknown>, path: string) => [unknown, string][], dateKeys: readonly string[]) {
    return (props: Record<string, unknown>): Expiration[] =>
        listAt(props[rulesKey]).flatMap((rule, i) => {
            if (!isRecord(rule) || !enabled(rule)) return [];
            return blocks(rule, `${rulesKey}[${i}]`).flatMap(([e, path]) => expirationOf(e, path, dateKeys));
        });
}

// Standalone configuration: `status` "Enabled" (required); inline rules: `enabled` (required) not false.
const statusEnabled = (rule: Record<string, unknown>): boolean => rule.status === "Enabled";
const notDisabled = (rule: Record<string, unknown>): boolean => toBoolean(rule.enabled) !== false;
const single = (key: string) => (rule: Record<string, unknown>, path: string): [unknown, string][] => [[rule[key], `${path}.${key}`]];
const plural = (key: string) => (rule: Record<string, unknown>, path: string): [unknown, string][] => listAt(rule[key]).map((e, j) => [e, `${path}.${key}[${j}]`]);

const awsConfigRules = rulesReader(inputName<aws.s3.BucketLifecycleConfigurationArgs>("rules"), statusEnabled, single("expiration"), ["date"]);

export const LIFECYCLES: Record<string, LifecycleSource> = {
    "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration": {
        cloud: "aws",
        kind: bi("S3 lifecycle configuration", "S3 生命周期配置"),
        bucket: direct(inputName<aws.s3.BucketLifecycleConfigurationArgs>("bucket")),
        expirations: awsConfigRules,
    },
    "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2": {
        cloud: "aws",
        kind: bi("S3 lifecycle configuration", "S3 生命周期配置"),
        bucket: direct(inputName<aws.s3.BucketLifecycleConfigurationV2Args>("bucket")),
        expirations: awsConfigRules,
    },
    "aws:s3/bucket:Bucket": {
        cloud: "aws",
        kind: bi("S3 bucket", "S3 存储桶"),
        expirations: rulesReader(inputName<aws.s3.BucketArgs>("lifecycleRules"), notDisabled, single("expiration"), ["date"]),
    },
    "aws:s3/bucketV2:BucketV2": {
        cloud: "aws",
        kind: bi("S3 bucket", "S3 存储桶"),
        expirations: rulesReader(inputName<aws.s3.BucketV2Args>("lifecycleRules"), notDisabled, plural("expirations"), ["date"]),
    },
    "alicloud:oss/bucket:Bucket": {
        cloud: "alicloud",
        kind: bi("OSS bucket", "OSS 存储桶"),
        expirations: rulesReader(inputName<alicloud.oss.BucketArgs>("lifecycleRules"), notDisabled, plural("expirations"), ["date", "createdBeforeDate"]),
    },
};

export const metadata: ControlMetadata = {
    name: "log-bucket-lifecycle-minimum",
    description: "Buckets that receive audit trail, flow log or access logs do not expire objects sooner than the minimum retention (default 180 days).",
    category: "logging",
    bases: ["csl-23-3", "mlps-8.1.4.3", "mlps-8.1.3.5", "mlps-8.2.3.3"],
    severity: "high",
    enforcementLevel: "mandatory",
    remediationSteps:
        "In buckets that receive logs (CloudTrail `s3BucketName`, flow log S3 `logDestination`, S3/OSS access-log `targetBucket`, ActionTrail `ossBucketName`), raise every " +
        "enabled lifecycle expiration to at least 180 days (or transition to a colder storage class instead of expiring): aws.s3.BucketLifecycleConfiguration " +
        "`rules[].expiration.days`, inline `lifecycleRules[].expiration(s).days`, alicloud.oss.Bucket `lifecycleRules[].expirations[].days`. Fixed-date expirations delete " +
        "recent logs too: use days. Lifecycle rules change in place.",
    zh: {
        description: "接收审计跟踪、流日志或访问日志的存储桶，其对象过期时间不得短于最短日志保留期限（默认 180 天）。",
        remediationSteps:
            "对接收日志的存储桶（CloudTrail `s3BucketName`、流日志 S3 `logDestination`、S3/OSS 访问日志 `targetBucket`、ActionTrail `ossBucketName`），" +
            "将每条已启用的生命周期过期规则提高到至少 180 天（或改为转换到低频/归档存储类型而不是删除）：aws.s3.BucketLifecycleConfiguration " +
            "`rules[].expiration.days`、内联 `lifecycleRules[].expiration(s).days`、alicloud.oss.Bucket `lifecycleRules[].expirations[].days`。" +
            "按固定日期过期的规则也会删除近期日志，请改用天数。生命周期规则为原地更新。",
    },
    resourceTypes: [...new Set([...Object.keys(LOG_SENDERS), ...Object.keys(LIFECYCLES), ...BUCKETS.aws, ...BUCKETS.alicloud])],
    config,
};

const bucketIds = (r: PolicyResource): string[] => knownIds(r, ["bucket"]);

/** Log buckets of the stack, each with the senders that deliver to it. Unresolvable senders get an advisory. */
function logBuckets(idx: StackIndex, report: ReportViolation): Map<string, PolicyResource[]> {
    const out = new Map<string, PolicyResource[]>();
    for (const [type, sender] of Object.entries(LOG_SENDERS)) {
        const buckets = idx.ofType(...BUCKETS[sender.cloud]);
        for (const r of idx.ofType(type)) {
            for (const spec of sender.links) {
                const link = linkVia(r, spec, buckets.filter((b) => b.urn !== r.urn), bucketIds);
                if (link.unresolved) {
                    reportAdvisory(
                        report,
                        `${resourceLabel(sender.kind, r.name).en}: \`${spec.property}\` can't be known during preview, so the lifecycle of the bucket receiving its logs is not checked.\n` +
                            `${resourceLabel(sender.kind, r.name).zh}：\`${spec.property}\` 在预览时未知，无法检查接收其日志的存储桶的生命周期。`,
                        r.urn,
                    );
                }
                for (const b of link.targets) out.set(b.urn, [...(out.get(b.urn) ?? []), r]);
            }
        }
    }
    return out;
}

function describe(after: Expiration["after"]): Bilingual {
    if (after === "date") return bi("objects expire on a fixed date, whatever their age", "对象在固定日期过期（不论存放时间）");
    if (typeof after === "object") return bi(`an expiration of ${safeValue(after.invalid)}`, `过期设置为${safeValue(after.invalid)}`);
    return bi(`objects expire after ${after} days`, `对象 ${after} 天后过期`);
}

const tooSoon = (after: Expiration["after"], minimum: number): boolean => after === "date" || typeof after === "object" || after < minimum;

function validate(args: StackValidationArgs, report: ReportViolation): void {
    const { minimumRetentionDays } = readConfig(config, args.getConfig());
    const idx = new StackIndex(args.resources);
    const receivers = logBuckets(idx, report);
    if (receivers.size === 0) return;

    for (const [type, source] of Object.entries(LIFECYCLES)) {
        const buckets = idx.ofType(...BUCKETS[source.cloud]);
        for (const carrier of idx.ofType(type)) {
            const targets = source.bucket ? linkVia(carrier, source.bucket, buckets, bucketIds).targets : [carrier];
            const logBucket = targets.find((b) => receivers.has(b.urn));
            if (!logBucket) continue;
            const senders = receivers.get(logBucket.urn)!;
            const expirations = tryRead(() => source.expirations(carrier.props as Record<string, unknown>));
            const label = resourceLabel(source.kind, carrier.name);
            if (!expirations.known) {
                reportAdvisory(
                    report,
                    `${label.en}: lifecycle rules can't be known during preview; bucket "${logBucket.name}" receives logs and must keep them at least ${minimumRetentionDays} days.\n` +
                        `${label.zh}：生命周期规则在预览时未知；存储桶“${logBucket.name}”接收日志，须至少保留 ${minimumRetentionDays} 天。`,
                    carrier.urn,
                );
                continue;
            }
            const from = senders.map((s) => resourceLabel(LOG_SENDERS[s.type]!.kind, s.name));
            const bucketLabel = resourceLabel(BUCKET_KIND[source.cloud], logBucket.name);
            for (const e of expirations.value.filter((x) => tooSoon(x.after, minimumRetentionDays))) {
                report(
                    findingMessage({
                        resource: label,
                        found: describe(e.after),
                        required: bi(`logs kept at least ${minimumRetentionDays} days`, `日志至少保留 ${minimumRetentionDays} 天`),
                        property: e.property,
                        fix: bi(
                            `${bucketLabel.en} receives logs from ${from.map((f) => f.en).join(", ")}.`,
                            `${bucketLabel.zh}接收来自${from.map((f) => f.zh).join("、")}的日志。`,
                        ),
                        basis: [LEGAL["csl-art21"], LEGAL["mlps2-l3"]],
                    }),
                    carrier.urn,
                );
            }
        }
    }
}

export default legacyStackControl(metadata, validate);
