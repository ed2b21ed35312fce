// No bucket readable or writable by everyone (MLPS 2.0 L3 access control): S3 canned ACLs and
// grants to the AllUsers / AuthenticatedUsers groups (inline on the bucket or in BucketAcl), and
// OSS bucket ACLs. An OSS bucket without `acl` is private (the service default).
import type * as alicloud from "@pulumi/alicloud";
import type * as aws from "@pulumi/aws";
import { type ResourceValidationArgs } from "@pulumi/policy";
import { type ControlMetadata, resourceControl } from "../shared/control";
import { type Emit, shownValue } from "../shared/emit";
import { type Bilingual, bi } from "../shared/messages";
import { inputName, isRecord } from "../shared/properties";
import { Input } from "../shared/reader";
import { basesFor } from "./cloud-bases";
import { type Fix, known, remediation, setInput } from "../shared/remediate";
import { tryRead } from "../shared/stack";

/** One public setting found, or one value unknown during preview. */
export type Exposure = { property: string; found: Bilingual } | { property: string; unknown: true };

interface AclSource {
    kind: Bilingual;
    /** What the cloud calls the bucket's canned ACL: S3 标准 ACL, OSS 读写权限. */
    aclName: Bilingual;
    /** Input holding the canned ACL. */
    acl: string;
    /** Canned ACLs that open the bucket to everyone. */
    publicAcls: readonly string[];
    /** Path to the list of grants, and the path of the grantee URI inside one grant. */
    grants?: { list: readonly string[]; uri: readonly string[]; permission: string };
}

const S3_PUBLIC_ACLS = ["public-read", "public-read-write", "authenticated-read"];
const S3_ACLS = ["private", ...S3_PUBLIC_ACLS, "aws-exec-read", "bucket-owner-read", "bucket-owner-full-control", "log-delivery-write"];
const OSS_PUBLIC_ACLS = ["public-read", "public-read-write"];
const PERMISSIONS = ["READ", "WRITE", "READ_ACP", "WRITE_ACP", "FULL_CONTROL"];

// The S3 groups "everyone" and "every AWS account"; any partition's host.
const PUBLIC_GROUP = /\/groups\/global\/(AllUsers|AuthenticatedUsers)\/?$/i;

const S3_CANNED = bi("canned ACL", "标准 ACL");
const OSS_ACL = bi("ACL", "读写权限（ACL）");

const s3Bucket = (kind: Bilingual): AclSource => ({
    kind,
    aclName: S3_CANNED,
    acl: inputName<aws.s3.BucketArgs>("acl"),
    publicAcls: S3_PUBLIC_ACLS,
    grants: { list: [inputName<aws.s3.BucketArgs>("grants")], uri: ["uri"], permission: "permissions" },
});
const s3BucketAcl = (kind: Bilingual): AclSource => ({
    kind,
    aclName: S3_CANNED,
    acl: inputName<aws.s3.BucketAclArgs>("acl"),
    publicAcls: S3_PUBLIC_ACLS,
    grants: { list: [inputName<aws.s3.BucketAclArgs>("accessControlPolicy"), "grants"], uri: ["grantee", "uri"], permission: "permission" },
});

export const ACL_SOURCES: Record<string, AclSource> = {
    "aws:s3/bucket:Bucket": s3Bucket(bi("S3 bucket", "S3 存储桶")),
    "aws:s3/bucketV2:BucketV2": s3Bucket(bi("S3 bucket (BucketV2)", "S3 存储桶（BucketV2）")),
    "aws:s3/bucketAcl:BucketAcl": s3BucketAcl(bi("S3 bucket ACL", "S3 存储桶 ACL")),
    "aws:s3/bucketAclV2:BucketAclV2": s3BucketAcl(bi("S3 bucket ACL (BucketAclV2)", "S3 存储桶 ACL（BucketAclV2）")),
    "alicloud:oss/bucket:Bucket": { kind: bi("OSS bucket", "OSS Bucket（存储空间）"), aclName: OSS_ACL, acl: inputName<alicloud.oss.BucketArgs>("acl"), publicAcls: OSS_PUBLIC_ACLS },
    "alicloud:oss/bucketAcl:BucketAcl": {
        kind: bi("OSS bucket ACL", "OSS Bucket（存储空间）读写权限"),
        aclName: OSS_ACL,
        acl: inputName<alicloud.oss.BucketAclArgs>("acl"),
        publicAcls: OSS_PUBLIC_ACLS,
    },
};

function at(v: unknown, path: readonly string[]): unknown {
    return path.reduce<unknown>((o, k) => (isRecord(o) ? o[k] : undefined), v);
}

function cannedAcl(props: Input, source: AclSource): Exposure[] {
    const acl = props.get(source.acl).raw();
    if (acl.kind === "unknown") {
        return [{ property: acl.path, unknown: true }];
    }
    // Unset = private on both clouds (S3 documents it; OSS applies the private service default).
    if (acl.kind !== "value" || typeof acl.value !== "string" || !source.publicAcls.includes(acl.value.trim().toLowerCase())) {
        return [];
    }
    const shown = shownValue(acl.value.trim().toLowerCase(), { vocabulary: S3_ACLS });
    return [{ property: acl.path, found: bi(`${source.aclName.en} ${shown.en}`, `${source.aclName.zh} ${shown.zh}`) }];
}

function publicGrants(props: Input, grants: NonNullable<AclSource["grants"]>): Exposure[] {
    const list = props.at(...grants.list).items();
    if (list.kind === "unknown") {
        return [{ property: list.path, unknown: true }];
    }
    if (list.kind !== "value") return [];
    const out: Exposure[] = [];
    for (const grant of list.value) {
        const uri = grant.at(...grants.uri).raw();
        if (uri.kind === "unknown") {
            out.push({ property: uri.path, unknown: true });
            continue;
        }
        const m = uri.kind === "value" && typeof uri.value === "string" ? PUBLIC_GROUP.exec(uri.value.trim()) : null;
        if (!m) continue;
        const group = m[1]!.toLowerCase() === "allusers" ? bi("AllUsers (everyone)", "AllUsers（所有人）") : bi("AuthenticatedUsers (every AWS account)", "AuthenticatedUsers（任意 AWS 账户）");
        const perm = grant.get(grants.permission);
        const perms = perm.items();
        const shown =
            perms.kind === "unknown"
                ? bi("unknown permissions", "未知的权限")
                : (perms.kind === "value" ? perms.value : [perm]).map((p) => {
                      const r = p.raw();
                      return r.kind === "value" ? shownValue(r.value, { vocabulary: PERMISSIONS }) : r.kind === "unknown" ? bi("an unknown permission", "未知的权限") : shownValue(undefined);
                  });
        const joined = Array.isArray(shown) ? bi(shown.map((b) => b.en).join(", "), shown.map((b) => b.zh).join("、")) : shown;
        out.push({ property: uri.path, found: bi(`a grant of ${joined.en} to ${group.en}`, `授予 ${group.zh} ${joined.zh} 权限`) });
    }
    return out;
}

/** Every public setting (or unknown value) of one bucket or bucket-ACL resource of type `type`. */
export function aclExposures(type: string, props: Input): Exposure[] {
    const source = ACL_SOURCES[type];
    if (!source) return [];
    return [...cannedAcl(props, source), ...(source.grants ? publicGrants(props, source.grants) : [])];
}

export const metadata: ControlMetadata = {
    name: "no-public-buckets",
    description: "No S3 or OSS bucket is readable or writable by everyone through a canned ACL or a grant to AllUsers / AuthenticatedUsers.",
    category: "access-control",
    bases: ["csl-23-2", "mlps-8.1.3.2", "mlps-8.1.4.2", "cis-aws"],
    severity: "critical",
    enforcementLevel: "mandatory",
    remediationSteps:
        "Set the bucket ACL to `private` (or remove it; S3 and OSS default to private) and remove grants to the AllUsers and AuthenticatedUsers groups. " +
        "Share objects through pre-signed URLs, a CDN with origin access control, or IAM/RAM policies naming specific principals.",
    zh: {
        description: "S3 存储桶和 OSS Bucket（存储空间）不得通过标准 ACL、读写权限或向 AllUsers / AuthenticatedUsers 授权而对所有人可读或可写。",
        remediationSteps:
            "将 S3 存储桶的标准 ACL 或 OSS Bucket 的读写权限设为 `private`（或删除该设置；S3 和 OSS 默认私有），并删除授予 AllUsers 和 AuthenticatedUsers 组的权限。" +
            "通过预签名 URL、启用源站访问控制的 CDN，或指定具体主体的 IAM/RAM 策略共享对象。",
    },
    resourceTypes: Object.keys(ACL_SOURCES),
};

function validate(args: ResourceValidationArgs, emit: Emit): void {
    const source = ACL_SOURCES[args.type];
    if (!source) {
        return;
    }
    const exposures = aclExposures(args.type, Input.of(args.props));
    const required = bi("private: no access for AllUsers or AuthenticatedUsers", "私有：不向 AllUsers 或 AuthenticatedUsers 开放");
    for (const e of exposures) {
        emit({
            kind: source.kind,
            bases: basesFor(metadata.bases, args.type),
            found: "unknown" in e ? bi("a value that is unknown until deployment", "部署前未知的值") : e.found,
            required,
            change: e.property,
            unknown: "unknown" in e,
        });
    }
}

// Remediation: canned ACL → "private", grants to AllUsers / AuthenticatedUsers dropped; both
// update in place (in-place-updates.ts). Unknown values are left alone (the validation reports
// them as advisory); a grant whose grantee is unknown is kept.

function fixCannedAcl(props: unknown, source: AclSource): boolean {
    const acl = known(props, source.acl);
    if (!acl.known || typeof acl.value !== "string" || !source.publicAcls.includes(acl.value.trim().toLowerCase())) return false;
    setInput(props, source.acl, "private");
    return true;
}

function isPublicGrant(grant: unknown, uriPath: readonly string[]): boolean {
    const uri = tryRead(() => at(grant, uriPath));
    return uri.known && typeof uri.value === "string" && PUBLIC_GROUP.test(uri.value.trim());
}

function fixGrants(props: unknown, grants: NonNullable<AclSource["grants"]>): boolean {
    const parentPath = grants.list.slice(0, -1);
    const key = grants.list[grants.list.length - 1]!;
    const parent = tryRead(() => at(props, parentPath));
    const list = known(parent.known ? parent.value : undefined, key);
    if (!parent.known || !list.known || !Array.isArray(list.value)) return false;
    const items: unknown[] = list.value;
    // A grant unknown as a whole cannot be copied into a new list: leave the list as it is.
    // (Index by index: Array methods would read every element through the proxy and throw.)
    const read = Array.from({ length: items.length }, (_, i) => tryRead(() => items[i]));
    if (read.some((r) => !r.known)) return false;
    const kept = read.flatMap((r) => (r.known && !isPublicGrant(r.value, grants.uri) ? [r.value] : []));
    if (kept.length === items.length) return false;
    setInput(parent.value, key, kept);
    return true;
}

const fixPublicAcl: Fix = (args) => {
    const source = ACL_SOURCES[args.type];
    if (!source) return false;
    const acl = fixCannedAcl(args.props, source);
    const grants = source.grants ? fixGrants(args.props, source.grants) : false;
    return acl || grants;
};

export default resourceControl(metadata, validate, remediation(fixPublicAcl));
