// `npm run bench`: measures this pack against an empty @pulumi/policy pack on the same
// node_modules, in one process, rounds interleaved so machine noise hits both alike. Prints
// medians and ratios against the targets of docs/performance.md. Not a test: nothing here fails
// a build. Knobs (env): BENCH_ROUNDS (7), BENCH_ANALYZE_CALLS (1000), BENCH_SKIP_SOURCE=1,
// BENCH_SKIP_FOOTPRINT=1, BENCH_ONLY=startup,analyze,stack,policies,scan,footprint,source,
// BENCH_SCAN_SIZES (5000,10000,20000).
import type { PolicyPackEngine } from "../tools/engine/engine";
import { startConfigured, timeAnalyze, timeAnalyzeStack } from "./calls";
import { measureFootprint } from "./footprint";
import { stackPolicyCosts } from "./policy-costs";
import { timeScan } from "./scan-scale";
import { emptyPack, sourcePack, ROOT } from "./packs";
import { timeStartup } from "./startup";
import { median, ms, ratio } from "./stats";
import { analyzeMix, captureExamples, scaledStack } from "./workload";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const ANALYZE_CALLS = Number(process.env.BENCH_ANALYZE_CALLS ?? 1000);
const ONLY = process.env.BENCH_ONLY?.split(",");
const wants = (part: string): boolean => (ONLY ? ONLY.includes(part) : true);

function verdict(value: number, baseline: number, target: number): string {
    return `${ratio(value, baseline)}  (target ≤ ${target}×: ${value / baseline <= target ? "met" : "MISSED"})`;
}

/** Runs `a` and `b` `rounds` times, alternating which goes first, after one warm-up each. */
async function interleaved(rounds: number, a: () => Promise<number>, b: () => Promise<number>): Promise<[number[], number[]]> {
    await a();
    await b();
    const as: number[] = [];
    const bs: number[] = [];
    for (let i = 0; i < rounds; i++) {
        if (i % 2 === 0) {
            as.push(await a());
            bs.push(await b());
        } else {
            bs.push(await b());
            as.push(await a());
        }
    }
    return [as, bs];
}

async function main(): Promise<void> {
    const empty = emptyPack();
    console.log(`china-compliance benchmark: node ${process.version}, ${ROUNDS} rounds, medians; this pack vs an empty @pulumi/policy pack on the same node_modules`);

    if (wants("startup")) {
        const [e, p] = await interleaved(ROUNDS, () => timeStartup(empty), () => timeStartup(ROOT));
        const base = median(e);
        const pack = median(p);
        console.log(`\nstart-up through run-policy-pack (spawn to port line)`);
        console.log(`  empty @pulumi/policy pack     ${ms(base)}`);
        console.log(`  china-compliance (compiled)   ${ms(pack)}  ${verdict(pack, base, 1.2)}`);
    }

    if (wants("analyze") || wants("stack")) {
        const examples = await captureExamples();
        const mix = analyzeMix(examples);
        const engines: PolicyPackEngine[] = [];
        try {
            const baseEngine = await startConfigured(empty);
            engines.push(baseEngine);
            const packEngine = await startConfigured(ROOT);
            engines.push(packEngine);

            if (wants("analyze")) {
                const types = new Set(mix.map((r) => r.type)).size;
                const [e, p] = await interleaved(ROUNDS, () => timeAnalyze(baseEngine, mix, ANALYZE_CALLS), () => timeAnalyze(packEngine, mix, ANALYZE_CALLS));
                const base = median(e) / ANALYZE_CALLS;
                const pack = median(p) / ANALYZE_CALLS;
                console.log(`\nAnalyze, ${ANALYZE_CALLS} sequential calls over the ${mix.length} resources (${types} types) of the four examples, per call`);
                console.log(`  empty pack                    ${base.toFixed(3)} ms`);
                console.log(`  china-compliance              ${pack.toFixed(3)} ms  ${verdict(pack, base, 1.1)}`);
                console.log(`  policy time per resource      ${(pack - base).toFixed(3)} ms (difference)`);
            }

            if (wants("stack")) {
                console.log(`\nAnalyzeStack, one call, resources of the four examples copied with renamed URNs`);
                for (const n of [1000, 10000]) {
                    const stack = scaledStack(examples, n);
                    const rounds = n > 5000 ? Math.max(3, Math.ceil(ROUNDS / 2)) : ROUNDS;
                    const [e, p] = await interleaved(rounds, () => timeAnalyzeStack(baseEngine, stack), () => timeAnalyzeStack(packEngine, stack));
                    const base = median(e);
                    const pack = median(p);
                    console.log(`  ${String(n).padStart(6)} resources: empty ${ms(base)}, china-compliance ${ms(pack)}  ${verdict(pack, base, 1.3)}  (${rounds} rounds)`);
                }
            }
        } finally {
            for (const engine of engines) await engine.close();
        }
    }

    if (wants("policies")) {
        const stack = scaledStack(await captureExamples(), 10000);
        const rounds = Math.max(3, Math.ceil(ROUNDS / 2));
        const costs = stackPolicyCosts(stack, rounds);
        console.log(`\nper stack policy, 10,000 resources, in process (${rounds} rounds): the SDK's own per-policy build, then each policy's validateStack`);
        console.log(`  SDK build (deserialise + proxy + links), per policy   ${ms(costs.build)}`);
        for (const c of costs.policies) {
            const mark = c.ms <= 250 ? "met" : "MISSED";
            console.log(`  ${c.name.padEnd(52)} ${ms(c.ms).padStart(8)}  (target ≤ 250 ms over the SDK: ${mark}; ${c.findings} findings)`);
        }
    }

    if (wants("scan")) {
        const examples = await captureExamples();
        const sizes = (process.env.BENCH_SCAN_SIZES ?? "5000,10000,20000").split(",").map(Number);
        console.log(`\nscan of a stack export (the examples copied with renamed URNs), one run per size: wall clock, peak resident memory of the largest process`);
        const runs = sizes.map((n) => ({ n, run: timeScan(scaledStack(examples, n)) }));
        for (const { n, run } of runs) {
            const limits = n === 20000 ? `  (target ≤ 30 s: ${run.ms <= 30_000 ? "met" : "MISSED"}; ≤ 500 MB: ${run.peakMb <= 500 ? "met" : "MISSED"})` : "";
            console.log(`  ${String(n).padStart(6)} resources: ${(run.ms / 1000).toFixed(1)} s, ${run.peakMb.toFixed(0)} MB, ${run.findings} findings${limits}`);
        }
        const first = runs[0];
        const last = runs[runs.length - 1];
        if (first && last && last.n > first.n) {
            const growth = last.run.ms / first.run.ms;
            console.log(`  growth ${last.n}/${first.n} resources: ${growth.toFixed(2)}× time for ${(last.n / first.n).toFixed(0)}× resources (target ≤ 4.5×: ${growth <= 4.5 ? "met" : "MISSED"})`);
        }
    }

    if (wants("footprint") && process.env.BENCH_SKIP_FOOTPRINT !== "1") {
        const f = measureFootprint();
        const mb = (b: number): string => `${(b / 1024 / 1024).toFixed(1)} MB`;
        console.log(`\nproduction install footprint (node_modules on disk after npm install --omit=dev)`);
        console.log(`  @pulumi/policy + @pulumi/pulumi alone   ${mb(f.baselineBytes)}`);
        console.log(`  china-compliance-policies tarball       ${mb(f.packBytes)}  ${verdict(f.packBytes, f.baselineBytes, 1.1)}  (tarball ${(f.tarballBytes / 1024).toFixed(0)} kB)`);
    }

    if (wants("source") && process.env.BENCH_SKIP_SOURCE !== "1") {
        const source = sourcePack();
        const ts: number[] = [];
        const es: number[] = [];
        for (let i = 0; i < Math.min(3, ROUNDS); i++) {
            ts.push(await timeStartup(source));
            es.push(await timeStartup(empty));
        }
        const t = median(ts);
        console.log(`\nreference: the same pack started from its .ts sources (ts-node type-checks, as for a pack without compiled main)`);
        console.log(`  from .ts sources              ${ms(t)}  ${ratio(t, median(es))} the empty pack`);
    }
}

main().catch((e: unknown) => {
    console.error(`bench: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
});
