// Logging, with mistakes: each resource marked BREAKS fails one logging rule.
//
// BREAKS audit-trail-present on stack: (advisory, reported on the stack itself) this stack creates Alibaba Cloud
// resources but no ActionTrail trail, so API activity is kept only 90 days in event history.
// FIX: add an alicloud.actiontrail.Trail delivering to an OSS bucket or Log Service project that
// keeps logs at least 180 days (or set the policy's trailInAnotherStack: true if the
// organisation's trail lives in another stack).
import * as alicloud from "@pulumi/alicloud";
import { vpc } from "./network";

export const project = new alicloud.log.Project("app-logs", { tags: { "data-classification": "internal" }, projectName: "app-logs-example" });
// BREAKS log-retention-minimum: retentionPeriod unset, so Log Service keeps logs 30 days.
// FIX: retentionPeriod: 180 (or more; 3650 keeps logs permanently).
export const appStore = new alicloud.log.Store("app-store", {
    projectName: project.projectName,
    logstoreName: "app",
    encryptConf: { enable: true, encryptType: "default" },
});

// Flow log destination: kept 180 days.
export const flowStore = new alicloud.log.Store("vpc-flow-store", {
    projectName: project.projectName,
    logstoreName: "vpc-flow",
    retentionPeriod: 180,
    encryptConf: { enable: true, encryptType: "default" },
});
// BREAKS vpc-flow-logs-all-traffic on app-vpc: the finding is reported on the VPC (network.ts). Only dropped packets are logged, allowed connections leave no trace.
// FIX: trafficType: "All".
export const vpcFlowLog = new alicloud.vpc.FlowLog("app-vpc-flow", {
    flowLogName: "app-vpc-flow",
    resourceType: "VPC",
    resourceId: vpc.id,
    trafficType: "Drop",
    projectName: project.projectName,
    logStoreName: flowStore.logstoreName,
});

// Static assets, with access logging into the bucket below. Private and encrypted.
// BREAKS data-classification-tag: no data-classification tag, so nobody has said what the bucket may hold.
// FIX: tags: { "data-classification": "public" } (or the level of what it stores).
export const assetsBucket = new alicloud.oss.Bucket("app-assets", {
    bucket: "app-assets-example",
    serverSideEncryptionRule: { sseAlgorithm: "AES256" },
});
// BREAKS log-bucket-lifecycle-minimum: the bucket receives access logs and deletes them after 90 days.
// FIX: expirations: [{ days: 180 }] or more (or a transition to Archive instead of expiring).
export const accessLogBucket = new alicloud.oss.Bucket("access-logs", {
    tags: { "data-classification": "internal" },
    bucket: "access-logs-example",
    serverSideEncryptionRule: { sseAlgorithm: "AES256" },
    lifecycleRules: [{ id: "expire-quickly", enabled: true, expirations: [{ days: 90 }] }],
});
export const assetsAccessLogging = new alicloud.oss.BucketLogging("app-assets-access-logging", {
    bucket: assetsBucket.bucket,
    targetBucket: accessLogBucket.bucket,
    targetPrefix: "app-assets/",
});
