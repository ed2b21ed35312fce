// Backup and recovery: PolarDB keeps its backups three days, the session store can be released by
// one mistaken update, a DTS task synchronises the orders database abroad, one bucket is not
// versioned, and the automatic snapshots are kept three days.
import * as alicloud from "@pulumi/alicloud";
import { accessLogBucket, assetsBucket } from "./logging";
import { dataSwitch } from "./network";
import { downloadsBucket, exportsBucket } from "./access-control";
import { reports } from "./data-residency";
import { uploadsBucket } from "./encryption";
import { cacheDisk } from "./encryption";

export const analytics = new alicloud.polardb.Cluster("analytics", {
    tags: { "data-classification": "internal" },
    dbType: "MySQL",
    dbVersion: "8.0",
    dbNodeClass: "polar.mysql.x4.medium",
    payType: "PostPaid",
    vswitchId: dataSwitch.id,
    securityIps: ["10.20.0.0/16"],
    tdeStatus: "Enabled",
    deletionLock: 1,
    collectorStatus: "Enable",
});

// BREAKS database-backup-retention: level-1 backups are kept 3 days.
// FIX: dataLevel1BackupRetentionPeriod: 7 (up to 14), or long-term dataLevel2BackupRetentionPeriod: 30.
export const analyticsBackup = new alicloud.polardb.BackupPolicy("analytics-backup", {
    dbClusterId: analytics.id,
    dataLevel1BackupRetentionPeriod: 3,
});

// BREAKS database-deletion-protection: dbInstanceReleaseProtection false: the instance can be released.
// FIX: dbInstanceReleaseProtection: true.
export const sessions = new alicloud.mongodb.Instance("sessions", {
    tags: { "data-classification": "internal" },
    engineVersion: "6.0",
    dbInstanceClass: "mdb.shard.2x.xlarge.d",
    dbInstanceStorage: 20,
    vswitchId: dataSwitch.id,
    securityIpLists: ["10.20.0.0/16"],
    backupRetentionPeriod: 30,
    dbInstanceReleaseProtection: false,
});

// BREAKS copy-destination-allowed-regions: the destination endpoint is in ap-southeast-1 (Singapore).
// FIX: destinationEndpointRegion: "cn-shanghai" (or another mainland region).
export const ordersSync = new alicloud.dts.SynchronizationInstance("orders-sync", {
    paymentType: "PayAsYouGo",
    sourceEndpointEngineName: "MySQL",
    sourceEndpointRegion: "cn-hangzhou",
    destinationEndpointEngineName: "MySQL",
    destinationEndpointRegion: "ap-southeast-1",
    instanceClass: "small",
});

// BREAKS bucket-versioning on static-assets: the Hong Kong bucket has no versioning, so an overwrite or delete is final.
// FIX: versioning: { status: "Enabled" } on the bucket. The other buckets are versioned here.

export const bucketVersioning = [downloadsBucket, exportsBucket, reports, uploadsBucket, assetsBucket, accessLogBucket].map(
    (bucket, i) => new alicloud.oss.BucketVersioning(`bucket-versioning-${i}`, { bucket: bucket.bucket, status: "Enabled" }),
);

// BREAKS snapshot-policy-coverage: snapshots are kept 3 days, less than the 7-day minimum.
// FIX: retentionDays: 7 or more (-1 keeps snapshots until deleted).
export const dailySnapshots = new alicloud.ecs.AutoSnapshotPolicy("daily-snapshots", { autoSnapshotPolicyName: "daily", repeatWeekdays: ["1", "2", "3", "4", "5", "6", "7"], timePoints: ["2"], retentionDays: 3 });
export const cacheSnapshots = new alicloud.ecs.EcsAutoSnapshotPolicyAttachment("batch-cache-snapshots", { autoSnapshotPolicyId: dailySnapshots.id, diskId: cacheDisk.id });
