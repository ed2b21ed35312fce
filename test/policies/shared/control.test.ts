// The control builders apply exemptions to every policy: exempted findings stay visible as advisory.
import { describe, expect, it } from "vitest";
import { type ControlMetadata, resourceControl, stackControl } from "../../../policies/shared/control";
import { FRAMEWORKS } from "../../../policies/shared/legal";
import { levels, runResource, runStack, unknown, urnOf } from "../../helpers/harness";

const meta: ControlMetadata = {
    name: "probe-policy",
    description: "A probe policy that reports every resource it sees.",
    category: "logging",
    frameworks: ["csl-art21"],
    severity: "high",
    enforcementLevel: "mandatory",
    framework: FRAMEWORKS.cslLogRetention,
    remediationSteps: "Nothing to do: this policy exists only for tests.",
    zh: { description: "仅用于测试的探测策略，报告它看到的每个资源。", remediationSteps: "无需处理：该策略仅用于测试。" },
    resourceTypes: ["aws:s3/bucket:Bucket"],
};
const probe = resourceControl(meta, (args, report) => report(`bad ${args.name}`));
const stackProbe = stackControl({ ...meta, name: "probe-stack" }, (args, report) => {
    for (const r of args.resources) report(`bad ${r.name}`, r.urn);
    report("stack-level finding");
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
        expect(d!.message).toMatch(/^bad b\nExempted \(reported as advisory\) by the resource's compliance:exempt tag; reason: approved by CISO/);
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
