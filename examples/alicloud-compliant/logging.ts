// Logging: log stores keep logs at least 180 days, ActionTrail records API
// activity in every region, and the VPC's flow log captures all traffic.
import * as alicloud from "@pulumi/alicloud";
import { vpc } from "./network";

export const project = new alicloud.log.Project("app-logs", { tags: { "data-classification": "internal" }, projectName: "app-logs-example" });
// Application logs kept one year (Cybersecurity Law Art. 23(3) asks for at least six months), encrypted at rest.
export const appStore = new alicloud.log.Store("app-store", {
    projectName: project.projectName,
    logstoreName: "app",
    retentionPeriod: 365,
    encryptConf: { enable: true, encryptType: "default" },
});

// Network behaviour logs: every packet allowed or dropped in the VPC, kept 180 days.
export const flowStore = new alicloud.log.Store("vpc-flow-store", {
    projectName: project.projectName,
    logstoreName: "vpc-flow",
    retentionPeriod: 180,
    encryptConf: { enable: true, encryptType: "default" },
});
export const vpcFlowLog = new alicloud.vpc.FlowLog("app-vpc-flow", {
    flowLogName: "app-vpc-flow",
    resourceType: "VPC",
    resourceId: vpc.id,
    trafficType: "All",
    projectName: project.projectName,
    logStoreName: flowStore.logstoreName,
});

// Audit trail bucket: private (the default ACL), server-side encrypted, logs kept one year.
export const auditBucket = new alicloud.oss.Bucket("audit-logs", {
    tags: { "data-classification": "internal" },
    bucket: "audit-logs-example",
    serverSideEncryptionRule: { sseAlgorithm: "AES256" },
    lifecycleRules: [{ id: "expire-after-a-year", enabled: true, expirations: [{ days: 365 }] }],
});
// All regions, read and write events, switched on (the documented defaults, spelled out).
export const auditTrail = new alicloud.actiontrail.Trail("audit-trail", {
    trailName: "audit-trail",
    ossBucketName: auditBucket.bucket,
    trailRegion: "All",
    eventRw: "All",
    status: "Enable",
});
