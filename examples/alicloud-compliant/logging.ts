// Logging (PRODUCT.md §4.1): log stores keep logs at least 180 days.
import * as alicloud from "@pulumi/alicloud";

export const project = new alicloud.log.Project("app-logs", { projectName: "app-logs-example" });
// Application logs kept one year (CSL Art. 21 asks for at least six months).
export const appStore = new alicloud.log.Store("app-store", { projectName: project.projectName, logstoreName: "app", retentionPeriod: 365 });
