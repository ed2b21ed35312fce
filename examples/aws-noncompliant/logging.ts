// Logging (PRODUCT.md §4.1), with mistakes.
import * as aws from "@pulumi/aws";

// BREAKS log-retention-minimum: logs kept 30 days, the law asks for at least 180.
// FIX: retentionInDays: 180 (or more; 0 keeps logs forever).
export const appLogs = new aws.cloudwatch.LogGroup("app-logs", { retentionInDays: 30 });
