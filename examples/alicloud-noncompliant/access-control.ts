// Access control, with mistakes: each resource marked BREAKS fails one
// access-control rule. The rest of the layout (bastion, web tier, ACL on the data vSwitch) is
// what the compliant example does.
import * as alicloud from "@pulumi/alicloud";
import { dataSwitch, vpc, webSwitch } from "./network";

// Operations group for the bastion and jump hosts.
export const opsSecurityGroup = new alicloud.ecs.SecurityGroup("ops-sg", { vpcId: vpc.id, securityGroupName: "ops-sg" });
// BREAKS no-internet-admin-ports: SSH (22) from 0.0.0.0/0.
// FIX: cidrIp: "192.168.100.0/24" (the VPN), or sourceSecurityGroupId of a bastion group.
export const opsSsh = new alicloud.ecs.SecurityGroupRule("ops-ssh-open", { securityGroupId: opsSecurityGroup.id, type: "ingress", ipProtocol: "tcp", portRange: "22/22", cidrIp: "0.0.0.0/0", nicType: "intranet" });
// BREAKS no-internet-admin-ports: RDP (3389) from ::/0, every IPv6 address on the internet.
// FIX: ipv6CidrIp of the corporate network, or sourceSecurityGroupId of a bastion group.
export const opsRdp = new alicloud.ecs.SecurityGroupRule("ops-rdp-open-v6", { securityGroupId: opsSecurityGroup.id, type: "ingress", ipProtocol: "tcp", portRange: "3389/3389", ipv6CidrIp: "::/0", nicType: "intranet" });

// Batch workers' group.
export const batchSecurityGroup = new alicloud.ecs.SecurityGroup("batch-sg", { vpcId: vpc.id, securityGroupName: "batch-sg" });
// BREAKS no-internet-admin-ports: tcp with portRange "-1/-1" opens every port to 0.0.0.0/0.
// FIX: portRange: "8080/8080" and cidrIp: "10.20.0.0/16".
export const batchAllOpen = new alicloud.ecs.SecurityGroupRule("batch-all-open", { securityGroupId: batchSecurityGroup.id, type: "ingress", ipProtocol: "tcp", portRange: "-1/-1", cidrIp: "0.0.0.0/0", nicType: "intranet" });

// Session cache group.
export const cacheSecurityGroup = new alicloud.ecs.SecurityGroup("cache-sg", { vpcId: vpc.id, securityGroupName: "cache-sg" });
// BREAKS no-internet-database-ports (advisory): Redis (6379) from anywhere.
// FIX: sourceSecurityGroupId of the web tier, or cidrIp: "10.20.0.0/16".
export const cacheRedisOpen = new alicloud.ecs.SecurityGroupRule("cache-redis-open", { securityGroupId: cacheSecurityGroup.id, type: "ingress", ipProtocol: "tcp", portRange: "6379/6379", cidrIp: "0.0.0.0/0", nicType: "intranet" });

// BREAKS no-internet-admin-ports: ingressAclEntries[1] accepts tcp 1/65535 (every port) from 0.0.0.0/0.
// FIX: accept only 443/443 and the return ports 32768/65535 from 0.0.0.0/0, and everything from 10.20.0.0/16.
export const dataAcl = new alicloud.vpc.NetworkAcl("data-acl", {
    vpcId: vpc.id,
    networkAclName: "data-acl",
    ingressAclEntries: [
        { networkAclEntryName: "from-vpc", protocol: "all", port: "-1/-1", sourceCidrIp: "10.20.0.0/16", policy: "accept" },
        { networkAclEntryName: "anything", protocol: "tcp", port: "1/65535", sourceCidrIp: "0.0.0.0/0", policy: "accept" },
    ],
    resources: [{ resourceId: dataSwitch.id, resourceType: "VSwitch" }],
});
// BREAKS vswitch-network-acl-bound on web-a: the web vSwitch (network.ts) is bound to no network ACL.
// FIX: add { resourceId: webSwitch.id, resourceType: "VSwitch" } to a web ACL's `resources`, or an alicloud.vpc.VpcNetworkAclAttachment.

// BREAKS security-group-required: no securityGroups and no launch template.
// FIX: securityGroups: [opsSecurityGroup.id] (after fixing its rules).
export const legacyHost = new alicloud.ecs.Instance("legacy-host", {
    instanceName: "legacy-host",
    imageId: "aliyun_3_x64_20G_alibase_20240819.vhd",
    instanceType: "ecs.t6-c1m1.large",
    vswitchId: webSwitch.id,
    systemDiskCategory: "cloud_essd",
    systemDiskEncrypted: true,
});

// BREAKS no-public-databases: "0.0.0.0" in the whitelist admits every address.
// FIX: securityIps: ["10.20.0.0/16"].
export const reportingDb = new alicloud.rds.Instance("reporting-db", {
    tags: { "data-classification": "internal" },
    deletionProtection: true,
    engine: "MySQL",
    engineVersion: "8.0",
    instanceType: "mysql.n2.small.1",
    instanceStorage: 20,
    dbInstanceStorageType: "cloud_essd",
    vswitchId: dataSwitch.id,
    securityIps: ["10.20.0.0/16", "0.0.0.0"],
    tdeStatus: "Enabled",
    sqlCollectorStatus: "Enabled",
    sqlCollectorConfigValue: 180,
});

// Downloads bucket: encrypted, no ACL of its own...
export const downloadsBucket = new alicloud.oss.Bucket("downloads", { tags: { "data-classification": "internal" }, bucket: "example-downloads", serverSideEncryptionRule: { sseAlgorithm: "AES256" } });
// BREAKS no-public-buckets: public-read lets anyone list and read every object.
// FIX: acl: "private", and hand out signed URLs or serve through CDN with a private origin.
export const downloadsAcl = new alicloud.oss.BucketAcl("downloads-acl", { bucket: downloadsBucket.bucket, acl: "public-read" });

// Partner exports bucket: private (no ACL set) and encrypted.
export const exportsBucket = new alicloud.oss.Bucket("partner-exports", { tags: { "data-classification": "internal" }, bucket: "example-partner-exports", serverSideEncryptionRule: { sseAlgorithm: "AES256" } });
// BREAKS bucket-public-access-blocked: blockPublicAccess false lets a public ACL or bucket policy through.
// FIX: blockPublicAccess: true.
export const exportsPublicAccess = new alicloud.oss.BucketPublicAccessBlock("partner-exports-public-access", { bucket: exportsBucket.bucket, blockPublicAccess: false });
