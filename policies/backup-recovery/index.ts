// Backup and recovery controls: backups kept, databases protected from deletion, buckets versioned,
// disks under a snapshot policy. Where backup copies and replicas may go is data residency
// (copy-destination-allowed-regions, backup-copies.ts).
import { type Control } from "../shared/control";
import bucketVersioning from "./bucket-versioning";
import databaseBackupRetention from "./database-backup-retention";
import databaseDeletionProtection from "./database-deletion-protection";
import snapshotPolicyCoverage from "./snapshot-policy-coverage";

export const backupRecoveryControls: readonly Control[] = [databaseBackupRetention, databaseDeletionProtection, bucketVersioning, snapshotPolicyCoverage];
