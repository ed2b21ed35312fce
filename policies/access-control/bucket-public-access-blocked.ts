// Public-access blocks keep every flag on (MLPS 2.0 L3 access control): a block with a flag off
// lets a public ACL or policy through. S3 flags default to false, so an unset flag is off.
import type * as alicloud from "@pulumi/alicloud";
import type * as aws from "@pulumi/aws";
import { type ResourceValidationArgs } from "@pulumi/policy";
import { type ControlMetadata, resourceControl } from "../shared/control";
import { type Emit, shown } from "../shared/emit";
import { type Bilingual, bi } from "../shared/messages";
import { inputName, toBoolean } from "../shared/properties";
import { Input, type Read } from "../shared/reader";
import { changeInputs } from "./ingress-rules";
import { basesFor } from "./cloud-bases";
import { type Fix, known, remediation, setInput } from "../shared/remediate";

interface BlockSource {
    kind: Bilingual;
    /** A block of one bucket (its `bucket` input names it), or of every bucket of the account. */
    scope: "bucket" | "account";
    /** Flags that must all be true; each defaults to false when unset. */
    flags: readonly string[];
}

const S3_FLAGS = [
    inputName<aws.s3.BucketPublicAccessBlockArgs>("blockPublicAcls"),
    inputName<aws.s3.BucketPublicAccessBlockArgs>("blockPublicPolicy"),
    inputName<aws.s3.BucketPublicAccessBlockArgs>("ignorePublicAcls"),
    inputName<aws.s3.BucketPublicAccessBlockArgs>("restrictPublicBuckets"),
];
const S3_ACCOUNT_FLAGS = [
    inputName<aws.s3.AccountPublicAccessBlockArgs>("blockPublicAcls"),
    inputName<aws.s3.AccountPublicAccessBlockArgs>("blockPublicPolicy"),
    inputName<aws.s3.AccountPublicAccessBlockArgs>("ignorePublicAcls"),
    inputName<aws.s3.AccountPublicAccessBlockArgs>("restrictPublicBuckets"),
];

export const BLOCK_SOURCES: Record<string, BlockSource> = {
    "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": { kind: bi("S3 bucket public access block", "S3 存储桶阻止公共访问"), scope: "bucket", flags: S3_FLAGS },
    "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock": { kind: bi("S3 account public access block", "S3 账户级阻止公共访问"), scope: "account", flags: S3_ACCOUNT_FLAGS },
    "alicloud:oss/bucketPublicAccessBlock:BucketPublicAccessBlock": {
        kind: bi("OSS bucket public access block", "OSS Bucket（存储空间）阻止公共访问"),
        scope: "bucket",
        flags: [inputName<alicloud.oss.BucketPublicAccessBlockArgs>("blockPublicAccess")],
    },
    "alicloud:oss/accountPublicAccessBlock:AccountPublicAccessBlock": {
        kind: bi("OSS account public access block", "OSS 账号级阻止公共访问"),
        scope: "account",
        flags: [inputName<alicloud.oss.AccountPublicAccessBlockArgs>("blockPublicAccess")],
    },
};

/** The bucket-level block types (those whose `bucket` input names one bucket). */
export const BUCKET_BLOCK_TYPES = Object.keys(BLOCK_SOURCES).filter((t) => BLOCK_SOURCES[t]!.scope === "bucket");

/** A block's flags as read: those off or unset (default false), and those unknown during preview. */
export function blockFlags(source: BlockSource, props: Input): { off: Read<boolean>[]; unknown: Read<boolean>[] } {
    const reads = source.flags.map((flag) => props.get(flag).boolean());
    return { off: reads.filter((r) => r.kind !== "unknown" && !(r.kind === "value" && r.value)), unknown: reads.filter((r) => r.kind === "unknown") };
}

export const metadata: ControlMetadata = {
    name: "bucket-public-access-blocked",
    description: "S3 and OSS public-access blocks have every flag switched on.",
    category: "access-control",
    bases: ["csl-23-2", "mlps-8.1.3.2", "mlps-8.1.4.2", "cis-aws"],
    severity: "high",
    enforcementLevel: "mandatory",
    remediationSteps:
        "Set all four S3 flags (`blockPublicAcls`, `blockPublicPolicy`, `ignorePublicAcls`, `restrictPublicBuckets`) to true; " +
        "set OSS `blockPublicAccess` to true. The change applies in place.",
    zh: {
        description: "S3 和 OSS 的阻止公共访问设置中每个开关都已开启。",
        remediationSteps:
            "将 S3 的四个开关（`blockPublicAcls`、`blockPublicPolicy`、`ignorePublicAcls`、`restrictPublicBuckets`）全部设为 true；" +
            "将 OSS 的 `blockPublicAccess` 设为 true。该修改为原地更新。",
    },
    resourceTypes: Object.keys(BLOCK_SOURCES),
};

const UNSET_FALSE = bi("default false", "默认 false");

function flagList(reads: readonly Read<boolean>[]): Bilingual {
    const each = reads.map((r) => {
        const v = r.kind === "value" ? bi(String(r.value), String(r.value)) : shown(r, { unset: UNSET_FALSE });
        return bi(`${r.path} ${v.en}`, `${r.path} ${v.zh}`);
    });
    return bi(each.map((b) => b.en).join(", "), each.map((b) => b.zh).join("、"));
}

function validate(args: ResourceValidationArgs, emit: Emit): void {
    const source = BLOCK_SOURCES[args.type];
    if (!source) {
        return;
    }
    const required = bi(`${source.flags.join(", ")} all true`, `${source.flags.join("、")} 全部为 true`);
    // A flag that is known to be off is a finding; one unknown during preview is an advisory of its own.
    const { off, unknown } = blockFlags(source, Input.of(args.props));
    for (const [group, isUnknown] of [
        [off, false],
        [unknown, true],
    ] as const) {
        if (group.length === 0) continue;
        emit({
            kind: source.kind,
            bases: basesFor(metadata.bases, args.type),
            found: flagList(group),
            required,
            change: changeInputs(group.map((r) => r.path)),
            unknown: isUnknown,
        });
    }
}

// Remediation: every flag of a bucket-level block switched on, in place (in-place-updates.ts).
// Account-level blocks are not remediated: they change every bucket of the account, which is for
// the account owner to decide. An unknown flag is left alone.
const fixFlags: Fix = (args) => {
    const source = BLOCK_SOURCES[args.type];
    if (!source || source.scope !== "bucket") return false;
    const off = source.flags.filter((flag) => {
        const v = known(args.props, flag);
        return v.known && toBoolean(v.value) !== true;
    });
    for (const flag of off) setInput(args.props, flag, true);
    return off.length > 0;
};

export default resourceControl(metadata, validate, remediation(fixFlags));
