// Object storage encrypted at rest (DSL Art. 27, MLPS 2.0 L3 data confidentiality). OSS buckets
// need a server-side encryption rule, inline or through a separate
// alicloud.oss.BucketServerSideEncryption. S3 has encrypted every new object (SSE-S3) since
// January 2023, so S3 buckets are only checked when requireCustomerManagedKeys asks for a KMS key.
// A stack policy: the separate encryption resources link to their bucket through the `bucket`
// input (property dependencies, else the bucket name when both are known strings).
import type * as alicloud from "@pulumi/alicloud";
import type * as aws from "@pulumi/aws";
import type { PolicyResource, ReportViolation, StackValidationArgs } from "@pulumi/policy";
import { readConfig } from "../shared/config";
import { type ControlMetadata } from "../shared/control";
import { legacyStackControl } from "../shared/control-legacy";
import { type Bilingual, bi, findingMessage, safeValue } from "../shared/messages";
import { inputName } from "../shared/properties";
import { reportAdvisory } from "../shared/report";
import { cloudOf } from "../shared/regions";
import { StackIndex, refersTo, tryRead } from "../shared/stack";
import { CMK_CONFIG, type Cloud, ENCRYPTION_BASIS, REQUIRED_CMK, REQUIRED_ENCRYPTED, field, isNamed } from "./common";

export const config = CMK_CONFIG;

/** One server-side encryption rule, wherever it is declared. */
export interface SseRule {
    /** The algorithm as read (never echoed unless in the vocabulary). */
    algorithm: unknown;
    /** Reads the key id input. */
    key: () => unknown;
    /** Path of the rule's algorithm input, for messages. */
    path: string;
    keyPath: string;
}

export interface BucketSource {
    cloud: Cloud;
    kind: Bilingual;
    /** Input holding the inline rule(s), named when a bucket has none. */
    inlinePath: string;
    /** The bucket's inline rules; may throw UnknownValueError. */
    inlineRules(props: Record<string, unknown>): SseRule[];
    /** Separate encryption resources that can target this bucket. */
    configTypes: readonly string[];
}

export interface ConfigSource {
    kind: Bilingual;
    /** The resource's rules; may throw UnknownValueError. */
    rules(props: Record<string, unknown>): SseRule[];
}

const OSS_ALGORITHMS = ["AES256", "KMS", "SM4"];
const S3_ALGORITHMS = ["AES256", "aws:kms", "aws:kms:dsse"];
const S3_KMS_ALGORITHMS = ["aws:kms", "aws:kms:dsse"];

type OssRule = alicloud.types.input.oss.BucketServerSideEncryptionRule;
type S3Default = aws.types.input.s3.BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefault;

function asList(v: unknown): unknown[] {
    return Array.isArray(v) ? v : [];
}

function ossRule(obj: unknown, base: string): SseRule[] {
    if (obj === undefined || obj === null) {
        return [];
    }
    const prefix = base === "" ? "" : `${base}.`;
    return [
        {
            algorithm: field(obj, inputName<OssRule>("sseAlgorithm")),
            key: () => field(obj, inputName<OssRule>("kmsMasterKeyId")),
            path: `${prefix}sseAlgorithm`,
            keyPath: `${prefix}kmsMasterKeyId`,
        },
    ];
}

function s3Default(obj: unknown, base: string): SseRule {
    return {
        algorithm: field(obj, inputName<S3Default>("sseAlgorithm")),
        key: () => field(obj, inputName<S3Default>("kmsMasterKeyId")),
        path: `${base}.sseAlgorithm`,
        keyPath: `${base}.kmsMasterKeyId`,
    };
}

/** aws.s3.BucketServerSideEncryptionConfiguration(V2) `rules[].applyServerSideEncryptionByDefault`. */
function s3ConfigRules(p: Record<string, unknown>): SseRule[] {
    return asList(field(p, "rules")).map((rule, i) => s3Default(field(rule, "applyServerSideEncryptionByDefault"), `rules[${i}].applyServerSideEncryptionByDefault`));
}

const S3_CONFIG_TYPES = [
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
];
const OSS_CONFIG_TYPES = ["alicloud:oss/bucketServerSideEncryption:BucketServerSideEncryption"];

export const BUCKET_SOURCES: Record<string, BucketSource> = {
    "alicloud:oss/bucket:Bucket": {
        cloud: "alicloud",
        kind: bi("OSS bucket", "OSS 存储桶"),
        inlinePath: inputName<alicloud.oss.BucketArgs>("serverSideEncryptionRule"),
        inlineRules: (p) => ossRule(field(p, inputName<alicloud.oss.BucketArgs>("serverSideEncryptionRule")), "serverSideEncryptionRule"),
        configTypes: OSS_CONFIG_TYPES,
    },
    "aws:s3/bucket:Bucket": {
        cloud: "aws",
        kind: bi("S3 bucket", "S3 存储桶"),
        inlinePath: inputName<aws.s3.BucketArgs>("serverSideEncryptionConfiguration"),
        // Deprecated inline block: serverSideEncryptionConfiguration.rule.applyServerSideEncryptionByDefault.
        inlineRules(p) {
            const rule = field(field(p, inputName<aws.s3.BucketArgs>("serverSideEncryptionConfiguration")), "rule");
            return rule === undefined || rule === null
                ? []
                : [s3Default(field(rule, "applyServerSideEncryptionByDefault"), "serverSideEncryptionConfiguration.rule.applyServerSideEncryptionByDefault")];
        },
        configTypes: S3_CONFIG_TYPES,
    },
    "aws:s3/bucketV2:BucketV2": {
        cloud: "aws",
        kind: bi("S3 bucket (deprecated BucketV2)", "S3 存储桶（已弃用的 BucketV2）"),
        inlinePath: inputName<aws.s3.BucketV2Args>("serverSideEncryptionConfigurations"),
        // Deprecated plural form: serverSideEncryptionConfigurations[].rules[].applyServerSideEncryptionByDefaults[].
        inlineRules: (p) =>
            asList(field(p, inputName<aws.s3.BucketV2Args>("serverSideEncryptionConfigurations"))).flatMap((c, i) =>
                asList(field(c, "rules")).flatMap((rule, j) =>
                    asList(field(rule, "applyServerSideEncryptionByDefaults")).map((d, k) =>
                        s3Default(d, `serverSideEncryptionConfigurations[${i}].rules[${j}].applyServerSideEncryptionByDefaults[${k}]`),
                    ),
                ),
            ),
        configTypes: S3_CONFIG_TYPES,
    },
};

export const CONFIG_SOURCES: Record<string, ConfigSource> = {
    "alicloud:oss/bucketServerSideEncryption:BucketServerSideEncryption": {
        kind: bi("OSS bucket server-side encryption", "OSS 存储桶服务端加密"),
        rules: (p) => ossRule(p, ""),
    },
    [S3_CONFIG_TYPES[0]!]: { kind: bi("S3 bucket server-side encryption configuration", "S3 存储桶服务端加密配置"), rules: s3ConfigRules },
    [S3_CONFIG_TYPES[1]!]: { kind: bi("S3 bucket server-side encryption configuration (deprecated V2)", "S3 存储桶服务端加密配置（已弃用的 V2）"), rules: s3ConfigRules },
};

export const metadata: ControlMetadata = {
    name: "object-storage-encrypted",
    description:
        "Object storage is encrypted at rest: every OSS bucket has a server-side encryption rule (inline or alicloud.oss.BucketServerSideEncryption). S3 buckets, encrypted by default since 2023, are checked only when requireCustomerManagedKeys is true: then they need SSE-KMS with a named key.",
    category: "encryption",
    bases: ["csl-23-4", "pipl-51-3", "mlps-8.1.4.8", "mlps-8.2.4.5-d"],
    severity: "high",
    enforcementLevel: "mandatory",
    remediationSteps:
        'Give each OSS bucket `serverSideEncryptionRule: { sseAlgorithm: "KMS" }` (or "AES256"), or an alicloud.oss.BucketServerSideEncryption with `bucket` set to the bucket. ' +
        'With requireCustomerManagedKeys, use sseAlgorithm "KMS" with `kmsMasterKeyId` on OSS, and an aws.s3.BucketServerSideEncryptionConfiguration with `sseAlgorithm: "aws:kms"` (or "aws:kms:dsse") and `kmsMasterKeyId` on S3. ' +
        "Bucket encryption applies to objects written afterwards; existing objects stay as they were until rewritten. Not remediated automatically: choosing the key is yours.",
    zh: {
        description: "对象存储静态加密：每个 OSS 存储桶都有服务端加密规则（内联或 alicloud.oss.BucketServerSideEncryption）。S3 存储桶自 2023 年起默认加密，仅在 requireCustomerManagedKeys 为 true 时检查：此时须使用指定密钥的 SSE-KMS。",
        remediationSteps:
            '为每个 OSS 存储桶设置 `serverSideEncryptionRule: { sseAlgorithm: "KMS" }`（或 "AES256"），或创建 `bucket` 指向该存储桶的 alicloud.oss.BucketServerSideEncryption。' +
            '启用 requireCustomerManagedKeys 时，OSS 使用 sseAlgorithm "KMS" 并设置 `kmsMasterKeyId`；S3 使用 aws.s3.BucketServerSideEncryptionConfiguration，`sseAlgorithm: "aws:kms"`（或 "aws:kms:dsse"）并设置 `kmsMasterKeyId`。' +
            "存储桶加密只作用于此后写入的对象；已有对象在被重写之前保持原状。不提供自动修复：加密密钥须由您选择。",
    },
    resourceTypes: [...Object.keys(BUCKET_SOURCES), ...Object.keys(CONFIG_SOURCES)],
    config,
};

type Verdict = { kind: "ok" } | { kind: "unknown"; property: string } | { kind: "fail"; found: Bilingual; property: string };

/** Checks one rule: an accepted algorithm and, when a customer-managed key is required, a KMS algorithm with a named key. */
export function checkRule(rule: SseRule, cloud: Cloud, requireCmk: boolean): Verdict {
    const vocabulary = cloud === "aws" ? S3_ALGORITHMS : OSS_ALGORITHMS;
    const kms = cloud === "aws" ? S3_KMS_ALGORITHMS : ["KMS"];
    const alg = rule.algorithm;
    const accepted = requireCmk ? kms : vocabulary;
    if (typeof alg !== "string" || !accepted.includes(alg)) {
        const v = safeValue(alg, { vocabulary });
        return { kind: "fail", found: bi(`sseAlgorithm ${v}`, `sseAlgorithm 为 ${v}`), property: rule.path };
    }
    if (requireCmk && !isNamed(rule.key)) {
        return { kind: "fail", found: bi(`sseAlgorithm "${alg}" with no kmsMasterKeyId (service-managed key)`, `sseAlgorithm 为 "${alg}"，未指定 kmsMasterKeyId（服务托管密钥）`), property: rule.keyPath };
    }
    return { kind: "ok" };
}

/** `config` targets `bucket` through its `bucket` input: a property dependency, else equal known bucket names. */
function targets(config: PolicyResource, bucket: PolicyResource): boolean {
    if (refersTo(config, "bucket", bucket)) {
        return true;
    }
    const a = tryRead(() => config.props.bucket);
    const b = tryRead(() => bucket.props.bucket);
    return a.known && b.known && typeof a.value === "string" && a.value !== "" && a.value === b.value;
}

function label(kind: Bilingual, name: string, owner?: { kind: Bilingual; name: string }): Bilingual {
    const via = owner ? bi(` (via ${owner.kind.en} "${owner.name}")`, `（通过${owner.kind.zh}“${owner.name}”）`) : bi("", "");
    return bi(`${kind.en} "${name}"${via.en}`, `${kind.zh}“${name}”${via.zh}`);
}

function validateStack(args: StackValidationArgs, report: ReportViolation): void {
    const { requireCustomerManagedKeys } = readConfig(config, args.getConfig());
    // S3 buckets are only checked when a customer-managed key is required.
    const required = requireCustomerManagedKeys ? REQUIRED_CMK : REQUIRED_ENCRYPTED;
    const idx = new StackIndex(args.resources);
    const linked = new Set<string>();

    const emit = (target: PolicyResource, who: Bilingual, v: Verdict, fix: Bilingual) => {
        if (v.kind === "ok") return;
        if (v.kind === "unknown") {
            reportAdvisory(report, findingMessage({ resource: who, found: bi("unknown during preview", "预览时未知"), required, property: v.property, basis: ENCRYPTION_BASIS }), target.urn);
            return;
        }
        report(findingMessage({ resource: who, found: v.found, required, property: v.property, fix, basis: ENCRYPTION_BASIS }), target.urn);
    };

    for (const bucket of args.resources) {
        const source = BUCKET_SOURCES[bucket.type];
        if (!source || (source.cloud === "aws" && !requireCustomerManagedKeys)) {
            continue;
        }
        const configs = idx.ofType(...source.configTypes).filter((c) => targets(c, bucket));
        configs.forEach((c) => linked.add(c.urn));
        const fix =
            source.cloud === "aws"
                ? bi(
                      'Add an aws.s3.BucketServerSideEncryptionConfiguration for this bucket with `sseAlgorithm: "aws:kms"` and `kmsMasterKeyId`.',
                      '请为该存储桶添加 aws.s3.BucketServerSideEncryptionConfiguration，设置 `sseAlgorithm: "aws:kms"` 和 `kmsMasterKeyId`。',
                  )
                : requireCustomerManagedKeys
                  ? bi('Set `sseAlgorithm: "KMS"` with `kmsMasterKeyId` (inline or in an alicloud.oss.BucketServerSideEncryption).', '请设置 `sseAlgorithm: "KMS"` 并指定 `kmsMasterKeyId`（内联或使用 alicloud.oss.BucketServerSideEncryption）。')
                  : bi('Add `serverSideEncryptionRule: { sseAlgorithm: "KMS" }` (or "AES256"), or an alicloud.oss.BucketServerSideEncryption for this bucket.', '请添加 `serverSideEncryptionRule: { sseAlgorithm: "KMS" }`（或 "AES256"），或为该存储桶添加 alicloud.oss.BucketServerSideEncryption。');

        // A separate encryption resource overrides the inline rule; evaluate whichever governs.
        const sets: { owner?: PolicyResource; ownerKind?: Bilingual; rules: () => SseRule[] }[] =
            configs.length > 0
                ? configs.map((c) => ({ owner: c, ownerKind: CONFIG_SOURCES[c.type]!.kind, rules: () => CONFIG_SOURCES[c.type]!.rules(c.props) }))
                : [{ rules: () => source.inlineRules(bucket.props) }];
        for (const set of sets) {
            const who = label(source.kind, bucket.name, set.owner && set.ownerKind ? { kind: set.ownerKind, name: set.owner.name } : undefined);
            const rules = tryRead(set.rules);
            if (!rules.known) {
                emit(bucket, who, { kind: "unknown", property: set.owner ? "rules" : source.inlinePath }, fix);
                continue;
            }
            if (rules.value.length === 0) {
                const none =
                    source.cloud === "aws"
                        ? bi("no server-side encryption configuration (the S3 default, SSE-S3 with an AWS-owned key)", "没有服务端加密配置（S3 默认的 SSE-S3，使用 AWS 自有密钥）")
                        : bi("no server-side encryption rule", "没有服务端加密规则");
                emit(bucket, who, { kind: "fail", found: none, property: set.owner ? "rules" : source.inlinePath }, fix);
                continue;
            }
            for (const rule of rules.value) {
                emit(bucket, who, checkRule(rule, source.cloud, requireCustomerManagedKeys), fix);
            }
        }
    }

    // Encryption resources for buckets outside this stack are checked on their own.
    for (const c of args.resources) {
        const cs = CONFIG_SOURCES[c.type];
        if (!cs || linked.has(c.urn)) {
            continue;
        }
        const cloud: Cloud = cloudOf(c.type) ?? "alicloud";
        if (cloud === "aws" && !requireCustomerManagedKeys) {
            continue;
        }
        const who = label(cs.kind, c.name);
        const fix = requireCustomerManagedKeys
            ? bi("Use a KMS algorithm with a named `kmsMasterKeyId`.", "请使用 KMS 算法并指定 `kmsMasterKeyId`。")
            : bi('Use sseAlgorithm "KMS" or "AES256".', '请将 sseAlgorithm 设置为 "KMS" 或 "AES256"。');
        const rules = tryRead(() => cs.rules(c.props));
        if (!rules.known) {
            emit(c, who, { kind: "unknown", property: "rules" }, fix);
            continue;
        }
        for (const rule of rules.value) {
            emit(c, who, checkRule(rule, cloud, requireCustomerManagedKeys), fix);
        }
    }
}

export default legacyStackControl(metadata, validateStack);
