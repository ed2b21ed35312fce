// Logging: log stores keep logs at least 180 days, an audit trail records API
// activity in every region, and the VPC's flow log captures all traffic.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { auditTrailKey } from "./keys";
import { vpc } from "./network";

// Application logs kept one year (Cybersecurity Law Art. 23(3) asks for at least six months).
export const appLogs = new aws.cloudwatch.LogGroup("app-logs", { retentionInDays: 365 });

// Audit trail bucket: private, encrypted by default (SSE-S3); logs archived after 90 days and
// deleted after one year, beyond the six months the law asks for.
export const auditBucket = new aws.s3.Bucket("audit-logs", { forceDestroy: false });
export const auditBucketPublicAccess = new aws.s3.BucketPublicAccessBlock("audit-logs-public-access", {
    bucket: auditBucket.id,
    blockPublicAcls: true,
    blockPublicPolicy: true,
    ignorePublicAcls: true,
    restrictPublicBuckets: true,
});
export const auditBucketLifecycle = new aws.s3.BucketLifecycleConfiguration("audit-logs-lifecycle", {
    bucket: auditBucket.id,
    rules: [{ id: "archive-then-expire", status: "Enabled", transitions: [{ days: 90, storageClass: "GLACIER" }], expiration: { days: 365 } }],
});
// CloudTrail may write only its own prefix of the bucket.
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

// Every region, read and write management events (the default selectors), tamper-evident log files.
export const auditTrail = new aws.cloudtrail.Trail(
    "audit-trail",
    { s3BucketName: auditBucket.id, isMultiRegionTrail: true, includeGlobalServiceEvents: true, enableLogFileValidation: true, kmsKeyId: auditTrailKey.arn },
    { dependsOn: [auditBucketPolicy] },
);

// Network behaviour logs: every packet accepted or rejected in the VPC, kept one year.
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
        Statement: [
            {
                Effect: "Allow",
                Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
                Resource: pulumi.interpolate`${flowLogGroup.arn}:*`,
            },
        ],
    }),
});
export const vpcFlowLog = new aws.ec2.FlowLog("app-vpc-flow", {
    vpcId: vpc.id,
    trafficType: "ALL",
    logDestinationType: "cloud-watch-logs",
    logDestination: flowLogGroup.arn,
    iamRoleArn: flowLogRole.arn,
});
