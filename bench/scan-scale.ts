// `scan` of a `pulumi stack export` at growing sizes: the examples' resources copied with renamed
// URNs (bench/workload.ts), written as a deployment (version 3), then the installed CLI run over
// it as a user would (`scan <file> -o json`). Time is wall clock from spawn to exit; peak memory is
// the largest resident set among the scan and the pack process it starts (GNU time's %M, the
// maximum over waited-for processes).
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { EngineResource } from "../tools/engine/types";
import { ROOT } from "./packs";

/** A stack export holding `resources`, as `pulumi stack export` writes one (the fields scan reads). */
export function stackExport(resources: readonly EngineResource[]): string {
    const out = resources.map((r) => ({
        urn: r.urn,
        custom: r.custom,
        type: r.type,
        inputs: r.properties,
        ...(r.outputs ? { outputs: r.outputs } : {}),
        ...(r.parent ? { parent: r.parent } : {}),
        dependencies: r.dependencies,
        propertyDependencies: r.propertyDependencies,
        // A provider reference is `<provider urn>::<provider id>`.
        ...(r.provider ? { provider: `${r.provider.urn}::00000000-0000-0000-0000-000000000000` } : {}),
    }));
    return JSON.stringify({ version: 3, deployment: { manifest: { time: "2026-01-01T00:00:00Z", magic: "", version: "" }, resources: out } });
}

export interface ScanRun {
    ms: number;
    peakMb: number;
    findings: number;
}

/** Runs the compiled CLI over an export of `resources`; throws when the scan fails or prints no report. */
export function timeScan(resources: readonly EngineResource[]): ScanRun {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-scan-"));
    try {
        const file = path.join(dir, "stack.json");
        fs.writeFileSync(file, stackExport(resources));
        const stats = path.join(dir, "time.txt");
        const t0 = performance.now();
        const res = spawnSync("/usr/bin/time", ["-f", "%M", "-o", stats, process.execPath, path.join(ROOT, "dist/tools/scan/cli.js"), file, "-o", "json", "--soft-fail"], {
            cwd: ROOT,
            encoding: "utf8",
            maxBuffer: 1 << 30,
        });
        const ms = performance.now() - t0;
        if (res.error) throw new Error(`scan could not start (${res.error.message}); peak memory needs GNU time at /usr/bin/time`);
        if (res.status !== 0) throw new Error(`scan of ${resources.length} resources exited ${res.status}: ${res.stderr.trim().split("\n").pop() ?? ""}`);
        const report = JSON.parse(res.stdout) as { findings?: unknown[] };
        const kb = Number(fs.readFileSync(stats, "utf8").trim().split("\n").pop());
        return { ms, peakMb: kb / 1024, findings: report.findings?.length ?? 0 };
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}
