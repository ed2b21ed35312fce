// Analyze and AnalyzeStack cost: the same calls sent through the offline engine (gRPC, exactly
// as the CLI sends them) to this pack and to the empty pack, rounds interleaved.
import { resolveConfig } from "../tools/engine/config";
import { PolicyPackEngine } from "../tools/engine/engine";
import type { EngineResource } from "../tools/engine/types";

export async function startConfigured(packDir: string): Promise<PolicyPackEngine> {
    const engine = await PolicyPackEngine.start(packDir, { sdkResolution: "pack", stack: { project: "bench", stack: "dev" }, callTimeoutMs: 600_000 });
    await engine.configure(resolveConfig(await engine.getAnalyzerInfo()));
    return engine;
}

/** Milliseconds for `calls` sequential Analyze calls over `mix` (cycled), as the CLI makes them one per resource. */
export async function timeAnalyze(engine: PolicyPackEngine, mix: readonly EngineResource[], calls: number): Promise<number> {
    const t0 = performance.now();
    for (let i = 0; i < calls; i++) await engine.analyze(mix[i % mix.length] as EngineResource);
    return performance.now() - t0;
}

/** Milliseconds for one AnalyzeStack call over `resources`. */
export async function timeAnalyzeStack(engine: PolicyPackEngine, resources: EngineResource[]): Promise<number> {
    const t0 = performance.now();
    await engine.analyzeStack(resources);
    return performance.now() - t0;
}
