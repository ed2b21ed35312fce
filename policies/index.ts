// The registry: every control of the pack, by area, in the order they are reported.
import type { Policies } from "@pulumi/policy";
import { accessControlControls } from "./access-control";
import { backupRecoveryControls } from "./backup-recovery";
import { dataClassificationControls } from "./data-classification";
import { dataResidencyControls } from "./data-residency";
import { encryptionControls } from "./encryption";
import { identityControls } from "./identity";
import { loggingControls } from "./logging";
import { type Control } from "./shared/control";
import { threatProtectionControls } from "./threat-protection";

export const controls: readonly Control[] = [
    ...loggingControls,
    ...accessControlControls,
    ...dataResidencyControls,
    ...encryptionControls,
    ...backupRecoveryControls,
    ...dataClassificationControls,
    ...identityControls,
    ...threatProtectionControls,
];

export const policies: Policies = controls.map((c) => c.policy);
