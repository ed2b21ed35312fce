// The network every other module builds on: one VPC with two vSwitches.
import * as alicloud from "@pulumi/alicloud";

export const vpc = new alicloud.vpc.Network("app-vpc", { vpcName: "app-vpc", cidrBlock: "10.20.0.0/16" });
// BREAKS vswitch-network-acl-bound: no network ACL is bound to this vSwitch (data-acl in access-control.ts covers data-a only).
// FIX: add { resourceId: webSwitch.id, resourceType: "VSwitch" } to a network ACL's `resources`, or an alicloud.vpc.VpcNetworkAclAttachment.
export const webSwitch = new alicloud.vpc.Switch("web-a", { vpcId: vpc.id, cidrBlock: "10.20.1.0/24", zoneId: "cn-hangzhou-h", vswitchName: "web-a" });
export const dataSwitch = new alicloud.vpc.Switch("data-a", { vpcId: vpc.id, cidrBlock: "10.20.2.0/24", zoneId: "cn-hangzhou-h", vswitchName: "data-a" });
