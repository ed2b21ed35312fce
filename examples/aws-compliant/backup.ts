// Backup and recovery: continuous backups on the session store, deletion protection on, and the
// nightly backups copied off-site to the other mainland region.
import * as aws from "@pulumi/aws";

export const sessions = new aws.dynamodb.Table("sessions", {
    billingMode: "PAY_PER_REQUEST",
    hashKey: "id",
    attributes: [{ name: "id", type: "S" }],
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
