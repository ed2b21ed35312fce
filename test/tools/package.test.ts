// The published package: `npx china-compliance-policies scan <dir>` must work from the tarball
// alone. What `npm pack` would ship: the pack, the scan tool and its engine, the licence and the
// policy reference SARIF rules link to; no tests, benchmarks or sources. Every module the shipped
// tool loads is Node's own or a declared dependency. The bin runs as users run it.
import { builtinModules } from "module";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { EXPORTS, ROOT } from "./helpers";

interface Manifest {
    license: string;
    bin: Record<string, string>;
    dependencies: Record<string, string>;
}
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as Manifest;
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

function packedFiles(): string[] {
    const run = spawnSync(npm, ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: ROOT, encoding: "utf8" });
    expect(run.status, run.stderr).toBe(0);
    return (JSON.parse(run.stdout) as { files: { path: string }[] }[])[0].files.map((f) => f.path).sort();
}

describe("the npm package", () => {
    const files = packedFiles();

    it("ships the pack, the scan tool, its engine, LICENSE and the policy reference; nothing else", () => {
        for (const f of ["LICENSE", "PulumiPolicy.yaml", "dist/index.js", "dist/tools/scan/cli.js", "dist/tools/scan/program-runner.js", "dist/tools/engine/engine.js", "docs/policies.md"]) {
            expect(files).toContain(f);
        }
        const unexpected = files.filter((f) => !/^(dist\/(index|policies\/|tools\/(engine|scan)\/)|docs\/(policies\.md|scan-output\.schema\.json)$|LICENSE$|PulumiPolicy\.yaml$|README\.md$|package\.json$)/.test(f));
        expect(unexpected).toEqual([]);
        expect(files.some((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))).toBe(false);
    });

    it("LICENSE is the Apache License 2.0 that package.json declares", () => {
        const text = fs.readFileSync(path.join(ROOT, "LICENSE"), "utf8");
        expect(pkg.license).toBe("Apache-2.0");
        expect(text).toMatch(/^\s*Apache License\s+Version 2\.0, January 2004/);
        expect(text).toContain("END OF TERMS AND CONDITIONS");
    });

    it("the bin is the compiled scan CLI, runnable by node from its shebang", () => {
        expect(pkg.bin).toEqual({ "china-compliance-policies": "dist/tools/scan/cli.js" });
        expect(files).toContain(pkg.bin["china-compliance-policies"]);
        expect(fs.readFileSync(path.join(ROOT, pkg.bin["china-compliance-policies"]), "utf8").split("\n")[0]).toBe("#!/usr/bin/env node");
    });

    it("every module the shipped JavaScript requires is built in, shipped, or a declared dependency", () => {
        const missing: string[] = [];
        for (const f of files.filter((x) => x.endsWith(".js"))) {
            const text = fs.readFileSync(path.join(ROOT, f), "utf8");
            for (const m of text.matchAll(/require\("([^"]+)"\)/g)) {
                const id = m[1];
                if (id.startsWith(".")) {
                    const target = path.posix.normalize(path.posix.join(path.posix.dirname(f), id));
                    if (![`${target}.js`, `${target}/index.js`].some((t) => files.includes(t))) missing.push(`${f}: ${id} is not shipped`);
                    continue;
                }
                const name = id.startsWith("@") ? id.split("/").slice(0, 2).join("/") : id.split("/")[0];
                if (!builtinModules.includes(name.replace(/^node:/, "")) && !(name in pkg.dependencies)) missing.push(`${f}: ${id} is not a dependency`);
            }
        }
        expect(missing).toEqual([]);
    });

    it("`china-compliance-policies scan <export>` runs as the bin runs", () => {
        const run = spawnSync(process.execPath, [path.join(ROOT, pkg.bin["china-compliance-policies"]), "scan", path.join(EXPORTS, "aws-small.json"), "--compact", "--lang", "en"], { cwd: ROOT, encoding: "utf8" });
        expect(run.stderr).toBe("");
        expect(run.status).toBe(1);
        expect(run.stdout).toMatch(/^\[mandatory\] log-retention-minimum {2}aws:cloudwatch\/logGroup:LogGroup::outputs-only {2}CloudWatch log group "outputs-only": found 30 days/);
    });
});
