// vulnerability-scanning-enabled through the protocol: the real pack (dist/index.js) over gRPC, as
// the Pulumi CLI runs it. The Security Center agent counts in favour, scheduled scan tasks run at
// least monthly, unknown values stay advisory. One pack process for the whole file.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAnalysis } from "../../../tools/engine/analyze";
import { PolicyPackEngine } from "../../../tools/engine/engine";
import { type EngineResource, UNKNOWN } from "../../../tools/engine/types";
import { ROOT, provider, resource, stackResource } from "../../tools/helpers";

const ALICLOUD = provider("alicloud", "default_3_108_0", { region: "cn-beijing", version: "3.108.0" });
const POLICY = "vulnerability-scanning-enabled";
const ecs = (name: string, props: Record<string, unknown> = {}) =>
    resource("alicloud:ecs/instance:Instance", name, { instanceType: "ecs.g7.large", imageId: "aliyun_3_x64_20G_alibase_20240819.vhd", ...props }, { provider: ALICLOUD });
const task = (name: string, props: Record<string, unknown>) =>
    resource(
        "alicloud:threatdetection/cycleTask:CycleTask",
        name,
        { taskName: "VIRUS_VUL_SCHEDULE_SCAN", taskType: "VIRUS_VUL_SCHEDULE_SCAN", firstDateStr: 1767225600000, targetStartTime: 0, targetEndTime: 6, enable: 1, periodUnit: "day", ...props },
        { provider: ALICLOUD },
    );

describe("vulnerability-scanning-enabled through the engine", () => {
    let engine: PolicyPackEngine;
    const findingsOf = async (resources: EngineResource[], config: Record<string, unknown> = {}) =>
        (await runAnalysis(engine, [stackResource(), ...resources], { config })).findings.filter((f) => f.policyName === POLICY);

    beforeAll(async () => {
        engine = await PolicyPackEngine.start(ROOT, { sdkResolution: "pack", stack: { project: "test", stack: "dev", config: { "alicloud:region": "cn-beijing" } } });
    });
    afterAll(async () => {
        await engine?.close();
    });

    it("a stack whose every instance runs the agent needs no paid edition", async () => {
        expect(await findingsOf([ecs("web", { securityEnhancementStrategy: "Active" }), ecs("batch", { securityEnhancementStrategy: "Active" })], { [POLICY]: "mandatory" })).toEqual([]);
    });

    it("otherwise the stack finding names the instances without the agent, at the configured level", async () => {
        const fs = await findingsOf([ecs("web", { securityEnhancementStrategy: "Active" }), ecs("batch")], { [POLICY]: "mandatory" });
        expect(fs.map((f) => f.enforcementLevel)).toEqual(["mandatory"]);
        expect(fs[0]!.message).toContain("unset counts as without): batch. With it, scanned by any edition: web.");
    });

    it("an agent unknown during preview is never mandatory", async () => {
        const fs = await findingsOf([ecs("web", { securityEnhancementStrategy: UNKNOWN })], { [POLICY]: "mandatory" });
        expect(fs.map((f) => f.enforcementLevel)).toEqual(["advisory"]);
        expect(fs[0]!.message).toContain("部署前未知");
    });

    it("a scheduled scan task over the configured maximum is reported on the task; an unknown interval is advisory", async () => {
        const fs = await findingsOf([task("bimonthly", { intervalPeriod: 60 }), task("pending", { intervalPeriod: UNKNOWN }), task("weekly", { intervalPeriod: 7 })], {
            [POLICY]: { enforcementLevel: "mandatory", maximumScanCycleDays: 14, vulnerabilityScanningInAnotherStack: true },
        });
        expect(fs.map((f) => [f.urn?.split("::").pop(), f.enforcementLevel])).toEqual([
            ["bimonthly", "mandatory"],
            ["pending", "advisory"],
        ]);
        expect(fs[0]!.message).toContain("found every 60 day(s); required a scan at least every 14 days");
    });

    it("a maximum above 30 is rejected at Configure", async () => {
        await expect(findingsOf([task("weekly", { intervalPeriod: 7 })], { [POLICY]: { maximumScanCycleDays: 45 } })).rejects.toThrow(/maximumScanCycleDays/);
    });
});
