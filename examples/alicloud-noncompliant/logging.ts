// Logging (PRODUCT.md §4.1), with mistakes.
import * as alicloud from "@pulumi/alicloud";

export const project = new alicloud.log.Project("app-logs", { projectName: "app-logs-example" });
// BREAKS log-retention-minimum: retentionPeriod unset, so Log Service keeps logs 30 days.
// FIX: retentionPeriod: 180 (or more; 3650 keeps logs permanently).
export const appStore = new alicloud.log.Store("app-store", { projectName: project.projectName, logstoreName: "app" });
