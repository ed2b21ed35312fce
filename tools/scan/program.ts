// Runs a Pulumi program in a child process (program-runner.ts) and returns its resources.
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { trackChild } from "../engine/children";
import type { StackContext } from "../engine/engine";
import { UserInputError, firstLine, mostTellingLine } from "../engine/errors";
import { DIY_ORGANIZATION, programEnv } from "../engine/pulumi-env";
import type { EngineResource } from "../engine/types";
import type { RunnerResult, RunnerSpec } from "./capture";
import { type ProjectSpec, type StackConfig, readProject, readStackConfig, resolveEntry, selectStackName } from "./project";
import { buildResources } from "./resources";

export interface ProgramTarget {
    project: ProjectSpec;
    stack: StackConfig;
    entry: string;
    /** What the pack is told about the stack (env and ConfigureStack), as the CLI would. */
    context: StackContext;
    /** What the user should know about how the program was read (one line each). */
    warnings: string[];
}

export interface LoadedProgram extends ProgramTarget {
    resources: EngineResource[];
    runMs: number;
}

/** Reads Pulumi.yaml and the stack file: everything known before the program runs. */
export function prepareProgram(dir: string, stackName?: string): ProgramTarget {
    const warnings: string[] = [];
    const project = readProject(dir);
    const stack = readStackConfig(project, selectStackName(dir, stackName), warnings);
    const entry = resolveEntry(project, warnings);
    return {
        project,
        stack,
        entry,
        warnings,
        context: {
            project: project.name,
            stack: stack.name,
            organization: DIY_ORGANIZATION,
            config: stack.config,
            configSecretKeys: stack.secretKeys,
            dryRun: true,
        },
    };
}

export interface RunOptions {
    timeoutMs?: number;
    /** The compiled runner; defaults to program-runner.js beside this file (in dist/). */
    runner?: string;
}

/** Runs the program under mocks; throws UserInputError if it throws, exits or hangs. */
export async function runProgram(t: ProgramTarget, opts: RunOptions = {}): Promise<LoadedProgram> {
    const timeoutMs = opts.timeoutMs ?? 120_000;
    const runner = opts.runner ?? path.join(__dirname, "program-runner.js");
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "scan-"));
    const spec: RunnerSpec = {
        programDir: t.project.dir,
        entry: t.entry,
        project: t.project.name,
        stack: t.stack.name,
        organization: t.context.organization,
        typescript: t.project.typescript,
        resultFile: path.join(tmp, "result.json"),
    };
    fs.writeFileSync(path.join(tmp, "spec.json"), JSON.stringify(spec));
    const started = Date.now();
    try {
        const outcome = await new Promise<{ code: number | null; signal: string | null; output: string; timedOut: boolean }>((resolve, reject) => {
            const child = spawn(process.execPath, [runner, path.join(tmp, "spec.json")], {
                cwd: t.project.dir,
                env: { ...process.env, ...programEnv(t.context) },
                stdio: ["ignore", "pipe", "pipe"],
            });
            trackChild(child);
            let output = "";
            const collect = (chunk: Buffer): void => {
                output = (output + chunk.toString("utf8")).slice(-64 * 1024);
            };
            child.stdout.on("data", collect);
            child.stderr.on("data", collect);
            let timedOut = false;
            const timer = setTimeout(() => {
                timedOut = true;
                child.kill("SIGKILL");
            }, timeoutMs);
            child.on("error", (err) => {
                clearTimeout(timer);
                reject(err);
            });
            child.on("close", (code, signal) => {
                clearTimeout(timer);
                resolve({ code, signal, output, timedOut });
            });
        });
        const where = `program ${t.project.dir}`;
        if (outcome.timedOut) throw new UserInputError(`${where} did not finish within ${Math.round(timeoutMs / 1000)} s`);
        let result: RunnerResult | undefined;
        if (fs.existsSync(spec.resultFile)) result = JSON.parse(fs.readFileSync(spec.resultFile, "utf8")) as RunnerResult;
        if (!result) {
            const clue = exitClue(outcome.output);
            throw new UserInputError(`${where} exited (${outcome.signal ?? `code ${outcome.code}`}) without finishing${clue ? `: ${clue}` : ""}`);
        }
        if (!result.ok) {
            const { stage, name, message, place } = result.error;
            // ts-node's TSError: the program does not type-check (or parse), as pulumi preview would report.
            if (name === "TSError") throw new UserInputError(`${where} did not compile: ${compileErrors(message)}`);
            const what = stage === "running the program" ? "threw" : `failed while ${stage}:`;
            throw new UserInputError(`${where} ${what} ${name}: ${headline(message)}${place ? ` (at ${place})` : ""}`);
        }
        const resources = buildResources(
            result.resources,
            { project: t.project.name, stack: t.stack.name, config: t.stack.config, secretKeys: t.stack.secretKeys },
            t.project.dir,
        );
        const warnings = [...t.warnings];
        if (result.fallbackLookups.length > 0) {
            warnings.push(
                `lookups answered by a generic fallback (no cloud offline; values are fake): ${result.fallbackLookups.join(", ")}; findings that depend on their results may be missing`,
            );
        }
        for (const c of result.resources.filter((r) => r.remote)) {
            warnings.push(`${c.type} "${c.name}" is a remote component: its children are not visible offline; run pulumi preview --policy-pack to check them`);
        }
        return { ...t, warnings, resources, runMs: Date.now() - started };
    } finally {
        fs.rmSync(tmp, { recursive: true, force: true });
    }
}

/**
 * The first line of an error message; when that line only introduces the next (ts-node's
 * "⨯ Unable to compile TypeScript:"), the next joins it, so one line still says what is wrong.
 */
export function headline(message: string): string {
    const lines = message
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter((l) => l !== "");
    const [head, next] = lines;
    if (head === undefined) return firstLine(message);
    return head.endsWith(":") && next !== undefined ? `${head} ${next}` : head;
}

/**
 * Why a program exited without finishing, in one line. The SDK lists the registrations left
 * pending (`* "uploads" [aws:s3/bucketV2:BucketV2] was waiting for …`): those lines name the
 * resources, so they are kept (the stack itself is left out). Otherwise the most telling line of
 * the output, SDK warnings (deprecations) aside.
 */
export function exitClue(output: string): string | undefined {
    const pending = [...output.matchAll(/^\s*\* "([^"]+)" \[([^\]]+)\] was waiting/gm)].filter((m) => m[2] !== "pulumi:pulumi:Stack").map((m) => `${m[2]} "${m[1]}"`);
    if (pending.length > 0) {
        const shown = pending.slice(0, 5).join(", ");
        const more = pending.length > 5 ? ` and ${pending.length - 5} more` : "";
        return `registrations still pending: ${shown}${more} (the program exited early, or waits on an output that never resolves)`;
    }
    const lines = output.split(/\r?\n/).filter((l) => !/^\s*warning:/.test(l));
    return mostTellingLine(lines.join("\n"));
}

/**
 * ts-node's "⨯ Unable to compile TypeScript:" message as one line: the first diagnostic
 * (`index.ts(8,7): error TS2322: …`, file:line as TypeScript prints it) and how many more.
 */
export function compileErrors(message: string): string {
    const diagnostics = message
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter((l) => /error TS\d+:/.test(l));
    if (diagnostics.length === 0) return headline(message);
    const more = diagnostics.length - 1;
    return `${diagnostics[0]}${more > 0 ? ` (and ${more} more type error${more > 1 ? "s" : ""}; run tsc)` : ""}`;
}

/** prepareProgram + runProgram. */
export async function loadProgram(dir: string, opts: RunOptions & { stack?: string } = {}): Promise<LoadedProgram> {
    return runProgram(prepareProgram(dir, opts.stack), opts);
}
