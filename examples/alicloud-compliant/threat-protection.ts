// Threat protection: Security Center Enterprise edition (level2) detects and fixes vulnerabilities
// on the ECS instances; the baseline check runs every 7 days.
import * as alicloud from "@pulumi/alicloud";

export const securityCenter = new alicloud.threatdetection.Instance("security-center", { paymentType: "Subscription", versionCode: "level2", period: 12, buyNumber: "10" });
export const weeklyBaseline = new alicloud.threatdetection.BaselineStrategy("weekly-baseline", {
    baselineStrategyName: "weekly-baseline",
    customType: "custom",
    cycleDays: 7,
    startTime: "08:00:00",
    endTime: "20:00:00",
    riskSubTypeName: "hc_exploit_redis",
    targetType: "groupId",
});
// The virus and vulnerability scan runs every 7 days (at most maximumScanCycleDays, 30).
export const weeklyScan = new alicloud.threatdetection.CycleTask("weekly-scan", {
    taskName: "VIRUS_VUL_SCHEDULE_SCAN",
    taskType: "VIRUS_VUL_SCHEDULE_SCAN",
    firstDateStr: 1767225600000,
    targetStartTime: 0,
    targetEndTime: 6,
    periodUnit: "day",
    intervalPeriod: 7,
    enable: 1,
});
