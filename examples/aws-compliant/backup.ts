// Backup and recovery: continuous backups on the session store, deletion protection on, and the
// nightly backups copied off-site to the other mainland region; every bucket versioned;
// the cache volume and the shared file system backed up.
import * as aws from "@pulumi/aws";
import { auditBucket } from "./logging";
import { bastion, exportsBucket } from "./access-control";
import { uploadsBucket } from "./encryption";
import { batchServer, cacheVolume, sharedFiles } from "./encryption";

export const sessions = new aws.dynamodb.Table("sessions", {
    billingMode: "PAY_PER_REQUEST",
    hashKey: "id",
    attributes: [{ name: "id", type: "S" }],
    tags: { "data-classification": "personal" },
    pointInTimeRecovery: { enabled: true },
    deletionProtectionEnabled: true,
});

export const nightly = new aws.backup.Plan("nightly", {
    rules: [
        {
            ruleName: "nightly",
            targetVaultName: "main",
            schedule: "cron(0 17 * * ? *)",
            lifecycle: { deleteAfter: 35 },
            copyActions: [{ destinationVaultArn: "arn:aws-cn:backup:cn-northwest-1:123456789012:backup-vault:dr" }],
        },
    ],
});

// Every bucket is versioned, so an overwritten or deleted object can be restored (the data-residency
// buckets get theirs in data-residency.ts).

export const bucketVersioning = [exportsBucket, uploadsBucket, auditBucket].map(
    (bucket, i) => new aws.s3.BucketVersioning(`bucket-versioning-${i}`, { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } }),
);

// The cache volume and the instances (their root and block-device volumes) are in the nightly plan's
// selection; the shared file system has EFS automatic backups.
export const nightlySelection = new aws.backup.Selection("nightly-volumes", {
    planId: nightly.id,
    iamRoleArn: "arn:aws-cn:iam::123456789012:role/aws-backup",
    resources: [cacheVolume.arn, bastion.arn, batchServer.arn],
});
export const sharedFilesBackup = new aws.efs.BackupPolicy("shared-files-backup", { fileSystemId: sharedFiles.id, backupPolicy: { status: "ENABLED" } });
