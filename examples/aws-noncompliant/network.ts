// The network every other module builds on: one VPC with a public and a private subnet.
import * as aws from "@pulumi/aws";

export const vpc = new aws.ec2.Vpc("app-vpc", { cidrBlock: "10.10.0.0/16", enableDnsHostnames: true });
export const publicSubnet = new aws.ec2.Subnet("public-a", { vpcId: vpc.id, cidrBlock: "10.10.1.0/24", availabilityZone: "cn-north-1a" });
// BREAKS subnet-network-acl-associated (advisory): no network ACL lists this subnet (public-acl in access-control.ts covers public-a only), so the VPC's default ACL applies.
// FIX: an aws.ec2.NetworkAcl for the private tier with subnetIds: [privateSubnet.id], or an aws.ec2.NetworkAclAssociation.
export const privateSubnet = new aws.ec2.Subnet("private-a", { vpcId: vpc.id, cidrBlock: "10.10.2.0/24", availabilityZone: "cn-north-1b" });
