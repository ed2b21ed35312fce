import { describe, expect, it } from "vitest";
import control, { metadata } from "../../../policies/data-classification/classified-data-customer-key";
import { type TestResource, levels, runStack, unknown, urnOf } from "../../helpers/harness";

const P = { "data-classification": "personal" };
const KEY = "arn:aws-cn:kms:cn-north-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

/** Per type: props that are encrypted with a customer-managed key, and props encrypted with a service key (or unencrypted). */
const CASES: Record<string, { keyed: Record<string, unknown>; serviceKey: Record<string, unknown>; change: string }> = {
    "aws:rds/instance:Instance": { keyed: { storageEncrypted: true, kmsKeyId: KEY }, serviceKey: { storageEncrypted: true }, change: "kmsKeyId" },
    "aws:rds/cluster:Cluster": { keyed: { storageEncrypted: true, kmsKeyId: KEY }, serviceKey: { storageEncrypted: true }, change: "kmsKeyId" },
    "aws:docdb/cluster:Cluster": { keyed: { storageEncrypted: true, kmsKeyId: KEY }, serviceKey: { storageEncrypted: true }, change: "kmsKeyId" },
    "aws:redshift/cluster:Cluster": { keyed: { encrypted: true, kmsKeyId: KEY }, serviceKey: { encrypted: true }, change: "kmsKeyId" },
    "aws:elasticache/replicationGroup:ReplicationGroup": { keyed: { atRestEncryptionEnabled: true, kmsKeyId: KEY }, serviceKey: { atRestEncryptionEnabled: true }, change: "kmsKeyId" },
    "aws:efs/fileSystem:FileSystem": { keyed: { encrypted: true, kmsKeyId: KEY }, serviceKey: { encrypted: true }, change: "kmsKeyId" },
    "alicloud:rds/instance:Instance": { keyed: { encryptionKey: "key-1234" }, serviceKey: { tdeStatus: "Enabled" }, change: "encryptionKey" },
    "alicloud:polardb/cluster:Cluster": { keyed: { tdeStatus: "Enabled", encryptionKey: "key-1234" }, serviceKey: { tdeStatus: "Enabled" }, change: "encryptionKey" },
    "alicloud:nas/fileSystem:FileSystem": { keyed: { encryptType: 2, kmsKeyId: "key-1234" }, serviceKey: { encryptType: 1 }, change: "encryptType" },
    "aws:ebs/volume:Volume": { keyed: { encrypted: true, kmsKeyId: KEY }, serviceKey: { encrypted: true }, change: "kmsKeyId" },
    "alicloud:ecs/ecsDisk:EcsDisk": { keyed: { encrypted: true, kmsKeyId: "key-1234" }, serviceKey: { encrypted: true }, change: "kmsKeyId" },
    "alicloud:ecs/disk:Disk": { keyed: { encrypted: true, kmsKeyId: "key-1234" }, serviceKey: { encrypted: true }, change: "kmsKeyId" },
    "aws:s3/bucket:Bucket": { keyed: { serverSideEncryptionConfiguration: { rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: KEY } } } }, serviceKey: {}, change: "aws.s3.BucketServerSideEncryptionConfiguration" },
    "aws:s3/bucketV2:BucketV2": {
        keyed: { serverSideEncryptionConfigurations: [{ rules: [{ applyServerSideEncryptionByDefaults: [{ sseAlgorithm: "aws:kms", kmsMasterKeyId: KEY }] }] }] },
        serviceKey: { serverSideEncryptionConfigurations: [{ rules: [{ applyServerSideEncryptionByDefaults: [{ sseAlgorithm: "AES256" }] }] }] },
        change: "serverSideEncryptionConfigurations[0].rules[0].applyServerSideEncryptionByDefaults[0].sseAlgorithm",
    },
    "alicloud:oss/bucket:Bucket": { keyed: { serverSideEncryptionRule: { sseAlgorithm: "KMS", kmsMasterKeyId: "key-1234" } }, serviceKey: { serverSideEncryptionRule: { sseAlgorithm: "AES256" } }, change: "serverSideEncryptionRule.sseAlgorithm" },
};

const one = (type: string, props: Record<string, unknown>, name = "data"): TestResource => ({ type, name, props });

describe("classified-data-customer-key", () => {
    it("covers exactly the types with a key input the encryption controls know", () => {
        expect([...metadata.resourceTypes].sort()).toEqual(Object.keys(CASES).sort());
    });

    it.each(Object.entries(CASES))("%s: a service key is mandatory on personal data, a customer key passes, unclassified passes", async (type, c) => {
        const ds = await runStack(control, [one(type, { tags: P, ...c.serviceKey })]);
        expect(levels(ds)).toEqual(["mandatory"]);
        expect(ds[0]!.message).toContain(c.change);
        expect(ds[0]!.message).toContain('on data classified `data-classification` = "personal"');
        expect(await runStack(control, [one(type, { tags: P, ...c.keyed })])).toEqual([]);
        expect(await runStack(control, [one(type, { tags: { "data-classification": "internal" }, ...c.serviceKey })])).toEqual([]);
        expect(await runStack(control, [one(type, c.serviceKey)])).toEqual([]);
    });

    it("unset encryption (the documented default) is a finding that names the flag", async () => {
        const [d] = await runStack(control, [one("aws:rds/instance:Instance", { tags: P })]);
        expect(d!.message).toContain('RDS instance "data": found unset (default: unencrypted), on data classified `data-classification` = "personal"; required encrypted with a customer-managed KMS key. Change `storageEncrypted`.');
        expect(d!.message).toContain("Compliance basis: Data Security Law Art. 21; PIPL Art. 51(3);");
        expect(d!.message).toContain("GB/T 22239-2019 level 3 8.1.4.8 b), 8.2.4.5 d).");
        expect(d!.message).toContain("RDS 实例“data”：当前：未设置（默认不加密），而该资源的数据分类为");
    });

    it("says what the fix costs as the encryption control does: in place for PolarDB TDE, a replacement elsewhere", async () => {
        // Before, this control said every change replaced the resource, PolarDB's TDE switch included.
        const [off] = await runStack(control, [one("alicloud:polardb/cluster:Cluster", { tags: P })]);
        expect(off!.message).toContain("Change `tdeStatus`");
        expect(off!.message).toContain("with a customer-managed key in `encryptionKey`. This change applies in place.");
        expect(off!.message).not.toContain("replaces the resource");
        const [serviceKey] = await runStack(control, [one("alicloud:polardb/cluster:Cluster", { tags: P, tdeStatus: "Enabled" })]);
        expect(serviceKey!.message).toContain("The key cannot be changed once encryption is on");
        const [rds] = await runStack(control, [one("aws:rds/instance:Instance", { tags: P })]);
        expect(rds!.message).toContain("replaces the resource");
    });

    it("applies whatever requireCustomerManagedKeys says (it is not this control's key)", () => {
        expect(Object.keys(metadata.config ?? {})).not.toContain("requireCustomerManagedKeys");
    });

    it("a separate S3 encryption configuration with a KMS key passes; one with AES256 is reported on the bucket", async () => {
        const bucket: TestResource = { type: "aws:s3/bucket:Bucket", name: "b", props: { tags: P, bucket: "b" } };
        const sse = (alg: string, key?: string): TestResource => ({
            type: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
            name: "sse",
            props: { bucket: "b", rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: alg, ...(key ? { kmsMasterKeyId: key } : {}) } }] },
            propertyDependencies: { bucket: [urnOf("aws:s3/bucket:Bucket", "b")] },
        });
        expect(await runStack(control, [bucket, sse("aws:kms", KEY)])).toEqual([]);
        const ds = await runStack(control, [bucket, sse("AES256")]);
        expect(levels(ds)).toEqual(["mandatory"]);
        expect(ds[0]!.urn).toBe(urnOf("aws:s3/bucket:Bucket", "b"));
        expect(ds[0]!.message).toContain("of the `aws.s3.BucketServerSideEncryptionConfiguration`");
    });

    it("a disk without a key passes when the stack sets a customer-managed default disk key in its region", async () => {
        const provider = { type: "pulumi:providers:aws", props: { region: "cn-north-1" } };
        const resources: TestResource[] = [
            { type: "aws:ebs/volume:Volume", name: "v", props: { tags: P, encrypted: true }, provider },
            { type: "aws:ebs/defaultKmsKey:DefaultKmsKey", name: "k", props: { keyArn: KEY }, provider },
        ];
        expect(await runStack(control, resources)).toEqual([]);
    });

    it("unknown values are never mandatory", async () => {
        expect(levels(await runStack(control, [one("aws:rds/instance:Instance", { tags: P, storageEncrypted: unknown() })]))).toEqual(["advisory"]);
        expect(levels(await runStack(control, [one("alicloud:oss/bucket:Bucket", { tags: P, serverSideEncryptionRule: unknown() })]))).toEqual(["advisory"]);
        // A key from another resource's output names a key.
        expect(await runStack(control, [one("aws:rds/instance:Instance", { tags: P, storageEncrypted: true, kmsKeyId: unknown() })])).toEqual([]);
        expect(await runStack(control, [one("aws:rds/instance:Instance", { tags: { "data-classification": unknown() } })])).toEqual([]);
    });

    it("a read replica that inherits its source's key is advisory", async () => {
        expect(levels(await runStack(control, [one("aws:rds/instance:Instance", { tags: P, replicateSourceDb: "primary" })]))).toEqual(["advisory"]);
    });

    it("fromLevel is configurable", async () => {
        expect(await runStack(control, [one("aws:efs/fileSystem:FileSystem", { tags: P })], { config: { fromLevel: "core" } })).toEqual([]);
        expect(levels(await runStack(control, [one("aws:efs/fileSystem:FileSystem", { tags: { "data-classification": "core" } })], { config: { fromLevel: "core" } }))).toEqual(["mandatory"]);
    });
});
