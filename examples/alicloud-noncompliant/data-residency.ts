// Data residency, with mistakes: reports are replicated to Frankfurt, and the
// static assets are served from Hong Kong, both outside mainland China.
import * as alicloud from "@pulumi/alicloud";

// Monthly reports, in the stack's region (Hangzhou): private (no ACL set) and encrypted.
export const reports = new alicloud.oss.Bucket("reports", { tags: { "data-classification": "internal" }, bucket: "example-reports-hz", serverSideEncryptionRule: { sseAlgorithm: "AES256" } });

// BREAKS copy-destination-allowed-regions: every report is copied to a bucket in Frankfurt (eu-central-1).
// FIX: location: "oss-cn-shanghai" (or another mainland region), or remove the replication.
export const reportsReplication = new alicloud.oss.BucketReplication("reports-to-frankfurt", {
    bucket: reports.bucket,
    action: "ALL",
    historicalObjectReplication: "enabled",
    destination: { bucket: "example-reports-eu", location: "oss-eu-central-1" },
});

// BREAKS allowed-regions: Hong Kong (cn-hongkong) is outside mainland China for the Data Security Law and PIPL.
// FIX: region: "cn-shenzhen" (or another mainland region).
export const hongkong = new alicloud.Provider("hongkong", { region: "cn-hongkong" });

// BREAKS allowed-regions: created through the Hong Kong provider, so the bucket and its data live outside the mainland
// (advisory: it inherits the region, and the cause is reported once, as mandatory, on the provider).
// FIX: create it with a provider in a mainland region.
export const assets = new alicloud.oss.Bucket("static-assets", { tags: { "data-classification": "internal" }, bucket: "example-assets-hk", serverSideEncryptionRule: { sseAlgorithm: "AES256" } }, { provider: hongkong });
