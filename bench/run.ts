// `npm run bench`: measures this pack against an empty @pulumi/policy pack on the same
// node_modules, in one process, rounds interleaved so machine noise hits both alike.
// Prints ratios; targets are in docs/performance.md. Not a test: nothing here fails a build.
import { emptyPack, sourcePack, ROOT } from "./packs";
import { timeStartup } from "./startup";
import { median, ms, ratio } from "./stats";

async function main(): Promise<void> {
    const rounds = Number(process.env.BENCH_ROUNDS ?? 7);
    const empty = emptyPack();
    const samples = { empty: [] as number[], pack: [] as number[] };
    // One warm-up each so the file cache is equally hot.
    await timeStartup(empty);
    await timeStartup(ROOT);
    for (let i = 0; i < rounds; i++) {
        samples.empty.push(await timeStartup(empty));
        samples.pack.push(await timeStartup(ROOT));
    }
    const base = median(samples.empty);
    const pack = median(samples.pack);
    console.log(`start-up through run-policy-pack, median of ${rounds} rounds`);
    console.log(`  empty @pulumi/policy pack     ${ms(base)}`);
    console.log(`  china-compliance (compiled)   ${ms(pack)}  ${ratio(pack, base)}  (target ≤ 1.2×)`);

    if (process.env.BENCH_SKIP_SOURCE !== "1") {
        const source = sourcePack();
        const ts: number[] = [];
        for (let i = 0; i < Math.min(3, rounds); i++) ts.push(await timeStartup(source));
        const t = median(ts);
        console.log(`  same pack from .ts sources    ${ms(t)}  ${ratio(t, base)}  (reference: what a pack without compiled main costs)`);
    }
}

main().catch((e: unknown) => {
    console.error(`bench: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
});
