// `npm run bench`: measures this pack against an empty @pulumi/policy pack on the same
// node_modules and against AWSGuard (bench/peers.ts, when it can be installed), in one run,
// rounds interleaved so machine noise hits all alike. Prints medians and ratios against the
// targets of docs/performance.md. Not a test: nothing here fails a build. Knobs (env): BENCH_ROUNDS (7), BENCH_ANALYZE_CALLS (1000), BENCH_SKIP_SOURCE=1,
// BENCH_SKIP_FOOTPRINT=1, BENCH_ONLY=startup,analyze,stack,policies,scan,footprint,source,
// BENCH_SCAN_SIZES (5000,10000,20000).
import type { PolicyPackEngine } from "../tools/engine/engine";
import { startConfigured, timeAnalyze, timeAnalyzeStack } from "./calls";
import { measureFootprint } from "./footprint";
import { AWSGUARD_VERSION, awsGuardPack } from "./peers";
import { stackPolicyCosts } from "./policy-costs";
import { timeScan } from "./scan-scale";
import { controls } from "../policies";
import { emptyPack, floorPack, sourcePack, ROOT } from "./packs";
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

/**
 * Runs each of `fns` `rounds` times after one warm-up each; every round starts with the next
 * one in turn, so machine noise and warm caches hit all alike.
 */
async function interleaved(rounds: number, fns: readonly (() => Promise<number>)[]): Promise<number[][]> {
    for (const f of fns) await f();
    const out: number[][] = fns.map(() => []);
    for (let i = 0; i < rounds; i++) {
        for (let j = 0; j < fns.length; j++) {
            const k = (i + j) % fns.length;
            out[k]!.push(await fns[k]!());
        }
    }
    return out;
}

interface Measured {
    label: string;
    dir: string;
}

const LABEL = 34;

/** One line per pack: the empty pack's figure, AWSGuard's against it, ours against both (and the target). */
function lines(figures: readonly number[], packs: readonly Measured[], target: number, show: (x: number) => string, beatPeer = false): string[] {
    const base = figures[0]!;
    const ours = figures[figures.length - 1]!;
    return packs.map((p, i) => {
        const x = figures[i]!;
        const head = `  ${p.label.padEnd(LABEL)} ${show(x).padStart(9)}`;
        if (i === 0) return head;
        if (i < packs.length - 1) return `${head}  ${ratio(x, base)} the empty pack`;
        const peers = packs.slice(1, -1).map((q, j) => {
            const y = figures[j + 1]!;
            return `; ${ratio(ours, y)} ${q.label.split(" ")[0]}${beatPeer ? ` (target below it: ${ours < y ? "met" : "MISSED"})` : ""}`;
        });
        return `${head}  ${verdict(x, base, target)}${peers.join("")}`;
    });
}

async function main(): Promise<void> {
    const empty = emptyPack();
    console.log(`china-compliance benchmark: node ${process.version}, ${ROUNDS} rounds, medians; this pack vs an empty @pulumi/policy pack (and AWSGuard) on the same SDK`);
    const peer = wants("startup") || wants("analyze") || wants("stack") ? awsGuardPack() : undefined;
    if (peer && "skipped" in peer) console.log(`AWSGuard peer skipped: ${peer.skipped}`);
    const packs: Measured[] = [
        { label: "empty @pulumi/policy pack", dir: empty },
        ...(peer && "dir" in peer ? [{ label: `AWSGuard ${AWSGUARD_VERSION} (all mandatory)`, dir: peer.dir }] : []),
        { label: "china-compliance (compiled)", dir: ROOT },
    ];

    if (wants("startup")) {
        const runs = await interleaved(ROUNDS, packs.map((p) => () => timeStartup(p.dir)));
        console.log(`\nstart-up through run-policy-pack (spawn to port line)`);
        for (const l of lines(runs.map(median), packs, 1.2, ms)) console.log(l);
    }

    if (wants("analyze") || wants("stack")) {
        const examples = await captureExamples();
        const mix = analyzeMix(examples);
        const engines: PolicyPackEngine[] = [];
        const stackPolicies = controls.filter((c) => "validateStack" in c.policy).length;
        const resourcePolicies = controls.length - stackPolicies;
        const floorLabel = `${resourcePolicies} + ${stackPolicies} policies doing nothing`;
        try {
            for (const p of packs) engines.push(await startConfigured(p.dir));
            // Last: the same number of resource and stack policies, each doing nothing.
            engines.push(await startConfigured(floorPack(resourcePolicies, stackPolicies)));

            if (wants("analyze")) {
                const types = new Set(mix.map((r) => r.type)).size;
                const runs = await interleaved(ROUNDS, engines.map((e) => () => timeAnalyze(e, mix, ANALYZE_CALLS)));
                const perCall = runs.map((r) => median(r) / ANALYZE_CALLS);
                const floorMs = perCall.pop()!;
                console.log(`\nAnalyze, ${ANALYZE_CALLS} sequential calls over the ${mix.length} resources (${types} types) of the four examples, per call`);
                for (const l of lines(perCall, packs, 1.2, (x) => `${x.toFixed(3)} ms`)) console.log(l);
                console.log(`  ${"policy time per resource".padEnd(LABEL)} ${(perCall[perCall.length - 1]! - perCall[0]!).toFixed(3).padStart(6)} ms (difference to the empty pack)`);
                console.log(`  ${floorLabel.padEnd(LABEL)} ${`${floorMs.toFixed(3)} ms`.padStart(9)}  ${ratio(floorMs, perCall[0]!)} the empty pack (the SDK's floor for this many resource policies)`);
            }

            if (wants("stack")) {
                console.log(`\nAnalyzeStack, one call, resources of the four examples copied with renamed URNs`);
                for (const n of [1000, 10000]) {
                    const stack = scaledStack(examples, n);
                    const rounds = n > 5000 ? Math.max(3, Math.ceil(ROUNDS / 2)) : ROUNDS;
                    const runs = (await interleaved(rounds, engines.map((e) => () => timeAnalyzeStack(e, stack)))).map(median);
                    const floorMs = runs.pop()!;
                    console.log(`  ${n} resources (${rounds} rounds)`);
                    for (const l of lines(runs, packs, 1.5, ms, true)) console.log(l);
                    const ours = runs[runs.length - 1]!;
                    console.log(`  ${floorLabel.padEnd(LABEL)} ${ms(floorMs).padStart(9)}  ${ratio(floorMs, runs[0]!)} the empty pack (the SDK's floor for this many stack policies)`);
                    console.log(`  ${"this pack's policies over that floor".padEnd(LABEL)} ${ms(ours - floorMs).padStart(9)}  (${ms((ours - floorMs) / stackPolicies)} per stack policy)`);
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
        console.log(`\nper stack policy, 10,000 resources, in process (${rounds} rounds): the pack's shared build, then each policy's validateStack over it`);
        console.log(`  build (decode + deserialise + proxy + links), once for all policies ${ms(costs.build)}`);
        for (const c of costs.policies) {
            const mark = c.ms <= 250 ? "met" : "MISSED";
            console.log(`  ${c.name.padEnd(52)} ${ms(c.ms).padStart(8)}  (target ≤ 250 ms over the build: ${mark}; ${c.findings} findings)`);
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
