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
        expect(d!.message).toContain("Cybersecurity Law of the PRC, Art. 21(3)");
        expect(d!.message).toContain("CloudWatch 日志组“app-logs”：当前为7 天；要求至少保留 180 天。请修改 `retentionInDays`。");
        expect(d!.message).toContain("《中华人民共和国网络安全法》第二十一条");
    });

    it("an unknown retention gives an advisory, never a mandatory", async () => {
        const ds = await runResource(control, { type: LOG_GROUP, props: { retentionInDays: unknown() } });
        expect(levels(ds)).toEqual(["advisory"]);
        expect(ds[0]!.message).toMatch(/retentionInDays can't be known during preview/);
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
        expect(d!.message).toContain('Log Service logstore "audit": found 30 days (unset: default 30); required at least 180 days. Change `retentionPeriod`.');
        expect(d!.message).toContain("当前为30 天（未设置：默认 30 天）");
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
