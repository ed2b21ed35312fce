// Backup copies and disaster-recovery replicas, as rows of copy-destination-allowed-regions
// (which reports them: a copy outside the allowlist is a cross-border copy). Kept apart from the
// general copy table so the backup-and-recovery sources read as one list: AWS Backup plan copy
// actions, DTS synchronisation and migration, DBS backup storage and HBR replication vaults.
// Snapshot-policy cross-region copies, EBS disk replica pairs, RDS cross-region backups and RDS
// automated-backups replication are rows of the general table already.
import type * as alicloud from "@pulumi/alicloud";
import type * as aws from "@pulumi/aws";
import { arnRegion } from "../shared/arn";
import { inputName } from "../shared/properties";
import { type Destination, EFFECTIVE, type Reader, eachOf, regionAt } from "./destinations";

const PLAN_RULES = inputName<aws.backup.PlanArgs>("rules");

/** Copy-making backup resources, token → where their destination region is read (EFFECTIVE: the resource's own region). */
export const BACKUP_COPY_DESTINATIONS: Record<string, Reader> = {
    // Each copy action sends recovery points to the vault its ARN names, in that vault's region.
    "aws:backup/plan:Plan": (p) =>
        eachOf(p.get(PLAN_RULES), (rule) =>
            eachOf(rule.get("copyActions"), (action): Destination[] => {
                const arn = action.get("destinationVaultArn").raw();
                if (arn.kind === "unknown") return [{ property: arn.path, region: undefined, unknown: true }];
                if (arn.kind !== "value" || arn.value === "") return [];
                const region = arnRegion(arn.value);
                return [{ property: arn.path, region: region ?? arn.value, unplaced: region === undefined }];
            }),
        ),
    // DTS writes the source database's data into the destination endpoint's region.
    "alicloud:dts/synchronizationInstance:SynchronizationInstance": (p) => regionAt(p, inputName<alicloud.dts.SynchronizationInstanceArgs>("destinationEndpointRegion")),
    "alicloud:dts/migrationInstance:MigrationInstance": (p) => regionAt(p, inputName<alicloud.dts.MigrationInstanceArgs>("destinationEndpointRegion")),
    "alicloud:dts/instance:Instance": (p) => regionAt(p, inputName<alicloud.dts.InstanceArgs>("destinationRegion")),
    "alicloud:dts/synchronizationJob:SynchronizationJob": (p) => regionAt(p, inputName<alicloud.dts.SynchronizationJobArgs>("destinationEndpointRegion")),
    "alicloud:dts/migrationJob:MigrationJob": (p) => regionAt(p, inputName<alicloud.dts.MigrationJobArgs>("destinationEndpointRegion")),
    // DBS keeps the backup sets in its storage region.
    "alicloud:dbs/backupPlan:BackupPlan": (p) => regionAt(p, inputName<alicloud.dbs.BackupPlanArgs>("storageRegion")),
    // A replication vault mirrors a vault of `replicationSourceRegionId` into the provider's region.
    "alicloud:hbr/replicationVault:ReplicationVault": EFFECTIVE,
};

/** The remediation sentence for these rows, appended to copy-destination-allowed-regions' steps. */
export const BACKUP_COPY_STEPS = {
    en: " Backup copies: AWS Backup plan `rules[].copyActions[].destinationVaultArn` (a vault in an allowed region), DTS `destinationEndpointRegion` / `destinationRegion`, DBS backup plan `storageRegion`; an HBR replication vault is created in its provider's region.",
    zh: "备份副本：AWS Backup 计划的 `rules[].copyActions[].destinationVaultArn`（允许区域中的备份库）、DTS 的 `destinationEndpointRegion` / `destinationRegion`、DBS 备份计划的 `storageRegion`；HBR 复制备份库创建在其提供程序所在地域。",
};
