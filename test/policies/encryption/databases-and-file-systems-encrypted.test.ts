import { describe, expect, it } from "vitest";
import control, { STORE_SOURCES, metadata } from "../../../policies/encryption/databases-and-file-systems-encrypted";
import { type Diagnostic, levels, runResource, secret, unknown } from "../../helpers/harness";

const RDS = "aws:rds/instance:Instance";
const AURORA = "aws:rds/cluster:Cluster";
const DOCDB = "aws:docdb/cluster:Cluster";
const REDSHIFT = "aws:redshift/cluster:Cluster";
const CACHE = "aws:elasticache/replicationGroup:ReplicationGroup";
const EFS = "aws:efs/fileSystem:FileSystem";
const ALI_RDS = "alicloud:rds/instance:Instance";
const POLARDB = "alicloud:polardb/cluster:Cluster";
const NAS = "alicloud:nas/fileSystem:FileSystem";
const LOGSTORE = "alicloud:log/store:Store";

const CMK = { config: { requireCustomerManagedKeys: true } };

const run = (type: string, props: Record<string, unknown>, opts = {}) => runResource(control, { type, name: "db", props }, opts);

function properties(ds: Diagnostic[]): string[] {
    return ds.map((d) => /Change `([^`]+)`/.exec(d.message)?.[1] ?? "?");
}

describe("databases-and-file-systems-encrypted: metadata", () => {
    it("covers every database and file system type of §4.4", () => {
        expect([...metadata.resourceTypes].sort()).toEqual([RDS, AURORA, DOCDB, REDSHIFT, CACHE, EFS, ALI_RDS, POLARDB, NAS, LOGSTORE].sort());
        expect(Object.keys(STORE_SOURCES)).toHaveLength(10);
        expect(metadata.config?.requireCustomerManagedKeys).toMatchObject({ type: "boolean", default: false });
        expect(metadata.remediationSteps).toMatch(/no automatic remediation.*replaces the database/);
        expect("remediateResource" in control.policy).toBe(false);
    });
});

describe("databases-and-file-systems-encrypted: boolean flags false / unset / true", () => {
    it.each([
        [RDS, "storageEncrypted", ["mandatory"], ["mandatory"], []],
        [DOCDB, "storageEncrypted", ["mandatory"], ["mandatory"], []],
        [EFS, "encrypted", ["mandatory"], ["mandatory"], []],
        [CACHE, "atRestEncryptionEnabled", ["mandatory"], ["mandatory"], []],
        [AURORA, "storageEncrypted", ["mandatory"], ["mandatory"], []],
    ])("%s %s", async (type, flag, whenFalse, whenUnset, whenTrue) => {
        expect(levels(await run(type, { [flag]: false }))).toEqual(whenFalse);
        expect(levels(await run(type, {}))).toEqual(whenUnset);
        expect(levels(await run(type, { [flag]: true }))).toEqual(whenTrue);
        expect(properties(await run(type, {}))).toEqual([flag]);
    });
});

describe("databases-and-file-systems-encrypted: awkward defaults", () => {
    it.each([
        ["unset, engineMode unset (provisioned)", {}, ["mandatory"]],
        ["unset, provisioned", { engineMode: "provisioned" }, ["mandatory"]],
        ["unset, serverless (encrypted by default)", { engineMode: "serverless" }, []],
        ["false, serverless", { engineMode: "serverless", storageEncrypted: false }, ["mandatory"]],
        ["true, provisioned", { engineMode: "provisioned", storageEncrypted: true }, []],
    ])("aws.rds.Cluster %s", async (_n, props, expected) => {
        expect(levels(await run(AURORA, props))).toEqual(expected);
    });

    it("says which default applied to a provisioned cluster", async () => {
        const [d] = await run(AURORA, { engine: "aurora-mysql" });
        expect(d!.message).toContain("found unset (default for a provisioned cluster: unencrypted)");
    });

    it.each([
        ['"true"', "true", []],
        ['"false"', "false", ["mandatory"]],
        ["unset (default true)", undefined, []],
        ["boolean false", false, ["mandatory"]],
        ['"no"', "no", ["mandatory"]],
    ])("aws.redshift.Cluster encrypted is a string: %s", async (_n, encrypted, expected) => {
        expect(levels(await run(REDSHIFT, { clusterIdentifier: "dw", nodeType: "ra3.xlplus", encrypted }))).toEqual(expected);
    });

    it.each([
        ["redis (default engine), unset", {}, ["mandatory"]],
        ["redis, unset", { engine: "redis" }, ["mandatory"]],
        ["valkey, unset (encrypted by default)", { engine: "valkey" }, []],
        ["valkey, false", { engine: "valkey", atRestEncryptionEnabled: false }, ["mandatory"]],
    ])("aws.elasticache.ReplicationGroup %s", async (_n, props, expected) => {
        expect(levels(await run(CACHE, { description: "cache", ...props }))).toEqual(expected);
    });

    it("an RDS read replica with storageEncrypted unset inherits its source: advisory, unless a KMS key is named", async () => {
        expect(levels(await run(RDS, { replicateSourceDb: "primary" }))).toEqual(["advisory"]);
        expect(levels(await run(RDS, { replicateSourceDb: "primary", kmsKeyId: "arn:aws:kms:cn-north-1:1:key/x" }))).toEqual([]);
        expect(levels(await run(RDS, { replicateSourceDb: "primary", storageEncrypted: false }))).toEqual(["mandatory"]);
    });
});

describe("databases-and-file-systems-encrypted: Alibaba Cloud", () => {
    it.each([
        ["nothing set", {}, ["mandatory"]],
        ['tdeStatus "Enabled"', { tdeStatus: "Enabled" }, []],
        ['tdeStatus "Disabled"', { tdeStatus: "Disabled" }, ["mandatory"]],
        ["encryptionKey = key ID", { encryptionKey: "494c98ce-f2b5-48ab-96ab-36c986b6aaaa" }, []],
        ['encryptionKey = "ServiceKey"', { encryptionKey: "ServiceKey" }, []],
        ['encryptionKey = "disabled"', { encryptionKey: "disabled" }, ["mandatory"]],
        ["encryptionKey unknown (a KMS key output)", { encryptionKey: unknown() }, []],
        ["encryptionKey empty", { encryptionKey: "" }, ["mandatory"]],
    ])("alicloud.rds.Instance %s", async (_n, props, expected) => {
        expect(levels(await run(ALI_RDS, { engine: "MySQL", ...props }))).toEqual(expected);
    });

    it("alicloud.rds.Instance message echoes only the keywords, never a key ID", async () => {
        const [d] = await run(ALI_RDS, { tdeStatus: "Disabled", encryptionKey: "disabled" });
        expect(d!.message).toContain('found tdeStatus "Disabled", encryptionKey "disabled"');
    });

    it.each([
        ["unset (default Disabled)", undefined, ["mandatory"]],
        ["Disabled", "Disabled", ["mandatory"]],
        ["Enabled", "Enabled", []],
    ])("alicloud.polardb.Cluster tdeStatus %s", async (_n, tdeStatus, expected) => {
        const ds = await run(POLARDB, { dbType: "MySQL", tdeStatus });
        expect(levels(ds)).toEqual(expected);
        if (expected.length) {
            expect(properties(ds)).toEqual(["tdeStatus"]);
            // TDE can be turned on in place: the message must not claim a replacement.
            expect(ds[0]!.message).toContain("applies in place");
        }
    });

    it.each([
        ["unset (default 0)", undefined, ["mandatory"]],
        ["0", 0, ["mandatory"]],
        ["1 (NAS-managed key)", 1, []],
        ["2 (KMS key)", 2, []],
        ['"1" (numeric string)', "1", []],
        ["3 (not a valid type)", 3, ["mandatory"]],
    ])("alicloud.nas.FileSystem encryptType %s", async (_n, encryptType, expected) => {
        const ds = await run(NAS, { protocolType: "NFS", storageType: "Capacity", encryptType });
        expect(levels(ds)).toEqual(expected);
        if (expected.length) expect(properties(ds)).toEqual(["encryptType"]);
    });

    it("NAS encryptType 0 says it is not encrypted and names the replacement", async () => {
        const [d] = await run(NAS, { protocolType: "NFS", storageType: "Capacity", encryptType: 0 });
        expect(d!.message).toContain('NAS file system "db": found 0 (not encrypted); required encryptType 1 (NAS-managed key) or 2 (KMS key). Change `encryptType`.');
        expect(d!.message).toContain("NAS 文件系统“db”：当前：0（不加密）");
        expect(d!.message).toContain("replaces the resource");
    });

    it.each([
        ["no encryptConf", {}, ["mandatory"]],
        ["enable unset (default false)", { encryptConf: { encryptType: "default" } }, ["mandatory"]],
        ["enable false", { encryptConf: { enable: false } }, ["mandatory"]],
        ["enable true", { encryptConf: { enable: true, encryptType: "default" } }, []],
    ])("alicloud.log.Store %s", async (_n, props, expected) => {
        const ds = await run(LOGSTORE, { projectName: "p", logstoreName: "s", retentionPeriod: 180, ...props });
        expect(levels(ds)).toEqual(expected);
        if (expected.length) expect(properties(ds)).toEqual(["encryptConf.enable"]);
    });
});

describe("databases-and-file-systems-encrypted: requireCustomerManagedKeys", () => {
    it("a missing customer-managed key cites the key-management clause 8.2.4.5 d); a missing encryption does not", async () => {
        const [key] = await runResource(control, { type: RDS, name: "db", props: { storageEncrypted: true } }, CMK);
        expect(key!.message).toContain("Compliance basis: Cybersecurity Law Art. 23(4) (Art. 21(4) before 2026-01-01); GB/T 22239-2019 level 3 8.2.4.5 d).");
        expect(key!.message).toContain("请在 `kmsKeyId` 中指定客户托管密钥（CMK）。");
        const [plain] = await runResource(control, { type: RDS, name: "db", props: { storageEncrypted: false } });
        expect(plain!.message).toContain("Compliance basis: Cybersecurity Law Art. 23(4) (Art. 21(4) before 2026-01-01); PIPL Art. 51(3); GB/T 22239-2019 level 3 8.1.4.8 b).");
        expect(plain!.message).not.toContain("8.2.4.5");
    });

    it.each([
        [RDS, { storageEncrypted: true }, ["kmsKeyId"]],
        [RDS, { storageEncrypted: true, kmsKeyId: unknown() }, []],
        [AURORA, { engineMode: "serverless" }, ["kmsKeyId"]],
        [DOCDB, { storageEncrypted: true, kmsKeyId: "arn" }, []],
        [REDSHIFT, {}, ["kmsKeyId"]],
        [CACHE, { atRestEncryptionEnabled: true, kmsKeyId: "arn" }, []],
        [EFS, { encrypted: true }, ["kmsKeyId"]],
        [ALI_RDS, { encryptionKey: "ServiceKey" }, ["encryptionKey"]],
        [ALI_RDS, { encryptionKey: "key-id-1" }, []],
        [ALI_RDS, { tdeStatus: "Enabled" }, ["encryptionKey"]],
        [ALI_RDS, { tdeStatus: "Enabled", tdeEncryptionKey: "key-id-1" }, []],
        [POLARDB, { tdeStatus: "Enabled" }, ["encryptionKey"]],
        [POLARDB, { tdeStatus: "Enabled", encryptionKey: "key-id-1" }, []],
        [NAS, { encryptType: 1 }, ["encryptType"]],
        [NAS, { encryptType: 2, kmsKeyId: "key-id-1" }, []],
        [LOGSTORE, { encryptConf: { enable: true } }, ["encryptConf.userCmkInfo.cmkKeyId"]],
        [LOGSTORE, { encryptConf: { enable: true, userCmkInfo: { cmkKeyId: "k", arn: "acs:ram::1:role/x", regionId: "cn-hangzhou" } } }, []],
    ])("%s %j", async (type, props, expected) => {
        const ds = await run(type, props, CMK);
        expect(properties(ds)).toEqual(expected);
        expect(levels(ds).every((l) => l === "mandatory")).toBe(true);
    });

    it("is off by default", async () => {
        expect(await run(RDS, { storageEncrypted: true })).toEqual([]);
    });

    // PolarDB `encryptionKey` "cannot be modified after TDE is opened"; a Logstore's encryptConf
    // only takes `enable` on update (the SDK's own docs): on these the key is chosen when
    // encryption is turned on, or never.
    it.each([
        [POLARDB, { tdeStatus: "Enabled" }],
        [LOGSTORE, { encryptConf: { enable: true } }],
    ])("%s encrypted without a customer key: the key cannot be changed in place", async (type, props) => {
        const [d] = await run(type, props, CMK);
        expect(d!.message).toContain("The key cannot be changed once encryption is on: move the data to a new resource encrypted with a customer-managed key.");
        expect(d!.message).toContain("加密开启后无法更换密钥");
        expect(d!.message).not.toContain("applies in place");
    });

    it("turning encryption on with requireCustomerManagedKeys says to choose the key in the same change", async () => {
        const [polar] = await run(POLARDB, {}, CMK);
        expect(polar!.message).toContain("This change applies in place. Choose the customer-managed key (`encryptionKey`) in the same change: it cannot be changed once encryption is on.");
        expect(polar!.message).toContain("请在同一修改中选定客户托管密钥（CMK）（`encryptionKey`）");
        const [rds] = await run(RDS, { storageEncrypted: false }, CMK);
        expect(rds!.message).toContain("replaces the resource");
        expect(rds!.message).toContain("Choose the customer-managed key (`kmsKeyId`) in the same change, or it takes a second replacement.");
        // NAS chooses its key with the flag itself (encryptType 2).
        const [nas] = await run(NAS, { encryptType: 0 }, CMK);
        expect(nas!.message).toContain("Choose the customer-managed key (`encryptType`) in the same change, or it takes a second replacement.");
        // Without the switch, only the cost of turning encryption on.
        const [plain] = await run(POLARDB, {});
        expect(plain!.message).toContain("applies in place");
        expect(plain!.message).not.toContain("customer-managed");
    });
});

describe("databases-and-file-systems-encrypted: unknown and odd input", () => {
    it.each([
        [RDS, { storageEncrypted: unknown() }],
        [REDSHIFT, { encrypted: unknown() }],
        [AURORA, { engineMode: unknown() }],
        [NAS, { encryptType: unknown() }],
        [LOGSTORE, { encryptConf: unknown() }],
        [POLARDB, { tdeStatus: unknown() }],
    ])("%s %j: an unknown flag gives an advisory only", async (type, props) => {
        expect(levels(await run(type, props))).toEqual(["advisory"]);
    });

    it("a known flag decides even when the engine mode is unknown", async () => {
        expect(await run(AURORA, { engineMode: unknown(), storageEncrypted: true })).toEqual([]);
    });

    it.each([
        [RDS, { storageEncrypted: "maybe" }],
        [REDSHIFT, { encrypted: { deep: [1] } }],
        [NAS, { encryptType: [1] }],
        [LOGSTORE, { encryptConf: "on" }],
        [LOGSTORE, { encryptConf: { enable: true, userCmkInfo: [null] } }],
        [ALI_RDS, { tdeStatus: 5, encryptionKey: { a: 1 } }],
        [POLARDB, { tdeStatus: null }],
    ])("%s %j never throws", async (type, props) => {
        await expect(run(type, props)).resolves.toBeDefined();
        await expect(run(type, props, CMK)).resolves.toBeDefined();
    });

    it("a secret value is never echoed", async () => {
        const ds = [
            ...(await run(RDS, { storageEncrypted: secret("TOP-SECRET-VALUE") })),
            ...(await run(ALI_RDS, { encryptionKey: secret("disabled"), tdeStatus: secret("TOP-SECRET-VALUE") })),
            ...(await run(NAS, { encryptType: secret("TOP-SECRET-VALUE") })),
        ];
        expect(levels(ds)).toEqual(["mandatory", "mandatory", "mandatory"]);
        expect(ds.map((d) => d.message).join("\n")).not.toContain("TOP-SECRET-VALUE");
    });

    it("other resource types are ignored", async () => {
        expect(await run("aws:rds/clusterInstance:ClusterInstance", { storageEncrypted: false })).toEqual([]);
    });
});
