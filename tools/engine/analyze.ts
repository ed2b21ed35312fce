// The sequence of calls the Pulumi CLI makes during a preview with a policy pack.
import { performance } from "perf_hooks";
import { passThroughConfig, resolveConfig, type PolicyConfigFile } from "./config";
import { PolicyPackEngine, type StackContext, type StartOptions } from "./engine";
import type { AnalyzerInfo, EngineResource, Finding, RemediationResult, ResolvedConfig, WireProperties } from "./types";
import { isRootStack, parseUrn } from "./urn";

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
    /** Checks that passed: per policy, each resource of a type it reads that got no finding from it. */
    passed: PassedCheck[];
    timings: AnalysisTimings;
}

/** A resource a policy checked and found nothing wrong with: evidence of coverage, not only of failure. */
export interface PassedCheck {
    policyName: string;
    urn: string;
    type: string;
    name: string;
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
    /**
     * The type tokens each policy reads (not part of the protocol: from the pack's control
     * metadata). With it, every resource of those types that got no finding from an enabled
     * policy is a passed check; without it, `passed` is empty.
     */
    resourceTypes?: ReadonlyMap<string, readonly string[]>;
    /** Called after each resource's Remediate and Analyze calls: `done` of `total` resources. */
    onResource?: (done: number, total: number) => void;
    /**
     * Resources whose Remediate and Analyze calls may be in flight at once; default 1, the order
     * the real CLI sends them in (IN_FLIGHT). Each resource still gets Remediate then Analyze, and
     * findings keep registration order, so only the interleaving the pack sees changes.
     */
    inFlight?: number;
}

/** Per policy in pack order, the resources of the types it reads without a finding from it. */
export function passedChecks(info: AnalyzerInfo, config: ResolvedConfig, resources: EngineResource[], findings: Finding[], types: ReadonlyMap<string, readonly string[]>): PassedCheck[] {
    const failed = new Set(findings.filter((f) => f.urn !== undefined).map((f) => `${f.policyName}\u0000${f.urn}`));
    const passed: PassedCheck[] = [];
    for (const p of info.policies) {
        const read = new Set(types.get(p.name) ?? []);
        if (read.size === 0 || (config[p.name]?.enforcementLevel ?? p.enforcementLevel) === "disabled") continue;
        for (const r of resources) {
            if (read.has(r.type) && !failed.has(`${p.name}\u0000${r.urn}`)) passed.push({ policyName: p.name, urn: r.urn, type: r.type, name: r.name });
        }
    }
    return passed;
}

export interface AnalyzeStackOptions extends RunOptions, StartOptions {
    /** Stack tags for ConfigureStack; the stack and project come from `stack` or the root stack's URN. */
    stackTags?: Record<string, string>;
}

/**
 * What AnalyzeStack sees of a resource: the CLI sends its outputs, not its inputs. A component's
 * or the stack's outputs are what it registered; a custom resource's, in a first preview, are
 * its inputs plus whatever the provider plans (the offline engine knows only the inputs).
 */
export function stackView(r: EngineResource): EngineResource {
    return r.outputs === undefined ? r : { ...r, properties: r.outputs };
}

/**
 * Analyze and Remediate calls in flight at once. The real CLI (3.274.1, test/cli/agreement.test.ts)
 * sends them one resource at a time, Remediate then Analyze; the model follows it by default.
 */
export const IN_FLIGHT = 1;

/**
 * `fn` over `items`, at most `limit` at a time, results in item order. On failure it waits for
 * the calls already started and throws the error of the earliest failing item: the one a
 * sequential run would have stopped at.
 */
export async function inOrder<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
    const results: R[] = new Array<R>(items.length);
    const errors = new Map<number, unknown>();
    let next = 0;
    const worker = async (): Promise<void> => {
        while (next < items.length && errors.size === 0) {
            const i = next++;
            try {
                results[i] = await fn(items[i]!);
            } catch (e) {
                errors.set(i, e);
            }
        }
    };
    await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
    if (errors.size > 0) throw errors.get(Math.min(...errors.keys()));
    return results;
}

/** Remediate one resource; returns it with the remediated inputs and what changed. */
async function remediateOne(engine: PolicyPackEngine, r: EngineResource): Promise<{ resource: EngineResource; remediation?: ResourceRemediation }> {
    const results = await engine.remediate(r);
    // Each remediation carries the properties after its policy ran; the last one wins.
    const last = [...results].reverse().find((x) => x.properties !== undefined);
    const after = (last?.properties ?? r.properties);
    const remediation = results.length > 0 ? { urn: r.urn, type: r.type, name: r.name, before: r.properties, after, remediations: results } : undefined;
    return { resource: last ? { ...r, properties: after } : r, remediation };
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
    await engine.configure(config, passThroughConfig(opts.config));
    const configureMs = lap();

    const wantsRemediation = opts.remediate !== false && Object.values(config).some((c) => c.enforcementLevel === "remediate");
    // As the CLI's step generator: every registered resource (the root stack, default providers
    // and components included) is remediated, then analyzed on the remediated inputs, one resource
    // after another as the real CLI sends them (IN_FLIGHT); results keep registration order.
    let done = 0;
    const steps = await inOrder(resources, opts.inFlight ?? IN_FLIGHT, async (r) => {
        const step = wantsRemediation ? await remediateOne(engine, r) : { resource: r };
        const analyzed = { ...step, findings: await engine.analyze(step.resource) };
        opts.onResource?.(++done, resources.length);
        return analyzed;
    });
    const findings = steps.flatMap((s) => s.findings);
    const analyzed = steps.map((s) => s.resource);
    const remediations = steps.flatMap((s) => (s.remediation ? [s.remediation] : []));
    const analyzeMs = lap();
    findings.push(...(await engine.analyzeStack(analyzed.map(stackView))));
    const analyzeStackMs = lap();
    const finalInfo = await engine.getAnalyzerInfo();
    return {
        info: finalInfo,
        config,
        findings,
        remediations,
        resources: analyzed,
        passed: opts.resourceTypes ? passedChecks(finalInfo, config, analyzed, findings, opts.resourceTypes) : [],
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
