// Encryption at rest: the app server's disks, the database, the shared file
// system and the uploads bucket are encrypted with the app's own KMS key.
import * as aws from "@pulumi/aws";
import { privateSubnet, publicSubnet, vpc } from "./network";

// The app's customer-managed key, rotated yearly.
export const dataKey = new aws.kms.Key("data-at-rest-key", { description: "app data at rest", enableKeyRotation: true, deletionWindowInDays: 30 });

// Account guard rails for this region: new EBS volumes are always encrypted, with the app's key.
export const ebsDefaultEncryption = new aws.ebs.EncryptionByDefault("ebs-default-encryption", { enabled: true });
export const ebsDefaultKey = new aws.ebs.DefaultKmsKey("ebs-default-key", { keyArn: dataKey.arn });

// Reachable only from inside the VPC.
export const batchSecurityGroup = new aws.ec2.SecurityGroup("batch-sg", {
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

// Batch server: root and data volumes encrypted with the app's key.
export const batchServer = new aws.ec2.Instance("batch-server", {
    ami: "ami-0123456789abcdef0",
    instanceType: "t3.medium",
    subnetId: privateSubnet.id,
    vpcSecurityGroupIds: [batchSecurityGroup.id],
    rootBlockDevice: { encrypted: true, kmsKeyId: dataKey.arn, volumeSize: 30 },
    ebsBlockDevices: [{ deviceName: "/dev/sdf", encrypted: true, kmsKeyId: dataKey.arn, volumeSize: 100 }],
});
// Extra volume for the batch jobs' cache, attached separately.
export const cacheVolume = new aws.ebs.Volume("batch-cache", { availabilityZone: "cn-north-1a", size: 50, type: "gp3", encrypted: true, kmsKeyId: dataKey.arn });

// Workers scale out from this template. `encrypted` is a string on launch templates; the scratch
// volume leaves it unset and is encrypted by the account default above.
export const workerTemplate = new aws.ec2.LaunchTemplate("worker-template", {
    imageId: "ami-0123456789abcdef0",
    instanceType: "t3.medium",
    vpcSecurityGroupIds: [batchSecurityGroup.id],
    blockDeviceMappings: [
        { deviceName: "/dev/xvda", ebs: { encrypted: "true", kmsKeyId: dataKey.arn, volumeSize: 30 } },
        { deviceName: "/dev/sdf", ebs: { volumeSize: 50, volumeType: "gp3" } },
    ],
});

// PostgreSQL: storage encrypted with the app's key, private, in the VPC.
export const dbSubnets = new aws.rds.SubnetGroup("orders-db-subnets", { subnetIds: [privateSubnet.id, publicSubnet.id] });
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
    storageEncrypted: true,
    kmsKeyId: dataKey.arn,
    finalSnapshotIdentifier: "orders-db-final",
    // Statement log to CloudWatch: the database audit record.
    enabledCloudwatchLogsExports: ["postgresql"],
});

// Shared file system for uploads being processed.
export const sharedFiles = new aws.efs.FileSystem("shared-files", { encrypted: true, kmsKeyId: dataKey.arn });

// Uploads bucket: private, SSE-KMS with the app's key (passes even with requireCustomerManagedKeys).
export const uploadsBucket = new aws.s3.Bucket("order-uploads", { forceDestroy: false });
export const uploadsPublicAccess = new aws.s3.BucketPublicAccessBlock("order-uploads-public-access", {
    bucket: uploadsBucket.id,
    blockPublicAcls: true,
    blockPublicPolicy: true,
    ignorePublicAcls: true,
    restrictPublicBuckets: true,
});
export const uploadsEncryption = new aws.s3.BucketServerSideEncryptionConfiguration("order-uploads-encryption", {
    bucket: uploadsBucket.id,
    rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: dataKey.arn }, bucketKeyEnabled: true }],
});
