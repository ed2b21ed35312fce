// Keys ready for crypto-erase (GB/T 22239-2019 8.1.4.10, 8.2.4.7), with a mistake.
import * as aws from "@pulumi/aws";

// Encrypts the CloudTrail log files: rotates, and waits 30 days before deletion.
export const auditTrailKey = new aws.kms.Key("audit-trail-key", { description: "CloudTrail log files", enableKeyRotation: true, deletionWindowInDays: 30 });

// BREAKS keys-ready-for-crypto-erase: enableKeyRotation unset (default false): the same key material encrypts data for years.
// FIX: enableKeyRotation: true (in place; AWS keeps the old material to decrypt older data).
export const legacyKey = new aws.kms.Key("legacy-data-key", { description: "legacy exports", deletionWindowInDays: 30 });
