// Threat protection: Inspector scans the instances, GuardDuty watches the account, and the public
// load balancer sits behind a WAF web ACL and logs every request.
import * as aws from "@pulumi/aws";
import { webSecurityGroup } from "./access-control";
import { auditBucket } from "./logging";
import { privateSubnet, publicSubnet } from "./network";

export const inspector = new aws.inspector2.Enabler("inspector", { accountIds: ["111122223333"], resourceTypes: ["EC2"] });
export const guardDuty = new aws.guardduty.Detector("guardduty", { enable: true });

export const webLb = new aws.lb.LoadBalancer("web-lb", {
    loadBalancerType: "application",
    internal: false,
    subnets: [publicSubnet.id, privateSubnet.id],
    securityGroups: [webSecurityGroup.id],
    accessLogs: { enabled: true, bucket: auditBucket.id, prefix: "web-lb" },
});

export const webAcl = new aws.wafv2.WebAcl("web-acl", {
    scope: "REGIONAL",
    defaultAction: { allow: {} },
    visibilityConfig: { cloudwatchMetricsEnabled: true, metricName: "web-acl", sampledRequestsEnabled: true },
    rules: [
        {
            name: "common-rules",
            priority: 1,
            overrideAction: { none: {} },
            statement: { managedRuleGroupStatement: { name: "AWSManagedRulesCommonRuleSet", vendorName: "AWS" } },
            visibilityConfig: { cloudwatchMetricsEnabled: true, metricName: "common-rules", sampledRequestsEnabled: true },
        },
    ],
});
export const webAclAssociation = new aws.wafv2.WebAclAssociation("web-lb-waf", { resourceArn: webLb.arn, webAclArn: webAcl.arn });
