// A stack export is analysed with several resources in flight (tools/scan/scan.ts); a program,
// one at a time as the real CLI does. Only the interleaving the pack sees may differ: the same
// findings, remediations, remediated inputs and passed checks, in the same order, as one at a time.
import * as path from "path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAnalysis } from "../../tools/engine/analyze";
import { PolicyPackEngine } from "../../tools/engine/engine";
import type { EngineResource } from "../../tools/engine/types";
import { packResourceTypes } from "../../tools/scan/list";
import { EXPORT_IN_FLIGHT } from "../../tools/scan/scan";
import { readStackExport } from "../../tools/scan/stack-export";
import { EXPORTS, ROOT } from "./helpers";

/** The export's resources, thirty times over with renamed URNs (links kept within each copy), so calls overlap. */
function copies(resources: readonly EngineResource[], n: number): EngineResource[] {
    const rename = (urn: string, i: number): string => `${urn}-${i}`;
    return Array.from({ length: n }, (_, i) =>
        resources.map((r) => ({
            ...r,
            urn: rename(r.urn, i),
            name: `${r.name}-${i}`,
            ...(r.parent ? { parent: rename(r.parent, i) } : {}),
            ...(r.provider ? { provider: { ...r.provider, urn: rename(r.provider.urn, i) } } : {}),
            dependencies: r.dependencies.map((d) => rename(d, i)),
            propertyDependencies: Object.fromEntries(Object.entries(r.propertyDependencies).map(([k, v]) => [k, v.map((d) => rename(d, i))])),
        })),
    ).flat();
}

let engine: PolicyPackEngine;
const resources = copies(readStackExport(path.join(EXPORTS, "aws-small.json")).resources, 30);
const opts = { config: { "log-retention-minimum": "remediate" as const, "keys-ready-for-crypto-erase": "remediate" as const }, resourceTypes: packResourceTypes(ROOT) };

beforeAll(async () => {
    engine = await PolicyPackEngine.start(ROOT, { stack: { project: "test", stack: "dev" } });
}, 120_000);
afterAll(async () => engine.close());

describe("Analyze calls in flight for a stack export", () => {
    it("give exactly what one at a time gives", async () => {
        const one = await runAnalysis(engine, resources, { ...opts, inFlight: 1 });
        // More resources than are ever in flight, so calls overlap and later ones start as earlier ones end.
        expect(resources.length).toBeGreaterThan(2 * EXPORT_IN_FLIGHT);
        const many = await runAnalysis(engine, resources, { ...opts, inFlight: EXPORT_IN_FLIGHT });
        expect(one.findings.length).toBeGreaterThan(8);
        expect(one.remediations.length).toBeGreaterThanOrEqual(8);
        expect(many.findings).toEqual(one.findings);
        expect(many.remediations).toEqual(one.remediations);
        expect(many.resources).toEqual(one.resources);
        expect(many.passed).toEqual(one.passed);
    }, 120_000);
});
