// Classified data is encrypted with a key the customer manages (Data Security Law Art. 21, PIPL
// Art. 51(3), GB/T 22239-2019 8.1.4.8 b) and 8.2.4.5 d)): from `fromLevel` up (default personal),
// a database, file system, disk or bucket names a customer-managed KMS key, whatever the pack-wide
// `requireCustomerManagedKeys` says. Which input holds the key is the encryption controls' tables
// (databases-and-file-systems-encrypted, disks-encrypted, object-storage-encrypted); this control
// only decides that the key is required. A stack policy: a bucket's encryption and a disk's
// account default key are separate resources.
import type { PolicyResource, StackValidationArgs } from "@pulumi/policy";
import { STORE_SOURCES, consequence, keyFix } from "../encryption/databases-and-file-systems-encrypted";
import { AccountDefaultsIndex, DISK_SOURCES, evaluateDisk } from "../encryption/disks-encrypted";
import { BUCKET_SOURCES, checkRule, governingRules, missingRuleChange, ruleChange } from "../encryption/object-storage-encrypted";
import { FOUND_SERVICE_KEY } from "../encryption/common";
import { readConfig } from "../shared/config";
import { type ControlMetadata, stackControl } from "../shared/control";
import { type Emit } from "../shared/emit";
import { bi } from "../shared/messages";
import { Input } from "../shared/reader";
import { StackIndex } from "../shared/stack";
import { STATEFUL } from "./classification";
import { type Problem, classifiedConfig, eachClassified, emitProblem } from "./classified";

const RULE = "databases, file systems, disks and buckets must be encrypted with a customer-managed KMS key";

export const config = classifiedConfig(RULE);

/** Disks that are one resource each (instances and templates carry no classification of their own). */
const DISK_TYPES = ["aws:ebs/volume:Volume", "alicloud:ecs/ecsDisk:EcsDisk", "alicloud:ecs/disk:Disk"];

const TYPES = [...new Set([...Object.keys(STORE_SOURCES), ...DISK_TYPES, ...Object.keys(BUCKET_SOURCES)])].filter((t) => t in STATEFUL);

export const metadata: ControlMetadata = {
    name: "classified-data-customer-key",
    description: "Databases, file systems, disks and buckets holding classified data (default: personal information and above) are encrypted with a customer-managed KMS key.",
    category: "data-classification",
    bases: ["dsl-21", "pipl-51-3", "csl-23-4", "mlps-8.1.4.8", "mlps-8.2.4.5-d"],
    severity: "high",
    enforcementLevel: "mandatory",
    remediationSteps:
        "Encrypt the resource with a customer-managed key: name an aws.kms.Key / alicloud.kms.Key in its key input (`kmsKeyId`; Alibaba Cloud RDS and PolarDB `encryptionKey`; NAS " +
        '`encryptType` 2 with `kmsKeyId`); for a bucket use `sseAlgorithm` "aws:kms" / "KMS" with `kmsMasterKeyId` (S3: an aws.s3.BucketServerSideEncryptionConfiguration). ' +
        "On most services changing the key replaces the resource: copy the data to a new encrypted one first. Or lower the resource's classification if it holds no such data.",
    zh: {
        description: "存放分类数据（默认：个人信息及以上）的数据库、文件系统、云盘和存储桶使用客户托管密钥（CMK）加密。",
        remediationSteps:
            "使用客户托管密钥加密该资源：在其密钥输入中指定 aws.kms.Key / alicloud.kms.Key（`kmsKeyId`；阿里云 RDS 和 PolarDB 为 `encryptionKey`；NAS 将 `encryptType` 设为 2 并指定 `kmsKeyId`）；" +
            '存储桶使用 `sseAlgorithm` "aws:kms" / "KMS" 并指定 `kmsMasterKeyId`（S3 使用 aws.s3.BucketServerSideEncryptionConfiguration）。' +
            "多数服务修改密钥会替换资源：请先将数据复制到新的加密资源。如资源不含此类数据，也可降低其分类。",
    },
    resourceTypes: TYPES,
    config,
};

const REQUIRED = bi("encrypted with a customer-managed KMS key", "使用客户托管密钥（CMK）加密");
const UNKNOWN = bi("a value that is unknown until deployment", "部署前未知的值");

function storeProblems(r: PolicyResource): Problem[] {
    const source = STORE_SOURCES[r.type];
    if (!source) return [];
    const props = Input.of(r.props);
    const enc = source.encryption(props);
    switch (enc.state) {
        case "unknown":
            return [{ found: UNKNOWN, change: enc.path, unknown: true }];
        case "unencrypted": {
            const cost = consequence(source, "encrypt");
            return [{ found: enc.found, change: source.flagPath, fix: bi(`Turn encryption on (${source.required.en}) with a customer-managed key in \`${source.keyPath}\`. ${cost.en}`, `请开启加密（${source.required.zh}），并在 \`${source.keyPath}\` 中指定客户托管密钥（CMK）。${cost.zh}`) }];
        }
        case "indeterminate":
            // A replica inherits its source's key: the source is checked on its own.
            return [{ found: enc.found, change: source.keyPath, advisory: true }];
        case "encrypted":
            return source.keyNamed(props) ? [] : [{ found: FOUND_SERVICE_KEY, change: source.keyPath, fix: keyFix(source) }];
    }
}

function diskProblems(r: PolicyResource, defaults: AccountDefaultsIndex): Problem[] {
    const source = DISK_SOURCES[r.type];
    if (!source || !DISK_TYPES.includes(r.type)) return [];
    return source.slots(Input.of(r.props)).flatMap((slot): Problem[] => {
        const o = evaluateDisk(slot, source, false, defaults.for(r, source.cloud), true);
        switch (o.kind) {
            case "ok":
                return [];
            case "unknown":
                return [{ found: o.found, change: o.change, unknown: true }];
            case "advisory":
                return [{ found: o.found, change: o.change, advisory: true }];
            case "violation":
                return [{ found: o.found, change: o.change, fix: o.fix }];
        }
    });
}

function bucketProblems(bucket: PolicyResource, idx: StackIndex): Problem[] {
    const source = BUCKET_SOURCES[bucket.type];
    if (!source) return [];
    const { sets, maybe } = governingRules(bucket, source, idx);
    const fix =
        source.cloud === "aws"
            ? bi('Use `sseAlgorithm: "aws:kms"` with `kmsMasterKeyId` in an aws.s3.BucketServerSideEncryptionConfiguration for this bucket.', '请在该存储桶的 aws.s3.BucketServerSideEncryptionConfiguration 中使用 `sseAlgorithm: "aws:kms"` 并指定 `kmsMasterKeyId`。')
            : bi('Use `sseAlgorithm: "KMS"` with `kmsMasterKeyId` (inline or in an alicloud.oss.BucketServerSideEncryption).', '请使用 `sseAlgorithm: "KMS"` 并指定 `kmsMasterKeyId`（内联或使用 alicloud.oss.BucketServerSideEncryption）。');
    const out: Problem[] = [];
    for (const set of sets) {
        if (!set.rules.known) {
            out.push({ found: UNKNOWN, change: ruleChange(set, set.rules.path), unknown: true });
            continue;
        }
        if (set.rules.rules.length === 0) {
            // An encryption resource whose bucket is unknown may be this bucket's: not mandatory.
            out.push({ found: bi("no server-side encryption with a customer-managed key", "没有使用客户托管密钥的服务器端加密"), change: missingRuleChange(set, source), fix, unknown: maybe });
            continue;
        }
        for (const rule of set.rules.rules) {
            const v = checkRule(rule, source.cloud, true);
            if (v.kind === "unknown") out.push({ found: UNKNOWN, change: ruleChange(set, v.read.path), unknown: true });
            if (v.kind === "fail") out.push({ found: v.found, change: ruleChange(set, v.read.path), fix });
        }
    }
    return out;
}

function validate(args: StackValidationArgs, emit: Emit): void {
    const cfg = readConfig(config, args.getConfig());
    const idx = StackIndex.of(args.resources);
    const defaults = new AccountDefaultsIndex(idx);
    eachClassified(args.resources, TYPES, cfg, emit, (s) => {
        for (const p of [...storeProblems(s.resource), ...diskProblems(s.resource, defaults), ...bucketProblems(s.resource, idx)]) emitProblem(emit, s, REQUIRED, p);
    });
}

export default stackControl(metadata, validate);
