// The control builders apply exemptions to every policy: exempted findings stay visible as advisory.
import { describe, expect, it } from "vitest";
import { type ControlMetadata, resourceControl, stackControl } from "../../../policies/shared/control";
import { bi } from "../../../policies/shared/messages";
import { levels, runResource, runStack, unknown, urnOf } from "../../helpers/harness";

const meta: ControlMetadata = {
    name: "probe-policy",
    description: "A probe policy that reports every resource it sees.",
    category: "logging",
    bases: ["csl-23-3", "mlps-8.1.4.3"],
    severity: "high",
    enforcementLevel: "mandatory",
    remediationSteps: "Nothing to do: this policy exists only for tests.",
    zh: { description: "仅用于测试的探测策略，报告它看到的每个资源。", remediationSteps: "无需处理：该策略仅用于测试。" },
    resourceTypes: ["aws:s3/bucket:Bucket"],
};
const finding = { kind: bi("probe", "探测"), found: bi("bad", "不合规"), required: bi("good", "合规"), change: "x" };
const probe = resourceControl(meta, (_args, emit) => emit(finding));
const stackProbe = stackControl({ ...meta, name: "probe-stack" }, (args, emit) => {
    for (const r of args.resources) emit({ ...finding, on: r });
    emit({ ...finding, label: bi("Stack", "堆栈") });
});
const TYPE = "aws:s3/bucket:Bucket";

describe("resource policies and exemptions", () => {
    it.each([
        ["no tags", {}, ["mandatory"]],
        ["tag names the policy with a reason", { "compliance:exempt": "probe-policy", "compliance:exempt-reason": "approved by CISO 2026-10" }, ["advisory"]],
        ["tag with * and a reason", { "compliance:exempt": "*", "compliance:exempt-reason": "sandbox" }, ["advisory"]],
        ["tag names another policy", { "compliance:exempt": "other", "compliance:exempt-reason": "x y z" }, ["mandatory"]],
        ["tag without reason: finding stays, and the missing reason is a finding", { "compliance:exempt": "probe-policy" }, ["advisory", "mandatory"]],
    ])("%s", async (_n, tags, expected) => {
        const ds = await runResource(probe, { type: TYPE, name: "b", props: { tags } });
        expect(levels(ds)).toEqual(expected);
    });

    it("says who exempted the finding and why", async () => {
        const [d] = await runResource(probe, { type: TYPE, name: "b", props: { tags: { "compliance:exempt": "probe-policy", "compliance:exempt-reason": "approved by CISO" } } });
        expect(d!.message.split("\n")).toEqual([
            meta.description,
            'probe "b": found bad; required good. Change `x`. Compliance basis: Cybersecurity Law Art. 23(3) (Art. 21(3) before 2026-01-01); GB/T 22239-2019 level 3 8.1.4.3 a)–d).',
            "探测“b”：当前：不合规；要求：合规。请修改 `x`。合规依据：《中华人民共和国网络安全法》第二十三条第三项；GB/T 22239-2019《信息安全技术 网络安全等级保护基本要求》第三级 8.1.4.3 a)～d)。",
            "Exempted (reported as advisory) by the resource's compliance:exempt tag; reason: approved by CISO",
            "已豁免（以建议级别报告），依据：资源标签 compliance:exempt；理由：approved by CISO",
        ]);
    });

    it("exempts through config patterns for untaggable resources", async () => {
        const config = { exemptResources: [{ pattern: "*::legacy-*", reason: "migration ticket OPS-12" }] };
        const exempt = await runResource(probe, { type: TYPE, name: "legacy-logs" }, { config });
        expect(levels(exempt)).toEqual(["advisory"]);
        expect(exempt[0]!.message).toContain('policy config exemptResources pattern "*::legacy-*"; reason: migration ticket OPS-12');
        expect(levels(await runResource(probe, { type: TYPE, name: "app-logs" }, { config }))).toEqual(["mandatory"]);
    });

    it("unknown tags exempt nothing and do not turn the finding into an error", async () => {
        expect(levels(await runResource(probe, { type: TYPE, props: { tags: unknown() } }))).toEqual(["mandatory"]);
    });

    it("declares exemptResources in every policy's config schema", () => {
        expect(Object.keys(probe.policy.configSchema?.properties ?? {})).toContain("exemptResources");
    });
});

describe("stack policies and exemptions", () => {
    const resources = [
        { type: TYPE, name: "a", props: { tags: { "compliance:exempt": "probe-stack", "compliance:exempt-reason": "approved" } } },
        { type: TYPE, name: "b" },
        { type: TYPE, name: "c", props: { tags: { "compliance:exempt": "probe-stack" } } },
    ];

    it("downgrades findings on exempted resources only, and flags a tag without reason", async () => {
        const ds = await runStack(stackProbe, resources);
        expect(ds.map((d) => [d.urn, d.enforcementLevel])).toEqual([
            [urnOf(TYPE, "c"), "advisory"],
            [urnOf(TYPE, "a"), "advisory"],
            [urnOf(TYPE, "b"), "mandatory"],
            [urnOf(TYPE, "c"), "mandatory"],
            [undefined, "mandatory"],
        ]);
        expect(ds[0]!.message).toContain("no compliance:exempt-reason tag, so the exemption is ignored");
    });

    it("applies config patterns to stack findings", async () => {
        const ds = await runStack(stackProbe, [{ type: TYPE, name: "b" }], { config: { exemptResources: [{ pattern: "b", reason: "lab only" }] } });
        expect(levels(ds)).toEqual(["advisory", "mandatory"]);
    });
});

describe("the one path out: levels and the escaped unknown", () => {
    const TYPE2 = "aws:s3/bucket:Bucket";
    it.each([
        ["a plain finding takes the policy's level", {}, "mandatory"],
        ["a finding that rests on an unknown is advisory", { unknown: true }, "advisory"],
        ["an advisory finding is advisory", { advisory: true }, "advisory"],
    ])("%s", async (_n, extra, level) => {
        const c = resourceControl({ ...meta, name: "probe-levels" }, (_a, emit) => emit({ ...finding, ...extra }));
        const ds = await runResource(c, { type: TYPE2, name: "b" });
        expect(levels(ds)).toEqual([level]);
    });

    it("an UnknownValueError that escapes a validator becomes one bilingual advisory, not the SDK's English line", async () => {
        const c = resourceControl({ ...meta, name: "probe-unknown" }, (args) => {
            void (args.props as Record<string, unknown>).acl;
        });
        const ds = await runResource(c, { type: TYPE2, name: "b", props: { acl: unknown() } });
        expect(levels(ds)).toEqual(["advisory"]);
        const lines = ds[0]!.message.split("\n");
        expect(lines[0]).toBe(meta.description);
        expect(lines[1]).toMatch(/^Resource "b": found a value this policy reads that is unknown until deployment; .*Compliance basis: /);
        expect(lines[2]).toMatch(/^资源“b”：当前：本策略读取的值在部署前未知；.*合规依据：/);
    });

    it("a stack finding names its resource and carries its URN", async () => {
        const ds = await runStack(stackProbe, [{ type: TYPE2, name: "b" }]);
        expect(ds[0]!.urn).toBe(urnOf(TYPE2, "b"));
        expect(ds[0]!.message.split("\n")[1]).toMatch(/^probe "b": found bad;/);
        expect(ds[1]!.message.split("\n")[1]).toMatch(/^Stack: found bad;/);
    });
});
