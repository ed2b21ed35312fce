// Databases, file systems and log stores encrypted at rest (Cybersecurity Law Art. 23(4), PIPL
// Art. 51(3), GB/T 22239-2019 8.1.4.8 b); customer-managed keys 8.2.4.5 d)). Each type's flag, its
// documented default and its key input sit in one table; a flag unknown during preview gives an
// advisory, never a violation.
import type * as alicloud from "@pulumi/alicloud";
import type * as aws from "@pulumi/aws";
import { type ResourceValidationArgs } from "@pulumi/policy";
import { readConfig } from "../shared/config";
import { type ControlMetadata, resourceControl } from "../shared/control";
import { type Emit, shownValue } from "../shared/emit";
import { type Bilingual, bi } from "../shared/messages";
import { inputName } from "../shared/properties";
import { Input } from "../shared/reader";
import { CMK_BASES, CMK_CONFIG, ENCRYPTION_BASES, FOUND_SERVICE_KEY, REPLACES, REQUIRED_CMK, REQUIRED_ENCRYPTED, isNamed } from "./common";

export const config = CMK_CONFIG;

/** What a store's inputs say about encryption at rest. */
export type StoreEncryption =
    | { state: "encrypted" }
    | { state: "unencrypted"; found: Bilingual }
    /** Cannot be decided from this resource (e.g. a replica inherits its source's encryption). */
    | { state: "indeterminate"; found: Bilingual }
    /** An input it rests on is unknown during preview. */
    | { state: "unknown"; path: string };

export interface StoreSource {
    kind: Bilingual;
    /** Input to change to encrypt. */
    flagPath: string;
    /** How to turn encryption on, for the message. */
    required: Bilingual;
    /** Reads the encryption state; never throws. */
    encryption(props: Input): StoreEncryption;
    /** Input that names a customer-managed key, and whether it is named. */
    keyPath: string;
    keyNamed(props: Input): boolean;
    /**
     * Turning encryption on changes the resource in place (no replacement); the key is then fixed:
     * it cannot be changed once encryption is on (PolarDB `encryptionKey`, Logstore `encryptConf`).
     */
    inPlace?: boolean;
}

const UNSET_DEFAULT_OFF = bi("unset (default: unencrypted)", "未设置（默认不加密）");
const FALSE = bi("false", "false");

/** A boolean (or "true"/"false" string) flag with a documented default. */
function flagState(flag: Input, documentedDefault: boolean): StoreEncryption {
    const read = flag.boolean();
    switch (read.kind) {
        case "unknown":
            return { state: "unknown", path: read.path };
        case "absent":
            return documentedDefault ? { state: "encrypted" } : { state: "unencrypted", found: UNSET_DEFAULT_OFF };
        case "invalid":
            return { state: "unencrypted", found: shownValue(read.raw, { vocabulary: ["true", "false"] }) };
        case "value":
            return read.value ? { state: "encrypted" } : { state: "unencrypted", found: FALSE };
    }
}

const keyIn = (name: string) => (props: Input) => isNamed(props.get(name));

const TDE_VOCABULARY = ["Enabled", "Disabled"];
const ALI_RDS_KEY_VOCABULARY = ["ServiceKey", "disabled"];

/** A string input read for the message: its value when in the vocabulary, else its shape; `unset` when absent. */
function stringState(read: ReturnType<Input["string"]>, vocabulary: readonly string[], unset: Bilingual = bi("unset", "未设置")): Bilingual {
    if (read.kind === "absent") return unset;
    return shownValue(read.kind === "value" ? read.value : read.kind === "invalid" ? read.raw : undefined, { vocabulary });
}

/** `name value` / `name 为 value`, or `name 未设置` when unset. */
function named(name: string, read: ReturnType<Input["string"]>, value: Bilingual): Bilingual {
    return bi(`${name} ${value.en}`, read.kind === "absent" ? `${name} ${value.zh}` : `${name} 为${value.zh}`);
}

/** Encryption inputs by type token (names checked against the SDK types). */
export const STORE_SOURCES: Record<string, StoreSource> = {
    "aws:rds/instance:Instance": {
        kind: bi("RDS instance", "RDS 实例"),
        flagPath: inputName<aws.rds.InstanceArgs>("storageEncrypted"),
        required: bi("storageEncrypted = true", "storageEncrypted = true"),
        encryption(p) {
            const flag = p.get(inputName<aws.rds.InstanceArgs>("storageEncrypted"));
            // A read replica ignores storageEncrypted: it inherits the source's encryption, or uses kmsKeyId across regions.
            if (!flag.unknown && !flag.isSet && isNamed(p.get(inputName<aws.rds.InstanceArgs>("replicateSourceDb")))) {
                return isNamed(p.get(inputName<aws.rds.InstanceArgs>("kmsKeyId")))
                    ? { state: "encrypted" }
                    : { state: "indeterminate", found: bi("a read replica that inherits its source database's encryption", "只读副本，继承源数据库的加密状态") };
            }
            return flagState(flag, false);
        },
        keyPath: inputName<aws.rds.InstanceArgs>("kmsKeyId"),
        keyNamed: keyIn(inputName<aws.rds.InstanceArgs>("kmsKeyId")),
    },
    "aws:rds/cluster:Cluster": {
        kind: bi("RDS cluster", "RDS 集群"),
        flagPath: inputName<aws.rds.ClusterArgs>("storageEncrypted"),
        required: bi("storageEncrypted = true", "storageEncrypted = true"),
        encryption(p) {
            const flag = p.get(inputName<aws.rds.ClusterArgs>("storageEncrypted"));
            if (flag.unknown || flag.isSet) return flagState(flag, false);
            // Documented default: true for engineMode "serverless", false for "provisioned" (the default mode).
            const mode = p.get(inputName<aws.rds.ClusterArgs>("engineMode")).string();
            if (mode.kind === "unknown") return { state: "unknown", path: mode.path };
            const serverless = mode.kind === "value" && mode.value === "serverless";
            return serverless ? { state: "encrypted" } : { state: "unencrypted", found: bi("unset (default for a provisioned cluster: unencrypted)", "未设置（预置集群默认不加密）") };
        },
        keyPath: inputName<aws.rds.ClusterArgs>("kmsKeyId"),
        keyNamed: keyIn(inputName<aws.rds.ClusterArgs>("kmsKeyId")),
    },
    "aws:docdb/cluster:Cluster": {
        kind: bi("DocumentDB cluster", "DocumentDB 集群"),
        flagPath: inputName<aws.docdb.ClusterArgs>("storageEncrypted"),
        required: bi("storageEncrypted = true", "storageEncrypted = true"),
        encryption: (p) => flagState(p.get(inputName<aws.docdb.ClusterArgs>("storageEncrypted")), false),
        keyPath: inputName<aws.docdb.ClusterArgs>("kmsKeyId"),
        keyNamed: keyIn(inputName<aws.docdb.ClusterArgs>("kmsKeyId")),
    },
    "aws:redshift/cluster:Cluster": {
        kind: bi("Redshift cluster", "Redshift 集群"),
        flagPath: inputName<aws.redshift.ClusterArgs>("encrypted"),
        required: bi('encrypted = "true"', 'encrypted = "true"'),
        // Typed string ("true"/"false"); documented default true.
        encryption: (p) => flagState(p.get(inputName<aws.redshift.ClusterArgs>("encrypted")), true),
        keyPath: inputName<aws.redshift.ClusterArgs>("kmsKeyId"),
        keyNamed: keyIn(inputName<aws.redshift.ClusterArgs>("kmsKeyId")),
    },
    "aws:elasticache/replicationGroup:ReplicationGroup": {
        kind: bi("ElastiCache replication group", "ElastiCache 复制组"),
        flagPath: inputName<aws.elasticache.ReplicationGroupArgs>("atRestEncryptionEnabled"),
        required: bi("atRestEncryptionEnabled = true", "atRestEncryptionEnabled = true"),
        encryption(p) {
            const flag = p.get(inputName<aws.elasticache.ReplicationGroupArgs>("atRestEncryptionEnabled"));
            if (flag.unknown || flag.isSet) return flagState(flag, false);
            // Documented default: false for engine redis (the default engine), true for valkey.
            const engine = p.get(inputName<aws.elasticache.ReplicationGroupArgs>("engine")).string();
            if (engine.kind === "unknown") return { state: "unknown", path: engine.path };
            const valkey = engine.kind === "value" && engine.value === "valkey";
            return valkey ? { state: "encrypted" } : { state: "unencrypted", found: bi("unset (default for engine redis: unencrypted)", "未设置（redis 引擎默认不加密）") };
        },
        keyPath: inputName<aws.elasticache.ReplicationGroupArgs>("kmsKeyId"),
        keyNamed: keyIn(inputName<aws.elasticache.ReplicationGroupArgs>("kmsKeyId")),
    },
    "aws:efs/fileSystem:FileSystem": {
        kind: bi("EFS file system", "EFS 文件系统"),
        flagPath: inputName<aws.efs.FileSystemArgs>("encrypted"),
        required: bi("encrypted = true", "encrypted = true"),
        // No documented default; the CreateFileSystem API default is unencrypted.
        encryption: (p) => flagState(p.get(inputName<aws.efs.FileSystemArgs>("encrypted")), false),
        keyPath: inputName<aws.efs.FileSystemArgs>("kmsKeyId"),
        keyNamed: keyIn(inputName<aws.efs.FileSystemArgs>("kmsKeyId")),
    },
    "alicloud:rds/instance:Instance": {
        kind: bi("ApsaraDB RDS instance", "云数据库 RDS 实例"),
        flagPath: inputName<alicloud.rds.InstanceArgs>("encryptionKey"),
        required: bi('cloud disk encryption (encryptionKey = a KMS key ID) or TDE (tdeStatus = "Enabled")', "云盘加密（encryptionKey 为 KMS 密钥 ID）或 TDE（tdeStatus = \"Enabled\"）"),
        encryption(p) {
            const tde = p.get(inputName<alicloud.rds.InstanceArgs>("tdeStatus")).string();
            if (tde.kind === "value" && tde.value === "Enabled") {
                return { state: "encrypted" };
            }
            // An unknown encryptionKey is an output of a KMS key resource: a key ID.
            const key = p.get(inputName<alicloud.rds.InstanceArgs>("encryptionKey")).string();
            if (key.kind === "unknown" || (key.kind === "value" && key.value.trim() !== "" && key.value !== "disabled")) {
                return { state: "encrypted" };
            }
            if (tde.kind === "unknown") return { state: "unknown", path: tde.path };
            const tdeText = stringState(tde, TDE_VOCABULARY);
            const keyText = stringState(key, ALI_RDS_KEY_VOCABULARY);
            const tdeFound = named("tdeStatus", tde, tdeText);
            const keyFound = named("encryptionKey", key, keyText);
            return { state: "unencrypted", found: bi(`${tdeFound.en}, ${keyFound.en}`, `${tdeFound.zh}，${keyFound.zh}`) };
        },
        keyPath: inputName<alicloud.rds.InstanceArgs>("encryptionKey"),
        keyNamed(p) {
            // A key ID in encryptionKey (not the ServiceKey / disabled keywords), or a custom TDE key.
            const key = p.get(inputName<alicloud.rds.InstanceArgs>("encryptionKey")).raw();
            const keyId = key.kind === "unknown" || (key.kind === "value" && typeof key.value === "string" && key.value.trim() !== "" && !ALI_RDS_KEY_VOCABULARY.includes(key.value));
            return keyId || isNamed(p.get(inputName<alicloud.rds.InstanceArgs>("tdeEncryptionKey")));
        },
    },
    "alicloud:polardb/cluster:Cluster": {
        kind: bi("PolarDB cluster", "PolarDB 集群"),
        flagPath: inputName<alicloud.polardb.ClusterArgs>("tdeStatus"),
        required: bi('TDE (tdeStatus = "Enabled")', 'TDE（tdeStatus = "Enabled"）'),
        encryption(p) {
            // Documented default: Disabled.
            const tde = p.get(inputName<alicloud.polardb.ClusterArgs>("tdeStatus")).string();
            if (tde.kind === "unknown") return { state: "unknown", path: tde.path };
            if (tde.kind === "value" && tde.value === "Enabled") {
                return { state: "encrypted" };
            }
            return { state: "unencrypted", found: stringState(tde, TDE_VOCABULARY, bi("unset (default: Disabled)", "未设置（默认 Disabled）")) };
        },
        keyPath: inputName<alicloud.polardb.ClusterArgs>("encryptionKey"),
        keyNamed: keyIn(inputName<alicloud.polardb.ClusterArgs>("encryptionKey")),
        // TDE can be switched from Disabled to Enabled on an existing cluster.
        inPlace: true,
    },
    "alicloud:nas/fileSystem:FileSystem": {
        kind: bi("NAS file system", "文件存储 NAS 文件系统"),
        flagPath: inputName<alicloud.nas.FileSystemArgs>("encryptType"),
        required: bi("encryptType 1 (NAS-managed key) or 2 (KMS key)", "encryptType 为 1（NAS 托管密钥）或 2（KMS 密钥）"),
        encryption(p) {
            // 0 (default) = not encrypted, 1 = NAS-managed key, 2 = user KMS key.
            const t = p.get(inputName<alicloud.nas.FileSystemArgs>("encryptType")).number();
            if (t.kind === "unknown") return { state: "unknown", path: t.path };
            if (t.kind === "value" && (t.value === 1 || t.value === 2)) {
                return { state: "encrypted" };
            }
            if (t.kind === "absent") {
                return { state: "unencrypted", found: bi("unset (default 0: not encrypted)", "未设置（默认 0：不加密）") };
            }
            const v = shownValue(t.kind === "value" ? t.value : t.raw);
            return { state: "unencrypted", found: bi(`${v.en} (not encrypted)`, `${v.zh}（不加密）`) };
        },
        keyPath: inputName<alicloud.nas.FileSystemArgs>("encryptType"),
        keyNamed(p) {
            const t = p.get(inputName<alicloud.nas.FileSystemArgs>("encryptType")).number();
            return t.kind === "unknown" || (t.kind === "value" && t.value === 2);
        },
    },
    "alicloud:log/store:Store": {
        kind: bi("SLS Logstore", "日志服务（SLS）日志库（Logstore）"),
        flagPath: `${inputName<alicloud.log.StoreArgs>("encryptConf")}.${inputName<alicloud.types.input.log.StoreEncryptConf>("enable")}`,
        required: bi("encryptConf.enable = true", "encryptConf.enable = true"),
        // encryptConf.enable: documented default false.
        encryption: (p) => flagState(p.at(inputName<alicloud.log.StoreArgs>("encryptConf"), inputName<alicloud.types.input.log.StoreEncryptConf>("enable")), false),
        keyPath: `${inputName<alicloud.log.StoreArgs>("encryptConf")}.${inputName<alicloud.types.input.log.StoreEncryptConf>("userCmkInfo")}.${inputName<alicloud.types.input.log.StoreEncryptConfUserCmkInfo>("cmkKeyId")}`,
        keyNamed: (p) => isNamed(p.at("encryptConf", "userCmkInfo", "cmkKeyId")),
        // Since provider 1.188.0 encryption can be enabled on an existing logstore.
        inPlace: true,
    },
};

export const metadata: ControlMetadata = {
    name: "databases-and-file-systems-encrypted",
    description:
        "Databases, file systems and log stores are encrypted at rest: RDS instances and clusters, DocumentDB, Redshift, ElastiCache replication groups, EFS, ApsaraDB RDS (TDE or cloud disk encryption), PolarDB TDE, NAS (encryptType 1 or 2) and Log Service logstores.",
    category: "encryption",
    bases: [...ENCRYPTION_BASES, "mlps-8.2.4.5-d"],
    severity: "high",
    enforcementLevel: "mandatory",
    remediationSteps:
        'Turn on encryption at rest: aws.rds.Instance / Cluster and aws.docdb.Cluster `storageEncrypted: true`, aws.redshift.Cluster `encrypted: "true"`, aws.elasticache.ReplicationGroup `atRestEncryptionEnabled: true`, aws.efs.FileSystem `encrypted: true`, ' +
        'alicloud.rds.Instance `encryptionKey` (a KMS key ID) or `tdeStatus: "Enabled"`, alicloud.polardb.Cluster `tdeStatus: "Enabled"`, alicloud.nas.FileSystem `encryptType: 1` or `2`, alicloud.log.Store `encryptConf.enable: true`. ' +
        "With requireCustomerManagedKeys, also name a KMS key (`kmsKeyId`, `encryptionKey`, `encryptType: 2`, `encryptConf.userCmkInfo`). " +
        "There is no automatic remediation: for most of these types the change replaces the database or file system and would destroy its data; migrate through an encrypted snapshot or backup.",
    zh: {
        description: "数据库、文件系统和日志库静态加密：RDS 实例和集群、DocumentDB、Redshift、ElastiCache 复制组、EFS、云数据库 RDS（TDE 或云盘加密）、PolarDB TDE、NAS（encryptType 为 1 或 2）以及日志服务（SLS）日志库（Logstore）。",
        remediationSteps:
            '开启静态加密：aws.rds.Instance / Cluster 和 aws.docdb.Cluster 设置 `storageEncrypted: true`，aws.redshift.Cluster 设置 `encrypted: "true"`，aws.elasticache.ReplicationGroup 设置 `atRestEncryptionEnabled: true`，aws.efs.FileSystem 设置 `encrypted: true`；' +
            'alicloud.rds.Instance 设置 `encryptionKey`（KMS 密钥 ID）或 `tdeStatus: "Enabled"`，alicloud.polardb.Cluster 设置 `tdeStatus: "Enabled"`，alicloud.nas.FileSystem 设置 `encryptType: 1` 或 `2`，alicloud.log.Store 设置 `encryptConf.enable: true`。' +
            "启用 requireCustomerManagedKeys 时，还须指定客户托管密钥（CMK）（`kmsKeyId`、`encryptionKey`、`encryptType: 2`、`encryptConf.userCmkInfo`）。" +
            "不提供自动修复：对其中大多数类型，此修改会替换数据库或文件系统并销毁其数据；请通过加密快照或备份迁移。",
    },
    resourceTypes: Object.keys(STORE_SOURCES),
    config,
};

const IN_PLACE = bi("This change applies in place.", "该修改可原地生效。");
const KEY_FIXED = bi(
    "The key cannot be changed once encryption is on: move the data to a new resource encrypted with a customer-managed key.",
    "加密开启后无法更换密钥：请将数据迁移到使用客户托管密钥（CMK）加密的新资源。",
);

/**
 * What a fix costs, for its message: turning encryption on (`encrypt`; with `cmk`, the key is to
 * be chosen in the same change) or naming a customer-managed key once encryption is on (`key`).
 */
export function consequence(source: StoreSource, change: "encrypt" | "key", cmk = false): Bilingual {
    if (change === "key") return source.inPlace ? KEY_FIXED : REPLACES;
    const cost = source.inPlace ? IN_PLACE : REPLACES;
    if (!cmk) return cost;
    const also = source.inPlace
        ? bi(` Choose the customer-managed key (\`${source.keyPath}\`) in the same change: it cannot be changed once encryption is on.`, `请在同一修改中选定客户托管密钥（CMK）（\`${source.keyPath}\`）：加密开启后无法更换密钥。`)
        : bi(` Choose the customer-managed key (\`${source.keyPath}\`) in the same change, or it takes a second replacement.`, `请在同一修改中选定客户托管密钥（CMK）（\`${source.keyPath}\`），否则还需再替换一次。`);
    return bi(`${cost.en}${also.en}`, `${cost.zh}${also.zh}`);
}

/** The fix for an encrypted store that names no customer-managed key. */
export function keyFix(source: StoreSource): Bilingual {
    const cost = consequence(source, "key");
    return bi(`Name a customer-managed KMS key in \`${source.keyPath}\`. ${cost.en}`, `请在 \`${source.keyPath}\` 中指定客户托管密钥（CMK）。${cost.zh}`);
}

function validate(args: ResourceValidationArgs, emit: Emit): void {
    const source = STORE_SOURCES[args.type];
    if (!source) {
        return;
    }
    const { requireCustomerManagedKeys } = readConfig(config, args.getConfig());
    const props = Input.of(args.props);
    const e = source.encryption(props);
    switch (e.state) {
        case "unknown":
            emit({ kind: source.kind, found: bi("a value that is unknown until deployment", "部署前未知的值"), required: source.required, change: e.path, unknown: true, bases: ENCRYPTION_BASES });
            return;
        case "indeterminate":
            emit({ kind: source.kind, found: e.found, required: REQUIRED_ENCRYPTED, change: source.flagPath, advisory: true, bases: ENCRYPTION_BASES });
            return;
        case "unencrypted":
            emit({
                kind: source.kind,
                found: e.found,
                required: source.required,
                change: source.flagPath,
                // The required value already says what to set; the fix says what the change costs.
                fix: consequence(source, "encrypt", requireCustomerManagedKeys),
                bases: ENCRYPTION_BASES,
            });
            return;
        case "encrypted":
            break;
    }
    if (requireCustomerManagedKeys && !source.keyNamed(props)) {
        emit({
            kind: source.kind,
            found: FOUND_SERVICE_KEY,
            required: REQUIRED_CMK,
            change: source.keyPath,
            fix: keyFix(source),
            bases: CMK_BASES,
        });
    }
}

export default resourceControl(metadata, validate);
