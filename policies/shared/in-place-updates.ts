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

// Backup retention and deletion protection (backup-recovery): each is a setting of the live
// database, changed by its Modify* call, never by a new resource.
const RDS_INSTANCE = `${AWS} internal/service/rds/instance.go (aws_db_instance): backup_retention_period and deletion_protection Optional, not ForceNew; resourceInstanceUpdate calls ModifyDBInstance`;
const RDS_CLUSTER = `${AWS} internal/service/rds/cluster.go (aws_rds_cluster): backup_retention_period and deletion_protection not ForceNew; resourceClusterUpdate calls ModifyDBCluster`;
const DOCDB_CLUSTER = `${AWS} internal/service/docdb/cluster.go (aws_docdb_cluster): backup_retention_period and deletion_protection not ForceNew; update calls ModifyDBCluster`;
const NEPTUNE_CLUSTER = `${AWS} internal/service/neptune/cluster.go (aws_neptune_cluster): backup_retention_period and deletion_protection not ForceNew; update calls ModifyDBCluster`;
const REDSHIFT = `${AWS} internal/service/redshift/cluster.go (aws_redshift_cluster): automated_snapshot_retention_period not ForceNew; update calls ModifyCluster`;
const ELASTICACHE_RG = `${AWS} internal/service/elasticache/replication_group.go (aws_elasticache_replication_group): snapshot_retention_limit not ForceNew; update calls ModifyReplicationGroup`;
const DYNAMODB = `${AWS} internal/service/dynamodb/table.go (aws_dynamodb_table): point_in_time_recovery and deletion_protection_enabled not ForceNew; update calls UpdateContinuousBackups / UpdateTable`;
const ALI_RDS_BACKUP = `${ALI} alicloud/resource_alicloud_db_backup_policy.go (alicloud_db_backup_policy): retention fields not ForceNew (only instance_id is); update calls ModifyBackupPolicy`;
const ALI_RDS_INSTANCE = `${ALI} alicloud/resource_alicloud_db_instance.go (alicloud_db_instance): deletion_protection not ForceNew; update calls ModifyDBInstanceDeletionProtection`;
const POLARDB_BACKUP = `${ALI} alicloud/resource_alicloud_polardb_backup_policy.go (alicloud_polardb_backup_policy): retention fields not ForceNew (only db_cluster_id is); update calls ModifyBackupPolicy`;
const POLARDB_CLUSTER = `${ALI} alicloud/resource_alicloud_polardb_cluster.go (alicloud_polardb_cluster): deletion_lock not ForceNew; update calls ModifyDBClusterDeletion (pay-as-you-go clusters)`;
const MONGODB = `${ALI} alicloud/resource_alicloud_mongodb_instance.go and _sharding_instance.go: backup_retention_period and db_instance_release_protection not ForceNew; update calls ModifyBackupPolicy / ModifyDBInstanceAttribute`;
const KVSTORE = `${ALI} alicloud/resource_alicloud_kvstore_instance.go (alicloud_kvstore_instance): instance_release_protection not ForceNew; update calls ModifyInstanceAttribute`;

// Keys ready for crypto-erase: rotation is a key policy setting, and the deletion waiting period is
// read only when the key is scheduled for deletion.
const AWS_KMS_KEY = `${AWS} internal/service/kms/key.go (aws_kms_key): enable_key_rotation and deletion_window_in_days Optional, not ForceNew (key_spec, key_usage, custom_key_store_id, xks_key_id are); update calls EnableKeyRotation / DisableKeyRotation, the window is used by ScheduleKeyDeletion`;
const ALI_KMS_KEY = `${ALI} alicloud/resource_alicloud_kms_key.go (alicloud_kms_key): automatic_rotation, rotation_interval and pending_window_in_days (deprecated deletion_window_in_days) Optional, not ForceNew (key_spec, key_usage, origin, protection_level, dkms_instance_id are); update calls UpdateRotationPolicy, the window is used by ScheduleKeyDeletion`;

// Database audit logs: the SQL collector and log exports are settings of the live database.
const ALI_RDS_SQL = `${ALI} alicloud/resource_alicloud_db_instance.go (alicloud_db_instance): sql_collector_status and sql_collector_config_value Optional, not ForceNew; update calls ModifySQLCollectorPolicy / ModifySQLCollectorRetention`;
const ALI_DDR_SQL = `${ALI} alicloud/resource_alicloud_rds_ddr_instance.go (alicloud_rds_ddr_instance): sql_collector_status and sql_collector_config_value Optional, not ForceNew; update calls ModifySQLCollectorPolicy / ModifySQLCollectorRetention`;
const POLARDB_COLLECTOR = `${ALI} alicloud/resource_alicloud_polardb_cluster.go (alicloud_polardb_cluster): collector_status Optional, not ForceNew; update calls ModifyDBClusterAuditLogCollector`;
const RDS_EXPORTS = `${AWS} internal/service/rds/instance.go and cluster.go (aws_db_instance, aws_rds_cluster): enabled_cloudwatch_logs_exports Optional, not ForceNew; update sends CloudwatchLogsExportConfiguration with ModifyDBInstance / ModifyDBCluster`;

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
    ...entries("aws:rds/instance:Instance", ["backupRetentionPeriod", "deletionProtection"], RDS_INSTANCE),
    ...entries("aws:rds/cluster:Cluster", ["backupRetentionPeriod", "deletionProtection"], RDS_CLUSTER),
    ...entries("aws:docdb/cluster:Cluster", ["backupRetentionPeriod", "deletionProtection"], DOCDB_CLUSTER),
    ...entries("aws:neptune/cluster:Cluster", ["backupRetentionPeriod", "deletionProtection"], NEPTUNE_CLUSTER),
    ...entries("aws:redshift/cluster:Cluster", ["automatedSnapshotRetentionPeriod"], REDSHIFT),
    ...entries("aws:elasticache/replicationGroup:ReplicationGroup", ["snapshotRetentionLimit"], ELASTICACHE_RG),
    ...entries("aws:dynamodb/table:Table", ["pointInTimeRecovery", "deletionProtectionEnabled"], DYNAMODB),
    ...entries("alicloud:rds/backupPolicy:BackupPolicy", ["backupRetentionPeriod", "retentionPeriod", "logBackupRetentionPeriod", "logRetentionPeriod"], ALI_RDS_BACKUP),
    ...entries("alicloud:rds/instance:Instance", ["deletionProtection"], ALI_RDS_INSTANCE),
    ...entries("alicloud:polardb/backupPolicy:BackupPolicy", ["dataLevel1BackupRetentionPeriod"], POLARDB_BACKUP),
    ...entries("alicloud:polardb/cluster:Cluster", ["deletionLock"], POLARDB_CLUSTER),
    ...entries("alicloud:mongodb/instance:Instance", ["backupRetentionPeriod", "dbInstanceReleaseProtection"], MONGODB),
    ...entries("alicloud:mongodb/shardingInstance:ShardingInstance", ["backupRetentionPeriod", "dbInstanceReleaseProtection"], MONGODB),
    ...entries("alicloud:kvstore/instance:Instance", ["instanceReleaseProtection"], KVSTORE),
    ...entries("alicloud:rds/instance:Instance", ["sqlCollectorStatus", "sqlCollectorConfigValue"], ALI_RDS_SQL),
    ...entries("alicloud:rds/ddrInstance:DdrInstance", ["sqlCollectorStatus", "sqlCollectorConfigValue"], ALI_DDR_SQL),
    ...entries("alicloud:polardb/cluster:Cluster", ["collectorStatus"], POLARDB_COLLECTOR),
    ...entries("aws:rds/instance:Instance", ["enabledCloudwatchLogsExports"], RDS_EXPORTS),
    ...entries("aws:rds/cluster:Cluster", ["enabledCloudwatchLogsExports"], RDS_EXPORTS),
    ...entries("aws:kms/key:Key", ["enableKeyRotation", "deletionWindowInDays"], AWS_KMS_KEY),
    ...entries("alicloud:kms/key:Key", ["automaticRotation", "rotationInterval", "pendingWindowInDays", "deletionWindowInDays"], ALI_KMS_KEY),
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
