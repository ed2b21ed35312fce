// The same properties through the engine: the compiled pack, started as the Pulumi CLI starts it
// (one process for this file), every policy at level mandatory, random resources sent through
// Analyze and random stacks through AnalyzeStack with Pulumi's wire sentinels for unknowns and
// secrets. No call fails (a policy that throws fails its gRPC call), no mandatory finding depends
// on an unknown, no secret reaches a message.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveConfig } from "../../tools/engine/config";
import { PolicyPackEngine } from "../../tools/engine/engine";
import type { EngineResource, Finding, WireProperties } from "../../tools/engine/types";
import { type TestResource, toWire } from "../helpers/harness";
import { ROOT } from "../tools/helpers";
import { ALL_TYPES, CONCRETE, type Found, concretiseResource, leakedSecrets, mandatory, resourceOf, resourcesHaveUnknown, stackOf, unknownCaused, urnOf } from "./arbitraries";

const ANALYZE_RUNS = 150;
const STACK_RUNS = 40;

let engine: PolicyPackEngine;
let cases = 0;

beforeAll(async () => {
    engine = await PolicyPackEngine.start(ROOT, { stack: { project: "test", stack: "dev" } });
    await engine.configure(resolveConfig(await engine.getAnalyzerInfo(), { all: "mandatory" }));
});
afterAll(async () => {
    await engine?.close();
});

/** A harness resource in the engine's wire form. */
function toEngine(r: TestResource): EngineResource {
    const name = r.name ?? "res";
    const out: EngineResource = {
        urn: r.urn ?? urnOf(r.type, name),
        type: r.type,
        name,
        custom: true,
        properties: toWire(r.props ?? {}) as WireProperties,
        dependencies: r.dependencies ?? [],
        propertyDependencies: r.propertyDependencies ?? {},
    };
    if (r.parent) out.parent = r.parent;
    if (r.provider) {
        const pname = r.provider.name ?? "default";
        out.provider = { urn: urnOf(r.provider.type, pname), type: r.provider.type, name: pname, properties: toWire(r.provider.props) as WireProperties };
    }
    return out;
}

const asFound = (fs: readonly Finding[]): Found[] => fs.map((f) => ({ policy: f.policyName, enforcementLevel: f.enforcementLevel, message: f.message, ...(f.urn ? { urn: f.urn } : {}) }));

async function check(rs: readonly TestResource[], call: (rs: EngineResource[]) => Promise<Finding[]>): Promise<void> {
    cases++;
    const found = asFound(await call(rs.map(toEngine))); // a failed call rejects: the property fails
    const leaks = leakedSecrets(found);
    if (leaks.length > 0) throw new Error(`secret in a message: ${leaks.join(" | ")}`);
    if (mandatory(found).length === 0 || !resourcesHaveUnknown(rs)) return;
    const concrete = [];
    for (const value of CONCRETE) {
        concrete.push({ value, found: asFound(await call(rs.map((r) => toEngine(concretiseResource(r, value))))) });
    }
    const caused = unknownCaused(found, concrete);
    if (caused.length > 0) throw new Error(`mandatory finding caused by an unknown: ${caused.join("; ")}`);
}

describe("the real pack over gRPC, random inputs", () => {
    it("Analyze: every type any policy reads, random props with unknowns and secrets", async () => {
        const oneResource = fc.constantFrom(...ALL_TYPES).chain((t) => resourceOf(t));
        await fc.assert(
            fc.asyncProperty(oneResource, (r) => check([r], ([e]) => engine.analyze(e!))),
            { numRuns: ANALYZE_RUNS },
        );
    });

    it("AnalyzeStack: random stacks of every type with random links", async () => {
        await fc.assert(
            fc.asyncProperty(stackOf(ALL_TYPES), (rs) => check(rs, (es) => engine.analyzeStack(es))),
            { numRuns: STACK_RUNS },
        );
    });

    it("generated the cases it was meant to", () => {
        expect(cases).toBeGreaterThanOrEqual(ANALYZE_RUNS + STACK_RUNS);
        console.log(`property suite (engine): ${cases} generated cases`);
    });
});
