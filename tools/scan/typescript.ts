// Loads a TypeScript Pulumi program in this process, as @pulumi/pulumi's language host does.
// Shared by scan's program runner and the real-CLI preview harness (tools/cli/preview.ts).
import * as fs from "fs";
import * as path from "path";

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

/**
 * Registers ts-node the way @pulumi/pulumi's cmd/run does (its tsutils find ts-node and
 * typescript, the program's tsconfig.json is honoured), but transpile-only: type checking a
 * program that imports provider SDKs costs ~10 s and scan does not need it.
 */
export function registerTypeScript(pulumiDir: string, programDir: string): void {
    const tsutils = require(path.join(pulumiDir, "tsutils")) as TsUtils;
    const { tsnodeRequire, typescriptRequire } = tsutils.typeScriptRequireStrings();
    const tsConfigPath = path.join(programDir, "tsconfig.json");
    const ts = require(typescriptRequire) as { version: string };
    const [major, minor] = ts.version.split(".").map(Number);
    const nodeNext = major > 4 || (major === 4 && minor >= 7);
    (require(tsnodeRequire) as TsNode).register({
        compiler: typescriptRequire,
        transpileOnly: true,
        typeCheck: false,
        project: tsConfigPath,
        skipProject: !fs.existsSync(tsConfigPath),
        compilerOptions: {
            target: "ES2020",
            module: nodeNext ? "nodenext" : "commonjs",
            moduleResolution: nodeNext ? "nodenext" : "node",
            sourceMap: "true",
            ...tsutils.loadTypeScriptCompilerOptions(tsConfigPath),
        },
    });
}
