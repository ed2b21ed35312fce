import { describe, expect, it } from "vitest";
import control from "../../../policies/logging/log-retention-minimum";
import { levels, runResource, secret, unknown } from "../../helpers/harness";

const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
const LOG_STORE = "alicloud:log/store:Store";

describe("log-retention-minimum: aws.cloudwatch.LogGroup retentionInDays", () => {
    it.each([
        ["unset = never expires", undefined, []],
        ["0 = never expires", 0, []],
        ["1 day", 1, ["mandatory"]],
        ["179 days", 179, ["mandatory"]],
        ["180 days", 180, []],
        ["365 days", 365, []],
        ["3653 days", 3653, []],
        ["3650 days", 3650, []],
    ])("%s", async (_name, retentionInDays, expected) => {
        const ds = await runResource(control, { type: LOG_GROUP, name: "app", props: { retentionInDays } });
        expect(levels(ds)).toEqual(expected);
    });

    it("the DELIVERY class keeps logs 2 days whatever retentionInDays says", async () => {
        const ds = await runResource(control, { type: LOG_GROUP, props: { logGroupClass: "DELIVERY", retentionInDays: 365 } });
        expect(levels(ds)).toEqual(["mandatory"]);
        expect(ds[0]!.message).toContain("found 2 days (logGroupClass DELIVERY forces 2 days)");
    });

    it("names the resource, the value, the requirement, the property and the law in both languages", async () => {
        const [d] = await runResource(control, { type: LOG_GROUP, name: "app-logs", props: { retentionInDays: 7 } });
        expect(d!.message).toContain('CloudWatch log group "app-logs": found 7 days; required at least 180 days. Change `retentionInDays`.');
        expect(d!.message).toContain("Compliance basis: Cybersecurity Law Art. 23(3) (Art. 21(3) before 2026-01-01); GB/T 22239-2019 level 3 8.1.4.3 a)–d)");
        expect(d!.message).toContain("CloudWatch 日志组“app-logs”：当前：7 天；要求：至少保留 180 天。请修改 `retentionInDays`。");
        expect(d!.message).toContain("合规依据：《中华人民共和国网络安全法》第二十三条第三项；GB/T 22239-2019《信息安全技术 网络安全等级保护基本要求》第三级 8.1.4.3 a)～d)");
    });

    it("an unknown retention gives an advisory, never a mandatory", async () => {
        const ds = await runResource(control, { type: LOG_GROUP, props: { retentionInDays: unknown() } });
        expect(levels(ds)).toEqual(["advisory"]);
        expect(ds[0]!.message).toMatch(/found a value that is unknown until deployment; .* so it is advisory now/);
    });

    it("a value of the wrong type is a violation that does not echo the value", async () => {
        const ds = await runResource(control, { type: LOG_GROUP, props: { retentionInDays: "forever-ish" } });
        expect(levels(ds)).toEqual(["mandatory"]);
        expect(ds[0]!.message).not.toContain("forever-ish");
    });

    it("a numeric string is read as a number", async () => {
        expect(levels(await runResource(control, { type: LOG_GROUP, props: { retentionInDays: "365" } }))).toEqual([]);
        expect(levels(await runResource(control, { type: LOG_GROUP, props: { retentionInDays: "30" } }))).toEqual(["mandatory"]);
    });

    it("a secret string never appears in the message", async () => {
        const ds = await runResource(control, { type: LOG_GROUP, props: { retentionInDays: secret("TOP-SECRET-VALUE") } });
        expect(ds.map((d) => d.message).join("\n")).not.toContain("TOP-SECRET-VALUE");
    });

    it("honours a configured minimum", async () => {
        const ds = await runResource(control, { type: LOG_GROUP, props: { retentionInDays: 180 } }, { config: { minimumRetentionDays: 365 } });
        expect(levels(ds)).toEqual(["mandatory"]);
        expect(ds[0]!.message).toContain("required at least 365 days");
    });
});

describe("log-retention-minimum: alicloud.log.Store retentionPeriod", () => {
    it.each([
        ["unset = default 30 days", undefined, ["mandatory"]],
        ["0 (invalid for the API) is below the minimum", 0, ["mandatory"]],
        ["1 day", 1, ["mandatory"]],
        ["179 days", 179, ["mandatory"]],
        ["180 days", 180, []],
        ["365 days", 365, []],
        ["3650 = permanent", 3650, []],
    ])("%s", async (_name, retentionPeriod, expected) => {
        const ds = await runResource(control, { type: LOG_STORE, name: "audit", props: { projectName: "p", logstoreName: "s", retentionPeriod } });
        expect(levels(ds)).toEqual(expected);
    });

    it("says the default applied when retentionPeriod is unset", async () => {
        const [d] = await runResource(control, { type: LOG_STORE, name: "audit", props: { name: "s", project: "p" } });
        expect(d!.message).toContain('SLS Logstore "audit": found 30 days (unset: default 30); required at least 180 days. Change `retentionPeriod`.');
        expect(d!.message).toContain("当前：30 天（未设置：默认 30 天）");
    });

    it("an unknown retention gives an advisory, never a mandatory", async () => {
        const ds = await runResource(control, { type: LOG_STORE, props: { retentionPeriod: unknown() } });
        expect(levels(ds)).toEqual(["advisory"]);
    });
});

describe("log-retention-minimum: other resources", () => {
    it.each([
        ["aws:s3/bucket:Bucket", { retentionInDays: 1 }],
        ["alicloud:log/project:Project", { retentionPeriod: 1 }],
        ["aws:cloudwatch/logGroup:LogGroupX", { retentionInDays: 1 }],
    ])("%s is not checked", async (type, props) => {
        expect(await runResource(control, { type, props })).toEqual([]);
    });

    it.each([[null], ["str"], [[1, 2]], [{ retentionInDays: { nested: [1, { deep: true }] } }]])("odd props %j never throw", async (props) => {
        await expect(runResource(control, { type: LOG_GROUP, props: { retentionInDays: props } })).resolves.toBeDefined();
    });
});

const EVENT_DATA_STORE = "aws:cloudtrail/eventDataStore:EventDataStore";
const AUDIT = "alicloud:log/audit:Audit";

describe("log-retention-minimum: aws.cloudtrail.EventDataStore retentionPeriod", () => {
    it.each([
        ["0 is below the minimum", 0, ["mandatory"]],
        ["unset = documented default 2555 days", undefined, []],
        ["1 day", 1, ["mandatory"]],
        ["179 days", 179, ["mandatory"]],
        ["180 days", 180, []],
        ["365 days", 365, []],
        ["3650 days", 3650, []],
    ])("%s", async (_name, retentionPeriod, expected) => {
        const ds = await runResource(control, { type: EVENT_DATA_STORE, name: "lake", props: { retentionPeriod } });
        expect(levels(ds)).toEqual(expected);
    });

    it("names the event data store and the property", async () => {
        const [d] = await runResource(control, { type: EVENT_DATA_STORE, name: "lake", props: { retentionPeriod: 90 } });
        expect(d!.message).toContain('CloudTrail Lake event data store "lake": found 90 days; required at least 180 days. Change `retentionPeriod`.');
        expect(d!.message).toContain("CloudTrail Lake 事件数据存储“lake”");
    });

    it("an unknown retention gives an advisory, never a mandatory", async () => {
        expect(levels(await runResource(control, { type: EVENT_DATA_STORE, props: { retentionPeriod: unknown() } }))).toEqual(["advisory"]);
    });
});

describe("log-retention-minimum: alicloud.log.Store deprecated name/project", () => {
    it.each([
        [undefined, ["mandatory"]],
        [179, ["mandatory"]],
        [180, []],
    ])("retentionPeriod %j with deprecated name/project", async (retentionPeriod, expected) => {
        const ds = await runResource(control, { type: LOG_STORE, props: { name: "flow", project: "net-logs", retentionPeriod } });
        expect(levels(ds)).toEqual(expected);
    });
});

describe("log-retention-minimum: alicloud.log.Audit variableMap *_ttl", () => {
    it.each([
        ["0", ["mandatory"]],
        [undefined, []],
        ["1", ["mandatory"]],
        ["179", ["mandatory"]],
        ["180", []],
        ["365", []],
        ["3650", []],
    ])("vpc_flow_ttl %j", async (ttl, expected) => {
        const variableMap: Record<string, string> = { vpc_flow_enabled: "true" };
        if (ttl !== undefined) variableMap.vpc_flow_ttl = ttl;
        const ds = await runResource(control, { type: AUDIT, name: "audit", props: { displayName: "a", aliuid: "1", variableMap } });
        expect(levels(ds)).toEqual(expected);
    });

    it("reports every short ttl, each with its own property path", async () => {
        const ds = await runResource(control, {
            type: AUDIT,
            name: "audit",
            props: { variableMap: { actiontrail_enabled: "true", actiontrail_ttl: "180", oss_access_ttl: "7", vpc_flow_ttl: "30", rds_audit_collection_policy: "" } },
        });
        expect(levels(ds)).toEqual(["mandatory", "mandatory"]);
        expect(ds[0]!.message).toContain('Log Service log audit "audit": found 7 days; required at least 180 days. Change `variableMap.oss_access_ttl`.');
        expect(ds[1]!.message).toContain("Change `variableMap.vpc_flow_ttl`.");
    });

    it("skips the ttl of a log type whose collection is switched off", async () => {
        const ds = await runResource(control, { type: AUDIT, props: { variableMap: { oss_access_enabled: "false", oss_access_ttl: "7" } } });
        expect(ds).toEqual([]);
    });

    it("a non-numeric ttl is a violation that does not echo the value", async () => {
        const ds = await runResource(control, { type: AUDIT, props: { variableMap: { vpc_flow_ttl: "S3CR3T-ish" } } });
        expect(levels(ds)).toEqual(["mandatory"]);
        expect(ds[0]!.message).not.toContain("S3CR3T");
    });

    it("an unknown ttl gives an advisory only", async () => {
        const ds = await runResource(control, { type: AUDIT, props: { variableMap: { vpc_flow_ttl: unknown() } } });
        expect(levels(ds)).toEqual(["advisory"]);
    });

    it("a secret ttl is never echoed", async () => {
        const ds = await runResource(control, { type: AUDIT, props: { variableMap: { vpc_flow_ttl: secret("TOP-SECRET-TTL") } } });
        expect(ds.map((d) => d.message).join("\n")).not.toContain("TOP-SECRET-TTL");
    });

    it.each([[null], ["str"], [[1, 2]], [{ vpc_flow_ttl: { deep: [1] } }], [{ "Weird Key_ttl": "1" }]])("odd variableMap %j never throws", async (variableMap) => {
        await expect(runResource(control, { type: AUDIT, props: { variableMap } })).resolves.toBeDefined();
    });

    it("ignores keys that are not snake-case *_ttl", async () => {
        expect(await runResource(control, { type: AUDIT, props: { variableMap: { "Weird Key_ttl": "1", ttl_days: "1" } } })).toEqual([]);
    });
});
