// Backup and recovery: the orders database keeps 30 days of backups, the session store has
// release protection on, and DTS synchronises the orders database to another mainland region.
import * as alicloud from "@pulumi/alicloud";
import { database } from "./encryption";
import { dataSwitch } from "./network";

export const ordersBackup = new alicloud.rds.BackupPolicy("orders-db-backup", {
    instanceId: database.id,
    backupRetentionPeriod: 30,
    logBackupRetentionPeriod: 30,
});

export const sessions = new alicloud.mongodb.Instance("sessions", {
    engineVersion: "6.0",
    dbInstanceClass: "mdb.shard.2x.xlarge.d",
    dbInstanceStorage: 20,
    vswitchId: dataSwitch.id,
    securityIpLists: ["10.20.0.0/16"],
    backupRetentionPeriod: 30,
    dbInstanceReleaseProtection: true,
});

export const ordersSync = new alicloud.dts.SynchronizationInstance("orders-sync", {
    paymentType: "PayAsYouGo",
    sourceEndpointEngineName: "MySQL",
    sourceEndpointRegion: "cn-hangzhou",
    destinationEndpointEngineName: "MySQL",
    destinationEndpointRegion: "cn-shanghai",
    instanceClass: "small",
});
