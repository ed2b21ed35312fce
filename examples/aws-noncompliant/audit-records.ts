// Audit records protected from deletion (GB/T 22239-2019 8.1.4.3), with a mistake.
import * as aws from "@pulumi/aws";
import { auditBucket } from "./logging";

// BREAKS audit-records-protected: GOVERNANCE mode lets anyone with s3:BypassGovernanceRetention delete the log files.
// FIX: mode: "COMPLIANCE" (a retention nobody can shorten; choose the days deliberately).
export const auditBucketLock = new aws.s3.BucketObjectLockConfiguration("audit-logs-lock", {
    bucket: auditBucket.id,
    rule: { defaultRetention: { mode: "GOVERNANCE", days: 365 } },
});
