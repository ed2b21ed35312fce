// Backup and recovery: the orders database keeps 30 days of backups, the session store has
// release protection on, DTS synchronises the orders database to another mainland region, and every
// bucket is versioned; the cache disk has daily snapshots.
import * as alicloud from "@pulumi/alicloud";
import { auditBucket } from "./logging";
import { dataSwitch } from "./network";
import { database } from "./encryption";
import { exportsBucket } from "./access-control";
import { reports, reportsReplica, shanghai } from "./data-residency";
import { uploadsBucket } from "./encryption";
import { cacheDisk } from "./encryption";

export const ordersBackup = new alicloud.rds.BackupPolicy("orders-db-backup", {
    instanceId: database.id,
    backupRetentionPeriod: 30,
    logBackupRetentionPeriod: 30,
});

export const sessions = new alicloud.mongodb.Instance("sessions", {
    tags: { "data-classification": "internal" },
    engineVersion: "6.0",
    dbInstanceClass: "mdb.shard.2x.xlarge.d",
    dbInstanceStorage: 20,
    vswitchId: dataSwitch.id,
    securityIpLists: ["10.20.0.0/16"],
    backupRetentionPeriod: 30,
    dbInstanceReleaseProtection: true,
});

export const ordersSync = new alicloud.dts.SynchronizationInstance("orders-sync", {
    paymentType: "PayAsYouGo",
    sourceEndpointEngineName: "MySQL",
    sourceEndpointRegion: "cn-hangzhou",
    destinationEndpointEngineName: "MySQL",
    destinationEndpointRegion: "cn-shanghai",
    instanceClass: "small",
});

// Every bucket is versioned, so an overwritten or deleted object can be restored.

export const bucketVersioning = [exportsBucket, reports, uploadsBucket, auditBucket].map(
    (bucket, i) => new alicloud.oss.BucketVersioning(`bucket-versioning-${i}`, { bucket: bucket.bucket, status: "Enabled" }),
);
export const replicaVersioning = new alicloud.oss.BucketVersioning("reports-dr-versioning", { bucket: reportsReplica.bucket, status: "Enabled" }, { provider: shanghai });

// Daily snapshots of the cache disk, kept 30 days.
export const dailySnapshots = new alicloud.ecs.AutoSnapshotPolicy("daily-snapshots", { autoSnapshotPolicyName: "daily", repeatWeekdays: ["1", "2", "3", "4", "5", "6", "7"], timePoints: ["2"], retentionDays: 30 });
export const cacheSnapshots = new alicloud.ecs.EcsAutoSnapshotPolicyAttachment("batch-cache-snapshots", { autoSnapshotPolicyId: dailySnapshots.id, diskId: cacheDisk.id });
