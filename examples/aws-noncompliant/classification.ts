// Data classification: the default provider tags every resource `data-classification: internal`
// (Pulumi.dev.yaml, aws:defaultTags), and the resources below, and the sessions table (backup.ts),
// are classified higher. The Singapore provider (data-residency.ts) has no defaultTags, so what it
// creates is unclassified. From `personal` up, the classification tightens the other rules: each
// customer database below breaks one classified-data rule and is otherwise compliant.
import * as aws from "@pulumi/aws";
import { dbSecurityGroup } from "./encryption";

// BREAKS data-classification-tag on reports-dr: the bucket is created through the Singapore provider, which adds no classification tag.
// FIX: defaultTags: { tags: { "data-classification": "internal" } } on that provider, or tags on the bucket.
export const classificationTagKey = "data-classification";

const PERSONAL = { "data-classification": "personal" };

export const customerDataKey = new aws.kms.Key("customer-data-key", { description: "customer records", enableKeyRotation: true, deletionWindowInDays: 30 });

/** A private MySQL database with backups, deletion protection and the SQL audit log. */
const customerDb = {
    backupRetentionPeriod: 7,
    engine: "mysql",
    engineVersion: "8.0",
    instanceClass: "db.t3.small",
    allocatedStorage: 20,
    username: "app",
    manageMasterUserPassword: true,
    vpcSecurityGroupIds: [dbSecurityGroup.id],
    storageEncrypted: true,
    skipFinalSnapshot: true,
    enabledCloudwatchLogsExports: ["audit", "error"],
    tags: PERSONAL,
};

// BREAKS classified-data-customer-key: encrypted with the RDS service key (no kmsKeyId); personal data needs a customer-managed key.
// FIX: kmsKeyId: customerDataKey.arn (replaces the database: restore a snapshot copied under the new key).
export const customerProfiles = new aws.rds.Instance("customer-profiles", { ...customerDb, deletionProtection: true, publiclyAccessible: false });

// BREAKS classified-data-deletion-protected: deletionProtection unset (default false) on personal data; advisory elsewhere, mandatory here.
// BREAKS database-deletion-protection: the general rule reports the same switch, as advisory.
// FIX: deletionProtection: true (in place).
export const supportTickets = new aws.rds.Instance("support-tickets", { ...customerDb, kmsKeyId: customerDataKey.arn, publiclyAccessible: false });

// BREAKS classified-data-not-public: publiclyAccessible true on personal data.
// BREAKS no-public-databases: the general rule reports the same setting.
// FIX: publiclyAccessible: false, and reach the database from inside the VPC.
export const memberDirectory = new aws.rds.Instance("member-directory", { ...customerDb, kmsKeyId: customerDataKey.arn, deletionProtection: true, publiclyAccessible: true });

// BREAKS classified-data-in-region: a replica of personal data in Singapore.
// BREAKS copy-destination-allowed-regions: the general rule reports the same replica.
// FIX: replicas: [{ regionName: "cn-northwest-1" }] (the other mainland region).
export const loyaltyAccounts = new aws.dynamodb.Table("loyalty-accounts", {
    billingMode: "PAY_PER_REQUEST",
    hashKey: "id",
    attributes: [{ name: "id", type: "S" }],
    streamEnabled: true,
    streamViewType: "NEW_AND_OLD_IMAGES",
    replicas: [{ regionName: "ap-southeast-1" }],
    pointInTimeRecovery: { enabled: true },
    deletionProtectionEnabled: true,
    tags: PERSONAL,
});
