// Production install footprint: `npm pack` this project and install the tarball's runtime
// dependencies into an empty project, against an empty project with only @pulumi/policy and
// @pulumi/pulumi at the versions this package pins. On-disk size of each node_modules.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ROOT } from "./packs";

function npm(args: string[], cwd: string): string {
    return execFileSync("npm", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

/** Bytes on disk (allocated blocks) of everything under `dir`, symlinks not followed. */
export function diskBytes(dir: string): number {
    let total = 0;
    const walk = (p: string): void => {
        const st = fs.lstatSync(p);
        total += st.blocks * 512;
        if (st.isDirectory()) for (const e of fs.readdirSync(p)) walk(path.join(p, e));
    };
    walk(dir);
    return total;
}

function emptyProject(dir: string): void {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: path.basename(dir), version: "1.0.0", private: true }));
}

const INSTALL = ["install", "--omit=dev", "--ignore-scripts", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error"];

export interface Footprint {
    packBytes: number;
    baselineBytes: number;
    tarballBytes: number;
}

export function measureFootprint(): Footprint {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "bench-footprint-"));
    try {
        const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { dependencies: Record<string, string> };
        // dist/ is already built (the bench runs from it); --ignore-scripts skips a second build.
        const tarball = npm(["pack", "--ignore-scripts", "--silent", "--pack-destination", tmp], ROOT).trim().split("\n").pop() ?? "";
        const withPack = path.join(tmp, "with-pack");
        emptyProject(withPack);
        npm([...INSTALL, path.join(tmp, tarball)], withPack);
        const baseline = path.join(tmp, "baseline");
        emptyProject(baseline);
        npm([...INSTALL, ...["@pulumi/policy", "@pulumi/pulumi"].map((d) => `${d}@${pkg.dependencies[d]}`)], baseline);
        return {
            packBytes: diskBytes(path.join(withPack, "node_modules")),
            baselineBytes: diskBytes(path.join(baseline, "node_modules")),
            tarballBytes: fs.statSync(path.join(tmp, tarball)).size,
        };
    } finally {
        fs.rmSync(tmp, { recursive: true, force: true });
    }
}
