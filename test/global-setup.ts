// vitest globalSetup: compiles the project once (`npm run build`) so that tests can run the
// compiled pack (dist/index.js) and the compiled scan CLI (dist/tools/scan/cli.js) as child
// processes, exactly as users run them. Skipped when dist is newer than every source file.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..");
const SOURCES = ["index.ts", "policies", "tools", "bench"];

function tsFiles(p: string): string[] {
    if (!fs.existsSync(p)) return [];
    if (fs.statSync(p).isFile()) return p.endsWith(".ts") && !p.endsWith(".d.ts") ? [p] : [];
    return fs.readdirSync(p).flatMap((f) => tsFiles(path.join(p, f)));
}

/** Every source has its compiled .js in dist, newer than the source. */
export function distIsFresh(root = ROOT): boolean {
    return SOURCES.flatMap((s) => tsFiles(path.join(root, s))).every((src) => {
        const out = path.join(root, "dist", path.relative(root, src)).replace(/\.ts$/, ".js");
        return fs.existsSync(out) && fs.statSync(out).mtimeMs >= fs.statSync(src).mtimeMs;
    });
}

export default function setup(): void {
    if (distIsFresh()) return;
    const npm = process.platform === "win32" ? "npm.cmd" : "npm";
    const res = spawnSync(npm, ["run", "build"], { cwd: ROOT, encoding: "utf8" });
    if (res.status === 0) return;
    const output = `${res.stdout ?? ""}${res.stderr ?? ""}`.trim();
    // tsc still emits JavaScript when it finds type errors; the typecheck step reports those.
    // Only a build that produced no scan CLI stops the test run.
    if (!fs.existsSync(path.join(ROOT, "dist", "tools", "scan", "cli.js"))) {
        throw new Error(`npm run build failed:\n${output}`);
    }
    process.stderr.write(`global-setup: npm run build reported errors (tests use the emitted JavaScript):\n${output}\n`);
}
