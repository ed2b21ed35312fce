// What the program runner (a child process) reports back to scan: the RegisterResource
// requests the program made, in the order it made them, in raw wire form.
import * as path from "path";
import type { SourcePosition, WireProperties } from "../engine/types";

export interface CapturedResource {
    urn: string;
    type: string;
    name: string;
    custom: boolean;
    /** A multi-language component: its children are built by a provider plugin, not offline. */
    remote?: boolean;
    parent: string;
    /** RegisterResourceRequest.object as JavaScript: unknown sentinels and secret sigs kept. */
    object: WireProperties;
    dependencies: string[];
    propertyDependencies: Record<string, string[]>;
    /** `<provider urn>::<provider id>`, or "" for the default provider. */
    providerRef: string;
    /** The provider package version the SDK asked for, if any (names default providers). */
    version: string;
    protect?: boolean;
    ignoreChanges: string[];
    additionalSecretOutputs: string[];
    aliases: string[];
    deleteBeforeReplace?: boolean;
    /** The registration's call stack, innermost frame first (sourcePosition, then the stack trace). */
    frames: SourcePosition[];
    /** What a component or the root stack registered as its outputs (RegisterResourceOutputs), raw wire form. */
    outputs?: WireProperties;
}

/** Input of the runner, written by scan to a JSON file. */
export interface RunnerSpec {
    programDir: string;
    /** Absolute path of the module to load (file or directory), as the language host resolves it. */
    entry: string;
    project: string;
    stack: string;
    organization?: string;
    /** Register ts-node (transpile-only) as the Node.js language host does for TypeScript. */
    typescript: boolean;
    resultFile: string;
}

export type RunnerResult =
    | {
          ok: true;
          resources: CapturedResource[];
          /** Invoke tokens the lookup table did not know, answered by the generic fallback. */
          fallbackLookups: string[];
      } | { ok: false; error: { name: string; message: string; stage: string; place?: string } };

/**
 * Where in the program an error was thrown: the first stack frame in the program directory,
 * outside node_modules, as `index.ts:6:7` (ts-node's source maps give TypeScript lines).
 */
export function programPlace(stack: string | undefined, programDir: string): string | undefined {
    for (const m of (stack ?? "").matchAll(/^\s*at (?:.*? \()?((?:file:\/\/)?\/[^()\n]+?):(\d+):(\d+)\)?$/gm)) {
        const file = (m[1] ?? "").replace(/^file:\/\//, "");
        const rel = path.relative(programDir, file);
        if (rel.startsWith("..") || path.isAbsolute(rel) || rel.split(path.sep).includes("node_modules")) continue;
        return `${rel}:${m[2]}:${m[3]}`;
    }
    return undefined;
}
