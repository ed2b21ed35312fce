// Shared by the engine and scan tests: paths, resource builders, and running the compiled CLI.
import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { expect } from "vitest";
import { UserInputError } from "../../tools/engine/errors";
import type { EngineProvider, EngineResource, WireProperties } from "../../tools/engine/types";

export const ROOT = path.resolve(__dirname, "..", "..");
export const FIXTURES = path.join(ROOT, "test", "fixtures");
export const PACKS = path.join(FIXTURES, "packs");
export const PROGRAMS = path.join(FIXTURES, "programs");
export const EXPORTS = path.join(FIXTURES, "exports");
export const CLI = path.join(ROOT, "dist", "tools", "scan", "cli.js");

export const STACK = "dev";
export const PROJECT = "test";
export const STACK_URN = `urn:pulumi:${STACK}::${PROJECT}::pulumi:pulumi:Stack::${PROJECT}-${STACK}`;

export function urnOf(type: string, name: string): string {
    return `urn:pulumi:${STACK}::${PROJECT}::${type}::${name}`;
}

/** A custom resource parented to the stack, in wire form. */
export function resource(type: string, name: string, properties: WireProperties = {}, extra: Partial<EngineResource> = {}): EngineResource {
    return {
        urn: urnOf(type, name),
        type,
        name,
        custom: true,
        properties,
        parent: STACK_URN,
        dependencies: [],
        propertyDependencies: {},
        ...extra,
    };
}

export function stackResource(): EngineResource {
    return { urn: STACK_URN, type: "pulumi:pulumi:Stack", name: `${PROJECT}-${STACK}`, custom: false, properties: {}, dependencies: [], propertyDependencies: {} };
}

export function provider(pkg: string, name: string, properties: WireProperties): EngineProvider {
    return { urn: urnOf(`pulumi:providers:${pkg}`, name), type: `pulumi:providers:${pkg}`, name, properties };
}

export interface CliResult {
    code: number | null;
    stdout: string;
    stderr: string;
    ms: number;
}

/** Runs the compiled scan CLI (built by test/global-setup.ts) as users run it. */
export function runCli(args: string[], cwd = ROOT): Promise<CliResult> {
    if (!fs.existsSync(CLI)) {
        throw new Error(`${CLI} is missing: run npm run build (test/global-setup.ts does it when vitest uses it as globalSetup)`);
    }
    const started = Date.now();
    return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [CLI, ...args], { cwd, stdio: ["ignore", "pipe", "pipe"] });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (c: Buffer) => (stdout += c.toString("utf8")));
        child.stderr.on("data", (c: Buffer) => (stderr += c.toString("utf8")));
        child.on("error", reject);
        child.on("close", (code) => resolve({ code, stdout, stderr, ms: Date.now() - started }));
    });
}

/** Whether a process id is still alive. */
export function alive(pid: number | undefined): boolean {
    if (pid === undefined) return false;
    try {
        process.kill(pid, 0);
        return true;
    } catch {
        return false;
    }
}

/** The message of the UserInputError `fn` throws; fails the test if it throws nothing or something else. */
export function userError(fn: () => unknown): string {
    try {
        fn();
    } catch (err) {
        expect(err).toBeInstanceOf(UserInputError);
        return (err as Error).message;
    }
    throw new Error("no error");
}
