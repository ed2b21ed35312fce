// Objects in a bucket can be recovered after an overwrite or a delete (GB/T 22239-2019 8.1.4.9):
// every bucket the stack creates is versioned, inline or through a versioning resource that
// names it. A stack policy, because the versioning resource is separate from the bucket.
// Advisory by default: versioning costs storage, and a bucket of throwaway objects may not need it.
import type * as alicloud from "@pulumi/alicloud";
import type * as aws from "@pulumi/aws";
import type { PolicyResource, StackValidationArgs } from "@pulumi/policy";
import { Candidates, knownIds, pairwiseLinks, programType, referenceVia } from "../logging/links";
import { type ControlMetadata, stackControl } from "../shared/control";
import { type Change, type Emit, shown } from "../shared/emit";
import { type Bilingual, bi } from "../shared/messages";
import { inputName } from "../shared/properties";
import { Input, type Read } from "../shared/reader";
import { cloudOf } from "../shared/regions";
import { StackIndex } from "../shared/stack";

/**
 * How a value reads: versioning on, off (with what was found), or unknown during preview (`change`
 * when the unknown value is on another resource than the bucket's own or its linked versioning's status).
 */
export type State = { on: true } | { on: false; found: Bilingual; path: string } | { unknown: true; path: string; change?: { type: string; input: string } };

interface BucketSource {
    kind: Bilingual;
    /** Inline versioning on the bucket itself (deprecated on AWS, current on Alibaba Cloud). */
    inline(props: Input): State;
    /** The standalone versioning resources that can switch it on, and where their state is read. */
    versioning: readonly string[];
}

const OFF = bi("unset (default: not versioned)", "未设置（默认不开启版本控制）");
export const VERSIONED = bi("versioning Enabled", "版本控制为 Enabled");

function fromStatus(read: Read<string>, offWhenAbsent: Bilingual): State {
    if (read.kind === "unknown") return { unknown: true, path: read.path };
    if (read.kind === "value" && read.value === "Enabled") return { on: true };
    return { on: false, found: read.kind === "absent" ? offWhenAbsent : shown(read, { vocabulary: ["Enabled", "Suspended", "Disabled"] }), path: read.path };
}

function fromFlag(read: Read<boolean>): State {
    if (read.kind === "unknown") return { unknown: true, path: read.path };
    if (read.kind === "value" && read.value) return { on: true };
    return { on: false, found: read.kind === "absent" ? OFF : shown(read), path: read.path };
}

const AWS_VERSIONING = ["aws:s3/bucketVersioning:BucketVersioning", "aws:s3/bucketVersioningV2:BucketVersioningV2"];
const OSS_VERSIONING = ["alicloud:oss/bucketVersioning:BucketVersioning"];

export const BUCKET_SOURCES: Record<string, BucketSource> = {
    "aws:s3/bucket:Bucket": {
        kind: bi("S3 bucket", "S3 存储桶"),
        inline: (p) => fromFlag(p.get(inputName<aws.s3.BucketArgs>("versioning")).get("enabled").boolean()),
        versioning: AWS_VERSIONING,
    },
    // The deprecated BucketV2 takes a list of versioning blocks; any one enabled counts.
    "aws:s3/bucketV2:BucketV2": {
        kind: bi("S3 bucket", "S3 存储桶"),
        inline: (p) => {
            const list = p.get(inputName<aws.s3.BucketV2Args>("versionings")).items();
            if (list.kind === "unknown") return { unknown: true, path: list.path };
            if (list.kind !== "value") return { on: false, found: OFF, path: list.path };
            const states = list.value.map((item) => fromFlag(item.get("enabled").boolean()));
            return states.find((s) => "on" in s && s.on) ?? states.find((s) => "unknown" in s) ?? { on: false, found: OFF, path: list.path };
        },
        versioning: AWS_VERSIONING,
    },
    "alicloud:oss/bucket:Bucket": {
        kind: bi("OSS Bucket", "OSS Bucket（存储空间）"),
        inline: (p) => fromStatus(p.get(inputName<alicloud.oss.BucketArgs>("versioning")).get("status").string(), OFF),
        versioning: OSS_VERSIONING,
    },
};

/** Where a versioning resource keeps its status. */
const VERSIONING_STATUS: Record<string, (p: Input) => Read<string>> = {
    "aws:s3/bucketVersioning:BucketVersioning": (p) => p.get(inputName<aws.s3.BucketVersioningArgs>("versioningConfiguration")).get("status").string(),
    "aws:s3/bucketVersioningV2:BucketVersioningV2": (p) => p.get(inputName<aws.s3.BucketVersioningV2Args>("versioningConfiguration")).get("status").string(),
    "alicloud:oss/bucketVersioning:BucketVersioning": (p) => p.get(inputName<alicloud.oss.BucketVersioningArgs>("status")).string(),
};

export const metadata: ControlMetadata = {
    name: "bucket-versioning",
    description: "Buckets are versioned, so an overwritten or deleted object can be recovered.",
    category: "backup-recovery",
    bases: ["mlps-8.1.4.9", "csl-23-4"],
    severity: "medium",
    enforcementLevel: "advisory",
    remediationSteps:
        'Turn versioning on: add an aws.s3.BucketVersioning with `bucket` set to the bucket and `versioningConfiguration.status` "Enabled" (the inline `versioning` input is deprecated); ' +
        'for Alibaba Cloud set the bucket\'s `versioning.status` to "Enabled" or add an alicloud.oss.BucketVersioning with `status` "Enabled". ' +
        "Versioning cannot be switched off again, only suspended; add a lifecycle rule to expire old versions.",
    zh: {
        description: "存储桶开启版本控制，被覆盖或删除的对象可以恢复。",
        remediationSteps:
            '开启版本控制：请添加 aws.s3.BucketVersioning，将 `bucket` 设为该存储桶，`versioningConfiguration.status` 设为 "Enabled"（内联的 `versioning` 已弃用）；' +
            '阿里云请将 Bucket 的 `versioning.status` 设为 "Enabled"，或添加 alicloud.oss.BucketVersioning 并将 `status` 设为 "Enabled"。' +
            "版本控制开启后不能关闭，只能暂停；请添加生命周期规则清理历史版本。",
    },
    resourceTypes: [...Object.keys(BUCKET_SOURCES), ...Object.keys(VERSIONING_STATUS)],
};

const bucketIds = (r: PolicyResource): string[] => knownIds(r, ["bucket"]);

const BUCKET_LINK = { property: "bucket", references: (p: Input) => [p.get("bucket")] };

/**
 * What the stack's separate versioning resources say about a bucket. Each list of versioning types
 * is linked to the stack's buckets once, on first use, not once per bucket. A versioning resource
 * whose bucket is unknown during preview (no dependency says which) and whose status may be
 * Enabled may be the one that versions this bucket: then the state is unknown, not off.
 */
export function versioningStates(index: StackIndex): (bucket: PolicyResource) => State | undefined {
    const candidates = new Candidates(index.ofType(...Object.keys(BUCKET_SOURCES)), bucketIds);
    const linksOf = new Map<readonly string[], { links: Map<string, PolicyResource[]>; unplaced: PolicyResource | undefined }>();
    return (bucket) => {
        const source = BUCKET_SOURCES[bucket.type];
        if (!source) return undefined;
        let found = linksOf.get(source.versioning);
        if (!found) {
            const versioning = index.ofType(...source.versioning);
            const unplaced = versioning.find((v) => referenceVia(v, BUCKET_LINK).unresolved && mayBeOn(v));
            linksOf.set(source.versioning, (found = { links: pairwiseLinks(versioning, BUCKET_LINK, candidates), unplaced }));
        }
        const linked = linkedState(found.links.get(bucket.urn) ?? []);
        if ((linked && "on" in linked && linked.on) || !found.unplaced) return linked;
        return { unknown: true, path: "bucket", change: { type: programType(found.unplaced.type), input: "bucket" } };
    };
}

/** The versioning resource's status is Enabled or unknown during preview. */
function mayBeOn(v: PolicyResource): boolean {
    const status = VERSIONING_STATUS[v.type]?.(Input.of(v.props));
    return status !== undefined && (status.kind === "unknown" || (status.kind === "value" && status.value === "Enabled"));
}

/** What the versioning resources linked to a bucket say about it: on, or the first state found. */
function linkedState(linked: readonly PolicyResource[]): State | undefined {
    let found: State | undefined;
    for (const v of linked) {
        const status = VERSIONING_STATUS[v.type]?.(Input.of(v.props));
        if (!status) continue;
        const state = fromStatus(status, bi("no status", "未设置状态"));
        if ("on" in state && state.on) return state;
        found ??= state;
    }
    return found;
}

/** Why a bucket is not versioned: what was found, whether it is unknown during preview, and the input to change. */
export interface Gap {
    found: Bilingual;
    unknown: boolean;
    change: Change;
}

const UNKNOWN_STATUS = bi("a versioning status that is unknown until deployment", "部署前未知的版本控制状态");

/**
 * A bucket's versioning gap, or undefined when it is versioned (inline or by a versioning resource
 * that names it) or is no bucket. A separate resource is fixed where it is; on AWS the inline input
 * is deprecated, so the fix for a bucket without one is a new aws.s3.BucketVersioning.
 */
export function versioningGap(bucket: PolicyResource, separateState: (b: PolicyResource) => State | undefined): Gap | undefined {
    const source = BUCKET_SOURCES[bucket.type];
    if (!source) return undefined;
    const inline = source.inline(Input.of(bucket.props));
    if ("on" in inline && inline.on) return undefined;
    const separate = separateState(bucket);
    if (separate && "on" in separate && separate.on) return undefined;
    const state = separate ?? inline;
    const aws = cloudOf(bucket.type) === "aws";
    const addType = aws ? "aws.s3.BucketVersioning" : "alicloud.oss.BucketVersioning";
    if ("unknown" in state) return { found: UNKNOWN_STATUS, unknown: true, change: state.change ?? (separate ? { type: addType, input: state.path } : state.path) };
    if (state.on) return undefined; // both were checked above; this narrows the type
    return {
        found: separate && "found" in separate ? bi(`${addType} with status ${separate.found.en}`, `${addType} 的状态为 ${separate.found.zh}`) : state.found,
        unknown: false,
        change: separate ? { type: addType, input: aws ? "versioningConfiguration.status" : "status" } : aws ? { type: addType, input: "bucket", add: true } : state.path,
    };
}

function validate(args: StackValidationArgs, emit: Emit): void {
    const index = StackIndex.of(args.resources);
    const separateState = versioningStates(index);
    for (const bucket of index.ofType(...Object.keys(BUCKET_SOURCES))) {
        const gap = versioningGap(bucket, separateState);
        if (gap) emit({ kind: BUCKET_SOURCES[bucket.type]!.kind, on: { urn: bucket.urn, name: bucket.name }, found: gap.found, required: VERSIONED, change: gap.change, unknown: gap.unknown });
    }
}

export default stackControl(metadata, validate);
