// Logging controls (docs/policies.md).
import { type Control } from "../shared/control";
import accessLogsEnabled from "./access-logs-enabled";
import auditRecordsProtected from "./audit-records-protected";
import auditTrailConfiguration from "./audit-trail-configuration";
import auditTrailPresent from "./audit-trail-present";
import databaseAuditLogsKept from "./database-audit-logs-kept";
import logBucketLifecycleMinimum from "./log-bucket-lifecycle-minimum";
import logRetentionMinimum from "./log-retention-minimum";
import vpcFlowLogsAllTraffic from "./vpc-flow-logs-all-traffic";

export const loggingControls: readonly Control[] = [logRetentionMinimum, logBucketLifecycleMinimum, auditTrailPresent, auditTrailConfiguration, vpcFlowLogsAllTraffic, databaseAuditLogsKept, auditRecordsProtected, accessLogsEnabled];
