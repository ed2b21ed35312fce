// Keys ready for crypto-erase: every customer-managed key rotates yearly and waits 30 days before
// deletion, so a mistaken deletion can be cancelled. Deleting the key when the service ends is the
// destruction step (docs/crypto-erase.md).
import * as aws from "@pulumi/aws";

// Encrypts the CloudTrail log files (its key policy must let cloudtrail.amazonaws.com use it).
export const auditTrailKey = new aws.kms.Key("audit-trail-key", { description: "CloudTrail log files", enableKeyRotation: true, deletionWindowInDays: 30 });
