// Backup copies and disaster-recovery replicas, as rows of copy-destination-allowed-regions
// (which reports them: a copy outside the allowlist is a cross-border copy). Kept apart from the
// general copy table so the backup-and-recovery sources read as one list: AWS Backup plan copy
// actions, DTS synchronisation and migration, DBS backup storage and HBR replication vaults.
// Snapshot-policy cross-region copies, EBS disk replica pairs, RDS cross-region backups and RDS
// automated-backups replication are rows of the general table already.
import type * as alicloud from "@pulumi/alicloud";
import type * as aws from "@pulumi/aws";
import { inputName, isRecord } from "../shared/properties";
import type { Destination } from "./copy-destination-allowed-regions";

function get(v: unknown, key: string): unknown {
    return isRecord(v) ? v[key] : undefined;
}

function isSet(v: unknown): boolean {
    return v !== undefined && v !== null && v !== "";
}

/** Each item of a list input; a value that is not a list is one unreadable destination. */
function each(list: unknown, path: string, read: (item: unknown, path: string) => Destination[]): Destination[] {
    if (!isSet(list)) return [];
    if (!Array.isArray(list)) return [{ property: path, region: list, unreadable: true }];
    return list.flatMap((item: unknown, i) => read(item, `${path}[${i}]`));
}

function regionAt(props: unknown, key: string): Destination[] {
    const v = get(props, key);
    return isSet(v) ? [{ property: key, region: v }] : [];
}

/** The region of an ARN (`arn:aws-cn:backup:cn-north-1:123456789012:backup-vault:dr`). */
export function arnRegion(arn: unknown): string | undefined {
    if (typeof arn !== "string") return undefined;
    const parts = arn.split(":");
    return parts.length >= 6 && parts[0] === "arn" && parts[3] ? parts[3] : undefined;
}

const PLAN_RULES = inputName<aws.backup.PlanArgs>("rules");

/** Copy-making backup resources, token → where their destination region is read ("effective": the resource's own region). */
export const BACKUP_COPY_DESTINATIONS: Record<string, ((props: Record<string, unknown>) => Destination[]) | "effective"> = {
    // Each copy action sends recovery points to the vault its ARN names, in that vault's region.
    "aws:backup/plan:Plan": (p) =>
        each(get(p, PLAN_RULES), PLAN_RULES, (rule, rulePath) =>
            each(get(rule, "copyActions"), `${rulePath}.copyActions`, (action, path) => {
                const arn = get(action, "destinationVaultArn");
                if (!isSet(arn)) return [];
                const region = arnRegion(arn);
                return [{ property: `${path}.destinationVaultArn`, region: region ?? arn, unplaced: region === undefined }];
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
    "alicloud:hbr/replicationVault:ReplicationVault": "effective",
};

/** The remediation sentence for these rows, appended to copy-destination-allowed-regions' steps. */
export const BACKUP_COPY_STEPS = {
    en: " Backup copies: AWS Backup plan `rules[].copyActions[].destinationVaultArn` (a vault in an allowed region), DTS `destinationEndpointRegion` / `destinationRegion`, DBS backup plan `storageRegion`; an HBR replication vault is created in its provider's region.",
    zh: "备份副本：AWS Backup 计划的 `rules[].copyActions[].destinationVaultArn`（允许区域中的备份库）、DTS 的 `destinationEndpointRegion` / `destinationRegion`、DBS 备份计划的 `storageRegion`；HBR 复制备份库创建在其提供程序所在地域。",
};
