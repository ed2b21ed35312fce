// S3 replication stays in approved regions (DSL, PIPL Art. 38-40). A replication rule names its
// destination by bucket ARN, which carries no region, so the destination bucket is found in the
// stack (property dependencies, else its name in a known ARN) and its region read there. A
// destination that cannot be placed is reported as advisory, never passed silently.
import type * as aws from "@pulumi/aws";
import { type PolicyResource, type ReportViolation, type StackValidationArgs } from "@pulumi/policy";
import { type ControlMetadata } from "../shared/control";
import { legacyStackControl } from "../shared/control-legacy";
import { type Bilingual, bi, findingMessage, resourceLabel } from "../shared/messages";
import { inputName, isRecord } from "../shared/properties";
import { effectiveRegion } from "../shared/regions";
import { reportAdvisory } from "../shared/report";
import { StackIndex, dependenciesVia, tryRead } from "../shared/stack";
import { TRANSFER_BASIS, config, judgeRegion, readResidencyConfig, reportRegion, showAllowlist, showRegion, typeLabel } from "./residency";

export const BUCKET_TYPES = ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"] as const;

/**
 * One replication rule: where it sits, whether it is on, and its destination bucket ARN. Read
 * lazily: the ARN is usually another resource's output, unknown during preview.
 */
export interface Rule {
    path: string;
    status: () => unknown;
    destinationBucket: () => unknown;
}

interface ReplicationSource {
    /** Top-level input whose property dependencies name the destination buckets. */
    input: string;
    rules(props: Record<string, unknown>): Rule[];
}

function get(v: unknown, key: string): unknown {
    return isRecord(v) ? v[key] : undefined;
}

function list(v: unknown): unknown[] {
    return Array.isArray(v) ? v : [];
}

/** Replication configurations, token → how to list their rules. */
export const REPLICATION_SOURCES: Record<string, ReplicationSource> = {
    "aws:s3/bucketReplicationConfig:BucketReplicationConfig": {
        input: inputName<aws.s3.BucketReplicationConfigArgs>("rules"),
        rules: (p) => list(p["rules"]).map((r, i) => ({ path: `rules[${i}].destination.bucket`, status: () => get(r, "status"), destinationBucket: () => get(get(r, "destination"), "bucket") })),
    },
    // Deprecated inline replication on the bucket itself.
    "aws:s3/bucket:Bucket": {
        input: inputName<aws.s3.BucketArgs>("replicationConfiguration"),
        rules: (p) =>
            list(get(p["replicationConfiguration"], "rules")).map((r, i) => ({
                path: `replicationConfiguration.rules[${i}].destination.bucket`,
                status: () => get(r, "status"),
                destinationBucket: () => get(get(r, "destination"), "bucket"),
            })),
    },
    "aws:s3/bucketV2:BucketV2": {
        input: inputName<aws.s3.BucketV2Args>("replicationConfigurations"),
        rules: (p) =>
            list(p["replicationConfigurations"]).flatMap((c, i) =>
                list(get(c, "rules")).flatMap((r, j) =>
                    list(get(r, "destinations")).map((d, k) => ({
                        path: `replicationConfigurations[${i}].rules[${j}].destinations[${k}].bucket`,
                        status: () => get(r, "status"),
                        destinationBucket: () => get(d, "bucket"),
                    })),
                ),
            ),
    },
};

export const metadata: ControlMetadata = {
    name: "s3-replication-destination-allowed-regions",
    description:
        "S3 replication rules replicate only to buckets in regions on the allowlist (default: mainland China); the destination bucket's region is resolved through the stack.",
    category: "data-residency",
    bases: ["mlps-8.2.4.5", "pipl-38", "pipl-40", "csl-39", "dsl-31", "cbdt-provisions-7-8", "cbdt-measures-4"],
    severity: "critical",
    enforcementLevel: "mandatory",
    remediationSteps:
        "Replicate to a bucket created in an allowed region (its `region` input or its provider's `region`), or remove the rule. Declare the destination bucket in the same stack " +
        "and pass its `arn` so its region can be checked. Replicating data abroad requires the outbound data transfer security assessment first.",
    zh: {
        description: "S3 复制规则只能复制到位于允许列表地域（默认：中国内地地域）的存储桶；目标存储桶的地域通过堆栈解析。",
        remediationSteps:
            "复制到在允许地域创建的存储桶（由其 `region` 输入或其提供程序的 `region` 决定），或删除该规则。在同一堆栈中声明目标存储桶" +
            "并传入其 `arn`，以便检查其地域。向境外复制数据前，须先完成数据出境安全评估。",
    },
    resourceTypes: [...Object.keys(REPLICATION_SOURCES), ...BUCKET_TYPES],
    config,
};

/** `arn:aws:s3:::name` (any partition) → `name`. */
export function bucketNameFromArn(arn: unknown): string | undefined {
    if (typeof arn !== "string") return undefined;
    const m = /^arn:aws(?:-[a-z-]+)?:s3:::([a-z0-9][a-z0-9.-]{1,62})$/.exec(arn);
    return m ? m[1] : undefined;
}

/** Where one destination bucket is: its region judged, or why it cannot be. */
type Placement = { bucket: PolicyResource; region: unknown; known: true } | { bucket: PolicyResource; known: false };

function placeBucket(bucket: PolicyResource): Placement {
    const read = tryRead(() => effectiveRegion({ type: bucket.type, props: bucket.props, provider: bucket.provider }));
    if (!read.known || read.value.kind === "unset") return { bucket, known: false };
    return { bucket, region: read.value.value, known: true };
}

function isBucket(r: PolicyResource): boolean {
    return (BUCKET_TYPES as readonly string[]).includes(r.type);
}

/** The buckets a rule may replicate to: named by a known ARN, else the input's property dependencies. */
function candidates(index: StackIndex, source: PolicyResource, input: string, arn: unknown): PolicyResource[] {
    const name = bucketNameFromArn(arn);
    if (name !== undefined) {
        return index.ofType(...BUCKET_TYPES).filter((b) => {
            const n = tryRead(() => get(b.props, "bucket"));
            return n.known && n.value === name;
        });
    }
    return dependenciesVia(source, input).filter((d) => isBucket(d) && d.urn !== source.urn);
}

function bucketLabel(b: PolicyResource): Bilingual {
    return resourceLabel(bi("bucket", "存储桶"), b.name);
}

function validateStack(args: StackValidationArgs, report: ReportViolation): void {
    const cfg = readResidencyConfig(args.getConfig());
    const index = new StackIndex(args.resources);
    for (const r of index.ofType(...Object.keys(REPLICATION_SOURCES))) {
        const source = REPLICATION_SOURCES[r.type]!;
        const exempted = cfg.exemptResourceTypes.includes(r.type);
        const resource = typeLabel(r.type, r.name);
        const advise = (found: Bilingual, property: string) =>
            reportAdvisory(
                report,
                findingMessage({
                    resource,
                    found,
                    required: showAllowlist(cfg.allowedRegions),
                    property,
                    fix: bi("Declare the destination bucket in this stack and pass its `arn`, with its region set on the bucket or its provider.", "请在本堆栈中声明目标存储桶并传入其 `arn`，并在存储桶或其提供程序上设置地域。"),
                    basis: TRANSFER_BASIS,
                }),
                r.urn,
            );
        const rules = tryRead(() => source.rules(isRecord(r.props) ? r.props : {}));
        if (!rules.known) {
            advise(bi("replication rules that can't be known during preview", "预览时无法确定的复制规则"), source.input);
            continue;
        }
        for (const rule of rules.value) {
            const status = tryRead(rule.status);
            // "The rule is ignored if status is not Enabled."
            if (status.known && status.value !== "Enabled") continue;
            const arn = tryRead(rule.destinationBucket);
            const buckets = candidates(index, r, source.input, arn.known ? arn.value : undefined);
            if (buckets.length === 0) {
                advise(bi("a destination bucket that is not in this stack or cannot be identified, so its region cannot be checked", "目标存储桶不在本堆栈中或无法识别，无法检查其地域"), rule.path);
                continue;
            }
            const placed = buckets.map(placeBucket);
            const verdicts = placed.map((p) => (p.known ? judgeRegion(p.region, cfg.allowedRegions) : "undetermined"));
            if (verdicts.every((v) => v === "allowed")) continue;
            const first = placed.find((_p, i) => verdicts[i] !== "allowed")!;
            const verdict = verdicts[placed.indexOf(first)]!;
            const label = bucketLabel(first.bucket);
            if (!first.known || verdict === "undetermined") {
                advise(bi(`destination ${label.en} whose region is not set or can't be known during preview`, `目标${label.zh}的地域未设置或预览时无法确定`), rule.path);
                continue;
            }
            // Mandatory only when the rule is known to be on and every bucket it may point at is off the list.
            const certain = status.known && verdicts.every((v) => v === "off-list");
            if (verdict === "off-list" && !certain) {
                const shown = showRegion(first.region);
                advise(
                    bi(
                        `replication possibly to ${label.en} in ${shown.en} (the rule's status or destination can't be pinned down during preview)`,
                        `可能复制到${label.zh}，位于${shown.zh}（预览时无法确定规则状态或目标）`,
                    ),
                    rule.path,
                );
                continue;
            }
            reportRegion(
                report,
                {
                    resource,
                    what: bi(`replication to ${label.en} in`, `复制到${label.zh}，位于`),
                    value: first.region,
                    verdict: verdict as Exclude<typeof verdict, "allowed" | "undetermined">,
                    property: rule.path,
                    fix: bi("Replicate to a bucket in an allowed region, or remove the rule.", "请复制到允许地域中的存储桶，或删除该规则。"),
                    basis: TRANSFER_BASIS,
                    allowed: cfg.allowedRegions,
                    urn: r.urn,
                },
                exempted,
            );
        }
    }
}

export default legacyStackControl(metadata, validateStack);
