// Backup and recovery: the session store cannot be restored, the analytics cluster can be
// deleted by one mistaken update, the nightly backups are copied abroad, one bucket is not
// versioned, and the cache volume is under no snapshot policy.
import * as aws from "@pulumi/aws";
import { auditBucket } from "./logging";
import { exportsBucket, legacyHost } from "./access-control";
import { batchServer, sharedFiles } from "./encryption";

// BREAKS database-backup-retention: pointInTimeRecovery unset, so the table has no continuous backups.
// BREAKS classified-data-backed-up: the table is classified personal, so the missing backups are reported on the classification too.
// FIX: pointInTimeRecovery: { enabled: true } (keeps 35 days unless recoveryPeriodInDays says otherwise).
export const sessions = new aws.dynamodb.Table("sessions", {
    billingMode: "PAY_PER_REQUEST",
    hashKey: "id",
    attributes: [{ name: "id", type: "S" }],
    tags: { "data-classification": "personal" },
    deletionProtectionEnabled: true,
});

// BREAKS database-deletion-protection: deletionProtection unset (default false): a destroy or replace deletes the cluster.
// FIX: deletionProtection: true.
export const analytics = new aws.rds.Cluster("analytics", {
    engine: "aurora-postgresql",
    masterUsername: "analytics",
    manageMasterUserPassword: true,
    storageEncrypted: true,
    backupRetentionPeriod: 14,
    finalSnapshotIdentifier: "analytics-final",
    enabledCloudwatchLogsExports: ["postgresql"],
});

// BREAKS copy-destination-allowed-regions: the copy action sends recovery points to a vault in ap-southeast-1.
// FIX: destinationVaultArn: a vault in cn-northwest-1 (off-site, still inside mainland China).
export const nightly = new aws.backup.Plan("nightly", {
    rules: [
        {
            ruleName: "nightly",
            targetVaultName: "main",
            schedule: "cron(0 17 * * ? *)",
            lifecycle: { deleteAfter: 35 },
            copyActions: [{ destinationVaultArn: "arn:aws:backup:ap-southeast-1:123456789012:backup-vault:dr" }],
        },
    ],
});

// BREAKS bucket-versioning on static-assets: no aws.s3.BucketVersioning names the bucket, so an overwrite or delete is final.
// FIX: add it to the list below. The other buckets are versioned here (reports and reports-dr in data-residency.ts).

export const bucketVersioning = [exportsBucket, auditBucket].map(
    (bucket, i) => new aws.s3.BucketVersioning(`bucket-versioning-${i}`, { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } }),
);

// BREAKS snapshot-policy-coverage on batch-cache: no lifecycle policy or backup selection reaches the volume (encryption.ts).
// FIX: an aws.backup.Selection of the nightly plan with resources: [cacheVolume.arn], or a DLM policy matching its tags.
// The instances' root and block-device volumes are in the nightly plan.
export const nightlyInstances = new aws.backup.Selection("nightly-instances", {
    planId: nightly.id,
    iamRoleArn: "arn:aws-cn:iam::123456789012:role/aws-backup",
    resources: [legacyHost.arn, batchServer.arn],
});
export const sharedFilesBackup = new aws.efs.BackupPolicy("shared-files-backup", { fileSystemId: sharedFiles.id, backupPolicy: { status: "ENABLED" } });
