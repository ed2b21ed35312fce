import { describe, expect, it } from "vitest";
import control, { COPY_DESTINATIONS } from "../../../policies/data-residency/copy-destination-allowed-regions";
import { type TestResource, levels, runResource, secret, unknown } from "../../helpers/harness";

const awsProvider = (region?: unknown) => ({ type: "pulumi:providers:aws", props: region === undefined ? {} : { region } });
const aliProvider = (region?: unknown) => ({ type: "pulumi:providers:alicloud", props: region === undefined ? {} : { region } });
const AWS_CN = awsProvider("cn-north-1");
const ALI_CN = aliProvider("cn-hangzhou");

const run = (r: TestResource, config?: Record<string, unknown>) => runResource(control, r, config ? { config } : {});

const OSS_REPLICATION = "alicloud:oss/bucketReplication:BucketReplication";

describe("copy-destination-allowed-regions: alicloud.oss.BucketReplication destination.location", () => {
    it.each([
        ["oss-eu-central-1", ["mandatory"]],
        ["oss-ap-southeast-1", ["mandatory"]],
        ["oss-cn-hongkong", ["mandatory"]],
        ["oss-cn-beijing", []],
        ["oss-cn-shanghai-finance-1", []],
        ["cn-shanghai", []],
        ["oss-cn-nowhere", ["advisory"]],
        [42, ["advisory"]],
    ])("%j → %j", async (location, expected) => {
        const ds = await run({ type: OSS_REPLICATION, props: { bucket: "src", destination: { bucket: "dst", location } }, provider: ALI_CN });
        expect(levels(ds)).toEqual(expected);
    });

    it("names the destination, the requirement and the property, citing the outbound-transfer measures", async () => {
        const [d] = await run({ type: OSS_REPLICATION, name: "to-frankfurt", props: { bucket: "src", destination: { bucket: "dst", location: "oss-eu-central-1" } }, provider: ALI_CN });
        expect(d!.message).toContain('resource `alicloud:oss/bucketReplication:BucketReplication` "to-frankfurt": found copy destination region "eu-central-1"');
        expect(d!.message).toContain("Change `destination.location`.");
        expect(d!.message).toContain("Cross-Border Data Flow Provisions (2024) Art. 7, Art. 8 (exemptions: Art. 5); Outbound Data Transfer Assessment Measures Art. 4.");
        expect(d!.message).toContain("PIPL Art. 38, Art. 39, Art. 40");
        expect(d!.message).toContain("《数据出境安全评估办法》第四条");
        // Alibaba Cloud's console says 地域.
        expect(d!.message).toContain('当前：副本目标地域 "eu-central-1"；要求：位于 `allowedRegions` 允许的地域');
        expect(d!.message).toContain("如确需出境：仅关键信息基础设施运营者、重要数据或超过规定数量的个人信息须申报数据出境安全评估；");
    });

    it("an unknown destination is left to the stack policy (s3-replication-destination-allowed-regions resolves it through the stack)", async () => {
        expect(await run({ type: OSS_REPLICATION, props: { bucket: "src", destination: { bucket: "dst", location: unknown() } }, provider: ALI_CN })).toEqual([]);
        expect(await run({ type: OSS_REPLICATION, props: { bucket: "src", destination: unknown() }, provider: ALI_CN })).toEqual([]);
    });

    it("a secret location is never echoed", async () => {
        const ds = await run({ type: OSS_REPLICATION, props: { destination: { bucket: "dst", location: secret("oss-TOP-SECRET-VALUE") } }, provider: ALI_CN });
        expect(levels(ds)).toEqual(["advisory"]);
        expect(ds.map((d) => d.message).join("\n")).not.toContain("TOP-SECRET-VALUE");
    });

    it("a glob config allows EU replication (eu-*)", async () => {
        const r = { type: OSS_REPLICATION, props: { destination: { bucket: "dst", location: "oss-eu-central-1" } }, provider: ALI_CN };
        expect(await run(r, { allowedRegions: ["eu-*", "cn-*"] })).toEqual([]);
    });
});

describe("copy-destination-allowed-regions: destinations named on the resource", () => {
    it.each([
        ["RDS cross-region backup abroad", "alicloud:rds/rdsInstanceCrossBackupPolicy:RdsInstanceCrossBackupPolicy", { instanceId: "i", crossBackupRegion: "ap-southeast-1" }, ["mandatory"]],
        ["RDS cross-region backup in the mainland", "alicloud:rds/rdsInstanceCrossBackupPolicy:RdsInstanceCrossBackupPolicy", { instanceId: "i", crossBackupRegion: "cn-shanghai" }, []],
        ["disk replica pair abroad", "alicloud:ebs/diskReplicaPair:DiskReplicaPair", { destinationRegionId: "cn-hongkong", destinationZoneId: "cn-hongkong-b" }, ["mandatory", "mandatory"]],
        ["disk replica pair in the mainland", "alicloud:ebs/diskReplicaPair:DiskReplicaPair", { destinationRegionId: "cn-shanghai", destinationZoneId: "cn-shanghai-l" }, []],
        ["disk replica pair: zone abroad though region allowed", "alicloud:ebs/diskReplicaPair:DiskReplicaPair", { destinationRegionId: "cn-shanghai", destinationZoneId: "ap-southeast-1a" }, ["mandatory"]],
        ["disk replica pair: unplaceable zone", "alicloud:ebs/diskReplicaPair:DiskReplicaPair", { destinationRegionId: "cn-shanghai", destinationZoneId: "zz" }, ["advisory"]],
        ["disk replica group abroad", "alicloud:ebs/diskReplicaGroup:DiskReplicaGroup", { sourceRegionId: "cn-hangzhou", destinationRegionId: "eu-central-1" }, ["mandatory"]],
        ["disk replica group in the mainland", "alicloud:ebs/diskReplicaGroup:DiskReplicaGroup", { sourceRegionId: "cn-hangzhou", destinationRegionId: "cn-beijing" }, []],
        ["auto snapshot policy copying abroad", "alicloud:ecs/autoSnapshotPolicy:AutoSnapshotPolicy", { enableCrossRegionCopy: true, targetCopyRegions: ["ap-southeast-1"] }, ["mandatory"]],
        ["auto snapshot policy: every target region", "alicloud:ecs/autoSnapshotPolicy:AutoSnapshotPolicy", { enableCrossRegionCopy: true, targetCopyRegions: ["cn-beijing", "us-east-1", "eu-west-1"] }, ["mandatory", "mandatory"]],
        ["auto snapshot policy with copy off", "alicloud:ecs/autoSnapshotPolicy:AutoSnapshotPolicy", { enableCrossRegionCopy: false, targetCopyRegions: ["ap-southeast-1"] }, []],
        ["auto snapshot policy with copy unset", "alicloud:ecs/autoSnapshotPolicy:AutoSnapshotPolicy", { targetCopyRegions: ["ap-southeast-1"] }, []],
        ["auto snapshot policy copying in the mainland", "alicloud:ecs/autoSnapshotPolicy:AutoSnapshotPolicy", { enableCrossRegionCopy: true, targetCopyRegions: ["cn-beijing"] }, []],
        ["deprecated snapshot policy copying abroad", "alicloud:ecs/snapshotPolicy:SnapshotPolicy", { enableCrossRegionCopy: "true", targetCopyRegions: ["ap-southeast-1"] }, ["mandatory"]],
        ["polardb level-2 backup abroad", "alicloud:polardb/backupPolicy:BackupPolicy", { dbClusterId: "c", dataLevel2BackupAnotherRegionRegion: "ap-southeast-1" }, ["mandatory"]],
        ["polardb log backup abroad", "alicloud:polardb/backupPolicy:BackupPolicy", { dbClusterId: "c", logBackupAnotherRegionRegion: "cn-hongkong" }, ["mandatory"]],
        ["polardb backups in the mainland", "alicloud:polardb/backupPolicy:BackupPolicy", { dbClusterId: "c", dataLevel2BackupAnotherRegionRegion: "cn-beijing", logBackupAnotherRegionRegion: "cn-beijing" }, []],
        ["RDS snapshot copy abroad", "aws:rds/snapshotCopy:SnapshotCopy", { destinationRegion: "us-west-2" }, ["mandatory"]],
        ["RDS snapshot copy to Ningxia", "aws:rds/snapshotCopy:SnapshotCopy", { destinationRegion: "cn-northwest-1" }, []],
        ["RDS cluster snapshot copy abroad", "aws:rds/clusterSnapshotCopy:ClusterSnapshotCopy", { destinationRegion: "eu-west-1" }, ["mandatory"]],
        ["DynamoDB table: every replica", "aws:dynamodb/table:Table", { replicas: [{ regionName: "cn-northwest-1" }, { regionName: "us-east-1" }, { regionName: "ap-east-1" }] }, ["mandatory", "mandatory"]],
        ["DynamoDB table with mainland replicas", "aws:dynamodb/table:Table", { replicas: [{ regionName: "cn-northwest-1" }] }, []],
        ["DynamoDB table witness abroad", "aws:dynamodb/table:Table", { replicas: [{ regionName: "cn-northwest-1" }], globalTableWitness: { regionName: "us-east-1" } }, ["mandatory"]],
        ["DynamoDB table without replicas", "aws:dynamodb/table:Table", { name: "t" }, []],
        ["legacy global table replica abroad", "aws:dynamodb/globalTable:GlobalTable", { replicas: [{ regionName: "cn-north-1" }, { regionName: "us-east-1" }] }, ["mandatory"]],
        ["ECR replication abroad", "aws:ecr/replicationConfiguration:ReplicationConfiguration", { replicationConfiguration: { rules: [{ destinations: [{ region: "cn-northwest-1", registryId: "1" }] }, { destinations: [{ region: "us-east-1", registryId: "1" }] }] } }, ["mandatory"]],
        ["Secrets Manager replica abroad", "aws:secretsmanager/secret:Secret", { replicas: [{ region: "ap-southeast-1" }] }, ["mandatory"]],
        ["Secrets Manager replica in the mainland", "aws:secretsmanager/secret:Secret", { replicas: [{ region: "cn-northwest-1" }] }, []],
    ])("%s", async (_name, type, props, expected) => {
        const provider = type.startsWith("aws:") ? AWS_CN : ALI_CN;
        expect(levels(await run({ type, props, provider }))).toEqual(expected);
    });

    it("names the element of a list that is off the list", async () => {
        const ds = await run({ type: "aws:dynamodb/table:Table", props: { replicas: [{ regionName: "cn-northwest-1" }, { regionName: "us-east-1" }] }, provider: AWS_CN });
        expect(ds[0]!.message).toContain("Change `replicas[1].regionName`.");
        const [e] = await run({ type: "aws:ecr/replicationConfiguration:ReplicationConfiguration", props: { replicationConfiguration: { rules: [{ destinations: [{ region: "cn-northwest-1" }, { region: "us-east-1" }] }] } }, provider: AWS_CN });
        expect(e!.message).toContain("Change `replicationConfiguration.rules[0].destinations[1].region`.");
    });

    it("an RDS snapshot copy without destinationRegion stays in its own region: not a copy abroad", async () => {
        expect(await run({ type: "aws:rds/snapshotCopy:SnapshotCopy", props: {}, provider: AWS_CN })).toEqual([]);
    });

    it("a replica list that is not a list is advisory, never thrown", async () => {
        expect(levels(await run({ type: "aws:dynamodb/table:Table", props: { replicas: "us-east-1" }, provider: AWS_CN }))).toEqual(["advisory"]);
    });
});

describe("copy-destination-allowed-regions: copies created in their own region", () => {
    it.each([
        ["aws:ebs/snapshotCopy:SnapshotCopy", { sourceRegion: "cn-north-1", sourceSnapshotId: "snap-1" }],
        ["aws:ec2/amiCopy:AmiCopy", { sourceAmiRegion: "cn-north-1", sourceAmiId: "ami-1" }],
        ["aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication", { sourceDbInstanceArn: "arn:aws-cn:rds:cn-north-1:1:db:x" }],
        ["aws:dynamodb/tableReplica:TableReplica", { globalTableArn: "arn" }],
        ["aws:kms/replicaKey:ReplicaKey", { primaryKeyArn: "arn" }],
        ["aws:kms/replicaExternalKey:ReplicaExternalKey", { primaryKeyArn: "arn" }],
    ])("%s: the destination is its region", async (type, props) => {
        expect(levels(await run({ type, props: { ...props, region: "us-east-1" }, provider: AWS_CN }))).toEqual(["mandatory"]);
        expect(levels(await run({ type, props, provider: awsProvider("ap-southeast-1") }))).toEqual(["mandatory"]);
        expect(await run({ type, props: { ...props, region: "cn-northwest-1" }, provider: AWS_CN })).toEqual([]);
        expect(await run({ type, props, provider: AWS_CN })).toEqual([]);
    });

    it.each([["alicloud:ecs/imageCopy:ImageCopy"], ["alicloud:ecs/copyImage:CopyImage"], ["alicloud:rds/ddrInstance:DdrInstance"]])(
        "%s: the destination is the provider's region; the source region does not matter",
        async (type) => {
            expect(levels(await run({ type, props: { sourceRegionId: "cn-hangzhou" }, provider: aliProvider("ap-southeast-1") }))).toEqual(["mandatory"]);
            expect(await run({ type, props: { sourceRegionId: "ap-southeast-1" }, provider: aliProvider("cn-beijing") })).toEqual([]);
        },
    );

    it("says the copy is made in its provider's region", async () => {
        const [d] = await run({ type: "aws:ec2/amiCopy:AmiCopy", props: { sourceAmiRegion: "cn-north-1" }, provider: awsProvider("us-east-1") });
        expect(d!.message).toContain('found copy destination region "us-east-1"');
        expect(d!.message).toContain("The copy is created in its provider's region");
    });

    it("no region known at all: advisory", async () => {
        const ds = await run({ type: "aws:ec2/amiCopy:AmiCopy", props: { sourceAmiRegion: "cn-north-1" } });
        expect(levels(ds)).toEqual(["advisory"]);
        expect(ds[0]!.message).toContain("environment-only configuration is not visible to policies");
    });

    it("an unknown region gives an advisory only", async () => {
        expect(levels(await run({ type: "aws:kms/replicaKey:ReplicaKey", props: { region: unknown() }, provider: AWS_CN }))).toEqual(["advisory"]);
    });
});

describe("copy-destination-allowed-regions: config and odd input", () => {
    it("exemptResourceTypes makes the finding advisory and says so", async () => {
        const ds = await run({ type: "alicloud:rds/rdsInstanceCrossBackupPolicy:RdsInstanceCrossBackupPolicy", props: { crossBackupRegion: "ap-southeast-1" }, provider: ALI_CN }, {
            exemptResourceTypes: ["alicloud:rds/rdsInstanceCrossBackupPolicy:RdsInstanceCrossBackupPolicy"],
        });
        expect(levels(ds)).toEqual(["advisory"]);
        expect(ds[0]!.message).toContain("exemptResourceTypes");
    });

    it("resources that make no copies are not checked", async () => {
        expect(await run({ type: "aws:s3/bucket:Bucket", props: { region: "us-east-1" }, provider: AWS_CN })).toEqual([]);
        expect(await run({ type: "alicloud:oss/bucket:Bucket", props: {}, provider: aliProvider("ap-southeast-1") })).toEqual([]);
    });

    it.each(Object.keys(COPY_DESTINATIONS).flatMap((type) => [null, "str", [1, 2], { nested: [{ deep: true }] }].map((v) => [type, v] as const)))("%s with odd input %j never throws", async (type, v) => {
        const props = { destination: v, location: v, crossBackupRegion: v, destinationRegionId: v, destinationZoneId: v, enableCrossRegionCopy: true, targetCopyRegions: v, replicas: v, destinationRegion: v, replicationConfiguration: v, globalTableWitness: v, region: v, dataLevel2BackupAnotherRegionRegion: v };
        await expect(run({ type, props, provider: type.startsWith("aws:") ? AWS_CN : ALI_CN })).resolves.toBeDefined();
    });
});
