// Access control: the public subnet takes HTTPS from the internet and nothing
// else; administrators come in over the corporate VPN (192.168.100.0/24) to a bastion host, and
// from the bastion to the servers. Every subnet has a network ACL of its own, buckets are private
// with public access blocked, and the reporting database is reachable from the VPC only.
import * as aws from "@pulumi/aws";
import { privateSubnet, publicSubnet, vpc } from "./network";

const VPC_CIDR = "10.10.0.0/16";
const VPN_CIDR = "192.168.100.0/24";

// Bastion: SSH from the VPN only (a private range).
export const bastionSecurityGroup = new aws.ec2.SecurityGroup("bastion-sg", {
    vpcId: vpc.id,
    description: "bastion: SSH from the corporate VPN",
    ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: [VPN_CIDR], description: "SSH from VPN" }],
    egress: [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: [VPC_CIDR] }],
});

// Web tier, managed rule by rule: HTTPS from anywhere (IPv4 and IPv6), SSH from the bastion only.
export const webSecurityGroup = new aws.ec2.SecurityGroup("web-sg", { vpcId: vpc.id, description: "web tier" });
export const webHttps = new aws.vpc.SecurityGroupIngressRule("web-https", { securityGroupId: webSecurityGroup.id, ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "0.0.0.0/0" });
export const webHttpsV6 = new aws.vpc.SecurityGroupIngressRule("web-https-v6", { securityGroupId: webSecurityGroup.id, ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv6: "::/0" });
export const webSshFromBastion = new aws.ec2.SecurityGroupRule("web-ssh-from-bastion", {
    type: "ingress",
    securityGroupId: webSecurityGroup.id,
    protocol: "tcp",
    fromPort: 22,
    toPort: 22,
    sourceSecurityGroupId: bastionSecurityGroup.id,
});

// Reporting database: MySQL from the web tier only.
export const reportingDbSecurityGroup = new aws.ec2.SecurityGroup("reporting-db-sg", {
    vpcId: vpc.id,
    description: "reporting database: MySQL from the web tier",
    ingress: [{ protocol: "tcp", fromPort: 3306, toPort: 3306, securityGroups: [webSecurityGroup.id] }],
});

// Public subnet ACL: HTTPS in, return traffic on the ephemeral ports, SSH from the VPN, anything from the VPC.
export const publicAcl = new aws.ec2.NetworkAcl("public-acl", {
    vpcId: vpc.id,
    subnetIds: [publicSubnet.id],
    ingress: [
        { ruleNo: 100, action: "allow", protocol: "tcp", fromPort: 443, toPort: 443, cidrBlock: "0.0.0.0/0" },
        { ruleNo: 101, action: "allow", protocol: "tcp", fromPort: 443, toPort: 443, ipv6CidrBlock: "::/0" },
        { ruleNo: 110, action: "allow", protocol: "tcp", fromPort: 32768, toPort: 65535, cidrBlock: "0.0.0.0/0" },
        { ruleNo: 120, action: "allow", protocol: "tcp", fromPort: 22, toPort: 22, cidrBlock: VPN_CIDR },
        { ruleNo: 130, action: "allow", protocol: "-1", fromPort: 0, toPort: 0, cidrBlock: VPC_CIDR },
    ],
    egress: [{ ruleNo: 100, action: "allow", protocol: "-1", fromPort: 0, toPort: 0, cidrBlock: "0.0.0.0/0" }],
});

// Private subnet ACL, managed rule by rule: traffic from the VPC and return traffic only.
export const privateAcl = new aws.ec2.NetworkAcl("private-acl", { vpcId: vpc.id });
export const privateAclAssociation = new aws.ec2.NetworkAclAssociation("private-acl-association", { networkAclId: privateAcl.id, subnetId: privateSubnet.id });
export const privateFromVpc = new aws.ec2.NetworkAclRule("private-from-vpc", { networkAclId: privateAcl.id, ruleNumber: 100, ruleAction: "allow", protocol: "-1", cidrBlock: VPC_CIDR });
export const privateReturnTraffic = new aws.ec2.NetworkAclRule("private-return-traffic", {
    networkAclId: privateAcl.id,
    ruleNumber: 110,
    ruleAction: "allow",
    protocol: "tcp",
    fromPort: 32768,
    toPort: 65535,
    cidrBlock: "0.0.0.0/0",
});
export const privateAllOut = new aws.ec2.NetworkAclRule("private-all-out", { networkAclId: privateAcl.id, ruleNumber: 100, egress: true, ruleAction: "allow", protocol: "-1", cidrBlock: "0.0.0.0/0" });

// The bastion host: its own security group, encrypted root volume, no public address (reached over the VPN).
export const bastion = new aws.ec2.Instance("bastion", {
    ami: "ami-0123456789abcdef0",
    instanceType: "t3.micro",
    subnetId: publicSubnet.id,
    vpcSecurityGroupIds: [bastionSecurityGroup.id],
    associatePublicIpAddress: false,
    rootBlockDevice: { encrypted: true, volumeSize: 20 },
});

// Reporting database: private, encrypted, in its own security group.
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
    publiclyAccessible: false,
    storageEncrypted: true,
    skipFinalSnapshot: true,
    // SQL audit log to CloudWatch (with the MARIADB_AUDIT_PLUGIN option in the option group).
    enabledCloudwatchLogsExports: ["audit", "error"],
});

// Exports for partners: private, public access blocked on all four switches; partners get pre-signed URLs.
export const exportsBucket = new aws.s3.Bucket("partner-exports", { forceDestroy: false });
export const exportsPublicAccess = new aws.s3.BucketPublicAccessBlock("partner-exports-public-access", {
    bucket: exportsBucket.id,
    blockPublicAcls: true,
    blockPublicPolicy: true,
    ignorePublicAcls: true,
    restrictPublicBuckets: true,
});
