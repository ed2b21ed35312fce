// Audit records that cannot be erased: the trail bucket holds every log file write-once for one
// year (COMPLIANCE mode: not even the account root can shorten it).
import * as aws from "@pulumi/aws";
import { auditBucket } from "./logging";

export const auditBucketLock = new aws.s3.BucketObjectLockConfiguration("audit-logs-lock", {
    bucket: auditBucket.id,
    rule: { defaultRetention: { mode: "COMPLIANCE", days: 365 } },
});
