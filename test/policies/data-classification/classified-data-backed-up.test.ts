import { describe, expect, it } from "vitest";
import control, { metadata } from "../../../policies/data-classification/classified-data-backed-up";
import { type TestResource, levels, runStack, unknown, urnOf } from "../../helpers/harness";

const P = { "data-classification": "personal" };

/** Per classified type: props that keep backups (or versioning), and what an unset resource is found with. */
const CASES: Record<string, { ok: Record<string, unknown>; unsetFound?: string }> = {
    "aws:rds/instance:Instance": { ok: { backupRetentionPeriod: 7 }, unsetFound: "unset (default 0 days (no automated backups))" },
    "aws:rds/cluster:Cluster": { ok: { backupRetentionPeriod: 7 }, unsetFound: "unset (default 1 days)" },
    "aws:docdb/cluster:Cluster": { ok: { backupRetentionPeriod: 14 } },
    "aws:neptune/cluster:Cluster": { ok: { backupRetentionPeriod: 7 } },
    "aws:redshift/cluster:Cluster": { ok: { automatedSnapshotRetentionPeriod: 7 } },
    "aws:elasticache/replicationGroup:ReplicationGroup": { ok: { snapshotRetentionLimit: 7 } },
    "aws:dynamodb/table:Table": { ok: { pointInTimeRecovery: { enabled: true } }, unsetFound: "point-in-time recovery unset (default off)" },
    "aws:s3/bucket:Bucket": { ok: { versioning: { enabled: true } } },
    "aws:s3/bucketV2:BucketV2": { ok: { versionings: [{ enabled: true }] } },
    "alicloud:oss/bucket:Bucket": { ok: { versioning: { status: "Enabled" } } },
};

describe("classified-data-backed-up", () => {
    it.each(Object.entries(CASES))("%s: no backups on personal data is mandatory; kept backups pass; unclassified passes", async (type, c) => {
        const ds = await runStack(control, [{ type, name: "x", props: { tags: P } }]);
        expect(levels(ds)).toEqual(["mandatory"]);
        if (c.unsetFound) expect(ds[0]!.message).toContain(`found ${c.unsetFound}, on data classified`);
        expect(await runStack(control, [{ type, name: "x", props: { tags: P, ...c.ok } }])).toEqual([]);
        expect(await runStack(control, [{ type, name: "x", props: {} }])).toEqual([]);
        expect(await runStack(control, [{ type, name: "x", props: { tags: { "data-classification": "internal" } } }])).toEqual([]);
    });

    it("MongoDB instances keep 30 days unless told otherwise (the service default)", async () => {
        for (const type of ["alicloud:mongodb/instance:Instance", "alicloud:mongodb/shardingInstance:ShardingInstance"]) {
            expect(await runStack(control, [{ type, name: "m", props: { tags: P } }])).toEqual([]);
            expect(levels(await runStack(control, [{ type, name: "m", props: { tags: P, backupRetentionPeriod: 3 } }]))).toEqual(["mandatory"]);
        }
    });

    it("Alibaba Cloud RDS: the backup policy that names the instance is read; without one the service default (7 days) applies", async () => {
        const db: TestResource = { type: "alicloud:rds/instance:Instance", name: "db", props: { tags: P } };
        expect(await runStack(control, [db])).toEqual([]);
        const policy = (props: Record<string, unknown>): TestResource => ({ type: "alicloud:rds/backupPolicy:BackupPolicy", name: "bp", props: { instanceId: "rm-1", ...props }, propertyDependencies: { instanceId: [urnOf(db.type, "db")] } });
        const ds = await runStack(control, [db, policy({ backupRetentionPeriod: 3 })]);
        expect(levels(ds)).toEqual(["mandatory"]);
        expect(ds[0]!.urn).toBe(urnOf(db.type, "db"));
        expect(ds[0]!.message).toContain("Change `backupRetentionPeriod` of the `alicloud.rds.BackupPolicy`.");
        // The deprecated input name counts as well.
        expect(await runStack(control, [db, policy({ retentionPeriod: 10, logBackupRetentionPeriod: 10 })])).toEqual([]);
        // A longer minimum: the service default falls short, and the fix is a new backup policy.
        const longer = await runStack(control, [db], { config: { minimumBackupRetentionDays: 14 } });
        expect(levels(longer)).toEqual(["mandatory", "mandatory"]);
        expect(longer[0]!.message).toContain("Add an `alicloud.rds.BackupPolicy` with `backupRetentionPeriod` set.");
    });

    it("PolarDB: long-term backups on the cluster's backup policy count", async () => {
        const cluster: TestResource = { type: "alicloud:polardb/cluster:Cluster", name: "pc", props: { tags: P, id: "pc-1" } };
        const bp: TestResource = { type: "alicloud:polardb/backupPolicy:BackupPolicy", name: "bp", props: { dbClusterId: "pc-1", dataLevel1BackupRetentionPeriod: 3 } };
        expect(levels(await runStack(control, [cluster, bp]))).toEqual(["mandatory"]);
        expect(await runStack(control, [cluster, { ...bp, props: { dbClusterId: "pc-1", dataLevel1BackupRetentionPeriod: 3, dataLevel2BackupRetentionPeriod: 30 } }])).toEqual([]);
    });

    it("a bucket versioned by a separate BucketVersioning passes; versioning is mandatory here though advisory in bucket-versioning", async () => {
        const bucket: TestResource = { type: "aws:s3/bucket:Bucket", name: "b", props: { tags: P, bucket: "b" } };
        const v = (status: string): TestResource => ({ type: "aws:s3/bucketVersioning:BucketVersioning", name: "v", props: { bucket: "b", versioningConfiguration: { status } }, propertyDependencies: { bucket: [urnOf(bucket.type, "b")] } });
        expect(await runStack(control, [bucket, v("Enabled")])).toEqual([]);
        const ds = await runStack(control, [bucket, v("Suspended")]);
        expect(levels(ds)).toEqual(["mandatory"]);
        expect(ds[0]!.message).toContain("Change `versioningConfiguration.status` of the `aws.s3.BucketVersioning`.");
        // The same words as bucket-versioning (before, only the status was named).
        expect(ds[0]!.message).toContain('found aws.s3.BucketVersioning with status "Suspended"');
        const [bare] = await runStack(control, [bucket]);
        expect(bare!.message).toContain('S3 bucket "b": found unset (default: not versioned), on data classified `data-classification` = "personal"; required versioning Enabled. Add an `aws.s3.BucketVersioning` with `bucket` set.');
        expect(bare!.message).toContain('S3 存储桶“b”：当前：未设置（默认不开启版本控制），而该资源的数据分类为 `data-classification` = "personal"（个人信息）；要求：版本控制为 Enabled。');
        expect(bare!.message).toContain("Compliance basis: Data Security Law Art. 21; Cybersecurity Law Art. 23(4) (Art. 21(4) before 2026-01-01); GB/T 22239-2019 level 3 8.1.4.9.");
    });

    it("an unknown inline versioning flag names that flag, as bucket-versioning does", async () => {
        // Before, this control asked for a new aws.s3.BucketVersioning even where the unknown value was the bucket's own input.
        const ds = await runStack(control, [{ type: "aws:s3/bucket:Bucket", name: "b", props: { tags: P, versioning: { enabled: unknown() } } }]);
        expect(levels(ds)).toEqual(["advisory"]);
        expect(ds[0]!.message).toContain("Change `versioning.enabled`.");
    });

    it.each([["aws:ebs/volume:Volume"], ["aws:efs/fileSystem:FileSystem"], ["alicloud:ecs/ecsDisk:EcsDisk"], ["alicloud:ecs/disk:Disk"]])("%s: no snapshot policy is mandatory; a policy that reaches it passes", async (type) => {
        expect(levels(await runStack(control, [{ type, name: "d", props: { tags: P } }]))).toEqual(["mandatory"]);
        const selection: TestResource = { type: "aws:backup/selection:Selection", name: "sel", props: { resources: ["*"] } };
        const attach: TestResource = { type: "alicloud:ecs/ecsAutoSnapshotPolicyAttachment:EcsAutoSnapshotPolicyAttachment", name: "a", props: { diskId: "d-1", autoSnapshotPolicyId: "sp" }, propertyDependencies: { diskId: [urnOf(type, "d")] } };
        expect(await runStack(control, [{ type, name: "d", props: { tags: P } }, type.startsWith("aws:") ? selection : attach])).toEqual([]);
    });

    it("unknown values are never mandatory", async () => {
        expect(levels(await runStack(control, [{ type: "aws:rds/instance:Instance", name: "x", props: { tags: P, backupRetentionPeriod: unknown() } }]))).toEqual(["advisory"]);
        expect(levels(await runStack(control, [{ type: "aws:ebs/volume:Volume", name: "v", props: { tags: P } }, { type: "aws:backup/selection:Selection", name: "s", props: { resources: [unknown()] } }]))).toEqual(["advisory"]);
        expect(await runStack(control, [{ type: "aws:rds/instance:Instance", name: "x", props: { tags: { "data-classification": unknown() } } }])).toEqual([]);
        // A versioning resource whose bucket is unknown may be this bucket's.
        const unplaced = { type: "aws:s3/bucketVersioningV2:BucketVersioningV2", name: "v", props: { bucket: unknown(), versioningConfiguration: { status: "Enabled" } } };
        expect(levels(await runStack(control, [{ type: "aws:s3/bucketV2:BucketV2", name: "b", props: { bucket: "b", tags: P } }, unplaced]))).toEqual(["advisory"]);
        expect(levels(await runStack(control, [{ type: "aws:s3/bucketV2:BucketV2", name: "b", props: { bucket: "b", tags: P } }]))).toEqual(["mandatory"]);
    });

    it("reads every database, bucket and disk type the backup-recovery controls know, and the Alibaba backup policies", () => {
        expect(metadata.resourceTypes).toEqual(expect.arrayContaining([...Object.keys(CASES), "alicloud:rds/backupPolicy:BackupPolicy", "alicloud:polardb/backupPolicy:BackupPolicy", "aws:ebs/volume:Volume"]));
    });
});
