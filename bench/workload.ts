// The resources the benchmark sends: those of the four example stacks, captured as scan captures
// them (the program run under mocks with first-preview semantics: outputs unknown, dependencies
// and property dependencies recorded). Larger stacks are copies of them with renamed URNs.
import * as path from "path";
import type { EngineResource } from "../tools/engine/types";
import { loadProgram } from "../tools/scan/program";
import { ROOT } from "./packs";

export const EXAMPLES = ["aws-compliant", "aws-noncompliant", "alicloud-compliant", "alicloud-noncompliant"];

/** Every example's resources, in registration order (root stack and providers included). */
export async function captureExamples(): Promise<EngineResource[][]> {
    const out: EngineResource[][] = [];
    for (const ex of EXAMPLES) out.push((await loadProgram(path.join(ROOT, "examples", ex), { timeoutMs: 120_000 })).resources);
    return out;
}

/** The resources Analyze is called for: every registered one, the root stack and default providers included, as the CLI does. */
export function analyzeMix(examples: EngineResource[][]): EngineResource[] {
    return examples.flat();
}

/** `urn` of copy `k`: the name gets a suffix, so copies never collide. */
function renamed(urn: string, k: number): string {
    return k === 0 ? urn : `${urn}-c${k}`;
}

function copyOf(resources: EngineResource[], k: number): EngineResource[] {
    const own = new Set(resources.map((r) => r.urn));
    const map = (u: string): string => (own.has(u) ? renamed(u, k) : u);
    return resources.map((r) => ({
        ...r,
        urn: map(r.urn),
        name: k === 0 ? r.name : `${r.name}-c${k}`,
        ...(r.parent ? { parent: map(r.parent) } : {}),
        dependencies: r.dependencies.map(map),
        propertyDependencies: Object.fromEntries(Object.entries(r.propertyDependencies).map(([p, us]) => [p, us.map(map)])),
        ...(r.provider ? { provider: { ...r.provider, urn: map(r.provider.urn) } } : {}),
    }));
}

/**
 * A stack of exactly `n` resources: the four examples' resources (one root stack), copied with
 * renamed URNs as often as needed, links kept within each copy.
 */
export function scaledStack(examples: EngineResource[][], n: number): EngineResource[] {
    const all = examples.flat();
    const root = all.find((r) => r.type === "pulumi:pulumi:Stack");
    const body = all.filter((r) => r.type !== "pulumi:pulumi:Stack");
    const out: EngineResource[] = root ? [root] : [];
    for (let k = 0; out.length < n; k++) out.push(...copyOf(body, k));
    return out.slice(0, n);
}
