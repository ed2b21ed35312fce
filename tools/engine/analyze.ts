// The sequence of calls the Pulumi CLI makes during a preview with a policy pack.
import { performance } from "perf_hooks";
import { resolveConfig, type PolicyConfigFile } from "./config";
import { PolicyPackEngine, type StackContext, type StartOptions } from "./engine";
import type { AnalyzerInfo, EngineResource, Finding, RemediationResult, ResolvedConfig, WireProperties } from "./types";
import { isDefaultProvider, isRootStack, parseUrn } from "./urn";

export interface ResourceRemediation {
    urn: string;
    type: string;
    name: string;
    before: WireProperties;
    after: WireProperties;
    remediations: RemediationResult[];
}

export interface AnalysisTimings {
    startMs: number;
    configureMs: number;
    analyzeMs: number;
    analyzeStackMs: number;
    closeMs: number;
    totalMs: number;
}

export interface StackAnalysis {
    info: AnalyzerInfo;
    config: ResolvedConfig;
    /** Per-resource findings in resource order, then stack findings. */
    findings: Finding[];
    remediations: ResourceRemediation[];
    /** The resources as analyzed: after remediation when it ran. */
    resources: EngineResource[];
    timings: AnalysisTimings;
}

export interface RunOptions {
    /** Parsed config file (`{"<policy>": level | {...}}`); validated against the pack's schemas. */
    config?: PolicyConfigFile;
    /**
     * Run Remediate before Analyze when a policy is at level `remediate`, as the CLI does in both
     * preview and update (step_generator.go: a remediation pass, then an analysis pass, over the
     * remediated inputs). Default true; false analyzes the resources as written.
     */
    remediate?: boolean;
}

export interface AnalyzeStackOptions extends RunOptions, StartOptions {
    /** Stack tags for ConfigureStack; the stack and project come from `stack` or the root stack's URN. */
    stackTags?: Record<string, string>;
}

/** The CLI does not analyze the root stack resource or default providers on their own. */
export function isAnalyzedAlone(r: EngineResource): boolean {
    return !isRootStack(r) && !isDefaultProvider(r);
}

async function remediateAll(
    engine: PolicyPackEngine,
    resources: EngineResource[],
): Promise<{ resources: EngineResource[]; remediations: ResourceRemediation[] }> {
    const out: EngineResource[] = [];
    const remediations: ResourceRemediation[] = [];
    for (const r of resources) {
        if (!isAnalyzedAlone(r)) {
            out.push(r);
            continue;
        }
        const results = await engine.remediate(r);
        // Each remediation carries the properties after its policy ran; the last one wins.
        const last = [...results].reverse().find((x) => x.properties !== undefined);
        const after = (last?.properties ?? r.properties) as WireProperties;
        if (results.length > 0) remediations.push({ urn: r.urn, type: r.type, name: r.name, before: r.properties, after, remediations: results });
        out.push(last ? { ...r, properties: after } : r);
    }
    return { resources: out, remediations };
}

/**
 * On a started engine: GetAnalyzerInfo, Configure, (Remediate,) Analyze per resource,
 * AnalyzeStack over all. Leaves the engine running, so tests can share one.
 */
export async function runAnalysis(
    engine: PolicyPackEngine,
    resources: EngineResource[],
    opts: RunOptions = {},
): Promise<Omit<StackAnalysis, "timings"> & { timings: Omit<AnalysisTimings, "startMs" | "closeMs" | "totalMs"> }> {
    let t = performance.now();
    const lap = (): number => {
        const now = performance.now();
        const ms = now - t;
        t = now;
        return Math.round(ms);
    };
    const info = await engine.getAnalyzerInfo();
    const config = resolveConfig(info, opts.config);
    await engine.configure(config);
    const configureMs = lap();

    const wantsRemediation = opts.remediate !== false && Object.values(config).some((c) => c.enforcementLevel === "remediate");
    const remediated = wantsRemediation ? await remediateAll(engine, resources) : { resources, remediations: [] };
    const findings: Finding[] = [];
    for (const r of remediated.resources.filter(isAnalyzedAlone)) {
        findings.push(...(await engine.analyze(r)));
    }
    const analyzeMs = lap();
    findings.push(...(await engine.analyzeStack(remediated.resources)));
    const analyzeStackMs = lap();
    return {
        info: await engine.getAnalyzerInfo(),
        config,
        findings,
        remediations: remediated.remediations,
        resources: remediated.resources,
        timings: { configureMs, analyzeMs, analyzeStackMs },
    };
}

function stackContextOf(resources: EngineResource[], opts: AnalyzeStackOptions): StackContext | undefined {
    if (opts.stack) return { ...opts.stack, tags: { ...opts.stack.tags, ...opts.stackTags } };
    if (!opts.stackTags) return undefined;
    const root = resources.find(isRootStack);
    const parsed = root ? parseUrn(root.urn) : undefined;
    return parsed ? { project: parsed.project, stack: parsed.stack, tags: opts.stackTags, dryRun: true } : undefined;
}

/** Starts the pack, runs the CLI's sequence over `resources`, and always closes the pack. */
export async function analyzeStack(packDir: string, resources: EngineResource[], opts: AnalyzeStackOptions = {}): Promise<StackAnalysis> {
    const t0 = performance.now();
    const engine = await PolicyPackEngine.start(packDir, { ...opts, stack: stackContextOf(resources, opts) });
    const startMs = Math.round(performance.now() - t0);
    try {
        const result = await runAnalysis(engine, resources, opts);
        const t1 = performance.now();
        await engine.close();
        const closeMs = Math.round(performance.now() - t1);
        return { ...result, timings: { startMs, ...result.timings, closeMs, totalMs: Math.round(performance.now() - t0) } };
    } finally {
        await engine.close();
    }
}
