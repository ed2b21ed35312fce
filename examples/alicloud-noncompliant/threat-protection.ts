// Threat protection (GB/T 22239-2019 8.1.4.4, 8.1.10.5), with a mistake.
import * as alicloud from "@pulumi/alicloud";

// BREAKS vulnerability-scanning-enabled: the Anti-virus edition (level7) without the vulnerability module detects no vulnerabilities.
// FIX: versionCode: "level2" (Enterprise), or keep level7 with vulSwitch: "1" and a vulCount.
export const securityCenter = new alicloud.threatdetection.Instance("security-center", { paymentType: "Subscription", versionCode: "level7", period: 12, buyNumber: "10" });
