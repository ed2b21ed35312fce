import { describe, expect, it } from "vitest";
import { STATEFUL } from "../../../policies/data-classification/classification";
import control from "../../../policies/data-classification/classified-data-in-region";
import { type TestResource, levels, runStack, unknown, urnOf } from "../../helpers/harness";

const P = { "data-classification": "personal" };
const CORE = { "data-classification": "core" };
const provider = (cloud: "aws" | "alicloud", region: unknown) => ({ type: `pulumi:providers:${cloud}`, props: { region } });
const BEIJING = provider("aws", "cn-north-1");
const SINGAPORE = provider("aws", "ap-southeast-1");

describe("classified-data-in-region", () => {
    it.each(Object.keys(STATEFUL).map((t) => [t]))("%s: abroad is mandatory on personal data, in China passes, unclassified passes", async (type) => {
        const cloud = type.startsWith("aws:") ? "aws" : "alicloud";
        const abroad = provider(cloud, cloud === "aws" ? "us-east-1" : "ap-southeast-1");
        const home = provider(cloud, cloud === "aws" ? "cn-north-1" : "cn-beijing");
        expect(levels(await runStack(control, [{ type, name: "x", props: { tags: P }, provider: abroad }]))).toEqual(["mandatory"]);
        expect(await runStack(control, [{ type, name: "x", props: { tags: P }, provider: home }])).toEqual([]);
        expect(await runStack(control, [{ type, name: "x", props: { tags: { "data-classification": "internal" } }, provider: abroad }])).toEqual([]);
    });

    it("names the region, the classification, the allowlist and the provider to change", async () => {
        const [d] = await runStack(control, [{ type: "aws:rds/instance:Instance", name: "users", props: { tags: P }, provider: SINGAPORE }]);
        expect(d!.message).toContain('RDS instance "users": found region "ap-southeast-1", on data classified `data-classification` = "personal"; required a region on `allowedRegions` (cn-north-1, cn-northwest-1,');
        expect(d!.message).toContain("Change `region` of the `aws.Provider`.");
        expect(d!.message).toContain("Compliance basis: Data Security Law Art. 21, Art. 31; PIPL Art. 40; GB/T 22239-2019 level 3 8.2.4.5 a).");
        expect(d!.message).toContain('RDS 实例“users”：当前：区域 "ap-southeast-1"，而该资源的数据分类为 `data-classification` = "personal"（个人信息）；要求：位于 `allowedRegions` 中的区域（cn-north-1、');
    });

    it("strictly: no visible region, an unknown region name and an exempted type are findings at the policy's level", async () => {
        expect(levels(await runStack(control, [{ type: "aws:s3/bucket:Bucket", name: "b", props: { tags: P } }]))).toEqual(["mandatory"]);
        expect(levels(await runStack(control, [{ type: "aws:s3/bucket:Bucket", name: "b", props: { tags: P }, provider: provider("aws", "cn-north-9") }]))).toEqual(["mandatory"]);
        expect(levels(await runStack(control, [{ type: "aws:s3/bucket:Bucket", name: "b", props: { tags: P }, provider: SINGAPORE }], { config: { exemptResourceTypes: ["aws:s3/bucket:Bucket"] } }))).toEqual(["mandatory"]);
    });

    it("a resource's own region input wins over the provider's", async () => {
        const ds = await runStack(control, [{ type: "aws:s3/bucket:Bucket", name: "b", props: { tags: P, region: "eu-west-1" }, provider: BEIJING }]);
        expect(levels(ds)).toEqual(["mandatory"]);
        expect(ds[0]!.message).toContain("Change `region`.");
    });

    it("core data must also be on coreDataRegions (empty = the allowlist)", async () => {
        const shanghai = provider("alicloud", "cn-shanghai");
        const db: TestResource = { type: "alicloud:rds/instance:Instance", name: "core-db", props: { tags: CORE }, provider: shanghai };
        expect(await runStack(control, [db])).toEqual([]);
        const ds = await runStack(control, [db], { config: { coreDataRegions: ["cn-beijing"] } });
        expect(levels(ds)).toEqual(["mandatory"]);
        expect(ds[0]!.message).toContain("required a region on `coreDataRegions` (cn-beijing)");
        // Only the most sensitive level is held to coreDataRegions.
        expect(await runStack(control, [{ ...db, props: { tags: { "data-classification": "important" } } }], { config: { coreDataRegions: ["cn-beijing"] } })).toEqual([]);
    });

    it("a copy of the data abroad is a finding on the classified resource: DynamoDB replicas", async () => {
        const table: TestResource = { type: "aws:dynamodb/table:Table", name: "t", props: { tags: P, replicas: [{ regionName: "cn-northwest-1" }, { regionName: "us-west-2" }] }, provider: BEIJING };
        const ds = await runStack(control, [table]);
        expect(levels(ds)).toEqual(["mandatory"]);
        expect(ds[0]!.message).toContain('found copy destination region "us-west-2"');
        expect(ds[0]!.message).toContain("Change `replicas[1].regionName`.");
    });

    it("copy resources that name the resource: automated-backup replication, cross-region backup, OSS replication", async () => {
        const db: TestResource = { type: "aws:rds/instance:Instance", name: "db", props: { tags: P }, provider: BEIJING };
        const repl: TestResource = {
            type: "aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication",
            name: "repl",
            props: { sourceDbInstanceArn: "arn" },
            propertyDependencies: { sourceDbInstanceArn: [urnOf("aws:rds/instance:Instance", "db")] },
            provider: SINGAPORE,
        };
        const ds = await runStack(control, [db, repl]);
        expect(levels(ds)).toEqual(["mandatory"]);
        expect(ds[0]!.urn).toBe(urnOf("aws:rds/instance:Instance", "db"));
        expect(ds[0]!.message).toContain('copy destination (repl) region "ap-southeast-1"');
        expect(await runStack(control, [db, { ...repl, provider: provider("aws", "cn-northwest-1") }])).toEqual([]);

        const home = provider("alicloud", "cn-hangzhou");
        const ali: TestResource = { type: "alicloud:rds/instance:Instance", name: "ali", props: { tags: P, id: "rm-1" }, provider: home };
        const cross: TestResource = { type: "alicloud:rds/rdsInstanceCrossBackupPolicy:RdsInstanceCrossBackupPolicy", name: "cross", props: { instanceId: "rm-1", crossBackupRegion: "ap-southeast-1" }, provider: home };
        const cds = await runStack(control, [ali, cross]);
        expect(levels(cds)).toEqual(["mandatory"]);
        expect(cds[0]!.message).toContain("Change `crossBackupRegion` of the `alicloud.rds.RdsInstanceCrossBackupPolicy`.");

        const oss: TestResource = { type: "alicloud:oss/bucket:Bucket", name: "o", props: { tags: P, bucket: "o" }, provider: home };
        const rep: TestResource = { type: "alicloud:oss/bucketReplication:BucketReplication", name: "rep", props: { bucket: "o", destination: { bucket: "d", location: "oss-us-west-1" } }, provider: home };
        expect(levels(await runStack(control, [oss, rep]))).toEqual(["mandatory"]);
        // A replication of another bucket is not this one's copy.
        expect(await runStack(control, [oss, { ...rep, props: { bucket: "other", destination: { bucket: "d", location: "oss-us-west-1" } } }])).toEqual([]);
    });

    it("unknown values are never mandatory: the region, a copy destination, the tag", async () => {
        expect(levels(await runStack(control, [{ type: "aws:s3/bucket:Bucket", name: "b", props: { tags: P }, provider: provider("aws", unknown()) }]))).toEqual(["advisory"]);
        expect(levels(await runStack(control, [{ type: "aws:dynamodb/table:Table", name: "t", props: { tags: P, replicas: [{ regionName: unknown() }] }, provider: BEIJING }]))).toEqual(["advisory"]);
        expect(await runStack(control, [{ type: "aws:s3/bucket:Bucket", name: "b", props: { tags: { "data-classification": unknown() } }, provider: SINGAPORE }])).toEqual([]);
    });

    it("allowedRegions is configurable", async () => {
        expect(await runStack(control, [{ type: "aws:s3/bucket:Bucket", name: "b", props: { tags: P }, provider: SINGAPORE }], { config: { allowedRegions: ["ap-southeast-*"] } })).toEqual([]);
    });
});
