// Audit records protected from deletion (GB/T 22239-2019 8.1.4.3), with a mistake.
import * as alicloud from "@pulumi/alicloud";
import { accessLogBucket } from "./logging";

// BREAKS audit-records-protected: status unset leaves the WORM policy InProgress, and it lapses after 24 hours.
// FIX: status: "Locked" (irreversible: the retention can then only be extended).
export const accessLogWorm = new alicloud.oss.BucketWorm("access-logs-worm", { bucket: accessLogBucket.bucket, retentionPeriodInDays: 365 });
