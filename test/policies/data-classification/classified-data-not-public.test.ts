import { describe, expect, it } from "vitest";
import control, { metadata } from "../../../policies/data-classification/classified-data-not-public";
import { type TestResource, levels, runStack, unknown, urnOf } from "../../helpers/harness";

const P = { "data-classification": "personal" };

/** Per classified type: a public setting, and the input it is found at. */
const OPEN: Record<string, { props: Record<string, unknown>; found: string }> = {
    "aws:rds/instance:Instance": { props: { publiclyAccessible: true }, found: "publiclyAccessible true" },
    "alicloud:rds/instance:Instance": { props: { securityIps: ["10.0.0.0/8", "0.0.0.0/0"] }, found: "0.0.0.0/0 (anywhere on the internet)" },
    "alicloud:kvstore/instance:Instance": { props: { securityIps: ["0.0.0.0"] }, found: "anywhere on the internet" },
    "alicloud:polardb/cluster:Cluster": { props: { dbClusterIpArrays: [{ dbClusterIpArrayName: "app", securityIps: ["::/0"] }] }, found: "anywhere on the internet" },
    "aws:s3/bucket:Bucket": { props: { acl: "public-read" }, found: 'canned ACL "public-read"' },
    "aws:s3/bucketV2:BucketV2": { props: { grants: [{ type: "Group", uri: "http://acs.amazonaws.com/groups/global/AllUsers", permissions: ["READ"] }] }, found: "AllUsers (everyone)" },
    "alicloud:oss/bucket:Bucket": { props: { acl: "public-read-write" }, found: '"public-read-write"' },
};

describe("classified-data-not-public", () => {
    it("covers the databases and buckets the access-control controls read", () => {
        const classified = metadata.resourceTypes.filter((t) => !/Acl|PublicAccessBlock/.test(t.split(":")[2] ?? ""));
        expect([...classified].sort()).toEqual(Object.keys(OPEN).sort());
    });

    it.each(Object.entries(OPEN))("%s: public on personal data is mandatory; private, unset or unclassified passes", async (type, o) => {
        const ds = await runStack(control, [{ type, name: "x", props: { tags: P, ...o.props } }]);
        expect(levels(ds)).toEqual(["mandatory"]);
        expect(ds[0]!.message).toContain(o.found);
        expect(ds[0]!.message).toContain('on data classified `data-classification` = "personal"; required no public access of any kind.');
        expect(await runStack(control, [{ type, name: "x", props: { tags: P } }])).toEqual([]);
        expect(await runStack(control, [{ type, name: "x", props: { tags: { "data-classification": "internal" }, ...o.props } }])).toEqual([]);
    });

    it("names the bases and the Chinese line", async () => {
        const [d] = await runStack(control, [{ type: "aws:rds/instance:Instance", name: "users", props: { tags: { "data-classification": "core" }, publiclyAccessible: true } }]);
        expect(d!.message).toContain("Compliance basis: Data Security Law Art. 21; PIPL Art. 51(3); Cybersecurity Law Art. 23(4) (Art. 21(4) before 2026-01-01); GB/T 22239-2019 level 3 8.1.4.2.");
        expect(d!.message).toContain('RDS 实例“users”：当前：publiclyAccessible 为 true，而该资源的数据分类为 `data-classification` = "core"（核心数据）；要求：不允许任何形式的公开访问。');
    });

    const bucket: TestResource = { type: "aws:s3/bucket:Bucket", name: "b", props: { tags: P, bucket: "b" } };
    const linked = (type: string, props: Record<string, unknown>): TestResource => ({ type, name: "linked", props: { bucket: "b", ...props }, propertyDependencies: { bucket: [urnOf("aws:s3/bucket:Bucket", "b")] } });

    it("a public ACL resource of the bucket is reported on the bucket, with the input of the ACL resource", async () => {
        const ds = await runStack(control, [bucket, linked("aws:s3/bucketAcl:BucketAcl", { acl: "public-read" })]);
        expect(levels(ds)).toEqual(["mandatory"]);
        expect(ds[0]!.urn).toBe(urnOf("aws:s3/bucket:Bucket", "b"));
        expect(ds[0]!.message).toContain("Change `acl` of the `aws.s3.BucketAcl`.");
        expect(await runStack(control, [bucket, linked("aws:s3/bucketAcl:BucketAcl", { acl: "private" })])).toEqual([]);
    });

    it("an ACL resource of another bucket is not this bucket's; one whose bucket is unknown is advisory", async () => {
        expect(await runStack(control, [bucket, { type: "aws:s3/bucketAcl:BucketAcl", name: "other", props: { bucket: "other", acl: "public-read" } }])).toEqual([]);
        expect(levels(await runStack(control, [bucket, { type: "aws:s3/bucketAcl:BucketAcl", name: "later", props: { bucket: unknown(), acl: "public-read" } }]))).toEqual(["advisory"]);
    });

    it("a public access block of the bucket with flags off is one finding naming them", async () => {
        const ds = await runStack(control, [bucket, linked("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: false })]);
        expect(levels(ds)).toEqual(["mandatory"]);
        expect(ds[0]!.message).toContain("public access block with `ignorePublicAcls`, `restrictPublicBuckets` off or unset (default false)");
        const all = { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true };
        expect(await runStack(control, [bucket, linked("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", all)])).toEqual([]);
        expect(levels(await runStack(control, [bucket, linked("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", { ...all, restrictPublicBuckets: unknown() })]))).toEqual(["advisory"]);
    });

    it("an OSS bucket's public access block counts too", async () => {
        const oss: TestResource = { type: "alicloud:oss/bucket:Bucket", name: "o", props: { tags: P, bucket: "o" } };
        const block: TestResource = { type: "alicloud:oss/bucketPublicAccessBlock:BucketPublicAccessBlock", name: "blk", props: { bucket: "o", blockPublicAccess: false } };
        expect(levels(await runStack(control, [oss, block]))).toEqual(["mandatory"]);
    });

    it("unknown values are never mandatory", async () => {
        expect(levels(await runStack(control, [{ type: "aws:rds/instance:Instance", name: "x", props: { tags: P, publiclyAccessible: unknown() } }]))).toEqual(["advisory"]);
        expect(levels(await runStack(control, [{ type: "alicloud:rds/instance:Instance", name: "x", props: { tags: P, securityIps: unknown() } }]))).toEqual(["advisory"]);
        expect(await runStack(control, [{ type: "aws:rds/instance:Instance", name: "x", props: { tags: unknown(), publiclyAccessible: true } }])).toEqual([]);
    });
});
