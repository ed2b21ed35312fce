// scan: a program directory or a stack export in, policy findings out.
import * as fs from "fs";
import * as path from "path";
import { runAnalysis } from "../engine/analyze";
import { loadPolicyConfigFile, type PolicyConfigFile } from "../engine/config";
import { AnalyzerCallError, PolicyPackEngine, type StackContext } from "../engine/engine";
import { UserInputError, firstLine } from "../engine/errors";
import type { EngineResource } from "../engine/types";
import { type ScanArgs, USAGE, parseArgs } from "./args";
import { formatJson } from "./format-json";
import { formatSarif } from "./format-sarif";
import { formatText } from "./format-text";
import { prepareProgram, runProgram } from "./program";
import { type ScanReport, type ScanTarget, TOOL_NAME, exitCodeOf } from "./report";
import { readStackExport } from "./stack-export";

export interface ScanOutcome {
    exitCode: 0 | 1 | 2 | 3;
    stdout: string;
    stderr: string;
}

/** The project root: the nearest directory up from here with package.json and PulumiPolicy.yaml. */
export function projectRoot(from = __dirname): string {
    let dir = from;
    while (!(fs.existsSync(path.join(dir, "package.json")) && fs.existsSync(path.join(dir, "PulumiPolicy.yaml")))) {
        const up = path.dirname(dir);
        if (up === dir) return path.resolve(from, "../../..");
        dir = up;
    }
    return dir;
}

function toolVersion(root: string): string {
    try {
        const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { version?: string };
        return pkg.version ?? "0.0.0";
    } catch {
        return "0.0.0";
    }
}

interface Loaded {
    target: ScanTarget;
    resources: EngineResource[];
}

/** Settles both, then throws the first failure (closing the engine if it did start). */
async function together<T>(engineP: Promise<PolicyPackEngine>, workP: Promise<T>): Promise<[PolicyPackEngine, T]> {
    const [engine, work] = await Promise.allSettled([engineP, workP]);
    if (engine.status === "fulfilled" && work.status === "fulfilled") return [engine.value, work.value];
    if (engine.status === "fulfilled") await engine.value.close();
    // The user's program or export is the likelier culprit; report it first.
    throw work.status === "rejected" ? work.reason : (engine as PromiseRejectedResult).reason;
}

async function load(args: ScanArgs, cwd: string, packDir: string): Promise<[PolicyPackEngine, Loaded]> {
    const absolute = path.resolve(cwd, args.target);
    if (!fs.existsSync(absolute)) throw new UserInputError(`no such file or directory: ${args.target}`);
    const start = (stack: StackContext | undefined): Promise<PolicyPackEngine> => PolicyPackEngine.start(packDir, { stack, sdkResolution: "auto" });

    if (fs.statSync(absolute).isDirectory()) {
        const prepared = prepareProgram(absolute, args.stack);
        // The pack starts while the program runs: both take a second or two.
        const [engine, program] = await together(start(prepared.context), runProgram(prepared, { timeoutMs: args.timeout * 1000 }));
        const target: ScanTarget = {
            kind: "program",
            path: args.target,
            absolutePath: absolute,
            project: program.project.name,
            stack: program.stack.name,
            entry: program.entry,
        };
        return [engine, { target, resources: program.resources }];
    }
    if (args.stack) throw new UserInputError(`--stack applies to program directories, not to the stack export ${args.target}`);
    const exported = readStackExport(absolute);
    const context = exported.project && exported.stack ? { project: exported.project, stack: exported.stack, dryRun: true } : undefined;
    const engine = await start(context);
    const target: ScanTarget = { kind: "stack-export", path: args.target, absolutePath: absolute, project: exported.project, stack: exported.stack };
    return [engine, { target, resources: exported.resources }];
}

const FORMATTERS = { text: formatText, json: formatJson, sarif: formatSarif } as const;

async function run(args: ScanArgs, cwd: string, defaultPack: string): Promise<ScanOutcome> {
    if (args.help) return { exitCode: 0, stdout: USAGE + "\n", stderr: "" };
    const config: PolicyConfigFile | undefined = args.config ? loadPolicyConfigFile(path.resolve(cwd, args.config)) : undefined;
    const packDir = args.pack ? path.resolve(cwd, args.pack) : defaultPack;
    const [engine, loaded] = await load(args, cwd, packDir);
    try {
        // As the CLI: policies at level remediate always remediate; --remediate shows the changes.
        const analysis = await runAnalysis(engine, loaded.resources, { config });
        const report: ScanReport = {
            tool: { name: TOOL_NAME, version: toolVersion(projectRoot()) },
            pack: { name: analysis.info.name, version: analysis.info.version, dir: packDir },
            target: loaded.target,
            info: analysis.info,
            resources: analysis.resources,
            findings: analysis.findings,
            remediations: analysis.remediations,
            showRemediations: args.remediate,
        };
        const stdout = args.format === "text" ? formatText(report, cwd) : FORMATTERS[args.format](report);
        return { exitCode: exitCodeOf(analysis.findings), stdout, stderr: "" };
    } finally {
        await engine.close();
    }
}

/** Runs scan with command-line arguments; never throws. */
export async function scan(argv: string[], cwd = process.cwd(), defaultPack = projectRoot()): Promise<ScanOutcome> {
    try {
        return await run(parseArgs(argv), cwd, defaultPack);
    } catch (err) {
        if (err instanceof UserInputError) return { exitCode: 2, stdout: "", stderr: `scan: ${err.summary}\n` };
        if (err instanceof AnalyzerCallError) {
            // A policy threw or the pack died: not the user's input; the pack author needs the details.
            return { exitCode: 3, stdout: "", stderr: `scan: ${firstLine(err.message)}\n${err.details}\n${err.stderr ? `pack stderr:\n${err.stderr}\n` : ""}` };
        }
        const e = err instanceof Error ? err : new Error(String(err));
        return { exitCode: 3, stdout: "", stderr: `scan: internal error: ${firstLine(e.message)}\n${e.stack ?? ""}\n` };
    }
}
