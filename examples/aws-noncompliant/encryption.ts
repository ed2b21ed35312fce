// Encryption at rest, with mistakes: each resource marked BREAKS fails one
// encryption rule. This stack does not turn on aws.ebs.EncryptionByDefault, so an unset flag
// means an unencrypted disk.
import * as aws from "@pulumi/aws";
import { privateSubnet, publicSubnet, vpc } from "./network";

// Reachable only from inside the VPC.
export const batchSecurityGroup = new aws.ec2.SecurityGroup("batch-server-sg", {
    vpcId: vpc.id,
    description: "batch servers: HTTPS from the VPC only",
    ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["10.10.0.0/16"] }],
    egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }],
});
export const dbSecurityGroup = new aws.ec2.SecurityGroup("orders-db-sg", {
    vpcId: vpc.id,
    description: "database: PostgreSQL from the VPC only",
    ingress: [{ protocol: "tcp", fromPort: 5432, toPort: 5432, cidrBlocks: ["10.10.0.0/16"] }],
});

// BREAKS disks-encrypted: ebsBlockDevices[1] (the scratch disk) leaves `encrypted` unset, which defaults to false.
// FIX: encrypted: true on every block device (changing it replaces the disk: migrate through an encrypted snapshot).
export const batchServer = new aws.ec2.Instance("batch-server", {
    ami: "ami-0123456789abcdef0",
    instanceType: "t3.medium",
    subnetId: privateSubnet.id,
    vpcSecurityGroupIds: [batchSecurityGroup.id],
    rootBlockDevice: { encrypted: true, volumeSize: 30 },
    ebsBlockDevices: [
        { deviceName: "/dev/sdf", encrypted: true, volumeSize: 100 },
        { deviceName: "/dev/sdg", volumeSize: 200 },
    ],
});

// BREAKS disks-encrypted: `encrypted` unset and no EBS default encryption in this stack: the volume is stored in clear.
// FIX: encrypted: true (or add aws.ebs.EncryptionByDefault to the stack).
export const cacheVolume = new aws.ebs.Volume("batch-cache", { availabilityZone: "cn-north-1a", size: 50, type: "gp3" });

// BREAKS disks-encrypted: blockDeviceMappings[0].ebs.encrypted is the string "false", so every worker's root volume is unencrypted.
// FIX: encrypted: "true" (the input is a string).
export const workerTemplate = new aws.ec2.LaunchTemplate("worker-template", {
    imageId: "ami-0123456789abcdef0",
    instanceType: "t3.medium",
    vpcSecurityGroupIds: [batchSecurityGroup.id],
    blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: "false", volumeSize: 30 } }],
});

export const dbSubnets = new aws.rds.SubnetGroup("orders-db-subnets", { subnetIds: [privateSubnet.id, publicSubnet.id] });
// BREAKS databases-and-file-systems-encrypted: storageEncrypted unset, which defaults to false.
// FIX: storageEncrypted: true (replaces the database: restore an encrypted snapshot copy).
// BREAKS database-audit-logs-kept: enabledCloudwatchLogsExports unset, so no PostgreSQL statement log leaves the instance.
// FIX: enabledCloudwatchLogsExports: ["postgresql"] (in place), into a log group kept at least 180 days.
export const database = new aws.rds.Instance("orders-db", {
    backupRetentionPeriod: 7,
    deletionProtection: true,
    engine: "postgres",
    engineVersion: "16.3",
    instanceClass: "db.t3.medium",
    allocatedStorage: 50,
    username: "app",
    manageMasterUserPassword: true,
    dbSubnetGroupName: dbSubnets.name,
    vpcSecurityGroupIds: [dbSecurityGroup.id],
    publiclyAccessible: false,
    finalSnapshotIdentifier: "orders-db-final",
});

// Shared file system for uploads being processed: encrypted.
export const sharedFiles = new aws.efs.FileSystem("shared-files", { encrypted: true });
