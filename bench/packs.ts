// Packs measured side by side on the same node_modules: this pack (compiled), an empty
// @pulumi/policy pack, and this pack started from its TypeScript sources (as a pack without a
// compiled `main` would be, so ts-node type-checks at start-up).
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

export const ROOT = path.resolve(__dirname, "..", "..");
// Outside the repository: a copied pack with its own tsconfig inside it would be linted and type-checked as a second project.
const TMP = path.join(os.tmpdir(), "china-compliance-bench");

function linkModules(dir: string): void {
    const link = path.join(dir, "node_modules");
    if (!fs.existsSync(link)) {
        fs.symlinkSync(path.join(ROOT, "node_modules"), link, "dir");
    }
}

/** An empty pack: the floor any @pulumi/policy pack pays at start-up. */
export function emptyPack(): string {
    const dir = path.join(TMP, "empty-pack");
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "empty-pack", version: "1.0.0", main: "index.js" }));
    fs.writeFileSync(path.join(dir, "PulumiPolicy.yaml"), "runtime: nodejs\n");
    fs.writeFileSync(path.join(dir, "index.js"), 'const { PolicyPack } = require("@pulumi/policy");\nnew PolicyPack("empty", { policies: [] });\n');
    linkModules(dir);
    return dir;
}

/**
 * A pack of `resource` resource policies and `stack` stack policies that do nothing but read the
 * stack's resources, sharing the deserialisation and the stack's build as this pack does
 * (policies/shared/deserialise-once.ts, build-once.ts): what a pack with that many policies
 * costs in Analyze and AnalyzeStack before any policy does its own work. This pack's time over it
 * is its policies' own work.
 */
export function floorPack(resource: number, stack: number): string {
    const dir = path.join(TMP, "floor-pack");
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "floor-pack", version: "1.0.0", main: "index.js" }));
    fs.writeFileSync(path.join(dir, "PulumiPolicy.yaml"), "runtime: nodejs\n");
    const shared = (file: string): string => JSON.stringify(path.join(ROOT, "dist", "policies", "shared", file));
    const noop = (kind: string, n: number, fn: string, body: string): string => `...Array.from({ length: ${n} }, (_, i) => ({ name: "${kind}-" + i, description: "does nothing", enforcementLevel: "advisory", ${fn}: ${body} }))`;
    fs.writeFileSync(
        path.join(dir, "index.js"),
        [
            'const { PolicyPack } = require("@pulumi/policy");',
            `require(${shared("deserialise-once.js")}).installDeserialiseOnce();`,
            `const { withBuildOnce, stackResources } = require(${shared("build-once.js")});`,
            `withBuildOnce(() => new PolicyPack("floor", { policies: [${noop("resource", resource, "validateResource", "() => {}")}, ${noop("stack", stack, "validateStack", "(args) => void stackResources(args.resources)")}] }));`,
            "",
        ].join("\n"),
    );
    linkModules(dir);
    return dir;
}

/** This pack with `main` pointing at index.ts: what the CLI would load without the compiled build. */
export function sourcePack(): string {
    const dir = path.join(TMP, "source-pack");
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    for (const f of ["index.ts", "policies", "tsconfig.json", "PulumiPolicy.yaml"]) {
        fs.cpSync(path.join(ROOT, f), path.join(dir, f), { recursive: true });
    }
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as Record<string, unknown>;
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ ...pkg, main: "index.ts" }, null, 2));
    // The pack's tsconfig includes tests and tools that are not copied; keep only the pack.
    const tsconfig = JSON.parse(fs.readFileSync(path.join(ROOT, "tsconfig.json"), "utf8")) as Record<string, unknown>;
    fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify({ ...tsconfig, include: ["index.ts", "policies/**/*.ts"] }, null, 2));
    linkModules(dir);
    return dir;
}
