// S3 replication stays in approved regions (GB/T 22239-2019 8.2.4.5 a); PIPL Art. 38–40; the 2024
// Cross-Border Data Flow Provisions). A replication rule names its destination by bucket ARN, which
// carries no region, so the destination bucket is found in the stack (property dependencies, else
// its name in a known ARN) and its region read there. A destination that cannot be placed is
// reported as advisory, never passed silently. An OSS replication whose `destination.location` is
// not known during preview (typically the destination bucket's `location` output) is resolved the
// same way: the destination bucket in the stack, placed by its provider's region; a known location
// is judged by copy-destination-allowed-regions, so each replication is reported once.
import type * as alicloud from "@pulumi/alicloud";
import type * as aws from "@pulumi/aws";
import { type PolicyResource, type StackValidationArgs } from "@pulumi/policy";
import { parseS3Arn } from "../shared/arn";
import { type ControlMetadata, stackControl } from "../shared/control";
import { type Emit } from "../shared/emit";
import { type Bilingual, bi } from "../shared/messages";
import { inputName } from "../shared/properties";
import { Input, type Read } from "../shared/reader";
import { effectiveRegion } from "../shared/regions";
import { StackIndex, dependenciesVia } from "../shared/stack";
import { config, crossBorderNote, emitRegion, judgeRegion, readResidencyConfig, showAllowlist, showRegion, typeKind } from "./residency";

export const BUCKET_TYPES = ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"] as const;
export const OSS_REPLICATION = "alicloud:oss/bucketReplication:BucketReplication";
const OSS_BUCKET = "alicloud:oss/bucket:Bucket";
const OSS_DESTINATION = inputName<alicloud.oss.BucketReplicationArgs>("destination");

/** One replication rule: whether it is on, and its destination bucket ARN (usually another resource's output, unknown during preview). */
export interface Rule {
    status: Read<unknown>;
    destinationBucket: Read<unknown>;
}

interface ReplicationSource {
    /** Top-level input whose property dependencies name the destination buckets. */
    input: string;
    /** The rules, or the path of a list unknown during preview. */
    rules(props: Input): Rule[] | { unknown: string };
}

/** The items of a list input; undefined when unknown during preview. */
function itemsOf(list: Input): Input[] | undefined {
    const items = list.items();
    return items.kind === "unknown" ? undefined : items.kind === "value" ? items.value : [];
}

function rulesIn(list: Input, destinations: (rule: Input) => Input[] | undefined): Rule[] | { unknown: string } {
    const rules = itemsOf(list);
    if (!rules) return { unknown: list.path };
    const out: Rule[] = [];
    for (const rule of rules) {
        const dests = destinations(rule);
        if (!dests) return { unknown: rule.path };
        for (const d of dests) out.push({ status: rule.get("status").raw(), destinationBucket: d.get("bucket").raw() });
    }
    return out;
}

/** Replication configurations, token → how to list their rules. */
export const REPLICATION_SOURCES: Record<string, ReplicationSource> = {
    "aws:s3/bucketReplicationConfig:BucketReplicationConfig": {
        input: inputName<aws.s3.BucketReplicationConfigArgs>("rules"),
        rules: (p) => rulesIn(p.get("rules"), (r) => [r.get("destination")]),
    },
    // Deprecated inline replication on the bucket itself.
    "aws:s3/bucket:Bucket": {
        input: inputName<aws.s3.BucketArgs>("replicationConfiguration"),
        rules: (p) => rulesIn(p.at("replicationConfiguration", "rules"), (r) => [r.get("destination")]),
    },
    "aws:s3/bucketV2:BucketV2": {
        input: inputName<aws.s3.BucketV2Args>("replicationConfigurations"),
        rules: (p) => {
            const configs = itemsOf(p.get("replicationConfigurations"));
            if (!configs) return { unknown: "replicationConfigurations" };
            const out: Rule[] = [];
            for (const c of configs) {
                const rules = rulesIn(c.get("rules"), (r) => itemsOf(r.get("destinations")));
                if (!Array.isArray(rules)) return rules;
                out.push(...rules);
            }
            return out;
        },
    },
};

export const metadata: ControlMetadata = {
    name: "s3-replication-destination-allowed-regions",
    description:
        "S3 replication rules, and OSS replications whose destination location is known only after deployment, replicate only to buckets in regions on the allowlist (default: mainland China); the destination bucket's region is resolved through the stack.",
    category: "data-residency",
    bases: ["mlps-8.2.4.5", "pipl-38", "pipl-39", "pipl-40", "csl-39", "dsl-31", "cbdt-provisions-7-8", "cbdt-measures-4"],
    severity: "critical",
    enforcementLevel: "mandatory",
    remediationSteps:
        "Replicate to a bucket created in an allowed region (its `region` input or its provider's `region`), or remove the rule. Declare the destination bucket in the same stack " +
        "and pass its `arn` so its region can be checked. For alicloud.oss.BucketReplication whose `destination.location` is another bucket's output, the destination bucket " +
        "is found in the stack (its `bucket` name or the dependency) and placed by its provider's region. Replicating abroad is an outbound data transfer: a CAC security assessment only for critical information " +
        "infrastructure operators, important data or personal information above the thresholds; otherwise the standard contract or certification, or neither below the lower threshold.",
    zh: {
        description: "S3 复制规则，以及 `destination.location` 部署后才确定的 OSS 复制，只能复制到位于允许列表区域（地域）（默认：中国内地）的存储桶；目标存储桶的区域（地域）通过堆栈解析。",
        remediationSteps:
            "复制到在允许区域创建的存储桶（由其 `region` 输入或其提供程序的 `region` 决定），或删除该规则。在同一堆栈中声明目标存储桶" +
            "并传入其 `arn`，以便检查其区域。对于 `destination.location` 取自另一存储空间输出的 alicloud.oss.BucketReplication，在堆栈中查找目标 OSS Bucket（存储空间）" +
            "（按其 `bucket` 名称或依赖关系），并按其提供程序的地域定位。向境外复制即为数据出境：仅关键信息基础设施运营者、重要数据或超过规定数量的个人信息须申报数据出境安全评估；" +
            "其他情形订立个人信息出境标准合同或通过个人信息保护认证，低于规定数量的免予申报。",
    },
    resourceTypes: [...Object.keys(REPLICATION_SOURCES), ...BUCKET_TYPES, OSS_REPLICATION, OSS_BUCKET],
    config,
};

/** The bucket a destination ARN names: a bucket ARN (`arn:aws:s3:::name`, any partition), not an object's. */
export function bucketNameFromArn(arn: unknown): string | undefined {
    const parsed = parseS3Arn(arn);
    return parsed && parsed.key === undefined ? parsed.bucket : undefined;
}

/** Where one destination bucket is: its region judged, or why it cannot be. */
type Placement = { bucket: PolicyResource; region: unknown; known: true } | { bucket: PolicyResource; known: false };

function placeBucket(bucket: PolicyResource): Placement {
    const eff = effectiveRegion({ type: bucket.type, props: bucket.props, provider: bucket.provider });
    return eff.kind === "set" ? { bucket, region: eff.value, known: true } : { bucket, known: false };
}

function isBucket(r: PolicyResource): boolean {
    return (BUCKET_TYPES as readonly string[]).includes(r.type);
}

/** The buckets a rule may replicate to: named by a known ARN, else the input's property dependencies. */
function candidates(index: StackIndex, source: PolicyResource, input: string, arn: Read<unknown>): PolicyResource[] {
    const name = arn.kind === "value" ? bucketNameFromArn(arn.value) : undefined;
    if (name !== undefined) {
        return index.ofType(...BUCKET_TYPES).filter((b) => {
            const n = Input.of(b.props).get("bucket").raw();
            return n.kind === "value" && n.value === name;
        });
    }
    return dependenciesVia(source, input).filter((d) => isBucket(d) && d.urn !== source.urn);
}

/** The destination bucket of an OSS replication in the stack: the dependency of `destination`, else the bucket named `destination.bucket`. */
function ossDestination(index: StackIndex, r: PolicyResource): PolicyResource[] {
    const viaDeps = dependenciesVia(r, OSS_DESTINATION).filter((d) => d.type === OSS_BUCKET);
    if (viaDeps.length > 0) return viaDeps;
    const name = Input.of(r.props).at(OSS_DESTINATION, "bucket").string();
    if (name.kind !== "value") return [];
    return index.ofType(OSS_BUCKET).filter((b) => {
        const n = Input.of(b.props).get("bucket").string();
        return n.kind === "value" && n.value === name.value;
    });
}

/** OSS replications whose `destination.location` is not known: placed through the destination bucket in the stack. */
function checkOssReplications(index: StackIndex, cfg: ReturnType<typeof readResidencyConfig>, emit: Emit): void {
    const cloud = "alicloud" as const;
    for (const r of index.ofType(OSS_REPLICATION)) {
        const location = Input.of(r.props).at(OSS_DESTINATION, "location");
        // A known location (or none at all) is copy-destination-allowed-regions' to judge; an
        // unknown destination leaves its location unknown too.
        if (!location.unknown) continue;
        const kind = typeKind(r.type);
        const on = { urn: r.urn, name: r.name };
        const exempted = cfg.exemptResourceTypes.includes(r.type);
        const buckets = ossDestination(index, r).map(placeBucket);
        const placed = buckets.filter((b): b is Extract<Placement, { known: true }> => b.known);
        if (buckets.length === 0 || placed.length < buckets.length) {
            emit({
                kind,
                on,
                found: bi(
                    buckets.length === 0
                        ? "a replication destination unknown until deployment, whose bucket is not in this stack"
                        : "a replication destination bucket whose region is not set or unknown until deployment",
                    buckets.length === 0 ? "部署前未知的复制目标，且目标存储空间不在本堆栈中" : "复制目标存储空间的地域未设置或在部署前未知",
                ),
                required: showAllowlist(cfg.allowedRegions, cloud),
                change: location.path,
                unknown: true,
            });
            continue;
        }
        for (const p of placed) {
            const verdict = judgeRegion(p.region, cfg.allowedRegions);
            if (verdict === "allowed") continue;
            const label = bi(`OSS bucket "${p.bucket.name}"`, `OSS Bucket（存储空间）“${p.bucket.name}”`);
            const note = crossBorderNote(cloud);
            const fix = bi(
                `The destination is created in its provider's region: replicate to a bucket in an allowed region, or remove the replication.`,
                "目标存储空间创建在其提供程序所在地域：请复制到允许地域中的存储空间，或删除该复制。",
            );
            emitRegion(emit, {
                kind,
                on,
                cloud,
                what: bi(`replication to ${label.en} in`, `复制到${label.zh}，位于`),
                value: p.region,
                verdict,
                change: location.path,
                fix: verdict === "off-list" ? bi(`${fix.en} ${note.en}`, `${fix.zh}${note.zh}`) : fix,
                allowed: cfg.allowedRegions,
                exempted,
            });
        }
    }
}

function validateStack(args: StackValidationArgs, emit: Emit): void {
    const cfg = readResidencyConfig(args.getConfig());
    const index = StackIndex.of(args.resources);
    checkOssReplications(index, cfg, emit);
    const cloud = "aws" as const;
    for (const r of index.ofType(...Object.keys(REPLICATION_SOURCES))) {
        const source = REPLICATION_SOURCES[r.type]!;
        const exempted = cfg.exemptResourceTypes.includes(r.type);
        const kind = typeKind(r.type);
        const on = { urn: r.urn, name: r.name };
        const props = Input.of(r.props);
        const advise = (found: Bilingual, change: string, unknown = false) =>
            emit({
                kind,
                on,
                found,
                required: showAllowlist(cfg.allowedRegions, cloud),
                change,
                fix: bi("Declare the destination bucket in this stack and pass its `arn`, with its region set on the bucket or its provider.", "请在本堆栈中声明目标存储桶并传入其 `arn`，并在存储桶或其提供程序上设置区域。"),
                ...(unknown ? { unknown: true } : { advisory: true }),
            });
        const rules = source.rules(props);
        if (!Array.isArray(rules)) {
            advise(bi("replication rules that can't be known during preview", "预览时无法确定的复制规则"), rules.unknown, true);
            continue;
        }
        for (const rule of rules) {
            const status = rule.status;
            const path = rule.destinationBucket.path;
            // "The rule is ignored if status is not Enabled."
            if (status.kind !== "unknown" && !(status.kind === "value" && status.value === "Enabled")) continue;
            const buckets = candidates(index, r, source.input, rule.destinationBucket);
            if (buckets.length === 0) {
                advise(bi("a destination bucket that is not in this stack or cannot be identified, so its region cannot be checked", "目标存储桶不在本堆栈中或无法识别，无法检查其区域"), path);
                continue;
            }
            const placed = buckets.map(placeBucket);
            const verdicts = placed.map((p) => (p.known ? judgeRegion(p.region, cfg.allowedRegions) : "undetermined"));
            if (verdicts.every((v) => v === "allowed")) continue;
            const first = placed.find((_p, i) => verdicts[i] !== "allowed")!;
            const verdict = verdicts[placed.indexOf(first)]!;
            const label = bi(`bucket "${first.bucket.name}"`, `存储桶“${first.bucket.name}”`);
            if (!first.known || verdict === "undetermined") {
                advise(bi(`destination ${label.en} whose region is not set or can't be known during preview`, `目标${label.zh}的区域未设置或预览时无法确定`), path);
                continue;
            }
            // Mandatory only when the rule is known to be on and every bucket it may point at is off the list.
            const certain = status.kind === "value" && verdicts.every((v) => v === "off-list");
            if (verdict === "off-list" && !certain) {
                const shown = showRegion(first.region, cloud);
                advise(
                    bi(
                        `replication possibly to ${label.en} in ${shown.en} (the rule's status or destination can't be pinned down during preview)`,
                        `可能复制到${label.zh}，位于${shown.zh}（预览时无法确定规则状态或目标）`,
                    ),
                    path,
                );
                continue;
            }
            const note = crossBorderNote(cloud);
            const fix = bi("Replicate to a bucket in an allowed region, or remove the rule.", "请复制到允许区域中的存储桶，或删除该规则。");
            emitRegion(emit, {
                kind,
                on,
                cloud,
                what: bi(`replication to ${label.en} in`, `复制到${label.zh}，位于`),
                value: first.region,
                verdict: verdict as Exclude<typeof verdict, "allowed" | "undetermined">,
                change: path,
                fix: verdict === "off-list" ? bi(`${fix.en} ${note.en}`, `${fix.zh}${note.zh}`) : fix,
                allowed: cfg.allowedRegions,
                exempted,
            });
        }
    }
}

export default stackControl(metadata, validateStack);
