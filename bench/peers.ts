// Peer packs measured in the same run: @pulumi/awsguard, the CrossGuard pack an AWS user would
// pick instead of this one, with every policy mandatory. It is installed on first use into a
// cache folder outside the repository (never a dependency of this project), next to the same
// @pulumi/policy and @pulumi/pulumi versions this pack pins, so both run on the same SDK.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ROOT } from "./packs";

export const AWSGUARD_VERSION = "0.3.1";

/** Where peers are installed: BENCH_PEERS_DIR, or the user's cache folder. */
export function peersDir(): string {
    return process.env.BENCH_PEERS_DIR ?? path.join(os.homedir(), ".cache", "china-compliance", "bench-peers");
}

function pinned(name: string): string {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { dependencies?: Record<string, string> };
    const version = pkg.dependencies?.[name];
    if (!version) throw new Error(`package.json does not pin ${name}`);
    return version;
}

export type PeerPack = { dir: string } | { skipped: string };

/**
 * The AWSGuard pack directory, installing it on first use. When it cannot be installed (no
 * network, no npm), says why in one line instead of failing the whole benchmark.
 */
export function awsGuardPack(): PeerPack {
    const dir = path.join(peersDir(), `awsguard-${AWSGUARD_VERSION}`);
    const installed = path.join(dir, "node_modules", "@pulumi", "awsguard", "package.json");
    const deps = { "@pulumi/awsguard": AWSGUARD_VERSION, "@pulumi/policy": pinned("@pulumi/policy"), "@pulumi/pulumi": pinned("@pulumi/pulumi") };
    try {
        fs.mkdirSync(dir, { recursive: true });
        fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "awsguard-peer", version: "1.0.0", private: true, main: "index.js", dependencies: deps }, null, 2));
        fs.writeFileSync(path.join(dir, "PulumiPolicy.yaml"), "runtime: nodejs\n");
        fs.writeFileSync(path.join(dir, "index.js"), 'const { AwsGuard } = require("@pulumi/awsguard");\nnew AwsGuard({ all: "mandatory" });\n');
    } catch (e) {
        return { skipped: `cannot write ${dir} (${(e as NodeJS.ErrnoException).code ?? String(e)})` };
    }
    if (fs.existsSync(installed)) return { dir };
    const res = spawnSync("npm", ["install", "--omit=dev", "--ignore-scripts", "--no-audit", "--no-fund", "--no-package-lock", "--loglevel=error"], { cwd: dir, encoding: "utf8", timeout: 300_000 });
    if (res.error || res.status !== 0 || !fs.existsSync(installed)) {
        // npm's first error line says what failed (e.g. `npm error code ECONNREFUSED`); its last one only points at a log.
        const why = res.error?.message ?? (res.stderr.split("\n").find((l) => /error/i.test(l) && !/complete log/i.test(l))?.trim() || `npm exited ${res.status}`);
        return { skipped: `npm install @pulumi/awsguard@${AWSGUARD_VERSION} into ${dir} failed: ${why}` };
    }
    return { dir };
}
