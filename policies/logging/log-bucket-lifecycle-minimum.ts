// Buckets that receive logs keep them at least six months (Cybersecurity Law Art. 23(3)): a lifecycle rule that
// expires objects sooner than `minimumRetentionDays` in a bucket that receives trail, flow log or
// access logs deletes network logs the law asks to keep. Log buckets are found through the stack
// (property dependencies, then known bucket names/ARNs); a bucket that receives no logs is not
// checked. The finding goes on the resource carrying the rule, which is what has to change.
import type * as alicloud from "@pulumi/alicloud";
import type * as aws from "@pulumi/aws";
import { type PolicyResource, type StackValidationArgs } from "@pulumi/policy";
import { integer, readConfig } from "../shared/config";
import { type ControlMetadata, stackControl } from "../shared/control";
import { type Emit, resourceName, shownValue } from "../shared/emit";
import { type Bilingual, bi } from "../shared/messages";
import { inputName, toBoolean } from "../shared/properties";
import { Input } from "../shared/reader";
import { type Cloud } from "../shared/regions";
import { StackIndex } from "../shared/stack";
import { Candidates, type LinkSpec, knownIds, linkVia, s3BucketNameFromArn } from "./links";

export const config = {
    minimumRetentionDays: integer("Minimum number of days a bucket receiving logs must keep them (Cybersecurity Law Art. 23(3): six months).", 180, 1, 3650),
};

export const BUCKETS: Record<Cloud, readonly string[]> = {
    aws: ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"],
    alicloud: ["alicloud:oss/bucket:Bucket"],
};

export const BUCKET_KIND: Record<Cloud, Bilingual> = { aws: bi("S3 bucket", "S3 存储桶"), alicloud: bi("OSS bucket", "OSS Bucket（存储空间）") };

/** A resource that sends logs to a bucket, and the input naming that bucket. */
interface LogSender {
    cloud: Cloud;
    kind: Bilingual;
    links: readonly LinkSpec[];
}

/** `accessLogs.bucket` of a load balancer, unless `accessLogs.enabled` is explicitly false. */
const enabledAccessLogBucket = (p: Input): Input[] => {
    const logs = p.get("accessLogs");
    const enabled = logs.get("enabled").boolean();
    return enabled.kind === "value" && !enabled.value ? [] : [logs.get("bucket")];
};

/** `outer.inner`, or each `outer[i].inner` when `outer` is a list. */
const nested =
    (outer: string, inner: string) =>
    (p: Input): Input[] => {
        const o = p.get(outer);
        const items = o.items();
        if (items.kind === "value") return items.value.map((e) => e.get(inner));
        return [items.kind === "unknown" ? o : o.get(inner)];
    };
const direct = (name: string): LinkSpec => ({ property: name, references: (p) => [p.get(name)] });

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
        kind: bi("OSS access logging", "OSS 访问日志记录"),
        links: [direct(inputName<alicloud.oss.BucketLoggingArgs>("targetBucket"))],
    },
    "alicloud:oss/bucket:Bucket": {
        cloud: "alicloud",
        kind: bi("OSS bucket access logging", "OSS Bucket（存储空间）访问日志记录"),
        links: [{ property: inputName<alicloud.oss.BucketArgs>("logging"), references: nested("logging", "targetBucket") }],
    },
    // Load balancer access logs (issue: network behaviour at the entry points); a disabled block delivers nothing.
    "aws:lb/loadBalancer:LoadBalancer": { cloud: "aws", kind: bi("load balancer access logs", "负载均衡访问日志"), links: [{ property: inputName<aws.lb.LoadBalancerArgs>("accessLogs"), references: enabledAccessLogBucket }] },
    "aws:alb/loadBalancer:LoadBalancer": { cloud: "aws", kind: bi("load balancer access logs", "负载均衡访问日志"), links: [{ property: inputName<aws.alb.LoadBalancerArgs>("accessLogs"), references: enabledAccessLogBucket }] },
    "alicloud:actiontrail/trail:Trail": { cloud: "alicloud", kind: bi("ActionTrail trail", "操作审计（ActionTrail）跟踪"), links: [direct(inputName<alicloud.actiontrail.TrailArgs>("ossBucketName"))] },
    "alicloud:actiontrail/trailDeprecated:TrailDeprecated": {
        cloud: "alicloud",
        kind: bi("ActionTrail trail", "操作审计（ActionTrail）跟踪"),
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

/** Expirations as read, or unknown during preview at `path`. */
type Expirations = { known: true; list: Expiration[] } | { known: false; path: string };

/** A resource carrying lifecycle rules, and how it names its bucket. */
interface LifecycleSource {
    cloud: Cloud;
    kind: Bilingual;
    /** How the rules name their bucket; undefined when the rules are inline on the bucket itself. */
    bucket?: LinkSpec;
    /** Every expiration of every enabled rule. */
    expirations(props: Input): Expirations;
}

function expirationOf(e: Input, dateKeys: readonly string[]): Expirations {
    if (e.unknown) return { known: false, path: e.path };
    if (e.record().kind !== "value") return { known: true, list: [] };
    const list: Expiration[] = [];
    const days = e.get("days").number();
    if (days.kind === "unknown") return { known: false, path: days.path };
    if (days.kind === "value") list.push({ property: days.path, after: days.value });
    if (days.kind === "invalid") list.push({ property: days.path, after: { invalid: days.raw } });
    for (const k of dateKeys) {
        const d = e.get(k).raw();
        if (d.kind === "unknown") return { known: false, path: d.path };
        if (d.kind === "value" && typeof d.value === "string" && d.value !== "") list.push({ property: d.path, after: "date" });
    }
    return { known: true, list };
}

/** The items of a list input ([] when absent or not a list), or the list itself when unknown. */
function itemsOf(list: Input): Input[] | Input {
    const r = list.items();
    if (r.kind === "unknown") return list;
    return r.kind === "value" ? r.value : [];
}

/** Rules list at `rulesKey`; `enabled(rule)` false skips the rule; `blocks(rule)` lists its expiration blocks. */
function rulesReader(rulesKey: string, enabled: (rule: Input) => boolean | "unknown", blocks: (rule: Input) => Input[] | Input, dateKeys: readonly string[]) {
    return (props: Input): Expirations => {
        const rules = itemsOf(props.get(rulesKey));
        if (rules instanceof Input) return { known: false, path: rules.path };
        const list: Expiration[] = [];
        for (const rule of rules) {
            if (rule.record().kind !== "value") continue;
            const on = enabled(rule);
            if (on === "unknown") return { known: false, path: rule.path };
            if (!on) continue;
            const bs = blocks(rule);
            if (bs instanceof Input) return { known: false, path: bs.path };
            for (const block of bs) {
                const e = expirationOf(block, dateKeys);
                if (!e.known) return e;
                list.push(...e.list);
            }
        }
        return { known: true, list };
    };
}

// Standalone configuration: `status` "Enabled" (required); inline rules: `enabled` (required) not false.
const statusEnabled = (rule: Input): boolean | "unknown" => {
    const s = rule.get("status").raw();
    return s.kind === "unknown" ? "unknown" : s.kind === "value" && s.value === "Enabled";
};
const notDisabled = (rule: Input): boolean | "unknown" => {
    const e = rule.get("enabled").raw();
    return e.kind === "unknown" ? "unknown" : !(e.kind === "value" && toBoolean(e.value) === false);
};
const single = (key: string) => (rule: Input): Input[] => [rule.get(key)];
const plural = (key: string) => (rule: Input): Input[] | Input => itemsOf(rule.get(key));

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
        kind: bi("OSS bucket", "OSS Bucket（存储空间）"),
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
        description: "接收审计跟踪、流日志或访问日志的 S3 存储桶或 OSS Bucket（存储空间），其对象过期时间不得短于最短日志保留期限（默认 180 天）。",
        remediationSteps:
            "对接收日志的 S3 存储桶或 OSS Bucket（CloudTrail `s3BucketName`、流日志 S3 `logDestination`、S3/OSS 访问日志 `targetBucket`、ActionTrail `ossBucketName`），" +
            "将每条已启用的生命周期过期规则提高到至少 180 天（或改为转换到低频/归档存储类型而不是删除）：aws.s3.BucketLifecycleConfiguration " +
            "`rules[].expiration.days`、内联 `lifecycleRules[].expiration(s).days`、alicloud.oss.Bucket `lifecycleRules[].expirations[].days`。" +
            "按固定日期过期的规则也会删除近期日志，请改用天数。生命周期规则为原地更新。",
    },
    resourceTypes: [...new Set([...Object.keys(LOG_SENDERS), ...Object.keys(LIFECYCLES), ...BUCKETS.aws, ...BUCKETS.alicloud])],
    config,
};

export const bucketIds = (r: PolicyResource): string[] => knownIds(r, ["bucket"]);

/** The stack's buckets of each cloud, indexed once, as link targets. */
export function bucketCandidates(idx: StackIndex): Record<Cloud, Candidates> {
    return { aws: new Candidates(idx.ofType(...BUCKETS.aws), bucketIds), alicloud: new Candidates(idx.ofType(...BUCKETS.alicloud), bucketIds) };
}

/** A sender's link to its bucket that is unknown during preview: which bucket gets its logs is not known. */
export interface UnresolvedSender {
    sender: PolicyResource;
    kind: Bilingual;
    property: string;
}

/**
 * The one definition of "the stack's log buckets": each bucket that a LOG_SENDERS resource
 * delivers logs to, with its senders (also audit-records-protected's). Links unknown during
 * preview are returned apart.
 */
export function logBuckets(idx: StackIndex, candidates: Record<Cloud, Candidates> = bucketCandidates(idx)): { senders: Map<string, PolicyResource[]>; unresolved: UnresolvedSender[] } {
    const senders = new Map<string, PolicyResource[]>();
    const unresolved: UnresolvedSender[] = [];
    for (const [type, sender] of Object.entries(LOG_SENDERS)) {
        const buckets = candidates[sender.cloud];
        for (const r of idx.ofType(type)) {
            for (const spec of sender.links) {
                const link = linkVia(r, spec, buckets, bucketIds, true);
                if (link.unresolved) unresolved.push({ sender: r, kind: sender.kind, property: spec.property });
                for (const b of link.targets) {
                    const list = senders.get(b.urn);
                    if (list) list.push(r);
                    else senders.set(b.urn, [r]);
                }
            }
        }
    }
    return { senders, unresolved };
}

function describe(after: Expiration["after"]): Bilingual {
    if (after === "date") return bi("objects expire on a fixed date, whatever their age", "对象在固定日期过期（不论存放时间）");
    if (typeof after === "object") {
        const v = shownValue(after.invalid);
        return bi(`an expiration of ${v.en}`, `过期设置为${v.zh}`);
    }
    return bi(`objects expire after ${after} days`, `对象 ${after} 天后过期`);
}

const tooSoon = (after: Expiration["after"], minimum: number): boolean => after === "date" || typeof after === "object" || after < minimum;

/** A lifecycle expiration that deletes a log bucket's objects too soon, or rules unknown during preview. */
export interface LifecycleShortfall {
    /** The resource carrying the rule (the bucket itself, or a standalone lifecycle configuration). */
    carrier: PolicyResource;
    kind: Bilingual;
    found: Bilingual;
    property: string;
    unknown: boolean;
}

/**
 * The one definition of "a bucket keeps logs long enough": for each bucket in `buckets` (URNs),
 * the lifecycle expirations (inline or standalone) sooner than `minimum`. Also used on a flow
 * log's S3 destination (vpc-flow-logs-all-traffic).
 */
export function lifecycleShortfalls(idx: StackIndex, buckets: ReadonlySet<string>, minimum: number, candidates: Record<Cloud, Candidates> = bucketCandidates(idx)): Map<string, LifecycleShortfall[]> {
    const out = new Map<string, LifecycleShortfall[]>();
    if (buckets.size === 0) return out;
    for (const [type, source] of Object.entries(LIFECYCLES)) {
        const index = candidates[source.cloud];
        for (const carrier of idx.ofType(type)) {
            const targets = source.bucket ? linkVia(carrier, source.bucket, index, bucketIds).targets : [carrier];
            const bucket = targets.find((b) => buckets.has(b.urn));
            if (!bucket) continue;
            const list = out.get(bucket.urn) ?? [];
            out.set(bucket.urn, list);
            const expirations = source.expirations(Input.of(carrier.props));
            if (!expirations.known) {
                list.push({ carrier, kind: source.kind, found: bi("lifecycle rules unknown until deployment", "生命周期规则在部署前未知"), property: expirations.path, unknown: true });
                continue;
            }
            for (const e of expirations.list.filter((x) => tooSoon(x.after, minimum))) {
                list.push({ carrier, kind: source.kind, found: describe(e.after), property: e.property, unknown: false });
            }
        }
    }
    return out;
}

function validate(args: StackValidationArgs, emit: Emit): void {
    const { minimumRetentionDays } = readConfig(config, args.getConfig());
    const idx = StackIndex.of(args.resources);
    const candidates = bucketCandidates(idx);
    const { senders: receivers, unresolved } = logBuckets(idx, candidates);
    const required = bi(`logs kept at least ${minimumRetentionDays} days`, `日志至少保留 ${minimumRetentionDays} 天`);
    for (const u of unresolved) {
        emit({
            kind: u.kind,
            on: { urn: u.sender.urn, name: u.sender.name },
            found: bi(`\`${u.property}\` unknown until deployment, so the lifecycle of the bucket receiving its logs is not checked`, `\`${u.property}\` 在部署前未知，无法检查接收其日志的存储桶的生命周期`),
            required: bi(`a log bucket that keeps logs at least ${minimumRetentionDays} days`, `接收日志的存储桶至少保留日志 ${minimumRetentionDays} 天`),
            change: { text: bi("Re-run the preview after the update to check it.", "请在更新后重新运行预览以完成检查。") },
            unknown: true,
        });
    }
    if (receivers.size === 0) return;

    for (const [bucketUrn, shortfalls] of lifecycleShortfalls(idx, new Set(receivers.keys()), minimumRetentionDays, candidates)) {
        const logBucket = idx.byUrn.get(bucketUrn);
        const senders = receivers.get(bucketUrn);
        if (!logBucket || !senders) continue;
        const cloud: Cloud = BUCKETS.aws.includes(logBucket.type) ? "aws" : "alicloud";
        const bucketLabel = resourceName(BUCKET_KIND[cloud], logBucket.name);
        const from = senders.map((s) => resourceName(LOG_SENDERS[s.type]?.kind ?? bi(s.type, s.type), s.name));
        const receives = bi(`${bucketLabel.en} receives logs from ${from.map((f) => f.en).join(", ")}.`, `${bucketLabel.zh}接收来自${from.map((f) => f.zh).join("、")}的日志。`);
        for (const s of shortfalls) {
            emit({ kind: s.kind, on: { urn: s.carrier.urn, name: s.carrier.name }, found: s.found, required, change: s.property, fix: receives, ...(s.unknown ? { unknown: true } : {}) });
        }
    }
}

export default stackControl(metadata, validate);
