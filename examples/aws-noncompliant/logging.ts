// Logging, with mistakes: each resource marked BREAKS fails one logging rule.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { auditTrailKey } from "./keys";
import { vpc } from "./network";

// BREAKS log-retention-minimum: logs kept 30 days, the law asks for at least 180.
// FIX: retentionInDays: 180 (or more; 0 keeps logs forever).
export const appLogs = new aws.cloudwatch.LogGroup("app-logs", { retentionInDays: 30 });

// BREAKS log-retention-minimum (exempted, so reported as advisory): debug output kept 7 days, exempted by
// the log group's own tags. An exemption never hides a finding: it is reported as advisory, saying who
// approved it and why. A compliance:exempt-until tag (YYYY-MM-DD) would end it after that day.
// FIX: retentionInDays: 180, or keep the exemption while the reason holds.
export const debugLogs = new aws.cloudwatch.LogGroup("debug-logs", {
    retentionInDays: 7,
    tags: {
        "compliance:exempt": "log-retention-minimum",
        "compliance:exempt-reason": "Debug output without personal data or security events; approved by security@example.com, ticket SEC-142",
    },
});

// Audit trail bucket: private and encrypted by default (SSE-S3).
export const auditBucket = new aws.s3.Bucket("audit-logs", { forceDestroy: false });
export const auditBucketPublicAccess = new aws.s3.BucketPublicAccessBlock("audit-logs-public-access", {
    bucket: auditBucket.id,
    blockPublicAcls: true,
    blockPublicPolicy: true,
    ignorePublicAcls: true,
    restrictPublicBuckets: true,
});
// BREAKS log-bucket-lifecycle-minimum: the bucket receives the audit trail's logs and deletes them after 90 days.
// FIX: expiration: { days: 180 } or more (or transition to GLACIER instead of expiring).
export const auditBucketLifecycle = new aws.s3.BucketLifecycleConfiguration("audit-logs-lifecycle", {
    bucket: auditBucket.id,
    rules: [{ id: "expire-quickly", status: "Enabled", expiration: { days: 90 } }],
});
export const auditBucketPolicy = new aws.s3.BucketPolicy("audit-logs-policy", {
    bucket: auditBucket.id,
    policy: pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [
            { Sid: "CloudTrailAclCheck", Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" }, Action: "s3:GetBucketAcl", Resource: auditBucket.arn },
            {
                Sid: "CloudTrailWrite",
                Effect: "Allow",
                Principal: { Service: "cloudtrail.amazonaws.com" },
                Action: "s3:PutObject",
                Resource: pulumi.interpolate`${auditBucket.arn}/AWSLogs/*`,
                Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control" } },
            },
        ],
    }),
});

// BREAKS audit-trail-configuration: a single-region trail misses API activity in cn-northwest-1 and global services.
// FIX: isMultiRegionTrail: true.
export const auditTrail = new aws.cloudtrail.Trail(
    "audit-trail",
    { s3BucketName: auditBucket.id, isMultiRegionTrail: false, enableLogFileValidation: true, kmsKeyId: auditTrailKey.arn },
    { dependsOn: [auditBucketPolicy] },
);

// Flow log destination: kept one year.
export const flowLogGroup = new aws.cloudwatch.LogGroup("vpc-flow-logs", { retentionInDays: 365 });
export const flowLogRole = new aws.iam.Role("vpc-flow-logs-role", {
    assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "vpc-flow-logs.amazonaws.com" }, Action: "sts:AssumeRole" }],
    }),
});
export const flowLogRolePolicy = new aws.iam.RolePolicy("vpc-flow-logs-write", {
    role: flowLogRole.id,
    policy: pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"], Resource: pulumi.interpolate`${flowLogGroup.arn}:*` }],
    }),
});
// BREAKS vpc-flow-logs-all-traffic on app-vpc: the finding is reported on the VPC (network.ts). Only rejected packets are logged, accepted connections leave no trace.
// FIX: trafficType: "ALL".
export const vpcFlowLog = new aws.ec2.FlowLog("app-vpc-flow", {
    vpcId: vpc.id,
    trafficType: "REJECT",
    logDestinationType: "cloud-watch-logs",
    logDestination: flowLogGroup.arn,
    iamRoleArn: flowLogRole.arn,
});
