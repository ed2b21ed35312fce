// Threat protection (GB/T 22239-2019 8.1.3.3, 8.1.4.4), with mistakes.
import * as aws from "@pulumi/aws";
import { windowsSecurityGroup } from "./access-control";
import { privateSubnet, publicSubnet } from "./network";

// BREAKS vulnerability-scanning-enabled on stack: the stack runs EC2 instances and no aws.inspector2.Enabler scans them.
// FIX: new aws.inspector2.Enabler("inspector", { accountIds: [account], resourceTypes: ["EC2"] }) (or enable Inspector from the delegated administrator and set vulnerabilityScanningInAnotherStack).
export const guardDuty = new aws.guardduty.Detector("guardduty", { enable: true });

// BREAKS public-entry-intrusion-prevention: an internet-facing load balancer with no WAF web ACL associated.
// FIX: an aws.wafv2.WebAclAssociation with resourceArn: webLb.arn.
// BREAKS access-logs-enabled: accessLogs unset, so no request reaching the service is recorded.
// FIX: accessLogs: { enabled: true, bucket } into a bucket kept at least 180 days.
export const webLb = new aws.lb.LoadBalancer("web-lb", {
    loadBalancerType: "application",
    subnets: [publicSubnet.id, privateSubnet.id],
    securityGroups: [windowsSecurityGroup.id],
});
