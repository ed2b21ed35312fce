// Data residency: every resource stays in mainland China, and the disaster-
// recovery copy of the reports bucket is replicated from Hangzhou (the stack's region) to
// Shanghai, both on the allowlist.
import * as alicloud from "@pulumi/alicloud";

// Monthly reports, in the stack's region (Hangzhou): private (no ACL set) and encrypted.
export const reports = new alicloud.oss.Bucket("reports", { tags: { "data-classification": "internal" }, bucket: "example-reports-hz", serverSideEncryptionRule: { sseAlgorithm: "AES256" } });

// The Shanghai region, for the disaster-recovery copy.
export const shanghai = new alicloud.Provider("shanghai", { region: "cn-shanghai" });
export const reportsReplica = new alicloud.oss.Bucket(
    "reports-dr",
    { tags: { "data-classification": "internal" }, bucket: "example-reports-sh", serverSideEncryptionRule: { sseAlgorithm: "AES256" } },
    { provider: shanghai },
);

// Hangzhou → Shanghai: both in mainland China, so the copy does not leave the country.
export const reportsReplication = new alicloud.oss.BucketReplication("reports-to-shanghai", {
    bucket: reports.bucket,
    action: "ALL",
    historicalObjectReplication: "enabled",
    destination: { bucket: reportsReplica.bucket, location: "oss-cn-shanghai" },
});
