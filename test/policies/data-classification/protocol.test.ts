// data-classification-tag through the protocol: the real pack over gRPC, with the provider's
// defaultTags as the engine sends them, a configured key, and an unknown tag value.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAnalysis } from "../../../tools/engine/analyze";
import { PolicyPackEngine } from "../../../tools/engine/engine";
import { type EngineResource, type Finding, UNKNOWN } from "../../../tools/engine/types";
import { ROOT, provider, resource, stackResource } from "../../tools/helpers";

const AWS = provider("aws", "default_7_48_0", { region: "cn-north-1", version: "7.48.0" });
const TAGGED_AWS = provider("aws", "tagged", { region: "cn-north-1", version: "7.48.0", defaultTags: JSON.stringify({ tags: { "data-classification": "internal" } }) });
const ALICLOUD = provider("alicloud", "default_3_108_0", { region: "cn-beijing", version: "3.108.0" });

const RESOURCES: EngineResource[] = [
    stackResource(),
    resource("aws:s3/bucket:Bucket", "unclassified", {}, { provider: AWS }),
    resource("aws:s3/bucket:Bucket", "by-provider", {}, { provider: TAGGED_AWS }),
    resource("alicloud:oss/bucket:Bucket", "typo", { bucket: "typo", tags: { "data-classification": "persnal" } }, { provider: ALICLOUD }),
    resource("alicloud:oss/bucket:Bucket", "later", { bucket: "later", tags: { "data-classification": UNKNOWN } }, { provider: ALICLOUD }),
    resource("alicloud:oss/bucket:Bucket", "core", { bucket: "core", tags: { "data-classification": "core", dataClass: "L1" } }, { provider: ALICLOUD }),
];

describe("data-classification-tag through the engine", () => {
    let engine: PolicyPackEngine;
    let findings: Finding[];
    const levelsOf = (fs: Finding[], name: string): string[] => fs.filter((f) => f.urn?.endsWith(`::${name}`) && f.policyName === "data-classification-tag").map((f) => f.enforcementLevel);

    beforeAll(async () => {
        engine = await PolicyPackEngine.start(ROOT, { sdkResolution: "pack", stack: { project: "test", stack: "dev", config: { "aws:region": "cn-north-1" } } });
        findings = (await runAnalysis(engine, RESOURCES, { config: { "data-classification-tag": "mandatory" } })).findings;
    });
    afterAll(async () => {
        await engine?.close();
    });

    it("reports unclassified and mis-classified resources at the configured level", () => {
        expect(levelsOf(findings, "unclassified")).toEqual(["mandatory"]);
        expect(levelsOf(findings, "typo")).toEqual(["mandatory"]);
        expect(findings.find((f) => f.urn?.endsWith("::typo"))!.message).toContain("one of: public, internal, personal, important, core");
    });

    it("an explicit provider's defaultTags classify its resources", () => {
        expect(levelsOf(findings, "by-provider")).toEqual([]);
        expect(levelsOf(findings, "core")).toEqual([]);
    });

    it("a tag unknown during preview is advisory", () => {
        expect(levelsOf(findings, "later")).toEqual(["advisory"]);
    });

    it("takes a configured key and levels, and rejects a malformed key at Configure", async () => {
        const run = await runAnalysis(engine, RESOURCES, { config: { "data-classification-tag": { enforcementLevel: "advisory", classificationTagKey: "dataClass", classificationLevels: ["L1", "L2"] } } });
        expect(levelsOf(run.findings, "core")).toEqual([]);
        expect(levelsOf(run.findings, "typo")).toEqual(["advisory"]);
        await expect(runAnalysis(engine, RESOURCES, { config: { "data-classification-tag": { classificationTagKey: "has space" } } })).rejects.toThrow(/classificationTagKey/);
    });
});
