// Classified data is never open to everyone (Data Security Law Art. 21, PIPL Art. 51(3), CSL
// Art. 23(4); GB/T 22239-2019 8.1.4.2 access control): from `fromLevel` up (default personal), a
// database or bucket has no public access of any kind the access-control controls can see: a
// public RDS endpoint or an IP whitelist admitting anywhere (no-public-databases), a public
// canned ACL or a grant to everyone on the bucket or its ACL resource (no-public-buckets), a
// public access block of the bucket with a flag off (bucket-public-access-blocked). Those
// controls report the same settings for every resource; this one adds the classification as its
// basis. A stack policy: a bucket's ACL and public access block are separate resources.
import type { PolicyResource, StackValidationArgs } from "@pulumi/policy";
import { ACL_SOURCES, aclExposures } from "../access-control/no-public-buckets";
import { BLOCK_SOURCES, BUCKET_BLOCK_TYPES, blockFlags } from "../access-control/bucket-public-access-blocked";
import { DATABASE_SOURCES, type Exposure } from "../access-control/no-public-databases";
import { targets } from "../encryption/object-storage-encrypted";
import { programType } from "../logging/links";
import { readConfig } from "../shared/config";
import { type ControlMetadata, stackControl } from "../shared/control";
import { type Change, type Emit } from "../shared/emit";
import { bi } from "../shared/messages";
import { Input } from "../shared/reader";
import { cloudOf } from "../shared/regions";
import { StackIndex } from "../shared/stack";
import { STATEFUL } from "./classification";
import { type Problem, classifiedConfig, eachClassified, emitProblem } from "./classified";

const RULE = "a database or bucket must have no public access";

export const config = classifiedConfig(RULE);

const BUCKET_TYPES = ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2", "alicloud:oss/bucket:Bucket"];
const BUCKET_ACL_TYPES: Readonly<Record<string, readonly string[]>> = {
    aws: ["aws:s3/bucketAcl:BucketAcl", "aws:s3/bucketAclV2:BucketAclV2"],
    alicloud: ["alicloud:oss/bucketAcl:BucketAcl"],
};

const TYPES = [...Object.keys(DATABASE_SOURCES), ...BUCKET_TYPES].filter((t) => t in STATEFUL);
const LINKED_TYPES = [...Object.values(BUCKET_ACL_TYPES).flat(), ...BUCKET_BLOCK_TYPES];

export const metadata: ControlMetadata = {
    name: "classified-data-not-public",
    description: "Databases and buckets holding classified data (default: personal information and above) have no public access: no public endpoint, whitelist, ACL, grant or open public access block.",
    category: "data-classification",
    bases: ["dsl-21", "pipl-51-3", "csl-23-4", "mlps-8.1.4.2"],
    severity: "critical",
    enforcementLevel: "mandatory",
    remediationSteps:
        "Close every public path: aws.rds.Instance `publiclyAccessible` false; Alibaba Cloud RDS, KVStore and PolarDB IP whitelists with the application's private CIDRs only; " +
        "bucket ACL `private` with no grants to AllUsers / AuthenticatedUsers (also on an aws.s3.BucketAcl / alicloud.oss.BucketAcl of the bucket); every flag of the bucket's " +
        "public access block true. All change in place. Or lower the resource's classification if it holds no such data.",
    zh: {
        description: "存放分类数据（默认：个人信息及以上）的数据库和存储桶不得公开访问：没有公网访问、开放的 IP 白名单、公共 ACL 或授权，阻止公共访问的开关全部开启。",
        remediationSteps:
            "关闭所有公开访问途径：aws.rds.Instance 的 `publiclyAccessible` 设为 false；阿里云 RDS、KVStore 和 PolarDB 的 IP 白名单只列出应用的私有网段；" +
            "存储桶的 ACL 设为 `private`，不向 AllUsers / AuthenticatedUsers 授权（包括该存储桶的 aws.s3.BucketAcl / alicloud.oss.BucketAcl）；该存储桶阻止公共访问的开关全部设为 true。" +
            "以上均为原地更新。如资源不含此类数据，也可降低其分类。",
    },
    resourceTypes: [...TYPES, ...LINKED_TYPES],
    config,
};

const REQUIRED = bi("no public access of any kind", "不允许任何形式的公开访问");
const UNKNOWN = bi("a value that is unknown until deployment", "部署前未知的值");

const fromExposure = (e: Exposure, change: (path: string) => Change = (p) => p): Problem =>
    "unknown" in e ? { found: UNKNOWN, change: change(e.property), unknown: true } : { found: e.found, change: change(e.property) };

function bucketProblems(bucket: PolicyResource, idx: StackIndex): Problem[] {
    const cloud = cloudOf(bucket.type) ?? "alicloud";
    const out = aclExposures(bucket.type, Input.of(bucket.props)).map((e) => fromExposure(e));
    for (const acl of idx.ofType(...(BUCKET_ACL_TYPES[cloud] ?? []))) {
        const t = targets(acl, bucket);
        if (t === "no") continue;
        const program = programType(acl.type);
        // An ACL resource whose bucket is unknown may be this bucket's: what it opens is not mandatory here.
        out.push(...aclExposures(acl.type, Input.of(acl.props)).map((e) => ({ ...fromExposure(e, (path) => ({ type: program, input: path })), ...(t === "maybe" ? { unknown: true } : {}) })));
    }
    for (const block of idx.ofType(...BUCKET_BLOCK_TYPES.filter((t) => cloudOf(t) === cloud))) {
        if (targets(block, bucket) !== "yes") continue;
        const program = programType(block.type);
        // One finding for the flags known to be off, one advisory for those unknown during preview.
        const flags = blockFlags(BLOCK_SOURCES[block.type]!, Input.of(block.props));
        const off = flags.off.map((r) => r.path);
        const unknown = flags.unknown.map((r) => r.path);
        if (off.length > 0) {
            out.push({
                found: bi(`public access block with ${off.map((f) => `\`${f}\``).join(", ")} off or unset (default false)`, `阻止公共访问的 ${off.map((f) => `\`${f}\``).join("、")} 已关闭或未设置（默认 false）`),
                change: off.length === 1 ? { type: program, input: off[0]! } : { text: bi(`Set ${off.map((f) => `\`${f}\``).join(", ")} of the \`${program}\` to true.`, `请将 \`${program}\` 的 ${off.map((f) => `\`${f}\``).join("、")} 设为 true。`) },
            });
        }
        if (unknown.length > 0) out.push({ found: UNKNOWN, change: { type: program, input: unknown[0]! }, unknown: true });
    }
    return out;
}

function validate(args: StackValidationArgs, emit: Emit): void {
    const cfg = readConfig(config, args.getConfig());
    const idx = StackIndex.of(args.resources);
    eachClassified(args.resources, TYPES, cfg, emit, (s) => {
        const db = DATABASE_SOURCES[s.resource.type];
        const problems = db ? db.read(Input.of(s.resource.props)).map((e) => fromExposure(e)) : ACL_SOURCES[s.resource.type] ? bucketProblems(s.resource, idx) : [];
        for (const p of problems) emitProblem(emit, s, REQUIRED, p);
    });
}

export default stackControl(metadata, validate);
