// Backup and recovery: the session store cannot be restored, the analytics cluster can be
// deleted by one mistaken update, and the nightly backups are copied abroad.
import * as aws from "@pulumi/aws";

// BREAKS database-backup-retention: pointInTimeRecovery unset, so the table has no continuous backups.
// FIX: pointInTimeRecovery: { enabled: true } (keeps 35 days unless recoveryPeriodInDays says otherwise).
export const sessions = new aws.dynamodb.Table("sessions", {
    billingMode: "PAY_PER_REQUEST",
    hashKey: "id",
    attributes: [{ name: "id", type: "S" }],
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
