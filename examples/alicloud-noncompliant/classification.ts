// Data classification: most resources of this stack are `internal`; the ones below hold personal,
// important or core data, and from `personal` up the classification tightens the other rules.
// Each breaks one classified-data rule and is otherwise compliant; where a general rule reports
// the same setting the finding appears twice, on two bases.
import * as alicloud from "@pulumi/alicloud";
import { dataSwitch } from "./network";

export const customerDataKey = new alicloud.kms.Key("customer-data-key", { description: "customer records", pendingWindowInDays: 7, status: "Enabled", automaticRotation: "Enabled", rotationInterval: "365d" });

/** A private MySQL database with deletion protection and the SQL audit log. */
const customerDb = {
    deletionProtection: true,
    engine: "MySQL",
    engineVersion: "8.0",
    instanceType: "mysql.n2.medium.2c",
    instanceStorage: 50,
    dbInstanceStorageType: "cloud_essd",
    vswitchId: dataSwitch.id,
    securityIps: ["10.20.0.0/16"],
    sqlCollectorStatus: "Enabled",
    sqlCollectorConfigValue: 365,
};

// BREAKS classified-data-customer-key: TDE with the RDS service key (no encryptionKey); personal data needs a customer-managed key.
// FIX: encryptionKey: customerDataKey.id (set at creation: replaces the instance, migrate the data first).
export const customerProfiles = new alicloud.rds.Instance("customer-profiles", { ...customerDb, tags: { "data-classification": "personal" }, tdeStatus: "Enabled" });
export const customerProfilesBackup = new alicloud.rds.BackupPolicy("customer-profiles-backup", { instanceId: customerProfiles.id, backupRetentionPeriod: 30, logBackupRetentionPeriod: 30 });

// BREAKS classified-data-in-region: its backups are copied to Singapore (member-directory-cross-backup).
// FIX: crossBackupRegion: "cn-shanghai" (or another mainland region) on the cross-backup policy.
export const memberDirectory = new alicloud.rds.Instance("member-directory", { ...customerDb, tags: { "data-classification": "personal" }, encryptionKey: customerDataKey.id });
export const memberDirectoryBackup = new alicloud.rds.BackupPolicy("member-directory-backup", { instanceId: memberDirectory.id, backupRetentionPeriod: 30, logBackupRetentionPeriod: 30 });
// BREAKS copy-destination-allowed-regions: the general rule reports the same copy, on the policy itself.
// FIX: crossBackupRegion: "cn-shanghai".
export const memberDirectoryCrossBackup = new alicloud.rds.RdsInstanceCrossBackupPolicy("member-directory-cross-backup", { instanceId: memberDirectory.id, crossBackupRegion: "ap-southeast-1" });

// BREAKS classified-data-deletion-protected: deletionLock unset (default 0) on important data; advisory elsewhere, mandatory here.
// BREAKS database-deletion-protection: the general rule reports the same switch, as advisory.
// FIX: deletionLock: 1 (in place; pay-as-you-go clusters).
export const riskScores = new alicloud.polardb.Cluster("risk-scores", {
    tags: { "data-classification": "important" },
    dbType: "MySQL",
    dbVersion: "8.0",
    dbNodeClass: "polar.mysql.x4.medium",
    payType: "PostPaid",
    vswitchId: dataSwitch.id,
    securityIps: ["10.20.0.0/16"],
    tdeStatus: "Enabled",
    encryptionKey: customerDataKey.id,
    collectorStatus: "Enable",
});
export const riskScoresBackup = new alicloud.polardb.BackupPolicy("risk-scores-backup", { dbClusterId: riskScores.id, dataLevel1BackupRetentionPeriod: 7 });

// BREAKS classified-data-not-public: the canned ACL public-read lets anyone read personal data.
// BREAKS no-public-buckets: the general rule reports the same ACL.
// FIX: acl: "private" (the default), and share objects through signed URLs.
export const memberExports = new alicloud.oss.Bucket("member-exports", {
    tags: { "data-classification": "personal" },
    bucket: "member-exports-example",
    acl: "public-read",
    versioning: { status: "Enabled" },
    serverSideEncryptionRule: { sseAlgorithm: "KMS", kmsMasterKeyId: customerDataKey.id },
});

// BREAKS classified-data-backed-up: no snapshot policy reaches the core-data disk, so a deletion or corruption is final.
// BREAKS snapshot-policy-coverage: the general rule reports the same gap, as advisory.
// FIX: an alicloud.ecs.EcsAutoSnapshotPolicyAttachment with diskId: ledgerDisk.id and a policy keeping 7 days or more.
export const ledgerDisk = new alicloud.ecs.EcsDisk("ledger-disk", {
    tags: { "data-classification": "core" },
    diskName: "ledger-disk",
    zoneId: "cn-hangzhou-h",
    size: 100,
    category: "cloud_essd",
    encrypted: true,
    kmsKeyId: customerDataKey.id,
});
