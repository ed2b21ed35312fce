// The network every other module builds on: one VPC with two vSwitches.
import * as alicloud from "@pulumi/alicloud";

export const vpc = new alicloud.vpc.Network("app-vpc", { vpcName: "app-vpc", cidrBlock: "10.20.0.0/16" });
export const webSwitch = new alicloud.vpc.Switch("web-a", { vpcId: vpc.id, cidrBlock: "10.20.1.0/24", zoneId: "cn-hangzhou-h", vswitchName: "web-a" });
export const dataSwitch = new alicloud.vpc.Switch("data-a", { vpcId: vpc.id, cidrBlock: "10.20.2.0/24", zoneId: "cn-hangzhou-h", vswitchName: "data-a" });
