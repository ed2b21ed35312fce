// The offline engine against a small fixture pack, over the real Analyzer gRPC protocol.
import * as path from "path";
import { type ExpectStatic, afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyzeStack, runAnalysis } from "../../tools/engine/analyze";
import { resolveConfig, type PolicyConfigFile } from "../../tools/engine/config";
import { AnalyzerCallError, PolicyPackEngine } from "../../tools/engine/engine";
import { PackStartError, UserInputError } from "../../tools/engine/errors";
import { UNKNOWN, type AnalyzerInfo, type EngineResource } from "../../tools/engine/types";
import { secret } from "../../tools/engine/wire";
import { PACKS, PROJECT, STACK, alive, provider, resource, stackResource } from "./helpers";

const MINI = path.join(PACKS, "mini-pack");
const LOG_STORE = "test:index:LogStore";

describe("mini-pack over gRPC", () => {
    let engine: PolicyPackEngine;
    let info: AnalyzerInfo;

    /** Configure with the given config file contents; every test states the config it needs. */
    async function configure(config: PolicyConfigFile = {}): Promise<void> {
        await engine.configure(resolveConfig(info, config));
    }

    beforeAll(async () => {
        engine = await PolicyPackEngine.start(MINI, {
            sdkResolution: "node",
            stack: { project: PROJECT, stack: STACK, config: { "aws:region": "cn-north-1" }, tags: { team: "platform" } },
        });
        info = await engine.getAnalyzerInfo();
    });
    afterAll(async () => {
        await engine?.close();
    });

    it("starts the pack and reads the port from its first stdout line", () => {
        expect(engine.port).toBeGreaterThan(0);
        expect(alive(engine.pid)).toBe(true);
    });

    it("GetAnalyzerInfo: the pack, its version, and its policies sorted by name", () => {
        expect(info.name).toBe("mini-pack");
        expect(info.version).toBe("1.2.3");
        expect(info.policies.map((p) => p.name)).toEqual([
            "echo-analyzed",
            "explode",
            "network-flow-log",
            "provider-region",
            "retention-minimum",
            "secret-echo",
            "stack-has-trail",
            "stack-tag-echo",
        ]);
    });

    it("GetAnalyzerInfo: levels, severities, types, schemas, tags, framework, remediation steps", () => {
        const retention = info.policies.find((p) => p.name === "retention-minimum");
        expect(retention).toEqual({
            name: "retention-minimum",
            description: "Log stores keep logs long enough.",
            enforcementLevel: "mandatory",
            severity: "high",
            type: "resource",
            configSchema: {
                properties: {
                    minimumRetentionDays: { type: "integer", minimum: 1, maximum: 3650, default: 180 },
                    mode: { type: "string", enum: ["strict", "lenient"], default: "strict" },
                },
                required: [],
            },
            tags: ["logging", "mlps2-l3"],
            framework: { name: "MLPS 2.0", version: "GB/T 22239-2019", reference: "8.1.4.3", specification: undefined },
            remediationSteps: "Set retentionDays to at least minimumRetentionDays.",
            displayName: undefined,
            url: undefined,
        });
        const flow = info.policies.find((p) => p.name === "network-flow-log");
        expect(flow).toMatchObject({ type: "stack", enforcementLevel: "mandatory", severity: undefined, configSchema: undefined });
        expect(info.policies.find((p) => p.name === "stack-tag-echo")?.enforcementLevel).toBe("disabled");
        expect(info.policies.find((p) => p.name === "provider-region")?.enforcementLevel).toBe("advisory");
    });

    it("Analyze: a violation is a mandatory finding on the resource, message intact", async () => {
        await configure();
        const r = resource(LOG_STORE, "short", { retentionDays: 7 });
        expect(await engine.analyze(r)).toEqual([
            {
                policyName: "retention-minimum",
                policyPackName: "mini-pack",
                policyPackVersion: "1.2.3",
                description: "Log stores keep logs long enough.",
                message: "Log stores keep logs long enough.\nretentionDays is 7, must be at least 180.\n保留天数不足。",
                enforcementLevel: "mandatory",
                severity: "high",
                urn: r.urn,
            },
        ]);
    });

    it("Analyze: a compliant resource has no finding", async () => {
        await configure();
        expect(await engine.analyze(resource(LOG_STORE, "long", { retentionDays: 365 }))).toEqual([]);
    });

    it("Analyze: an unknown value gives an advisory and never a mandatory", async () => {
        await configure();
        const findings = await engine.analyze(resource(LOG_STORE, "later", { retentionDays: UNKNOWN }));
        expect(findings.map((f) => [f.policyName, f.enforcementLevel])).toEqual([["retention-minimum", "advisory"]]);
        expect(findings[0]!.message).toMatch(/can't run policy 'retention-minimum' .* during preview: .*retentionDays/);
    });

    it("Analyze: the provider and its properties reach the policy", async () => {
        await configure();
        const outside = resource("test:index:Thing", "t1", {}, { provider: provider("test", "default", { region: "us-east-1" }) });
        const inside = resource("test:index:Thing", "t2", {}, { provider: provider("test", "default", { region: "cn-north-1" }) });
        expect((await engine.analyze(outside)).map((f) => f.message)).toEqual([
            "Resources use a provider in an allowed region.\nprovider default is in region us-east-1",
        ]);
        expect(await engine.analyze(inside)).toEqual([]);
    });

    it("Analyze: secrets arrive unwrapped to the policy", async () => {
        await configure({ "secret-echo": "advisory" });
        const findings = await engine.analyze(resource("test:index:Secretive", "s", { password: secret("hunter2") }));
        expect(findings.map((f) => f.message)).toEqual(["Reports whether a secret property arrived unwrapped.\npassword is string"]);
    });

    it("Configure: config values reach the policies", async () => {
        await configure({ "retention-minimum": { minimumRetentionDays: 5 } });
        expect(await engine.analyze(resource(LOG_STORE, "short", { retentionDays: 7 }))).toEqual([]);
    });

    it("Configure: a policy's level from config is the level of its findings", async () => {
        await configure({ "retention-minimum": "advisory" });
        const findings = await engine.analyze(resource(LOG_STORE, "short", { retentionDays: 7 }));
        expect(findings.map((f) => f.enforcementLevel)).toEqual(["advisory"]);
    });

    it('Configure: "all" disables every policy', async () => {
        await configure({ all: "disabled" });
        expect(await engine.analyze(resource(LOG_STORE, "short", { retentionDays: 7 }))).toEqual([]);
        await configure();
    });

    it("AnalyzeStack: a stack policy links resources through propertyDependencies", async () => {
        await configure();
        const covered = resource("test:index:Network", "covered");
        const bare = resource("test:index:Network", "bare");
        const flow = resource("test:index:FlowLog", "flow", { networkId: UNKNOWN }, { propertyDependencies: { networkId: [covered.urn] }, dependencies: [covered.urn] });
        const trail = resource("test:index:Trail", "trail");
        const findings = await engine.analyzeStack([stackResource(), covered, bare, flow, trail]);
        expect(findings).toEqual([
            expect.objectContaining({ policyName: "network-flow-log", enforcementLevel: "mandatory", urn: bare.urn, message: "Every network has a flow log.\nnetwork bare has no flow log" }),
        ]);
    });

    it("AnalyzeStack: a finding on the stack itself has no URN", async () => {
        await configure();
        const findings = await engine.analyzeStack([stackResource()]);
        expect(findings).toEqual([expect.objectContaining({ policyName: "stack-has-trail", enforcementLevel: "advisory", severity: "low", urn: undefined })]);
    });

    it("ConfigureStack: the stack's tags reach stack policies", async () => {
        await configure({ "stack-tag-echo": "advisory", "stack-has-trail": "disabled" });
        const findings = await engine.analyzeStack([stackResource()]);
        expect(findings.map((f) => f.message)).toEqual([`Reports the stack tag 'team' so tests can see ConfigureStack worked.\nteam=platform resources=${PROJECT}-${STACK}`]);
    });

    // The real CLI (3.274.1) analyzes every registered resource; an earlier model skipped the root
    // stack and default providers, which test/cli/agreement.test.ts showed wrong.
    it("runAnalysis: Analyze gets every resource, the root stack and default providers included; so does AnalyzeStack", async () => {
        const defaultProvider = { ...resource("pulumi:providers:test", "default_1_0_0", { region: "cn-north-1" }), parent: undefined };
        const explicit = { ...resource("pulumi:providers:test", "beijing", { region: "cn-north-1" }), parent: undefined };
        const thing = resource("test:index:Thing", "thing", {}, { provider: provider("test", "beijing", { region: "cn-north-1" }) });
        const resources: EngineResource[] = [stackResource(), defaultProvider, explicit, thing];
        const result = await runAnalysis(engine, resources, {
            config: { all: "disabled", "echo-analyzed": "advisory", "stack-tag-echo": "advisory" },
        });
        expect(result.findings.map((f) => f.message.split("\n")[1])).toEqual([
            "analyzed pulumi:pulumi:Stack test-dev",
            "analyzed pulumi:providers:test default_1_0_0",
            "analyzed pulumi:providers:test beijing",
            "analyzed test:index:Thing thing",
            `team=platform resources=${PROJECT}-${STACK},default_1_0_0,beijing,thing`,
        ]);
        expect(result.config["echo-analyzed"]!.enforcementLevel).toBe("advisory");
        expect(result.config["retention-minimum"]).toEqual({ enforcementLevel: "disabled", properties: { minimumRetentionDays: 180, mode: "strict" } });
    });

    it("Remediate: a policy at level remediate returns the fixed properties", async () => {
        await configure({ "retention-minimum": "remediate" });
        const results = await engine.remediate(resource(LOG_STORE, "short", { retentionDays: 7, name: "a" }));
        expect(results).toEqual([
            {
                policyName: "retention-minimum",
                policyPackName: "mini-pack",
                policyPackVersion: "1.2.3",
                description: "Log stores keep logs long enough.",
                properties: { retentionDays: 180, name: "a" },
                diagnostic: undefined,
            },
        ]);
    });

    it("runAnalysis --remediate: Remediate runs before Analyze, which sees the fixed resource", async () => {
        const short = resource(LOG_STORE, "short", { retentionDays: 7 });
        const config = { all: "disabled", "retention-minimum": "remediate" };
        const fixed = await runAnalysis(engine, [stackResource(), short], { config, remediate: true });
        expect(fixed.findings).toEqual([]);
        expect(fixed.remediations).toEqual([
            expect.objectContaining({ urn: short.urn, before: { retentionDays: 7 }, after: { retentionDays: 180 } }),
        ]);
        // Remediation is on by default when a policy is at level remediate, as in the CLI.
        const byDefault = await runAnalysis(engine, [stackResource(), short], { config });
        expect(byDefault.findings).toEqual([]);
        expect(byDefault.remediations).toHaveLength(1);
        // Without remediation, the SDK reports a remediate-level violation as mandatory.
        const unfixed = await runAnalysis(engine, [stackResource(), short], { config, remediate: false });
        expect(unfixed.findings.map((f) => f.enforcementLevel)).toEqual(["mandatory"]);
        expect(unfixed.remediations).toEqual([]);
    });

    it("a policy that throws fails the call with the policy's error", async () => {
        await configure({ explode: "advisory" });
        const call = engine.analyze(resource("test:index:Bomb", "b"));
        await expect(call).rejects.toBeInstanceOf(AnalyzerCallError);
        await expect(call).rejects.toThrow(/explode went off/);
        await configure();
    });

    it("rejects config that does not match a policy's schema before Configure", () => {
        expect(() => resolveConfig(info, { "retention-minimum": { minimumRetentionDays: 0 } })).toThrow(
            new UserInputError("invalid policy config: mini-pack/retention-minimum: minimumRetentionDays: must be >= 1 (got 0)"),
        );
    });

    it("close() stops the pack process", async () => {
        const pid = engine.pid;
        await engine.close();
        expect(alive(pid)).toBe(false);
        await expect(engine.analyze(resource(LOG_STORE, "x", {}))).rejects.toThrow(/closed/);
    });
});

// Each starts its own pack process; they run side by side.
describe.concurrent("pack start-up and one-shot analysis", () => {
    async function startError(expect: ExpectStatic, pack: string, opts: Parameters<typeof PolicyPackEngine.start>[1] = {}): Promise<PackStartError> {
        const err = await PolicyPackEngine.start(path.join(PACKS, pack), { sdkResolution: "node", ...opts }).then(
            async (e) => {
                await e.close();
                throw new Error(`${pack} started`);
            },
            (e: unknown) => e,
        );
        expect(err).toBeInstanceOf(PackStartError);
        return err as PackStartError;
    }

    it("a pack that crashes while loading: the error carries its stderr", async ({ expect }) => {
        const err = await startError(expect, "crash-pack");
        expect(err.reason).toBe(`policy pack ${path.join(PACKS, "crash-pack")} exited (code 32) before printing its port`);
        expect(err.stderr).toContain("Error: crash-pack cannot load its rules: rules.json is missing");
        expect(err.message).toContain("crash-pack cannot load its rules");
        expect(err.summary).toBe(`${err.reason}: Error: crash-pack cannot load its rules: rules.json is missing`);
        expect(alive(err.pid)).toBe(false);
    });

    it("a pack that prints to stdout before its port is rejected and stopped", async ({ expect }) => {
        const err = await startError(expect, "chatty-pack");
        expect(err.reason).toBe(`policy pack ${path.join(PACKS, "chatty-pack")} printed "loading chatty-pack rules" on stdout before its port`);
        expect(alive(err.pid)).toBe(false);
    });

    it("a pack that never prints a port times out, with its stderr, and is stopped", async ({ expect }) => {
        // Long enough for the pack to get as far as its stderr line on a busy 2-core machine
        // (6 s was seen to fall short while other packs were starting in parallel).
        const err = await startError(expect, "silent-pack", { startTimeoutMs: 15_000 });
        expect(err.reason).toBe(`policy pack ${path.join(PACKS, "silent-pack")} did not print its port within 15 s`);
        expect(err.stderr).toBe("silent-pack is waiting for nothing");
        expect(alive(err.pid)).toBe(false);
    });

    it('sdkResolution "pack" requires the pack\'s own node_modules, as the CLI does', async ({ expect }) => {
        const err = await startError(expect, "mini-pack", { sdkResolution: "pack" });
        expect(err.message).toBe(`policy pack ${MINI} has no node_modules/@pulumi/pulumi (run npm install there)`);
    });

    it("a pack directory that does not exist", async ({ expect }) => {
        const err = await startError(expect, "no-such-pack");
        expect(err.message).toBe(`policy pack directory ${path.join(PACKS, "no-such-pack")} does not exist`);
    });

    it("analyzeStack: start, configure, analyze each resource and the stack, close", async ({ expect }) => {
        const short = resource(LOG_STORE, "short", { retentionDays: 7 });
        const result = await analyzeStack(MINI, [stackResource(), short], {
            sdkResolution: "node",
            config: { "retention-minimum": { minimumRetentionDays: 30 } },
            stackTags: { team: "data" },
        });
        expect(result.info.name).toBe("mini-pack");
        expect(result.config["retention-minimum"]!.properties.minimumRetentionDays).toBe(30);
        expect(result.findings.map((f) => [f.policyName, f.enforcementLevel, f.urn])).toEqual([
            ["retention-minimum", "mandatory", short.urn],
            ["stack-has-trail", "advisory", undefined],
        ]);
        expect(result.timings.totalMs).toBeGreaterThanOrEqual(result.timings.startMs);
        expect(Object.values(result.timings).every((ms) => Number.isInteger(ms) && ms >= 0)).toBe(true);
    });
});
