// What `pulumi policy publish` uploads (docs/org-wide.md): the CLI packs the pack with `npm pack`,
// and on enforcement downloads the tarball and runs `npm install` in it. The tarball must hold the
// compiled pack and nothing else, every module it loads must be in it or in `dependencies`, and
// `npm install` there must not try to compile sources it does not have. The same tarball is the
// npm package whose bin runs scan (`npx china-compliance-policies scan <dir>`, docs/scan.md): it
// carries the compiled scan tool and its engine, the licence, and the policy reference that SARIF
// rules link to.
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
    license: string;
    bin: Record<string, string>;
    dependencies: Record<string, string>;
    scripts: Record<string, string>;
};

/**
 * Runtime dependencies (docs/design.md: the SDKs and small pure-JS libraries): the policy SDK and
 * the Pulumi SDK for the pack; ajv (policy config validation), js-yaml (Pulumi.yaml) and protobufjs
 * (the engine's request encoder) for the scan bin. js-yaml and protobufjs are pinned to the majors
 * @pulumi/pulumi and its gRPC library use, so the install holds one copy of each.
 */
const RUNTIME_DEPENDENCIES = ["@pulumi/policy", "@pulumi/pulumi", "ajv", "js-yaml", "protobufjs"];
const EXPORTS = path.join(ROOT, "test", "fixtures", "exports");

function npm(args: string[], cwd: string) {
    // --ignore-scripts: global-setup has built dist/ already; `prepare` would only rebuild it.
    const run = spawnSync(NPM, [...args, "--ignore-scripts"], { cwd, encoding: "utf8", timeout: 120_000 });
    if (run.status !== 0) throw new Error(`npm ${args.join(" ")} failed:\n${run.stderr}`);
    return run.stdout;
}

const dryRun = JSON.parse(npm(["pack", "--dry-run", "--json"], ROOT)) as { files: { path: string }[] }[];
const files = dryRun[0]!.files.map((f) => f.path).sort();

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

    it("contains the scan bin, its engine, LICENSE and the policy reference", () => {
        for (const f of ["LICENSE", "dist/tools/scan/cli.js", "dist/tools/scan/program-runner.js", "dist/tools/engine/engine.js", "docs/policies.md", "docs/scan-output.schema.json"]) {
            expect(files).toContain(f);
        }
    });

    it("contains nothing the pack or scan does not run (scan --format html runs tools/report): no other tools, tests, examples, bench, docs, sources or source maps", () => {
        const shipped = /^(dist\/tools\/(engine|scan|report)\/[^/]+\.js|docs\/(policies\.md|scan-output\.schema\.json))$/;
        const unwanted = files.filter(
            (f) =>
                (/^(dist\/)?(tools|test|examples|bench|docs|node_modules)\//.test(f) && !shipped.test(f)) ||
                (f.endsWith(".ts") && !f.endsWith(".d.ts")) ||
                // Maps point at .ts sources that are not shipped: no use to anyone installing the pack.
                f.endsWith(".map") ||
                /^tsconfig.*\.json$|^eslint|^vitest|^\.ci\//.test(f),
        );
        expect(unwanted).toEqual([]);
    });

    it("depends at run time on the two SDKs, and on ajv, js-yaml and protobufjs for scan, only", () => {
        expect(Object.keys(pkg.dependencies).sort()).toEqual(RUNTIME_DEPENDENCIES);
    });

    it("loads only packed modules, Node built-ins and runtime dependencies", () => {
        const problems: string[] = [];
        for (const file of files.filter((f) => f.endsWith(".js"))) {
            const text = fs.readFileSync(path.join(ROOT, file), "utf8");
            for (const m of text.matchAll(/require\("([^"]+)"\)/g)) {
                const spec = m[1];
                if (spec!.startsWith(".")) {
                    const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), spec!));
                    if (![`${target}.js`, `${target}/index.js`, target].some((t) => files.includes(t))) problems.push(`${file}: ${spec} is not packed`);
                } else {
                    const name = spec!.startsWith("@") ? spec!.split("/").slice(0, 2).join("/") : spec!.split("/")[0];
                    if (!builtinModules.includes(name!.replace(/^node:/, "")) && !RUNTIME_DEPENDENCIES.includes(name!)) problems.push(`${file}: ${spec} is not a runtime dependency`);
                }
            }
        }
        expect(problems).toEqual([]);
    });

    it("LICENSE is the Apache License 2.0 that package.json declares", () => {
        const text = fs.readFileSync(path.join(ROOT, "LICENSE"), "utf8");
        expect(pkg.license).toBe("Apache-2.0");
        expect(text).toMatch(/^\s*Apache License\s+Version 2\.0, January 2004/);
        expect(text).toContain("END OF TERMS AND CONDITIONS");
    });

    it("the bin is the packed, compiled scan CLI with a node shebang, and runs `scan <export>` as npx runs it", () => {
        expect(pkg.bin).toEqual({ "china-compliance-policies": "dist/tools/scan/cli.js" });
        const bin = pkg.bin["china-compliance-policies"];
        expect(files).toContain(bin);
        expect(fs.readFileSync(path.join(ROOT, bin!), "utf8").split("\n")[0]).toBe("#!/usr/bin/env node");
        const run = spawnSync(process.execPath, [path.join(ROOT, bin!), "scan", path.join(EXPORTS, "aws-small.json"), "--compact", "--lang", "en"], { cwd: ROOT, encoding: "utf8" });
        expect(run.stderr).toBe("");
        expect(run.status).toBe(1);
        expect(run.stdout).toMatch(/^\[mandatory\] log-retention-minimum {2}aws:cloudwatch\/logGroup:LogGroup::outputs-only {2}CloudWatch log group "outputs-only": found 30 days/m);
    });

    describe("installed from the tarball, as the CLI installs a published pack", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "npm-pack-test-"));
        afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

        it("runs `prepare` without compiling anything (there is nothing to compile; dist/ is in the tarball)", () => {
            const out = JSON.parse(npm(["pack", "--json", "--pack-destination", dir], ROOT)) as { filename: string }[];
            const tar = spawnSync("tar", ["-xzf", path.join(dir, out[0]!.filename), "-C", dir], { encoding: "utf8" });
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
