// docs/design.md, "Running under the Pulumi CLI": the CLI reads the first line of the pack's stdout as the gRPC port, so nothing may
// be written to stdout before it. The real pack (compiled, project root) started through the engine
// as the CLI starts it, its stdout captured verbatim up to the port line.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PolicyPackEngine } from "../../tools/engine/engine";
import { ROOT } from "../tools/helpers";

describe("the real pack's start-up output", () => {
    let engine: PolicyPackEngine;
    beforeAll(async () => {
        engine = await PolicyPackEngine.start(ROOT, { sdkResolution: "pack", stack: { project: "test", stack: "dev", config: { "aws:region": "cn-north-1" } } });
    });
    afterAll(async () => {
        await engine?.close();
    });

    it("stdout starts with the port line, nothing before it, no padding", () => {
        expect(engine.startupStdout).toMatch(/^\d+\n$/);
        expect(engine.startupStdout).toBe(`${engine.port}\n`);
        expect(engine.port).toBeGreaterThan(0);
    });

    it("the port is the one it serves on: GetAnalyzerInfo answers", async () => {
        expect((await engine.getAnalyzerInfo()).name).toBe("china-compliance");
    });
});
