// Data residency, with mistakes: the disaster-recovery copy of the reports
// bucket is kept in Singapore, outside mainland China.
import * as aws from "@pulumi/aws";

// Monthly reports, in the stack's region (Beijing): compliant on its own.
export const reportsBucket = new aws.s3.Bucket("reports", { forceDestroy: false });
export const reportsPublicAccess = new aws.s3.BucketPublicAccessBlock("reports-public-access", {
    bucket: reportsBucket.id,
    blockPublicAcls: true,
    blockPublicPolicy: true,
    ignorePublicAcls: true,
    restrictPublicBuckets: true,
});
export const reportsVersioning = new aws.s3.BucketVersioning("reports-versioning", { bucket: reportsBucket.id, versioningConfiguration: { status: "Enabled" } });

// BREAKS allowed-regions: the provider places resources in Singapore (ap-southeast-1), outside mainland China.
// FIX: region: "cn-northwest-1" (Ningxia), or an allowed region after an outbound data transfer assessment.
export const singapore = new aws.Provider("singapore", { region: "ap-southeast-1" });

// BREAKS allowed-regions: created through the Singapore provider, so the bucket and its data live abroad (advisory: it inherits
// the region, and the cause is reported once, as mandatory, on the provider).
// FIX: create it with a provider in cn-north-1 or cn-northwest-1.
export const replicaBucket = new aws.s3.Bucket("reports-dr", { forceDestroy: false }, { provider: singapore });
// BREAKS allowed-regions: managed in Singapore through the same provider (advisory, pointing to the provider's finding).
// FIX: move it with its bucket to a provider in cn-north-1 or cn-northwest-1.
export const replicaPublicAccess = new aws.s3.BucketPublicAccessBlock(
    "reports-dr-public-access",
    { bucket: replicaBucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
    { provider: singapore },
);
// BREAKS allowed-regions: managed in Singapore through the same provider (advisory, pointing to the provider's finding).
// FIX: move it with its bucket to a provider in cn-north-1 or cn-northwest-1.
export const replicaVersioning = new aws.s3.BucketVersioning("reports-dr-versioning", { bucket: replicaBucket.id, versioningConfiguration: { status: "Enabled" } }, { provider: singapore });

// IAM is global: the allowlist does not apply to the role.
export const replicationRole = new aws.iam.Role("reports-replication", {
    assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "s3.amazonaws.com" }, Action: "sts:AssumeRole" }],
    }),
});

// BREAKS s3-replication-destination-allowed-regions: every new report is copied from Beijing to the bucket in Singapore.
// FIX: replicate to a bucket in cn-northwest-1 (Ningxia), or remove the rule.
export const reportsReplication = new aws.s3.BucketReplicationConfig(
    "reports-to-singapore",
    {
        bucket: reportsBucket.id,
        role: replicationRole.arn,
        rules: [{ id: "all-objects", status: "Enabled", filter: {}, deleteMarkerReplication: { status: "Enabled" }, destination: { bucket: replicaBucket.arn } }],
    },
    { dependsOn: [reportsVersioning, replicaVersioning] },
);
