// The (resource type, input property) pairs a remediation may change (docs/design.md, "Configuration, exemptions, remediation"): each one
// is updated in place by its provider — no replacement, so no data is destroyed. Anything else
// (disk or database encryption, an instance's root volume, a bucket's name…) replaces a stateful
// resource and is never remediated. test/policies/shared/in-place-updates.test.ts runs every
// remediation over generated resources and fails if one changes a property not listed here.
//
// Each entry names the provider source it was checked against: the Terraform schema the Pulumi
// provider bridges (@pulumi/aws 7.48 bridges terraform-provider-aws v6, @pulumi/alicloud 3.108
// bridges terraform-provider-alicloud). "Not ForceNew" = the bridge plans an update, not a replace.

export interface InPlaceUpdate {
    /** Pulumi type token. */
    type: string;
    /** Input property (top level); its nested values are covered too. */
    property: string;
    /** Where the in-place update was checked. */
    checkedAgainst: string;
}

const AWS = "hashicorp/terraform-provider-aws";
const ALI = "aliyun/terraform-provider-alicloud";

const LOG_GROUP = `${AWS} internal/service/logs/group.go (aws_cloudwatch_log_group): retention_in_days Optional, not ForceNew; resourceGroupUpdate calls PutRetentionPolicy`;
const EVENT_DATA_STORE = `${AWS} internal/service/cloudtrail/event_data_store.go (aws_cloudtrail_event_data_store): retention_period Optional (7–2555), not ForceNew; resourceEventDataStoreUpdate calls UpdateEventDataStore`;
const LOG_STORE = `${ALI} alicloud/resource_alicloud_log_store.go (alicloud_log_store): retention_period Optional (1–3650), not ForceNew; resourceAlicloudLogStoreUpdate calls UpdateLogStoreV2`;
const LOG_AUDIT = `${ALI} alicloud/resource_alicloud_log_audit.go (alicloud_log_audit): variable_map TypeMap Optional, not ForceNew; resourceAlicloudLogAuditUpdate re-runs AnalyzeAppLog with the new map`;
const S3_BUCKET_ACL = `${AWS} internal/service/s3/bucket_acl.go (aws_s3_bucket_acl, also BucketAclV2): acl and access_control_policy not ForceNew (only bucket is); resourceBucketACLUpdate calls PutBucketAcl`;
const S3_BUCKET = `${AWS} internal/service/s3/bucket.go (aws_s3_bucket, also BucketV2): acl and grant not ForceNew; resourceBucketUpdate applies them with PutBucketAcl`;
const OSS_BUCKET = `${ALI} alicloud/resource_alicloud_oss_bucket.go (alicloud_oss_bucket): acl Optional, Computed, not ForceNew`;
const OSS_BUCKET_ACL = `${ALI} alicloud/resource_alicloud_oss_bucket_acl.go (alicloud_oss_bucket_acl): acl Required, not ForceNew (only bucket is); resourceAliCloudOssBucketAclUpdate calls PutBucketAcl`;
const S3_BLOCK = `${AWS} internal/service/s3/bucket_public_access_block.go (aws_s3_bucket_public_access_block): the four flags Optional, Default false, not ForceNew (only bucket is); resourceBucketPublicAccessBlockUpdate calls PutPublicAccessBlock`;
const OSS_BLOCK = `${ALI} alicloud/resource_alicloud_oss_bucket_public_access_block.go (alicloud_oss_bucket_public_access_block): block_public_access Required, not ForceNew (only bucket is); update calls PutBucketPublicAccessBlock`;

const entries = (type: string, properties: readonly string[], checkedAgainst: string): InPlaceUpdate[] =>
    properties.map((property) => ({ type, property, checkedAgainst }));

const S3_FLAGS = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"];

export const IN_PLACE_UPDATES: readonly InPlaceUpdate[] = [
    ...entries("aws:cloudwatch/logGroup:LogGroup", ["retentionInDays"], LOG_GROUP),
    ...entries("aws:cloudtrail/eventDataStore:EventDataStore", ["retentionPeriod"], EVENT_DATA_STORE),
    ...entries("alicloud:log/store:Store", ["retentionPeriod"], LOG_STORE),
    ...entries("alicloud:log/audit:Audit", ["variableMap"], LOG_AUDIT),
    ...entries("aws:s3/bucketAcl:BucketAcl", ["acl", "accessControlPolicy"], S3_BUCKET_ACL),
    ...entries("aws:s3/bucketAclV2:BucketAclV2", ["acl", "accessControlPolicy"], S3_BUCKET_ACL),
    ...entries("aws:s3/bucket:Bucket", ["acl", "grants"], S3_BUCKET),
    ...entries("aws:s3/bucketV2:BucketV2", ["acl", "grants"], S3_BUCKET),
    ...entries("alicloud:oss/bucket:Bucket", ["acl"], OSS_BUCKET),
    ...entries("alicloud:oss/bucketAcl:BucketAcl", ["acl"], OSS_BUCKET_ACL),
    ...entries("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", S3_FLAGS, S3_BLOCK),
    ...entries("alicloud:oss/bucketPublicAccessBlock:BucketPublicAccessBlock", ["blockPublicAccess"], OSS_BLOCK),
];

/** The top-level input of a property path: `accessControlPolicy.grants[0]` → `accessControlPolicy`. */
export function topLevelProperty(path: string): string {
    return path.split(/[.[]/, 1)[0] ?? path;
}

/** True when changing `path` on a resource of `type` updates it in place (per the list above). */
export function updatesInPlace(type: string, path: string): boolean {
    const top = topLevelProperty(path);
    return IN_PLACE_UPDATES.some((u) => u.type === type && u.property === top);
}
