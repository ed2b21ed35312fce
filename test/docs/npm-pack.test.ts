// What `pulumi policy publish` uploads (docs/org-wide.md): the CLI packs the pack with `npm pack`,
// and on enforcement downloads the tarball and runs `npm install` in it. The tarball must hold the
// compiled pack and nothing else, every module it loads must be in it or in `dependencies`, and
// `npm install` there must not try to compile sources it does not have.
import { spawnSync } from "child_process";
import * as fs from "fs";
import { builtinModules } from "module";
import * as os from "os";
import * as path from "path";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "..", "..");
const NPM = process.platform === "win32" ? "npm.cmd" : "npm";
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
    main: string;
    dependencies: Record<string, string>;
    scripts: Record<string, string>;
};

/** Runtime dependencies the pack may have (docs/design.md, "Running under the Pulumi CLI"): the policy SDK and the Pulumi SDK. */
const RUNTIME_DEPENDENCIES = ["@pulumi/policy", "@pulumi/pulumi"];

function npm(args: string[], cwd: string) {
    // --ignore-scripts: global-setup has built dist/ already; `prepare` would only rebuild it.
    const run = spawnSync(NPM, [...args, "--ignore-scripts"], { cwd, encoding: "utf8", timeout: 120_000 });
    if (run.status !== 0) throw new Error(`npm ${args.join(" ")} failed:\n${run.stderr}`);
    return run.stdout;
}

const dryRun = JSON.parse(npm(["pack", "--dry-run", "--json"], ROOT)) as { files: { path: string }[] }[];
const files = dryRun[0].files.map((f) => f.path).sort();

function sourcesUnder(dir: string): string[] {
    const abs = path.join(ROOT, dir);
    return fs.readdirSync(abs, { recursive: true, encoding: "utf8" }).map((f) => path.posix.join(dir, f.split(path.sep).join("/")));
}

describe("npm pack", () => {
    it("contains the compiled entry point, PulumiPolicy.yaml, package.json and the README", () => {
        expect(files).toEqual(expect.arrayContaining([pkg.main, "PulumiPolicy.yaml", "package.json", "README.md"]));
    });

    it("contains the compiled JavaScript of every policy source", () => {
        const expected = sourcesUnder("policies")
            .filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))
            .map((f) => `dist/${f.replace(/\.ts$/, ".js")}`);
        expect(expected.length).toBeGreaterThan(20);
        expect(expected.filter((f) => !files.includes(f))).toEqual([]);
    });

    it("contains nothing the pack does not run: no tools, tests, examples, bench, docs, sources or source maps", () => {
        const unwanted = files.filter(
            (f) =>
                /^(dist\/)?(tools|test|examples|bench|docs|node_modules)\//.test(f) ||
                (f.endsWith(".ts") && !f.endsWith(".d.ts")) ||
                // Maps point at .ts sources that are not shipped: no use to anyone installing the pack.
                f.endsWith(".map") ||
                /^tsconfig.*\.json$|^eslint|^vitest|^\.ci\//.test(f),
        );
        expect(unwanted).toEqual([]);
    });

    it("depends at run time on @pulumi/policy and @pulumi/pulumi only", () => {
        expect(Object.keys(pkg.dependencies).sort()).toEqual(RUNTIME_DEPENDENCIES);
    });

    it("loads only packed modules, Node built-ins and runtime dependencies", () => {
        const problems: string[] = [];
        for (const file of files.filter((f) => f.endsWith(".js"))) {
            const text = fs.readFileSync(path.join(ROOT, file), "utf8");
            for (const m of text.matchAll(/require\("([^"]+)"\)/g)) {
                const spec = m[1];
                if (spec.startsWith(".")) {
                    const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), spec));
                    if (![`${target}.js`, `${target}/index.js`, target].some((t) => files.includes(t))) problems.push(`${file}: ${spec} is not packed`);
                } else {
                    const name = spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : spec.split("/")[0];
                    if (!builtinModules.includes(name.replace(/^node:/, "")) && !RUNTIME_DEPENDENCIES.includes(name)) problems.push(`${file}: ${spec} is not a runtime dependency`);
                }
            }
        }
        expect(problems).toEqual([]);
    });

    describe("installed from the tarball, as the CLI installs a published pack", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "npm-pack-test-"));
        afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

        it("runs `prepare` without compiling anything (there is nothing to compile; dist/ is in the tarball)", () => {
            const out = JSON.parse(npm(["pack", "--json", "--pack-destination", dir], ROOT)) as { filename: string }[];
            const tar = spawnSync("tar", ["-xzf", path.join(dir, out[0].filename), "-C", dir], { encoding: "utf8" });
            expect(tar.status, tar.stderr).toBe(0);
            const extracted = path.join(dir, "package");
            // `npm install` in the extracted pack runs this script; without node_modules a build would fail.
            const prepare = spawnSync(NPM, ["run", "prepare"], { cwd: extracted, encoding: "utf8", timeout: 60_000 });
            expect(prepare.status, prepare.stderr).toBe(0);
            expect(prepare.stdout).not.toMatch(/tsc -p/);
            expect(fs.existsSync(path.join(extracted, pkg.main))).toBe(true);
        });
    });
});
