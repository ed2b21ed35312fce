// Data residency: every resource stays in mainland China, and the disaster-
// recovery copy of the reports bucket is replicated from Beijing (cn-north-1, the stack's region)
// to Ningxia (cn-northwest-1), both on the allowlist.
import * as aws from "@pulumi/aws";

const privateBucket = (name: string, opts?: { provider: aws.Provider }) => {
    const bucket = new aws.s3.Bucket(name, { forceDestroy: false }, opts);
    const publicAccess = new aws.s3.BucketPublicAccessBlock(
        `${name}-public-access`,
        { bucket: bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
        opts,
    );
    // Replication needs versioning on both sides.
    const versioning = new aws.s3.BucketVersioning(`${name}-versioning`, { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } }, opts);
    return { bucket, publicAccess, versioning };
};

// Monthly reports, in the stack's region (Beijing).
export const reports = privateBucket("reports");

// The Ningxia region, for the disaster-recovery copy.
export const ningxia = new aws.Provider("ningxia", { region: "cn-northwest-1", defaultTags: { tags: { "data-classification": "internal" } } });
export const reportsReplica = privateBucket("reports-dr", { provider: ningxia });

// IAM is global: the allowlist does not apply to the role.
export const replicationRole = new aws.iam.Role("reports-replication", {
    assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "s3.amazonaws.com" }, Action: "sts:AssumeRole" }],
    }),
});

// Beijing → Ningxia: both in mainland China, so the copy does not leave the country.
export const reportsReplication = new aws.s3.BucketReplicationConfig(
    "reports-to-ningxia",
    {
        bucket: reports.bucket.id,
        role: replicationRole.arn,
        rules: [{ id: "all-objects", status: "Enabled", filter: {}, deleteMarkerReplication: { status: "Enabled" }, destination: { bucket: reportsReplica.bucket.arn } }],
    },
    { dependsOn: [reports.versioning, reportsReplica.versioning] },
);
