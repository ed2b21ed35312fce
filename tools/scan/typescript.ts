// Loads a TypeScript Pulumi program in this process, as @pulumi/pulumi's language host does.
// Shared by scan's program runner and the real-CLI preview harness (tools/cli/preview.ts).
import * as fs from "fs";
import * as path from "path";
import { pathToFileURL } from "url";

function resolveFrom(request: string, dir: string): string | undefined {
    try {
        return require.resolve(request, { paths: [dir] });
    } catch {
        return undefined;
    }
}

/** The @pulumi/pulumi a program resolves: the language host runs the program with that one. */
export function pulumiSdkDir(programDir: string): string {
    try {
        return path.dirname(require.resolve("@pulumi/pulumi/package.json", { paths: [programDir] }));
    } catch {
        throw new Error(`cannot resolve @pulumi/pulumi from ${programDir} (run npm install there)`);
    }
}

interface TsUtils {
    typeScriptRequireStrings(): { tsnodeRequire: string; typescriptRequire: string };
    loadTypeScriptCompilerOptions(tsConfigPath: string): Record<string, unknown>;
}
interface TsNode {
    register(opts: Record<string, unknown>): unknown;
}

/** `"type": "module"` in the program's package.json: the language host imports it as an ES module. */
export function isEsmProgram(programDir: string): boolean {
    try {
        const pkg = JSON.parse(fs.readFileSync(path.join(programDir, "package.json"), "utf8")) as { type?: unknown };
        return pkg.type === "module";
    } catch {
        return false;
    }
}

/** The file the language host imports for an ES module program: a file, or the directory's index. */
export function esmEntry(entry: string): string {
    if (!fs.statSync(entry).isDirectory()) return entry;
    // The language host's order (cmd/run), as `node <dir>` would.
    const index = ["index.js", "index.mjs", "index.ts", "index.mts"].find((f) => fs.existsSync(path.join(entry, f)));
    if (!index) throw new Error(`No entrypoint found in ${entry}`);
    return path.join(entry, index);
}

/**
 * Whether ts-node skips type checking, decided as @pulumi/pulumi's cmd/run decides it:
 * PULUMI_NODEJS_TRANSPILE_ONLY when set ("true" skips), else the tsconfig's `noCheck`, else
 * undefined — ts-node's default, which type-checks.
 */
export function transpileOnlyFor(compilerOptions: Record<string, unknown>, env: NodeJS.ProcessEnv = process.env): boolean | undefined {
    const fromEnv = env.PULUMI_NODEJS_TRANSPILE_ONLY;
    if (fromEnv) return fromEnv === "true";
    return typeof compilerOptions.noCheck === "boolean" ? compilerOptions.noCheck : undefined;
}

/**
 * Registers ts-node the way @pulumi/pulumi's cmd/run does: its tsutils find ts-node and
 * typescript, the program's tsconfig.json (or PULUMI_NODEJS_TSCONFIG_PATH) is honoured, and type
 * errors stop the program unless the project turns checking off (transpileOnlyFor).
 */
export function registerTypeScript(pulumiDir: string, programDir: string): void {
    const tsutils = require(path.join(pulumiDir, "tsutils")) as TsUtils;
    const { tsnodeRequire, typescriptRequire } = tsutils.typeScriptRequireStrings();
    const tsConfigPath = path.resolve(programDir, process.env.PULUMI_NODEJS_TSCONFIG_PATH ?? "tsconfig.json");
    if (process.env.PULUMI_NODEJS_TSCONFIG_PATH && !fs.existsSync(tsConfigPath)) {
        throw new Error(`tsconfig path was set to ${process.env.PULUMI_NODEJS_TSCONFIG_PATH} but the file was not found`);
    }
    const ts = require(typescriptRequire) as { version: string };
    const [major = 0, minor = 0] = ts.version.split(".").map(Number);
    const nodeNext = major > 4 || (major === 4 && minor >= 7);
    const options = {
        compiler: typescriptRequire,
        transpileOnly: transpileOnlyFor(tsutils.loadTypeScriptCompilerOptions(tsConfigPath)),
        project: tsConfigPath,
        skipProject: !fs.existsSync(tsConfigPath),
    };
    // Automatic ESM mode, as the language host: an ES module project, TypeScript > 4.7 and the
    // project's own ts-node with ts-node/esm; its loader hooks (cmd/run/hooks.js) transpile imports.
    const tsNodeEsm = resolveFrom("ts-node/esm", pulumiDir);
    if (isEsmProgram(programDir) && (major > 4 || (major === 4 && minor > 7)) && tsNodeEsm) {
        const register = (require("module") as { register?: (specifier: string, parentURL: string, opts: { data: unknown }) => void }).register;
        if (!register) throw new Error(`Node.js ${process.version} cannot register ES module loader hooks (module.register needs Node.js 20.6 or later)`);
        register(pathToFileURL(path.join(pulumiDir, "cmd", "run", "hooks.js")).href, pathToFileURL(__filename).href, {
            data: {
                ...options,
                compilerOptions: { target: "ES2022", module: "nodenext", moduleResolution: "nodenext", sourceMap: "true", ...tsutils.loadTypeScriptCompilerOptions(tsConfigPath) },
            },
        });
        return;
    }
    (require(tsnodeRequire) as TsNode).register({
        ...options,
        compilerOptions: {
            target: "ES2020",
            module: nodeNext ? "nodenext" : "commonjs",
            moduleResolution: nodeNext ? "nodenext" : "node",
            sourceMap: "true",
            ...tsutils.loadTypeScriptCompilerOptions(tsConfigPath),
        },
    });
}
