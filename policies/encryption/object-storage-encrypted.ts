// Object storage encrypted at rest (Cybersecurity Law Art. 23(4), PIPL Art. 51(3), GB/T 22239-2019
// 8.1.4.8 b); customer-managed keys 8.2.4.5 d)). OSS buckets need a server-side encryption rule,
// inline or through a separate alicloud.oss.BucketServerSideEncryption. S3 has encrypted every new
// object (SSE-S3) since January 2023, so S3 buckets are only checked when
// requireCustomerManagedKeys asks for a KMS key. A stack policy: the separate encryption resources
// link to their bucket through the `bucket` input (property dependencies, else the bucket name
// when both are known strings).
import type * as alicloud from "@pulumi/alicloud";
import type * as aws from "@pulumi/aws";
import type { PolicyResource, StackValidationArgs } from "@pulumi/policy";
import { readConfig } from "../shared/config";
import { type ControlMetadata, stackControl } from "../shared/control";
import { type Change, type Emit, shownValue } from "../shared/emit";
import { type Bilingual, bi } from "../shared/messages";
import { inputName } from "../shared/properties";
import { Input } from "../shared/reader";
import { cloudOf } from "../shared/regions";
import { StackIndex, refersTo } from "../shared/stack";
import { CMK_BASES, CMK_CONFIG, type Cloud, ENCRYPTION_BASES, REQUIRED_CMK, REQUIRED_ENCRYPTED, isNamed } from "./common";

export const config = CMK_CONFIG;

/** One server-side encryption rule, wherever it is declared: its algorithm and key inputs, with their paths. */
export interface SseRule {
    algorithm: Input;
    key: Input;
}

/** Rules as read: a list, or unknown during preview at `path`. */
export type Rules = { known: true; rules: SseRule[] } | { known: false; path: string };

export interface BucketSource {
    cloud: Cloud;
    kind: Bilingual;
    /** Input holding the inline rule(s), named when a bucket has none. */
    inlinePath: string;
    /** The bucket's inline rules. */
    inlineRules(props: Input): Rules;
    /** Separate encryption resources that can target this bucket. */
    configTypes: readonly string[];
}

export interface ConfigSource {
    kind: Bilingual;
    /** The type as written in a program, for "Change `x` of the `<type>`". */
    program: string;
    /** The resource's rules. */
    rules(props: Input): Rules;
}

const OSS_ALGORITHMS = ["AES256", "KMS", "SM4"];
const S3_ALGORITHMS = ["AES256", "aws:kms", "aws:kms:dsse"];
const S3_KMS_ALGORITHMS = ["aws:kms", "aws:kms:dsse"];

type OssRule = alicloud.types.input.oss.BucketServerSideEncryptionRule;
type S3Default = aws.types.input.s3.BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefault;

/** The items of a list input: [] when absent or not a list; the Input itself when unknown. */
function itemsOf(list: Input): Input[] | Input {
    const r = list.items();
    if (r.kind === "unknown") return list;
    return r.kind === "value" ? r.value : [];
}

/** The rules of every item of a list; one unknown item or list makes the whole set unknown. */
function flatRules(list: Input, each: (item: Input) => Rules): Rules {
    const items = itemsOf(list);
    if (items instanceof Input) return { known: false, path: items.path };
    const rules: SseRule[] = [];
    for (const item of items) {
        const r = each(item);
        if (!r.known) return r;
        rules.push(...r.rules);
    }
    return { known: true, rules };
}

function ruleAt(obj: Input): Rules {
    if (obj.unknown) return { known: false, path: obj.path };
    if (!obj.isSet) return { known: true, rules: [] };
    return {
        known: true,
        rules: [{ algorithm: obj.get(inputName<OssRule>("sseAlgorithm")), key: obj.get(inputName<OssRule>("kmsMasterKeyId")) }],
    };
}

/** An S3 `applyServerSideEncryptionByDefault` block (present or not: an empty rule still decides nothing but is reported). */
function s3Default(obj: Input): Rules {
    if (obj.unknown) return { known: false, path: obj.path };
    return { known: true, rules: [{ algorithm: obj.get(inputName<S3Default>("sseAlgorithm")), key: obj.get(inputName<S3Default>("kmsMasterKeyId")) }] };
}

/** aws.s3.BucketServerSideEncryptionConfiguration(V2) `rules[].applyServerSideEncryptionByDefault`. */
const s3ConfigRules = (p: Input): Rules => flatRules(p.get("rules"), (rule) => s3Default(rule.get("applyServerSideEncryptionByDefault")));

const S3_CONFIG_TYPES = [
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
];
const OSS_CONFIG_TYPES = ["alicloud:oss/bucketServerSideEncryption:BucketServerSideEncryption"];

export const BUCKET_SOURCES: Record<string, BucketSource> = {
    "alicloud:oss/bucket:Bucket": {
        cloud: "alicloud",
        kind: bi("OSS bucket", "OSS Bucket（存储空间）"),
        inlinePath: inputName<alicloud.oss.BucketArgs>("serverSideEncryptionRule"),
        inlineRules: (p) => ruleAt(p.get(inputName<alicloud.oss.BucketArgs>("serverSideEncryptionRule"))),
        configTypes: OSS_CONFIG_TYPES,
    },
    "aws:s3/bucket:Bucket": {
        cloud: "aws",
        kind: bi("S3 bucket", "S3 存储桶"),
        inlinePath: inputName<aws.s3.BucketArgs>("serverSideEncryptionConfiguration"),
        // Deprecated inline block: serverSideEncryptionConfiguration.rule.applyServerSideEncryptionByDefault.
        inlineRules(p) {
            const rule = p.at(inputName<aws.s3.BucketArgs>("serverSideEncryptionConfiguration"), "rule");
            if (rule.unknown) return { known: false, path: rule.path };
            return rule.isSet ? s3Default(rule.get("applyServerSideEncryptionByDefault")) : { known: true, rules: [] };
        },
        configTypes: S3_CONFIG_TYPES,
    },
    "aws:s3/bucketV2:BucketV2": {
        cloud: "aws",
        kind: bi("S3 bucket (deprecated BucketV2)", "S3 存储桶（已弃用的 BucketV2）"),
        inlinePath: inputName<aws.s3.BucketV2Args>("serverSideEncryptionConfigurations"),
        // Deprecated plural form: serverSideEncryptionConfigurations[].rules[].applyServerSideEncryptionByDefaults[].
        inlineRules: (p) =>
            flatRules(p.get(inputName<aws.s3.BucketV2Args>("serverSideEncryptionConfigurations")), (c) =>
                flatRules(c.get("rules"), (rule) => flatRules(rule.get("applyServerSideEncryptionByDefaults"), s3Default)),
            ),
        configTypes: S3_CONFIG_TYPES,
    },
};

export const CONFIG_SOURCES: Record<string, ConfigSource> = {
    "alicloud:oss/bucketServerSideEncryption:BucketServerSideEncryption": {
        kind: bi("OSS bucket server-side encryption", "OSS 服务器端加密配置"),
        program: "alicloud.oss.BucketServerSideEncryption",
        rules: (p) => ruleAt(p),
    },
    [S3_CONFIG_TYPES[0]!]: {
        kind: bi("S3 bucket server-side encryption configuration", "S3 存储桶服务器端加密配置"),
        program: "aws.s3.BucketServerSideEncryptionConfiguration",
        rules: s3ConfigRules,
    },
    [S3_CONFIG_TYPES[1]!]: {
        kind: bi("S3 bucket server-side encryption configuration (deprecated V2)", "S3 存储桶服务器端加密配置（已弃用的 V2）"),
        program: "aws.s3.BucketServerSideEncryptionConfigurationV2",
        rules: s3ConfigRules,
    },
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
        description: "对象存储静态加密：每个 OSS Bucket（存储空间）都有服务器端加密规则（内联或 alicloud.oss.BucketServerSideEncryption）。S3 存储桶自 2023 年起默认加密，仅在 requireCustomerManagedKeys 为 true 时检查：此时须使用指定密钥的 SSE-KMS。",
        remediationSteps:
            '为每个 OSS Bucket（存储空间）设置 `serverSideEncryptionRule: { sseAlgorithm: "KMS" }`（或 "AES256"），或创建 `bucket` 指向该 Bucket 的 alicloud.oss.BucketServerSideEncryption。' +
            '启用 requireCustomerManagedKeys 时，OSS 使用 sseAlgorithm "KMS" 并设置 `kmsMasterKeyId`；S3 使用 aws.s3.BucketServerSideEncryptionConfiguration，`sseAlgorithm: "aws:kms"`（或 "aws:kms:dsse"）并设置 `kmsMasterKeyId`。' +
            "Bucket 加密只作用于此后写入的对象；已有对象在被重写之前保持原状。不提供自动修复：加密密钥须由您选择。",
    },
    resourceTypes: [...Object.keys(BUCKET_SOURCES), ...Object.keys(CONFIG_SOURCES)],
    config,
};

type Verdict = { kind: "ok" } | { kind: "unknown"; read: Input } | { kind: "fail"; found: Bilingual; read: Input; key: boolean };

/** Checks one rule: an accepted algorithm and, when a customer-managed key is required, a KMS algorithm with a named key. */
export function checkRule(rule: SseRule, cloud: Cloud, requireCmk: boolean): Verdict {
    const vocabulary = cloud === "aws" ? S3_ALGORITHMS : OSS_ALGORITHMS;
    const kms = cloud === "aws" ? S3_KMS_ALGORITHMS : ["KMS"];
    const alg = rule.algorithm.raw();
    if (alg.kind === "unknown") return { kind: "unknown", read: rule.algorithm };
    const accepted = requireCmk ? kms : vocabulary;
    const value = alg.kind === "value" ? alg.value : undefined;
    if (typeof value !== "string" || !accepted.includes(value)) {
        const v = shownValue(value, { vocabulary });
        return { kind: "fail", found: bi(`sseAlgorithm ${v.en}`, `sseAlgorithm 为${v.zh}`), read: rule.algorithm, key: false };
    }
    if (requireCmk && !isNamed(rule.key)) {
        return {
            kind: "fail",
            found: bi(`sseAlgorithm "${value}" with no kmsMasterKeyId (service-managed key)`, `sseAlgorithm 为 "${value}"，未指定 kmsMasterKeyId（服务托管密钥）`),
            read: rule.key,
            key: true,
        };
    }
    return { kind: "ok" };
}

/**
 * Whether an encryption resource names this bucket: by property dependency, else by equal known
 * names. "maybe" when a name is unknown during preview and no dependency decides it: such a
 * resource may be the bucket's rule, so a missing rule is then not a mandatory finding.
 */
export function targets(config: PolicyResource, bucket: PolicyResource): "yes" | "no" | "maybe" {
    if (refersTo(config, "bucket", bucket)) return "yes";
    if ((config.propertyDependencies["bucket"] ?? []).length > 0) return "no";
    const a = Input.of(config.props).get("bucket").string();
    const b = Input.of(bucket.props).get("bucket").string();
    if (a.kind === "unknown" || b.kind === "unknown") return "maybe";
    return a.kind === "value" && b.kind === "value" && a.value !== "" && a.value === b.value ? "yes" : "no";
}

/** A rule set that governs a bucket: its inline rules, or those of a separate encryption resource that names it. */
export interface RuleSet {
    rules: Rules;
    /** The separate resource holding the rules; it overrides the bucket's inline rule. */
    owner?: { resource: PolicyResource; source: ConfigSource };
}

/**
 * The rule sets that govern a bucket: those of every separate encryption resource that names it,
 * else its inline rules. `maybe` when none names it but one whose bucket is unknown may: a missing
 * rule is then not a mandatory finding.
 */
export function governingRules(bucket: PolicyResource, source: BucketSource, idx: StackIndex): { sets: RuleSet[]; maybe: boolean } {
    const candidates = idx.ofType(...source.configTypes);
    const verdicts = candidates.map((c) => targets(c, bucket));
    const configs = candidates.filter((_, i) => verdicts[i] === "yes");
    if (configs.length === 0) {
        return { sets: [{ rules: source.inlineRules(Input.of(bucket.props)) }], maybe: verdicts.includes("maybe") };
    }
    const sets = configs.map((resource): RuleSet => {
        const cs = CONFIG_SOURCES[resource.type]!;
        return { rules: cs.rules(Input.of(resource.props)), owner: { resource, source: cs } };
    });
    return { sets, maybe: false };
}

/** The input a finding on a rule set names: the bucket's own, or the separate resource's. */
export function ruleChange(set: RuleSet, path: string): Change {
    return set.owner ? { type: set.owner.source.program, input: path } : path;
}

/** The input to change when a rule set has no rule: S3 only takes a separate configuration resource. */
export function missingRuleChange(set: RuleSet, source: BucketSource): Change {
    if (set.owner) return { type: set.owner.source.program, input: "rules" };
    return source.cloud === "aws" ? { type: "aws.s3.BucketServerSideEncryptionConfiguration", input: "rules", add: true } : source.inlinePath;
}

function label(kind: Bilingual, name: string, owner?: { kind: Bilingual; name: string }): Bilingual {
    const via = owner ? bi(` (via ${owner.kind.en} "${owner.name}")`, `（通过${owner.kind.zh}“${owner.name}”）`) : bi("", "");
    return bi(`${kind.en} "${name}"${via.en}`, `${kind.zh}“${name}”${via.zh}`);
}

const UNKNOWN_FOUND = bi("a value that is unknown until deployment", "部署前未知的值");

/** A rule set and the resource its findings are reported on (the bucket, or an encryption resource of a bucket outside the stack). */
interface Place {
    target: PolicyResource;
    kind: Bilingual;
    who: Bilingual;
    set: RuleSet;
}

function validateStack(args: StackValidationArgs, emit: Emit): void {
    const { requireCustomerManagedKeys } = readConfig(config, args.getConfig());
    // S3 buckets are only checked when a customer-managed key is required.
    const required = requireCustomerManagedKeys ? REQUIRED_CMK : REQUIRED_ENCRYPTED;
    const idx = StackIndex.of(args.resources);
    const linked = new Set<string>();

    const report = (place: Place, v: Verdict, fix: Bilingual) => {
        if (v.kind === "ok") return;
        const on = { urn: place.target.urn, name: place.target.name };
        if (v.kind === "unknown") {
            emit({ kind: place.kind, on, label: place.who, found: UNKNOWN_FOUND, required, change: ruleChange(place.set, v.read.path), unknown: true, bases: ENCRYPTION_BASES });
            return;
        }
        emit({ kind: place.kind, on, label: place.who, found: v.found, required, change: ruleChange(place.set, v.read.path), fix, bases: v.key || requireCustomerManagedKeys ? CMK_BASES : ENCRYPTION_BASES });
    };
    const reportRules = (place: Place, cloud: Cloud, fix: Bilingual, none: { found: Bilingual; change: Change; unknown: boolean } | undefined) => {
        const rules = place.set.rules;
        if (!rules.known) {
            emit({ kind: place.kind, on: { urn: place.target.urn, name: place.target.name }, label: place.who, found: UNKNOWN_FOUND, required, change: ruleChange(place.set, rules.path), unknown: true, bases: ENCRYPTION_BASES });
            return;
        }
        if (rules.rules.length === 0 && none) {
            emit({ kind: place.kind, on: { urn: place.target.urn, name: place.target.name }, label: place.who, found: none.found, required, change: none.change, fix, unknown: none.unknown, bases: requireCustomerManagedKeys ? CMK_BASES : ENCRYPTION_BASES });
            return;
        }
        for (const rule of rules.rules) report(place, checkRule(rule, cloud, requireCustomerManagedKeys), fix);
    };

    for (const bucket of args.resources) {
        const source = BUCKET_SOURCES[bucket.type];
        if (!source || (source.cloud === "aws" && !requireCustomerManagedKeys)) {
            continue;
        }
        const { sets, maybe } = governingRules(bucket, source, idx);
        const fix =
            source.cloud === "aws"
                ? bi(
                      'Add an aws.s3.BucketServerSideEncryptionConfiguration for this bucket with `sseAlgorithm: "aws:kms"` and `kmsMasterKeyId`.',
                      '请为该存储桶添加 aws.s3.BucketServerSideEncryptionConfiguration，设置 `sseAlgorithm: "aws:kms"` 和 `kmsMasterKeyId`。',
                  )
                : requireCustomerManagedKeys
                  ? bi('Set `sseAlgorithm: "KMS"` with `kmsMasterKeyId` (inline or in an alicloud.oss.BucketServerSideEncryption).', '请设置 `sseAlgorithm: "KMS"` 并指定 `kmsMasterKeyId`（内联或使用 alicloud.oss.BucketServerSideEncryption）。')
                  : bi('Add `serverSideEncryptionRule: { sseAlgorithm: "KMS" }` (or "AES256"), or an alicloud.oss.BucketServerSideEncryption for this bucket.', '请添加 `serverSideEncryptionRule: { sseAlgorithm: "KMS" }`（或 "AES256"），或为该 Bucket 添加 alicloud.oss.BucketServerSideEncryption。');
        const found =
            source.cloud === "aws"
                ? bi("no server-side encryption configuration (the S3 default, SSE-S3 with an AWS-owned key)", "没有服务器端加密配置（S3 默认的 SSE-S3，使用 AWS 自有密钥）")
                : bi("no server-side encryption rule", "没有服务器端加密规则");
        // A separate encryption resource overrides the inline rule; evaluate whichever governs.
        for (const set of sets) {
            if (set.owner) linked.add(set.owner.resource.urn);
            const owner = set.owner ? { kind: set.owner.source.kind, name: set.owner.resource.name } : undefined;
            // An encryption resource whose bucket is unknown may be this bucket's: not mandatory.
            reportRules({ target: bucket, kind: source.kind, who: label(source.kind, bucket.name, owner), set }, source.cloud, fix, { found, change: missingRuleChange(set, source), unknown: maybe });
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
        const fix = requireCustomerManagedKeys
            ? bi("Use a KMS algorithm with a named `kmsMasterKeyId`.", "请使用 KMS 算法并指定 `kmsMasterKeyId`。")
            : bi('Use sseAlgorithm "KMS" or "AES256".', '请将 sseAlgorithm 设置为 "KMS" 或 "AES256"。');
        reportRules({ target: c, kind: cs.kind, who: label(cs.kind, c.name), set: { rules: cs.rules(Input.of(c.props)) } }, cloud, fix, undefined);
    }
}

export default stackControl(metadata, validateStack);
