// Data classification: most resources of this stack are `internal`; the ones below hold personal,
// important or core data, so from `personal` up the classified-data rules apply to them strictly:
// a customer-managed key, no public access, every copy in the mainland, backups, and deletion
// protection.
import * as alicloud from "@pulumi/alicloud";
import { dailySnapshots } from "./backup";
import { dataKey } from "./encryption";
import { dataSwitch } from "./network";

// Personal data: encrypted with the app's key, private, backed up 30 days, and its backups copied only to Shanghai.
export const customerProfiles = new alicloud.rds.Instance("customer-profiles", {
    tags: { "data-classification": "personal" },
    deletionProtection: true,
    engine: "MySQL",
    engineVersion: "8.0",
    instanceType: "mysql.n2.medium.2c",
    instanceStorage: 50,
    dbInstanceStorageType: "cloud_essd",
    vswitchId: dataSwitch.id,
    securityIps: ["10.20.0.0/16"],
    encryptionKey: dataKey.id,
    sqlCollectorStatus: "Enabled",
    sqlCollectorConfigValue: 365,
});
export const customerProfilesBackup = new alicloud.rds.BackupPolicy("customer-profiles-backup", { instanceId: customerProfiles.id, backupRetentionPeriod: 30, logBackupRetentionPeriod: 30 });
export const customerProfilesCrossBackup = new alicloud.rds.RdsInstanceCrossBackupPolicy("customer-profiles-cross-backup", { instanceId: customerProfiles.id, crossBackupRegion: "cn-shanghai" });

// Important data: PolarDB with TDE under the app's key and the deletion lock on.
export const riskScores = new alicloud.polardb.Cluster("risk-scores", {
    tags: { "data-classification": "important" },
    dbType: "MySQL",
    dbVersion: "8.0",
    dbNodeClass: "polar.mysql.x4.medium",
    payType: "PostPaid",
    vswitchId: dataSwitch.id,
    securityIps: ["10.20.0.0/16"],
    tdeStatus: "Enabled",
    encryptionKey: dataKey.id,
    deletionLock: 1,
    collectorStatus: "Enable",
});
export const riskScoresBackup = new alicloud.polardb.BackupPolicy("risk-scores-backup", { dbClusterId: riskScores.id, dataLevel1BackupRetentionPeriod: 7 });

// Personal data in OSS: private (the default ACL), versioned, encrypted with the app's key.
export const memberExports = new alicloud.oss.Bucket("member-exports", {
    tags: { "data-classification": "personal" },
    bucket: "member-exports-example",
    versioning: { status: "Enabled" },
    serverSideEncryptionRule: { sseAlgorithm: "KMS", kmsMasterKeyId: dataKey.id },
});

// Core data on a disk: encrypted with the app's key, under the daily snapshot policy (kept 30 days).
export const ledgerDisk = new alicloud.ecs.EcsDisk("ledger-disk", {
    tags: { "data-classification": "core" },
    diskName: "ledger-disk",
    zoneId: "cn-hangzhou-h",
    size: 100,
    category: "cloud_essd",
    encrypted: true,
    kmsKeyId: dataKey.id,
});
export const ledgerSnapshots = new alicloud.ecs.EcsAutoSnapshotPolicyAttachment("ledger-disk-snapshots", { autoSnapshotPolicyId: dailySnapshots.id, diskId: ledgerDisk.id });
