// Access control: the web vSwitch takes HTTPS from the internet and nothing
// else; administrators come in over the corporate VPN (192.168.100.0/24) to a bastion, and from
// the bastion to the servers. Both vSwitches are bound to a network ACL, the reporting database
// whitelists the VPC only, and the exports bucket is private with public access blocked.
import * as alicloud from "@pulumi/alicloud";
import { dataSwitch, vpc, webSwitch } from "./network";

const VPC_CIDR = "10.20.0.0/16";
const VPN_CIDR = "192.168.100.0/24";

// Bastion: SSH from the VPN only (a private range).
export const bastionSecurityGroup = new alicloud.ecs.SecurityGroup("bastion-sg", { vpcId: vpc.id, securityGroupName: "bastion-sg" });
export const bastionSshFromVpn = new alicloud.ecs.SecurityGroupRule("bastion-ssh-from-vpn", {
    securityGroupId: bastionSecurityGroup.id,
    type: "ingress",
    ipProtocol: "tcp",
    portRange: "22/22",
    cidrIp: VPN_CIDR,
    nicType: "intranet",
});

// Web tier: HTTPS from anywhere (IPv4 and IPv6), SSH from the bastion's group only.
export const webSecurityGroup = new alicloud.ecs.SecurityGroup("web-sg", { vpcId: vpc.id, securityGroupName: "web-sg" });
export const webHttps = new alicloud.ecs.SecurityGroupRule("web-https", { securityGroupId: webSecurityGroup.id, type: "ingress", ipProtocol: "tcp", portRange: "443/443", cidrIp: "0.0.0.0/0", nicType: "intranet" });
export const webHttpsV6 = new alicloud.ecs.SecurityGroupRule("web-https-v6", { securityGroupId: webSecurityGroup.id, type: "ingress", ipProtocol: "tcp", portRange: "443/443", ipv6CidrIp: "::/0", nicType: "intranet" });
export const webSshFromBastion = new alicloud.ecs.SecurityGroupRule("web-ssh-from-bastion", {
    securityGroupId: webSecurityGroup.id,
    type: "ingress",
    ipProtocol: "tcp",
    portRange: "22/22",
    sourceSecurityGroupId: bastionSecurityGroup.id,
    nicType: "intranet",
});
// Everything else from the internet is dropped explicitly (a drop rule never opens anything).
export const webDropRest = new alicloud.ecs.SecurityGroupRule("web-drop-rest", {
    securityGroupId: webSecurityGroup.id,
    type: "ingress",
    ipProtocol: "all",
    portRange: "-1/-1",
    cidrIp: "0.0.0.0/0",
    policy: "drop",
    priority: 100,
    nicType: "intranet",
});

// Web vSwitch ACL, bound inline: HTTPS and return traffic from the internet, SSH from the VPN, anything from the VPC.
export const webAcl = new alicloud.vpc.NetworkAcl("web-acl", {
    vpcId: vpc.id,
    networkAclName: "web-acl",
    ingressAclEntries: [
        { networkAclEntryName: "https", protocol: "tcp", port: "443/443", sourceCidrIp: "0.0.0.0/0", policy: "accept" },
        { networkAclEntryName: "return-traffic", protocol: "tcp", port: "32768/65535", sourceCidrIp: "0.0.0.0/0", policy: "accept" },
        { networkAclEntryName: "ssh-from-vpn", protocol: "tcp", port: "22/22", sourceCidrIp: VPN_CIDR, policy: "accept" },
        { networkAclEntryName: "from-vpc", protocol: "all", port: "-1/-1", sourceCidrIp: VPC_CIDR, policy: "accept" },
    ],
    egressAclEntries: [{ networkAclEntryName: "all-out", protocol: "all", port: "-1/-1", destinationCidrIp: "0.0.0.0/0", policy: "accept" }],
    resources: [{ resourceId: webSwitch.id, resourceType: "VSwitch" }],
});

// Data vSwitch ACL: traffic from the VPC only, bound through an attachment.
export const dataAcl = new alicloud.vpc.NetworkAcl("data-acl", {
    vpcId: vpc.id,
    networkAclName: "data-acl",
    ingressAclEntries: [{ networkAclEntryName: "from-vpc", protocol: "all", port: "-1/-1", sourceCidrIp: VPC_CIDR, policy: "accept" }],
    egressAclEntries: [{ networkAclEntryName: "to-vpc", protocol: "all", port: "-1/-1", destinationCidrIp: VPC_CIDR, policy: "accept" }],
});
export const dataAclAttachment = new alicloud.vpc.VpcNetworkAclAttachment("data-acl-attachment", { networkAclId: dataAcl.id, resourceId: dataSwitch.id, resourceType: "VSwitch" });

// The bastion host: its own security group, encrypted system disk, reached over the VPN.
export const bastion = new alicloud.ecs.Instance("bastion", {
    instanceName: "bastion",
    imageId: "aliyun_3_x64_20G_alibase_20240819.vhd",
    instanceType: "ecs.t6-c1m1.large",
    vswitchId: webSwitch.id,
    securityGroups: [bastionSecurityGroup.id],
    systemDiskCategory: "cloud_essd",
    systemDiskEncrypted: true,
});

// Reporting database: whitelist of the VPC only, TDE on.
export const reportingDb = new alicloud.rds.Instance("reporting-db", {
    tags: { "data-classification": "internal" },
    deletionProtection: true,
    engine: "MySQL",
    engineVersion: "8.0",
    instanceType: "mysql.n2.small.1",
    instanceStorage: 20,
    dbInstanceStorageType: "cloud_essd",
    vswitchId: dataSwitch.id,
    securityIps: [VPC_CIDR],
    tdeStatus: "Enabled",
    // SQL audit (SQL Explorer) kept 180 days.
    sqlCollectorStatus: "Enabled",
    sqlCollectorConfigValue: 180,
});

// Exports for partners: private ACL, public access blocked, encrypted; partners get signed URLs.
export const exportsBucket = new alicloud.oss.Bucket("partner-exports", { tags: { "data-classification": "internal" }, bucket: "example-partner-exports", serverSideEncryptionRule: { sseAlgorithm: "AES256" } });
export const exportsAcl = new alicloud.oss.BucketAcl("partner-exports-acl", { bucket: exportsBucket.bucket, acl: "private" });
export const exportsPublicAccess = new alicloud.oss.BucketPublicAccessBlock("partner-exports-public-access", { bucket: exportsBucket.bucket, blockPublicAccess: true });
