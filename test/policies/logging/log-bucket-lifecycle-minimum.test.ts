import { describe, expect, it } from "vitest";
import control from "../../../policies/logging/log-bucket-lifecycle-minimum";
import { type TestResource, levels, runStack, secret, unknown, urnOf } from "../../helpers/harness";

const BUCKET = "aws:s3/bucket:Bucket";
const BUCKET_V2 = "aws:s3/bucketV2:BucketV2";
const LIFECYCLE = "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration";
const LIFECYCLE_V2 = "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2";
const TRAIL = "aws:cloudtrail/trail:Trail";
const FLOW = "aws:ec2/flowLog:FlowLog";
const OSS = "alicloud:oss/bucket:Bucket";
const ACTIONTRAIL = "alicloud:actiontrail/trail:Trail";

const dep = (property: string, type: string, name: string) => ({ [property]: [urnOf(type, name)] });
const bucket = (name = "logs", props: Record<string, unknown> = {}, type = BUCKET): TestResource => ({ type, name, props });
const trailInto = (bucketName = "logs", type = BUCKET): TestResource => ({ type: TRAIL, name: "trail", props: { s3BucketName: unknown() }, propertyDependencies: dep("s3BucketName", type, bucketName) });
const lifecycle = (days: unknown, opts: { type?: string; status?: string; bucketName?: string; bucketType?: string } = {}): TestResource => ({
    type: opts.type ?? LIFECYCLE,
    name: "logs-lifecycle",
    props: { bucket: unknown(), rules: [{ id: "expire", status: opts.status ?? "Enabled", ...(days === undefined ? {} : { expiration: { days } }) }] },
    propertyDependencies: dep("bucket", opts.bucketType ?? BUCKET, opts.bucketName ?? "logs"),
});
const DAYS: [string, unknown, string[]][] = [
    ["0", 0, ["mandatory"]],
    ["unset (no expiration)", undefined, []],
    ["1", 1, ["mandatory"]],
    ["179", 179, ["mandatory"]],
    ["180", 180, []],
    ["365", 365, []],
    ["3650", 3650, []],
];

describe("log-bucket-lifecycle-minimum: aws.s3.BucketLifecycleConfiguration on a trail bucket", () => {
    it.each(DAYS)("expiration.days %s", async (_n, days, expected) => {
        const ds = await runStack(control, [bucket(), trailInto(), lifecycle(days)]);
        expect(levels(ds)).toEqual(expected);
        for (const d of ds) expect(d.urn).toBe(urnOf(LIFECYCLE, "logs-lifecycle"));
    });

    it.each(DAYS)("V2 class, expiration.days %s", async (_n, days, expected) => {
        const ds = await runStack(control, [bucket(), trailInto(), lifecycle(days, { type: LIFECYCLE_V2 })]);
        expect(levels(ds)).toEqual(expected);
    });

    it("a log bucket whose lifecycle expires objects after 90 days violates, with a full message", async () => {
        const [d] = await runStack(control, [bucket(), trailInto(), lifecycle(90)]);
        expect(d!.message).toContain(
            'S3 lifecycle configuration "logs-lifecycle": found objects expire after 90 days; required logs kept at least 180 days. Change `rules[0].expiration.days`. S3 bucket "logs" receives logs from CloudTrail trail "trail".',
        );
        expect(d!.message).toContain("S3 生命周期配置“logs-lifecycle”：当前：对象 90 天后过期");
        expect(d!.message).toContain("Compliance basis: Cybersecurity Law Art. 23(3) (Art. 21(3) before 2026-01-01)");
    });

    it("a bucket that receives no logs is not checked", async () => {
        expect(await runStack(control, [bucket(), lifecycle(1)])).toEqual([]);
        expect(await runStack(control, [bucket(), bucket("other"), trailInto("other"), lifecycle(1)])).toEqual([]);
    });

    it("a disabled rule does not expire anything", async () => {
        expect(await runStack(control, [bucket(), trailInto(), lifecycle(30, { status: "Disabled" })])).toEqual([]);
    });

    it("evaluates every rule, not the first", async () => {
        const lc: TestResource = {
            ...lifecycle(365),
            props: { bucket: "x", rules: [{ id: "a", status: "Enabled", expiration: { days: 365 } }, { id: "b", status: "Enabled", expiration: { days: 30 } }] },
        };
        const ds = await runStack(control, [bucket(), trailInto(), lc]);
        expect(levels(ds)).toEqual(["mandatory"]);
        expect(ds[0]!.message).toContain("Change `rules[1].expiration.days`.");
    });

    it("a fixed expiration date deletes recent logs too", async () => {
        const lc: TestResource = { ...lifecycle(undefined), props: { bucket: "x", rules: [{ id: "a", status: "Enabled", expiration: { date: "2030-01-01" } }] } };
        const ds = await runStack(control, [bucket(), trailInto(), lc]);
        expect(levels(ds)).toEqual(["mandatory"]);
        expect(ds[0]!.message).toContain("expire on a fixed date");
    });

    it("an unknown expiration gives an advisory on the lifecycle, never a mandatory", async () => {
        const ds = await runStack(control, [bucket(), trailInto(), lifecycle(unknown())]);
        expect(levels(ds)).toEqual(["advisory"]);
        expect(ds[0]!.urn).toBe(urnOf(LIFECYCLE, "logs-lifecycle"));
    });

    it("honours a configured minimum", async () => {
        expect(levels(await runStack(control, [bucket(), trailInto(), lifecycle(200)], { config: { minimumRetentionDays: 365 } }))).toEqual(["mandatory"]);
    });

    it("links by known bucket name when there are no property dependencies", async () => {
        const trail: TestResource = { type: TRAIL, name: "trail", props: { s3BucketName: "corp-logs" } };
        const lc: TestResource = { type: LIFECYCLE, name: "lc", props: { bucket: "corp-logs", rules: [{ id: "a", status: "Enabled", expiration: { days: 90 } }] } };
        expect(levels(await runStack(control, [bucket("logs", { bucket: "corp-logs" }), trail, lc]))).toEqual(["mandatory"]);
        expect(await runStack(control, [bucket("logs", { bucket: "other-name" }), trail, lc])).toEqual([]);
    });

    it("a trail whose bucket can't be known gives an advisory on the trail", async () => {
        const trail: TestResource = { type: TRAIL, name: "trail", props: { s3BucketName: unknown() } };
        const ds = await runStack(control, [bucket(), trail, lifecycle(90)]);
        expect(levels(ds)).toEqual(["advisory"]);
        expect(ds[0]!.urn).toBe(urnOf(TRAIL, "trail"));
    });

    it("a secret expiration is never echoed", async () => {
        const ds = await runStack(control, [bucket(), trailInto(), lifecycle(secret("TOP-SECRET-DAYS"))]);
        expect(levels(ds)).toEqual(["mandatory"]);
        expect(ds[0]!.message).not.toContain("TOP-SECRET");
    });

    it.each([[null], ["str"], [[1, 2]], [{ nested: { deep: [1] } }]])("odd rules %j never throw", async (odd) => {
        const lc: TestResource = { ...lifecycle(1), props: { bucket: odd, rules: odd } };
        const lc2: TestResource = { ...lifecycle(1), name: "lc2", props: { bucket: "x", rules: [{ status: "Enabled", expiration: odd }, odd] } };
        await expect(runStack(control, [bucket("logs", { lifecycleRules: odd }), trailInto(), lc, lc2])).resolves.toBeDefined();
    });
});

describe("log-bucket-lifecycle-minimum: inline lifecycle rules", () => {
    it.each(DAYS)("aws.s3.Bucket lifecycleRules[].expiration.days %s", async (_n, days, expected) => {
        const rules = [{ enabled: true, ...(days === undefined ? {} : { expiration: { days } }) }];
        const ds = await runStack(control, [bucket("logs", { lifecycleRules: rules }), trailInto()]);
        expect(levels(ds)).toEqual(expected);
        for (const d of ds) expect(d.urn).toBe(urnOf(BUCKET, "logs"));
    });

    it.each(DAYS)("aws.s3.BucketV2 lifecycleRules[].expirations[].days %s", async (_n, days, expected) => {
        const rules = [{ enabled: true, expirations: days === undefined ? [] : [{ days }] }];
        const ds = await runStack(control, [bucket("logs", { lifecycleRules: rules }, BUCKET_V2), trailInto("logs", BUCKET_V2)]);
        expect(levels(ds)).toEqual(expected);
    });

    it("an inline rule switched off does not count", async () => {
        expect(await runStack(control, [bucket("logs", { lifecycleRules: [{ enabled: false, expiration: { days: 1 } }] }), trailInto()])).toEqual([]);
    });

    it("names the inline property path", async () => {
        const [d] = await runStack(control, [bucket("logs", { lifecycleRules: [{ enabled: true, expiration: { days: 365 } }, { enabled: true, expiration: { days: 90 } }] }), trailInto()]);
        expect(d!.message).toContain('S3 bucket "logs": found objects expire after 90 days; required logs kept at least 180 days. Change `lifecycleRules[1].expiration.days`.');
    });
});

describe("log-bucket-lifecycle-minimum: which buckets receive logs", () => {
    const expiring = bucket("logs", { lifecycleRules: [{ enabled: true, expiration: { days: 90 } }] });
    it.each<[string, TestResource]>([
        ["flow log S3 destination (dependency)", { type: FLOW, name: "fl", props: { logDestination: unknown(), logDestinationType: "s3" }, propertyDependencies: dep("logDestination", BUCKET, "logs") }],
        ["flow log S3 destination (known ARN)", { type: FLOW, name: "fl", props: { logDestination: "arn:aws-cn:s3:::corp-logs/flow/", logDestinationType: "s3" } }],
        ["aws.s3.BucketLogging targetBucket", { type: "aws:s3/bucketLogging:BucketLogging", name: "al", props: { bucket: "app", targetBucket: unknown(), targetPrefix: "x/" }, propertyDependencies: dep("targetBucket", BUCKET, "logs") }],
        ["aws.s3.BucketLoggingV2 targetBucket", { type: "aws:s3/bucketLoggingV2:BucketLoggingV2", name: "al", props: { bucket: "app", targetBucket: "corp-logs", targetPrefix: "x/" } }],
        ["inline logging on another bucket", { type: BUCKET, name: "app", props: { logging: { targetBucket: unknown() } }, propertyDependencies: dep("logging", BUCKET, "logs") }],
        ["inline loggings on a BucketV2", { type: BUCKET_V2, name: "app", props: { loggings: [{ targetBucket: "corp-logs" }] } }],
        ["load balancer access logs (known bucket)", { type: "aws:lb/loadBalancer:LoadBalancer", name: "web", props: { accessLogs: { enabled: true, bucket: "corp-logs" } } }],
        ["alb access logs (dependency)", { type: "aws:alb/loadBalancer:LoadBalancer", name: "web", props: { accessLogs: { bucket: unknown() } }, propertyDependencies: dep("accessLogs", BUCKET, "logs") }],
    ])("%s", async (_n, sender) => {
        const named = { ...expiring, props: { ...expiring.props, bucket: "corp-logs" } };
        expect(levels(await runStack(control, [named, sender]))).toEqual(["mandatory"]);
    });

    it("a load balancer whose access logs are disabled delivers nothing", async () => {
        const named = { ...expiring, props: { ...expiring.props, bucket: "corp-logs" } };
        const lb: TestResource = { type: "aws:lb/loadBalancer:LoadBalancer", name: "web", props: { accessLogs: { enabled: false, bucket: "corp-logs" } } };
        expect(await runStack(control, [named, lb])).toEqual([]);
    });

    it("a flow log into CloudWatch Logs names no bucket and is not unresolved", async () => {
        const fl: TestResource = { type: FLOW, name: "fl", props: { logDestination: unknown() }, propertyDependencies: dep("logDestination", "aws:cloudwatch/logGroup:LogGroup", "lg") };
        const lg: TestResource = { type: "aws:cloudwatch/logGroup:LogGroup", name: "lg", props: { retentionInDays: 365 } };
        expect(await runStack(control, [expiring, fl, lg])).toEqual([]);
    });
});

describe("log-bucket-lifecycle-minimum: alicloud.oss.Bucket", () => {
    const ossLogs = (rules: unknown[]): TestResource => ({ type: OSS, name: "audit-logs", props: { bucket: unknown(), lifecycleRules: rules } });
    const at: TestResource = { type: ACTIONTRAIL, name: "at", props: { ossBucketName: unknown() }, propertyDependencies: dep("ossBucketName", OSS, "audit-logs") };

    it.each(DAYS)("lifecycleRules[].expirations[].days %s on an ActionTrail bucket", async (_n, days, expected) => {
        const ds = await runStack(control, [ossLogs([{ enabled: true, expirations: days === undefined ? [] : [{ days }] }]), at]);
        expect(levels(ds)).toEqual(expected);
        for (const d of ds) expect(d.urn).toBe(urnOf(OSS, "audit-logs"));
    });

    it("the OSS message names the bucket and the sender", async () => {
        const [d] = await runStack(control, [ossLogs([{ enabled: true, expirations: [{ days: 365 }, { days: 90 }] }]), at]);
        expect(d!.message).toContain('OSS bucket "audit-logs": found objects expire after 90 days; required logs kept at least 180 days. Change `lifecycleRules[0].expirations[1].days`. OSS bucket "audit-logs" receives logs from ActionTrail trail "at".');
    });

    it.each([["date", { date: "2030-01-01" }], ["createdBeforeDate", { createdBeforeDate: "2024-01-01T00:00:00.000Z" }]])("a fixed %s violates", async (_n, e) => {
        expect(levels(await runStack(control, [ossLogs([{ enabled: true, expirations: [e] }]), at]))).toEqual(["mandatory"]);
    });

    it("OSS access logs and the deprecated trail class also mark a log bucket", async () => {
        const rules = [{ enabled: true, expirations: [{ days: 30 }] }];
        const logging: TestResource = { type: "alicloud:oss/bucketLogging:BucketLogging", name: "bl", props: { bucket: "app", targetBucket: unknown() }, propertyDependencies: dep("targetBucket", OSS, "audit-logs") };
        const old: TestResource = { type: "alicloud:actiontrail/trailDeprecated:TrailDeprecated", name: "old", props: { ossBucketName: "named-logs" } };
        const inline: TestResource = { type: OSS, name: "app", props: { logging: { targetBucket: "named-logs" } } };
        expect(levels(await runStack(control, [ossLogs(rules), logging]))).toEqual(["mandatory"]);
        const named: TestResource = { type: OSS, name: "audit-logs", props: { bucket: "named-logs", lifecycleRules: rules } };
        expect(levels(await runStack(control, [named, old]))).toEqual(["mandatory"]);
        expect(levels(await runStack(control, [named, inline]))).toEqual(["mandatory"]);
    });

    it("an OSS bucket that receives no logs is not checked", async () => {
        expect(await runStack(control, [ossLogs([{ enabled: true, expirations: [{ days: 1 }] }])])).toEqual([]);
    });

    it("an S3 trail never marks an OSS bucket", async () => {
        const trail: TestResource = { type: TRAIL, name: "t", props: { s3BucketName: "named-logs" } };
        const named: TestResource = { type: OSS, name: "audit-logs", props: { bucket: "named-logs", lifecycleRules: [{ enabled: true, expirations: [{ days: 1 }] }] } };
        expect(await runStack(control, [named, trail])).toEqual([]);
    });
});
