// Encryption at rest: the app server's disks, the database, the shared file
// system and the uploads bucket are encrypted, most with the app's own KMS key.
import * as alicloud from "@pulumi/alicloud";
import { dataSwitch, vpc, webSwitch } from "./network";

// The app's customer-managed key.
export const dataKey = new alicloud.kms.Key("data-at-rest-key", { description: "app data at rest", pendingWindowInDays: 7, status: "Enabled", automaticRotation: "Enabled", rotationInterval: "365d" });

// Reachable only from inside the VPC.
export const batchSecurityGroup = new alicloud.ecs.SecurityGroup("batch-sg", { vpcId: vpc.id, securityGroupName: "batch-sg" });
export const batchHttpsFromVpc = new alicloud.ecs.SecurityGroupRule("batch-https-from-vpc", {
    securityGroupId: batchSecurityGroup.id,
    type: "ingress",
    ipProtocol: "tcp",
    portRange: "443/443",
    cidrIp: "10.20.0.0/16",
    nicType: "intranet",
    policy: "accept",
});

// Batch server: system disk and every data disk encrypted with the app's key.
export const batchServer = new alicloud.ecs.Instance("batch-server", {
    instanceName: "batch-server",
    imageId: "aliyun_3_x64_20G_alibase_20240819.vhd",
    instanceType: "ecs.g7.large",
    vswitchId: webSwitch.id,
    securityGroups: [batchSecurityGroup.id],
    systemDiskCategory: "cloud_essd",
    systemDiskEncrypted: true,
    systemDiskKmsKeyId: dataKey.id,
    dataDisks: [
        { name: "batch-data", size: 100, category: "cloud_essd", encrypted: true, kmsKeyId: dataKey.id },
        { name: "batch-scratch", size: 50, category: "cloud_essd", encrypted: true },
    ],
});
// Extra disk for the batch jobs' cache, attached separately.
export const cacheDisk = new alicloud.ecs.EcsDisk("batch-cache", { tags: { "data-classification": "internal" }, diskName: "batch-cache", zoneId: "cn-hangzhou-h", size: 50, category: "cloud_essd", encrypted: true, kmsKeyId: dataKey.id });

// MySQL: cloud disk encryption with the app's key (a key ID is required at creation), reachable from the VPC only.
export const database = new alicloud.rds.Instance("orders-db", {
    tags: { "data-classification": "internal" },
    deletionProtection: true,
    engine: "MySQL",
    engineVersion: "8.0",
    instanceType: "mysql.n2.medium.2c",
    instanceStorage: 50,
    dbInstanceStorageType: "cloud_essd",
    vswitchId: dataSwitch.id,
    securityIps: ["10.20.0.0/16"],
    encryptionKey: dataKey.id,
    sqlCollectorStatus: "Enabled",
    sqlCollectorConfigValue: 365,
});

// Shared file system, encrypted with a NAS-managed key (encryptType 1).
export const sharedFiles = new alicloud.nas.FileSystem("shared-files", { tags: { "data-classification": "internal" }, protocolType: "NFS", storageType: "Capacity", encryptType: 1, description: "shared-files" });

// Uploads bucket: private (the default ACL), encrypted with the app's key through a separate resource.
export const uploadsBucket = new alicloud.oss.Bucket("order-uploads", { tags: { "data-classification": "internal" }, bucket: "order-uploads-example" });
export const uploadsEncryption = new alicloud.oss.BucketServerSideEncryption("order-uploads-encryption", {
    bucket: uploadsBucket.bucket,
    sseAlgorithm: "KMS",
    kmsMasterKeyId: dataKey.id,
});
