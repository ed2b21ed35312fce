// Encryption at rest, with mistakes: each resource marked BREAKS fails one
// encryption rule. This stack does not turn on alicloud.ecs.DiskEncryptionByDefault, so an unset
// flag means an unencrypted disk.
import * as alicloud from "@pulumi/alicloud";
import { dataSwitch, vpc, webSwitch } from "./network";

// Reachable only from inside the VPC.
export const batchSecurityGroup = new alicloud.ecs.SecurityGroup("batch-server-sg", { vpcId: vpc.id, securityGroupName: "batch-server-sg" });
export const batchHttpsFromVpc = new alicloud.ecs.SecurityGroupRule("batch-https-from-vpc", {
    securityGroupId: batchSecurityGroup.id,
    type: "ingress",
    ipProtocol: "tcp",
    portRange: "443/443",
    cidrIp: "10.20.0.0/16",
    nicType: "intranet",
    policy: "accept",
});

// BREAKS disks-encrypted: dataDisks[1] (the scratch disk) leaves `encrypted` unset, which defaults to false.
// FIX: encrypted: true on every data disk (changing it replaces the disk: migrate through an encrypted snapshot).
export const batchServer = new alicloud.ecs.Instance("batch-server", {
    instanceName: "batch-server",
    imageId: "aliyun_3_x64_20G_alibase_20240819.vhd",
    instanceType: "ecs.g7.large",
    vswitchId: webSwitch.id,
    securityGroups: [batchSecurityGroup.id],
    systemDiskCategory: "cloud_essd",
    systemDiskEncrypted: true,
    dataDisks: [
        { name: "batch-data", size: 100, category: "cloud_essd", encrypted: true },
        { name: "batch-scratch", size: 50, category: "cloud_essd" },
    ],
});

// BREAKS disks-encrypted: `encrypted: false` stores the cache in clear.
// FIX: encrypted: true.
export const cacheDisk = new alicloud.ecs.EcsDisk("batch-cache", { tags: { "data-classification": "internal" }, diskName: "batch-cache", zoneId: "cn-hangzhou-h", size: 50, category: "cloud_essd", encrypted: false });

// BREAKS databases-and-file-systems-encrypted: neither cloud disk encryption (encryptionKey) nor TDE (tdeStatus) is on.
// FIX: encryptionKey: <a KMS key ID> (at creation), or tdeStatus: "Enabled".
// BREAKS database-audit-logs-kept: sqlCollectorStatus unset (default Disabled): no SQL audit is recorded.
// FIX: sqlCollectorStatus: "Enabled" with sqlCollectorConfigValue: 180 or more (in place).
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
});

// BREAKS databases-and-file-systems-encrypted: encryptType 0 means the file system is not encrypted.
// FIX: encryptType: 1 (NAS-managed key) or 2 (your KMS key; extreme NAS only). Replaces the file system.
export const sharedFiles = new alicloud.nas.FileSystem("shared-files", { tags: { "data-classification": "internal" }, protocolType: "NFS", storageType: "Capacity", encryptType: 0, description: "shared-files" });

// BREAKS object-storage-encrypted: no server-side encryption rule, inline or separate.
// FIX: serverSideEncryptionRule: { sseAlgorithm: "KMS" } (or "AES256"), or an alicloud.oss.BucketServerSideEncryption.
export const uploadsBucket = new alicloud.oss.Bucket("order-uploads", { tags: { "data-classification": "internal" }, bucket: "order-uploads-example" });
