// Threat protection (GB/T 22239-2019 8.1.4.4, 8.1.10.5), with two mistakes.
import * as alicloud from "@pulumi/alicloud";

// BREAKS vulnerability-scanning-enabled: the Anti-virus edition (level7) without the vulnerability module detects no vulnerabilities.
// FIX: versionCode: "level2" (Enterprise), or keep level7 with vulSwitch: "1" and a vulCount, or set
// securityEnhancementStrategy: "Active" (the agent, scanned by every edition) on every ECS instance.
export const securityCenter = new alicloud.threatdetection.Instance("security-center", { paymentType: "Subscription", versionCode: "level7", period: 12, buyNumber: "10" });

// BREAKS vulnerability-scanning-enabled: the scheduled vulnerability scan runs every 60 days, not monthly.
// FIX: intervalPeriod: 30 or less (periodUnit "day").
export const scheduledScan = new alicloud.threatdetection.CycleTask("scheduled-scan", {
    taskName: "VIRUS_VUL_SCHEDULE_SCAN",
    taskType: "VIRUS_VUL_SCHEDULE_SCAN",
    firstDateStr: 1767225600000,
    targetStartTime: 0,
    targetEndTime: 6,
    periodUnit: "day",
    intervalPeriod: 60,
    enable: 1,
});
