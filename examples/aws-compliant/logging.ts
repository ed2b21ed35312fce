// Logging (PRODUCT.md §4.1): log stores keep logs at least 180 days.
import * as aws from "@pulumi/aws";

// Application logs kept one year (CSL Art. 21 asks for at least six months).
export const appLogs = new aws.cloudwatch.LogGroup("app-logs", { retentionInDays: 365 });
