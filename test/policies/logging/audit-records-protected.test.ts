import { describe, expect, it } from "vitest";
import control from "../../../policies/logging/audit-records-protected";
import { type TestResource, levels, runStack, unknown, urnOf } from "../../helpers/harness";

const TRAIL = "aws:cloudtrail/trail:Trail";
const S3 = "aws:s3/bucket:Bucket";
const LOCK = "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration";
const FLOW = "aws:ec2/flowLog:FlowLog";
const ALI_TRAIL = "alicloud:actiontrail/trail:Trail";
const OSS = "alicloud:oss/bucket:Bucket";
const WORM = "alicloud:oss/bucketWorm:BucketWorm";

const r = (type: string, props: Record<string, unknown> = {}, name = "r", extra: Partial<TestResource> = {}): TestResource => ({ type, name, props, ...extra });
const bucket = r(S3, { bucket: "audit-logs", objectLockEnabled: true }, "audit-logs");
const trail = (props: Record<string, unknown> = {}) => r(TRAIL, { s3BucketName: "audit-logs", kmsKeyId: "arn:aws-cn:kms:cn-north-1:1:key/k", ...props }, "trail");
const lock = (retention: Record<string, unknown> | undefined) => r(LOCK, { bucket: "audit-logs", ...(retention ? { rule: { defaultRetention: retention } } : {}) }, "audit-lock");
const compliant = lock({ mode: "COMPLIANCE", days: 180 });

describe("audit-records-protected: AWS", () => {
    it.each<[string, TestResource[], string[]]>([
        ["trail encrypted, bucket locked COMPLIANCE 180 days", [trail(), bucket, compliant], []],
        ["one year counts as 365 days", [trail(), bucket, lock({ mode: "COMPLIANCE", years: 1 })], []],
        ["trail without kmsKeyId", [trail({ kmsKeyId: undefined }), bucket, compliant], ["advisory"]],
        ["trail bucket without Object Lock", [trail(), bucket], ["advisory"]],
        ["GOVERNANCE mode can be bypassed", [trail(), bucket, lock({ mode: "GOVERNANCE", days: 365 })], ["advisory"]],
        ["COMPLIANCE for 90 days is too short", [trail(), bucket, lock({ mode: "COMPLIANCE", days: 90 })], ["advisory"]],
        ["a lock with no default retention: mode and days", [trail(), bucket, lock(undefined)], ["advisory", "advisory"]],
        ["a trail delivering to a bucket outside the stack: only the key is checked", [trail({ s3BucketName: "org-trail-bucket" })], []],
        ["a flow log delivering to a bucket by ARN needs the lock too", [r(FLOW, { logDestinationType: "s3", logDestination: "arn:aws-cn:s3:::audit-logs/flow" }), bucket], ["advisory"]],
        ["a lock on another bucket does not count", [trail(), bucket, r(LOCK, { bucket: "other", rule: { defaultRetention: { mode: "COMPLIANCE", days: 365 } } })], ["advisory"]],
        // The log senders are log-bucket-lifecycle-minimum's (before, this control had a shorter list of its own).
        ["a bucket's inline access logging makes its target a log bucket", [r(S3, { bucket: "app", logging: { targetBucket: "audit-logs" } }, "app"), bucket], ["advisory"]],
        ["a load balancer whose access logs are disabled delivers nothing", [r("aws:lb/loadBalancer:LoadBalancer", { accessLogs: { bucket: "audit-logs", enabled: false } }, "lb"), bucket], []],
        ["a load balancer with access logs on needs the lock", [r("aws:lb/loadBalancer:LoadBalancer", { accessLogs: { bucket: "audit-logs", enabled: true } }, "lb"), bucket], ["advisory"]],
    ])("%s", async (_n, resources, expected) => {
        expect(levels(await runStack(control, resources))).toEqual(expected);
    });

    it("links trail, bucket and lock by property dependency while names are unknown (first preview)", async () => {
        const dep = [urnOf(S3, "audit-logs")];
        const resources = [
            r(TRAIL, { s3BucketName: unknown(), kmsKeyId: "k" }, "trail", { propertyDependencies: { s3BucketName: dep } }),
            r(S3, { bucket: unknown() }, "audit-logs"),
            r(LOCK, { bucket: unknown(), rule: { defaultRetention: { mode: "COMPLIANCE", days: 200 } } }, "audit-lock", { propertyDependencies: { bucket: dep } }),
        ];
        expect(await runStack(control, resources)).toEqual([]);
        expect(levels(await runStack(control, resources.slice(0, 2)))).toEqual(["advisory"]);
    });

    it("names the bucket, what is missing and the resource to add, in both languages", async () => {
        const [d] = await runStack(control, [trail(), bucket]);
        expect(d!.urn).toBe(urnOf(S3, "audit-logs"));
        expect(d!.message).toContain('S3 bucket "audit-logs": found an audit log bucket with no Object Lock; required write-once retention of at least 180 days. Add an `aws.s3.BucketObjectLockConfiguration`.');
        expect(d!.message).toContain("Compliance basis: GB/T 22239-2019 level 3 8.1.4.3 a)–d); Cybersecurity Law Art. 23(3) (Art. 21(3) before 2026-01-01).");
        expect(d!.message).toContain("S3 存储桶“audit-logs”：当前：接收审计日志的存储桶未开启对象锁定；要求：至少 180 天的一次写入保留。请添加 `aws.s3.BucketObjectLockConfiguration`。");
    });

    it("a short retention names the input; the configured minimum is honoured", async () => {
        const [d] = await runStack(control, [trail(), bucket, lock({ mode: "COMPLIANCE", days: 90 })]);
        expect(d!.message).toContain('S3 Object Lock configuration "audit-lock": found 90 days; required at least 180 days. Change `rule.defaultRetention.days`.');
        expect(levels(await runStack(control, [trail(), bucket, compliant], { config: { minimumRetentionDays: 365 } }))).toEqual(["advisory"]);
    });

    it("unknown retention values carry the unknown note; a configured level is followed", async () => {
        const ds = await runStack(control, [trail(), bucket, lock({ mode: "COMPLIANCE", days: unknown() })]);
        expect(ds[0]!.message).toContain("so it is advisory now");
        expect(levels(await runStack(control, [trail({ kmsKeyId: undefined })], { config: { enforcementLevel: "mandatory" } }))).toEqual(["mandatory"]);
    });
});

describe("audit-records-protected: Alibaba Cloud", () => {
    const oss = r(OSS, { bucket: "actiontrail-logs" }, "actiontrail-logs");
    const aliTrail = r(ALI_TRAIL, { trailName: "t", ossBucketName: "actiontrail-logs" }, "t");
    const worm = (props: Record<string, unknown>) => r(WORM, { bucket: "actiontrail-logs", ...props }, "worm");
    it.each<[string, TestResource[], string[]]>([
        ["Locked WORM of 180 days", [aliTrail, oss, worm({ status: "Locked", retentionPeriodInDays: 180 })], []],
        ["no WORM policy", [aliTrail, oss], ["advisory"]],
        ["WORM InProgress (lapses in 24 hours)", [aliTrail, oss, worm({ status: "InProgress", retentionPeriodInDays: 365 })], ["advisory"]],
        ["WORM status unset (default InProgress)", [aliTrail, oss, worm({ retentionPeriodInDays: 365 })], ["advisory"]],
        ["Locked but 30 days", [aliTrail, oss, worm({ status: "Locked", retentionPeriodInDays: 30 })], ["advisory"]],
        ["OSS access logs target bucket needs WORM too", [r("alicloud:oss/bucketLogging:BucketLogging", { bucket: "site", targetBucket: "actiontrail-logs" }), oss], ["advisory"]],
        ["an OSS bucket's inline logging makes its target a log bucket", [r(OSS, { bucket: "site", logging: { targetBucket: "actiontrail-logs" } }, "site"), oss], ["advisory"]],
        ["the deprecated ActionTrail trail resource delivers too", [r("alicloud:actiontrail/trailDeprecated:TrailDeprecated", { trailName: "t", ossBucketName: "actiontrail-logs" }, "t"), oss], ["advisory"]],
        ["a bucket nobody logs to needs nothing", [oss], []],
    ])("%s", async (_n, resources, expected) => {
        expect(levels(await runStack(control, resources))).toEqual(expected);
    });

    it("explains why InProgress is not enough, in both languages", async () => {
        const [d] = await runStack(control, [aliTrail, oss, worm({ retentionPeriodInDays: 365 })]);
        expect(d!.message).toContain('OSS WORM retention policy "worm": found unset (default InProgress, lapses after 24 hours); required "Locked". Change `status`.');
        expect(d!.message).toContain("OSS 合规保留策略（WORM）“worm”：当前：未设置（默认 InProgress，24 小时后失效）；要求：\"Locked\"。请修改 `status`。");
    });
});
