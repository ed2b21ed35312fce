// Audit records that cannot be erased: the ActionTrail bucket holds log files under a Locked WORM
// policy for one year (an InProgress policy lapses after 24 hours).
import * as alicloud from "@pulumi/alicloud";
import { auditBucket } from "./logging";

export const auditBucketWorm = new alicloud.oss.BucketWorm("audit-logs-worm", { bucket: auditBucket.bucket, retentionPeriodInDays: 365, status: "Locked" });
