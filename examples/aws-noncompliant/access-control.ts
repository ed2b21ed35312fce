// Access control, with mistakes: each resource marked BREAKS fails one
// access-control rule. The rest of the layout (bastion, web tier, ACL on the public subnet) is
// what the compliant example does.
import * as aws from "@pulumi/aws";
import { publicSubnet, vpc } from "./network";

// BREAKS no-internet-admin-ports: ingress[1] opens SSH (22) to 0.0.0.0/0; the harmless self rule before it does not hide it.
// FIX: cidrBlocks: ["192.168.100.0/24"] (the VPN), or reach the host through a bastion security group.
export const bastionSecurityGroup = new aws.ec2.SecurityGroup("bastion-sg", {
    vpcId: vpc.id,
    description: "bastion",
    ingress: [
        { protocol: "-1", fromPort: 0, toPort: 0, self: true },
        { protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] },
    ],
});

// Windows jump host group, managed rule by rule.
export const windowsSecurityGroup = new aws.ec2.SecurityGroup("windows-sg", { vpcId: vpc.id, description: "windows jump host" });
// BREAKS no-internet-admin-ports: RDP (3389) from ::/0, every IPv6 address on the internet.
// FIX: cidrIpv6 of the corporate network, or referencedSecurityGroupId of the bastion.
export const windowsRdp = new aws.vpc.SecurityGroupIngressRule("windows-rdp-v6", { securityGroupId: windowsSecurityGroup.id, ipProtocol: "tcp", fromPort: 3389, toPort: 3389, cidrIpv6: "::/0" });

// Batch workers' group.
export const batchSecurityGroup = new aws.ec2.SecurityGroup("batch-sg", { vpcId: vpc.id, description: "batch workers" });
// BREAKS no-internet-admin-ports: protocol "all" opens every port and protocol to 0.0.0.0/0 (the ports given are ignored).
// FIX: protocol "tcp" with the one port the workers serve, from the VPC CIDR 10.10.0.0/16.
export const batchAllOpen = new aws.ec2.SecurityGroupRule("batch-all-open", {
    type: "ingress",
    securityGroupId: batchSecurityGroup.id,
    protocol: "all",
    fromPort: 8080,
    toPort: 8080,
    cidrBlocks: ["0.0.0.0/0"],
});

// Reporting database group.
export const reportingDbSecurityGroup = new aws.ec2.SecurityGroup("reporting-db-sg", { vpcId: vpc.id, description: "reporting database" });
// BREAKS no-internet-database-ports (advisory): MySQL (3306) from anywhere.
// FIX: sourceSecurityGroupId of the web tier instead of cidrBlocks.
export const reportingDbOpen = new aws.ec2.SecurityGroupRule("reporting-db-mysql-open", {
    type: "ingress",
    securityGroupId: reportingDbSecurityGroup.id,
    protocol: "tcp",
    fromPort: 3306,
    toPort: 3306,
    cidrBlocks: ["0.0.0.0/0"],
});

// Partner file exchange: SFTP on port 22 for partners whose addresses change.
export const sftpSecurityGroup = new aws.ec2.SecurityGroup("sftp-sg", { vpcId: vpc.id, description: "partner SFTP" });
// BREAKS no-internet-admin-ports (exempted, so reported as advisory): SSH (22) from 0.0.0.0/0. A security group
// rule cannot carry tags, so policy-config.json exempts it by name pattern (exemptResources), with the reason.
// FIX: cidrBlocks of the partners' ranges, then drop the exemption.
export const partnerSftp = new aws.ec2.SecurityGroupRule("partner-sftp-ssh", {
    type: "ingress",
    securityGroupId: sftpSecurityGroup.id,
    protocol: "tcp",
    fromPort: 22,
    toPort: 22,
    cidrBlocks: ["0.0.0.0/0"],
});

// BREAKS no-internet-admin-ports: ingress rule 200 allows every protocol from 0.0.0.0/0, so the ACL filters nothing.
// FIX: allow only 443 and the ephemeral ports 32768-65535 from 0.0.0.0/0, and everything from 10.10.0.0/16.
export const publicAcl = new aws.ec2.NetworkAcl("public-acl", {
    vpcId: vpc.id,
    subnetIds: [publicSubnet.id],
    ingress: [
        { ruleNo: 100, action: "allow", protocol: "tcp", fromPort: 443, toPort: 443, cidrBlock: "0.0.0.0/0" },
        { ruleNo: 200, action: "allow", protocol: "-1", fromPort: 0, toPort: 0, cidrBlock: "0.0.0.0/0" },
    ],
    egress: [{ ruleNo: 100, action: "allow", protocol: "-1", fromPort: 0, toPort: 0, cidrBlock: "0.0.0.0/0" }],
});
// BREAKS subnet-network-acl-associated on private-a: (advisory) the private subnet (network.ts) has no ACL of its own and stays on the VPC's default ACL.
// FIX: an aws.ec2.NetworkAcl for the private tier with subnetIds: [privateSubnet.id].

// BREAKS security-group-required: no vpcSecurityGroupIds, so the instance lands in the VPC's default security group.
// policy-config.json exempted it until 2026-06-30; that day has passed, so the finding is mandatory again and says
// the exemption expired.
// FIX: vpcSecurityGroupIds: [batchSecurityGroup.id] (after fixing its rule).
export const legacyHost = new aws.ec2.Instance("legacy-host", {
    ami: "ami-0123456789abcdef0",
    instanceType: "t3.micro",
    subnetId: publicSubnet.id,
    rootBlockDevice: { encrypted: true, volumeSize: 20 },
});

// BREAKS no-public-databases: publiclyAccessible gives the database an internet-facing address.
// FIX: publiclyAccessible: false, and connect from inside the VPC.
export const reportingDb = new aws.rds.Instance("reporting-db", {
    backupRetentionPeriod: 7,
    deletionProtection: true,
    engine: "mysql",
    engineVersion: "8.0",
    instanceClass: "db.t3.small",
    allocatedStorage: 20,
    username: "reports",
    manageMasterUserPassword: true,
    vpcSecurityGroupIds: [reportingDbSecurityGroup.id],
    publiclyAccessible: true,
    storageEncrypted: true,
    skipFinalSnapshot: true,
    enabledCloudwatchLogsExports: ["audit", "error"],
});

// Static assets bucket: private on its own...
export const assetsBucket = new aws.s3.Bucket("static-assets", { forceDestroy: false });
// BREAKS no-public-buckets: the canned ACL public-read lets anyone list and read the bucket.
// FIX: acl: "private", and serve the assets through a CDN with origin access control.
export const assetsAcl = new aws.s3.BucketAcl("static-assets-acl", { bucket: assetsBucket.id, acl: "public-read" });

// Partner exports bucket: private, no ACL.
export const exportsBucket = new aws.s3.Bucket("partner-exports", { forceDestroy: false });
// BREAKS bucket-public-access-blocked: blockPublicPolicy false and restrictPublicBuckets unset (default false) let a public bucket policy through.
// FIX: set all four flags to true.
export const exportsPublicAccess = new aws.s3.BucketPublicAccessBlock("partner-exports-public-access", {
    bucket: exportsBucket.id,
    blockPublicAcls: true,
    blockPublicPolicy: false,
    ignorePublicAcls: true,
});
