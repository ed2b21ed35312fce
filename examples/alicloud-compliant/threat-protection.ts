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
