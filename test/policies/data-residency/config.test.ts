// The residency controls share their config keys; typo protection happens in the schema, which
// the engine checks before Configure (the SDK's Configure only stores config).
import * as fs from "fs";
import * as path from "path";
import Ajv from "ajv";
import { describe, expect, it } from "vitest";
import { dataResidencyControls } from "../../../policies/data-residency";
import { MAINLAND_CHINA_REGIONS } from "../../../policies/shared/regions";
import { resolveConfig } from "../../../tools/engine/config";
import type { AnalyzerInfo, PolicyInfo } from "../../../tools/engine/types";
import { levels, runResource } from "../../helpers/harness";

const info: AnalyzerInfo = {
    name: "china-compliance",
    version: "0.0.0",
    policies: dataResidencyControls.map(
        (c): PolicyInfo => ({
            name: c.policy.name,
            description: c.policy.description,
            enforcementLevel: c.policy.enforcementLevel ?? "advisory",
            type: "validateStack" in c.policy ? "stack" : "resource",
            configSchema: { properties: (c.policy.configSchema?.properties ?? {}), required: [] },
            tags: [],
        }),
    ),
};

describe.each(dataResidencyControls.map((c) => [c.metadata.name, c] as const))("%s config schema", (name, c) => {
    const validate = new Ajv({ strict: false }).compile({ type: "object", properties: c.policy.configSchema?.properties ?? {}, additionalProperties: false });

    it.each([
        [{ allowedRegions: ["eu-*"] }, true],
        [{ allowedRegions: ["*"] }, true],
        [{ allowedRegions: ["cn-north-1", "cn-hangzhou", "cn-shanghai-finance-1"] }, true],
        // Alibaba Cloud Malaysia (Johor): rejected as unknown before it was added to the table.
        [{ allowedRegions: ["ap-southeast-8"] }, true],
        [{ allowedRegions: ["cn-nrth-1"] }, false],
        [{ allowedRegions: ["xx-*"] }, false],
        [{ allowedRegions: ["eu*"] }, false],
        [{ exemptResourceTypes: ["aws:s3/bucket:Bucket", "pulumi:providers:aws"] }, true],
        [{ exemptResourceTypes: ["aws.s3.Bucket"] }, false],
        [{ allowedRegion: ["eu-*"] }, false],
    ])("%j valid = %s", (config, expected) => {
        expect(validate(config)).toBe(expected);
    });

    it("defaults to mainland China and no exemptions", () => {
        const props = c.policy.configSchema?.properties as Record<string, { default: unknown }>;
        expect(props["allowedRegions"]!.default).toEqual(MAINLAND_CHINA_REGIONS);
        expect(props["exemptResourceTypes"]!.default).toEqual([]);
    });

    it("a typo fails before Configure with a message naming the policy, the key and the value", () => {
        expect(() => resolveConfig(info, { [name]: { allowedRegions: ["cn-north-1", "cn-nrth-1"] } })).toThrow(
            new RegExp(`china-compliance/${name}: allowedRegions\\[1\\]: .*\\(got "cn-nrth-1"\\)`),
        );
    });
});

describe("examples/config/eu-only.json", () => {
    const file = path.join(__dirname, "../../../examples/config/eu-only.json");
    const config = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, { allowedRegions: string[] }>;

    it("configures every residency policy, and passes the engine's validation", () => {
        expect(Object.keys(config).sort()).toEqual(dataResidencyControls.map((c) => c.metadata.name).sort());
        const resolved = resolveConfig(info, config);
        for (const c of dataResidencyControls) expect(resolved[c.metadata.name]!.properties["allowedRegions"]).toEqual(["eu-*", "eusc-*"]);
    });

    it("under it, Frankfurt and the EU sovereign cloud pass and Beijing fails", async () => {
        const allowed = dataResidencyControls.find((c) => c.metadata.name === "allowed-regions")!;
        const opts = { config: config["allowed-regions"] };
        const at = (region: string) => runResource(allowed, { type: "aws:s3/bucket:Bucket", props: {}, provider: { type: "pulumi:providers:aws", props: { region } } }, opts);
        expect(await at("eu-central-1")).toEqual([]);
        expect(await at("eusc-de-east-1")).toEqual([]);
        // Inherited from the provider: advisory on the bucket, mandatory on the provider itself (one cause, one finding).
        expect(levels(await at("cn-north-1"))).toEqual(["advisory"]);
        expect(levels(await runResource(allowed, { type: "pulumi:providers:aws", props: { region: "cn-north-1" } }, opts))).toEqual(["mandatory"]);
    });
});
