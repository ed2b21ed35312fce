// The network every other module builds on: one VPC with a public and a private subnet.
import * as aws from "@pulumi/aws";

export const vpc = new aws.ec2.Vpc("app-vpc", { cidrBlock: "10.10.0.0/16", enableDnsHostnames: true });
export const publicSubnet = new aws.ec2.Subnet("public-a", { vpcId: vpc.id, cidrBlock: "10.10.1.0/24", availabilityZone: "cn-north-1a" });
export const privateSubnet = new aws.ec2.Subnet("private-a", { vpcId: vpc.id, cidrBlock: "10.10.2.0/24", availabilityZone: "cn-north-1b" });
