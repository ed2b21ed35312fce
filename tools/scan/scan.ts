// scan: a program directory or a stack export in, policy findings out.
import * as fs from "fs";
import * as path from "path";
import { IN_FLIGHT, runAnalysis } from "../engine/analyze";
import { loadPolicyConfigFile, resolveConfig, type PolicyConfigFile } from "../engine/config";
import { AnalyzerCallError, PolicyPackEngine, type StackContext } from "../engine/engine";
import { UserInputError, firstLine } from "../engine/errors";
import type { EngineResource } from "../engine/types";
import { type Format, type ScanArgs, USAGE, parseArgs } from "./args";
import { type ColourStream, colourEnabled } from "./colour";
import { buildSelection, policyFilter, readBaseline, reportedFindings, toBaseline } from "./findings";
import { formatCodeQuality } from "./format-codequality";
import { formatJson } from "./format-json";
import { formatJunit } from "./format-junit";
import { formatSarif } from "./format-sarif";
import { formatText } from "./format-text";
import { formatHtml } from "../report/html";
import { formatList, listPolicies, packResourceTypes } from "./list";
import { type PackageInfo, readPackageInfo } from "./package-info";
import { prepareProgram, runProgram } from "./program";
import { type ProgressStream, startProgress } from "./progress";
import { gitTopLevel } from "./repo";
import { type ScanReport, type ScanTarget, TOOL_NAME, resolveFindings } from "./report";
import { readStackExport } from "./stack-export";
import { type Text, chunksOf, concatText, textOf } from "./write-all";

/**
 * Resources of a stack export analysed at once. An export has no program: no CLI run sends its
 * calls in an order to agree with, and each resource's findings depend on that resource alone
 * (the stack's are AnalyzeStack's, after all of them). One call is mostly the gRPC round trip;
 * with many in flight both processes batch their work (a 10,000-resource export's Analyze phase:
 * 20 s with 4, 11 s with 64, 10 s with 256, no gain past that: docs/performance.md). Findings
 * keep export order.
 */
export const EXPORT_IN_FLIGHT = 64;

export interface ScanOutcome {
    exitCode: 0 | 1 | 2 | 3;
    stdout: string;
    stderr: string;
}

/** A scan's outcome with its stdout still to be made, a piece at a time, as it is written (the CLI's). */
export interface StreamedOutcome extends Omit<ScanOutcome, "stdout"> {
    stdout: Text;
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

/**
 * The directory relative paths are resolved from: where the command was typed. Under
 * `npm run scan` npm runs the script from the package root and records the caller's directory in
 * INIT_CWD; anywhere else (the bin, node directly) that is the process's own cwd. INIT_CWD alone
 * is not trusted: a scan started from another npm script inherits it.
 */
export function invocationDir(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string {
    return env.npm_lifecycle_event === "scan" && env.INIT_CWD ? env.INIT_CWD : cwd;
}

interface Loaded {
    target: ScanTarget;
    resources: EngineResource[];
    warnings: string[];
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
        return [engine, { target, resources: program.resources, warnings: program.warnings }];
    }
    if (args.stack) throw new UserInputError(`--stack applies to program directories, not to the stack export ${args.target}`);
    const exported = readStackExport(absolute);
    const context = exported.project && exported.stack ? { project: exported.project, stack: exported.stack, dryRun: true } : undefined;
    const engine = await start(context);
    const target: ScanTarget = { kind: "stack-export", path: args.target, absolutePath: absolute, project: exported.project, stack: exported.stack };
    return [engine, { target, resources: exported.resources, warnings: [] }];
}

type Formatter = (report: ScanReport, ctx: { cwd: string; pkg: PackageInfo }) => Text;

const FORMATTERS: Record<Format, Formatter> = {
    text: (r, { cwd }) => formatText(r, cwd),
    json: (r) => formatJson(r),
    sarif: (r, { pkg }) => formatSarif(r, pkg),
    junitxml: (r) => formatJunit(r),
    codequality: (r) => formatCodeQuality(r),
    html: (r) => formatHtml(r),
};

const EXTENSIONS: Record<Format, string> = { text: "txt", json: "json", sarif: "sarif", junitxml: "xml", codequality: "json", html: "html" };
export const CONSOLE = "console";

export interface PlannedOutput {
    format: Format;
    /** Absolute file path, or CONSOLE for stdout. */
    to: string;
}

/**
 * Where each format goes. As in Checkov: one --output-file-path entry per format (same order,
 * "console" = stdout), or a single directory for several formats, receiving results_<format>.<ext>.
 * With one format, a single entry is the file — unless it is a directory or ends with a slash.
 */
export function planOutputs(formats: readonly Format[], outputFilePath: readonly string[] | undefined, cwd: string): PlannedOutput[] {
    if (!outputFilePath) return formats.map((format) => ({ format, to: CONSOLE }));
    const abs = (p: string): string => (p === CONSOLE ? CONSOLE : path.resolve(cwd, p));
    const [only, ...more] = outputFilePath;
    if (outputFilePath.length === formats.length) {
        const isDir = more.length === 0 && only !== undefined && only !== CONSOLE && (/[/\\]$/.test(only) || (fs.existsSync(abs(only)) && fs.statSync(abs(only)).isDirectory()));
        if (!isDir) return formats.map((format, i) => ({ format, to: abs(outputFilePath[i] ?? CONSOLE) }));
    }
    if (only !== undefined && more.length === 0 && only !== CONSOLE) {
        const dir = abs(only);
        return formats.map((format) => ({ format, to: path.join(dir, `results_${format}.${EXTENSIONS[format]}`) }));
    }
    throw new UserInputError(`--output-file-path has ${outputFilePath.length} entries for ${formats.length} formats (${formats.join(", ")}): give one per format, or one directory`);
}

function writeOutput(file: string, content: Text): void {
    let fd: number | undefined;
    try {
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fd = fs.openSync(file, "w");
        for (const chunk of chunksOf(content)) fs.writeSync(fd, chunk);
    } catch (err) {
        throw new UserInputError(`cannot write ${file} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
    } finally {
        if (fd !== undefined) fs.closeSync(fd);
    }
}

/** The terminal scan writes to, for colour and progress; tests pass their own. */
export interface ScanIo {
    stdout: ColourStream;
    stderr: ProgressStream;
    env: NodeJS.ProcessEnv;
}

const PROCESS_IO: ScanIo = { stdout: process.stdout, stderr: process.stderr, env: process.env };

async function list(args: ScanArgs, cwd: string, packDir: string): Promise<StreamedOutcome> {
    if (args.formats.some((f) => f !== "text" && f !== "json")) throw new UserInputError(`list prints text or json (got --format ${args.formats.join(",")})`);
    const config: PolicyConfigFile | undefined = args.config ? loadPolicyConfigFile(path.resolve(cwd, args.config)) : undefined;
    const engine = await PolicyPackEngine.start(packDir, { sdkResolution: "auto" });
    try {
        const info = await engine.getAnalyzerInfo();
        const resolved = resolveConfig(info, config ?? {});
        const policies = listPolicies(info, resolved, packResourceTypes(packDir), policyFilter(args, info.policies));
        const stdout = args.formats.map((f) => (f === "json" ? JSON.stringify({ pack: { name: info.name, version: info.version }, policies }, null, 2) + "\n" : formatList(info, policies))).join("");
        return { exitCode: 0, stdout, stderr: "" };
    } finally {
        await engine.close();
    }
}

async function run(args: ScanArgs, cwd: string, defaultPack: string, io: ScanIo): Promise<StreamedOutcome> {
    const pkg = readPackageInfo(projectRoot());
    if (args.command === "help") return { exitCode: 0, stdout: USAGE + "\n", stderr: "" };
    if (args.command === "version") return { exitCode: 0, stdout: `${TOOL_NAME} ${pkg.version}\n`, stderr: "" };
    const packDir = args.pack ? path.resolve(cwd, args.pack) : defaultPack;
    if (args.command === "list") return list(args, cwd, packDir);

    const outputs = planOutputs(args.formats, args.outputFilePath, cwd);
    const config: PolicyConfigFile | undefined = args.config ? loadPolicyConfigFile(path.resolve(cwd, args.config)) : undefined;
    const baseline = args.baseline ? readBaseline(path.resolve(cwd, args.baseline)) : undefined;
    const progress = startProgress(io.stderr);
    try {
        progress.phase(`loading ${args.target}`);
        const [engine, loaded] = await load(args, cwd, packDir);
        try {
            progress.phase(`analysing ${loaded.resources.length} resources`);
            // As the CLI: policies at level remediate always remediate; --remediate shows the changes.
            const onResource = (done: number, total: number): void =>
                done < total ? progress.update(`analysing resource ${done + 1} of ${total}`) : progress.phase(`checking the stack of ${total} resources`);
            const inFlight = loaded.target.kind === "stack-export" ? EXPORT_IN_FLIGHT : IN_FLIGHT;
            const analysis = await runAnalysis(engine, loaded.resources, { config, resourceTypes: packResourceTypes(packDir), onResource, inFlight });
            const report: ScanReport = {
                tool: { name: TOOL_NAME, version: pkg.version },
                pack: { name: analysis.info.name, version: analysis.info.version, dir: packDir },
                target: loaded.target,
                info: analysis.info,
                resources: analysis.resources,
                findings: analysis.findings,
                remediations: analysis.remediations,
                passed: analysis.passed,
                showRemediations: args.remediate,
                config: analysis.config,
                repoRoot: args.repoRoot ? path.resolve(cwd, args.repoRoot) : (gitTopLevel(loaded.target.absolutePath) ?? cwd),
                warnings: loaded.warnings,
            };
            const resolved = resolveFindings(report);
            const options = { check: args.check, skipCheck: args.skipCheck, softFail: args.softFail, softFailOn: args.softFailOn, hardFailOn: args.hardFailOn };
            const all = buildSelection(options, analysis.info.policies, resolved);
            // A new baseline holds every selected finding of this run, whether or not an old one listed it.
            if (args.createBaseline) writeOutput(path.resolve(cwd, args.createBaseline), JSON.stringify(toBaseline(resolved.filter(all.reported)), null, 2) + "\n");
            report.selectedPolicy = policyFilter(args, analysis.info.policies);
            report.selection = baseline ? buildSelection({ ...options, baseline }, analysis.info.policies, resolved) : all;
            const view = { lang: args.lang, quiet: args.quiet, compact: args.compact, sarifCategory: args.sarifCategory };
            const stdout: Text[] = [];
            const notes: string[] = [];
            for (const out of outputs) {
                const color = out.format === "text" && out.to === CONSOLE && colourEnabled(io.stdout, io.env, args.noColor);
                const text = FORMATTERS[out.format]({ ...report, view: { ...view, color } }, { cwd, pkg });
                if (out.to === CONSOLE) stdout.push(text);
                else {
                    writeOutput(out.to, text);
                    notes.push(`scan: wrote ${out.format} to ${path.relative(cwd, out.to) || out.to}\n`);
                }
            }
            const failing = reportedFindings(report).some((f) => f.fails);
            return { exitCode: failing ? 1 : 0, stdout: concatText(stdout), stderr: notes.join("") };
        } finally {
            await engine.close();
        }
    } finally {
        progress.stop();
    }
}

/**
 * Runs scan with command-line arguments; never throws. Its stdout is made as it is read, so a
 * report that fails to render fails when written: the CLI catches that (cli.ts).
 */
export async function scanStreamed(argv: string[], cwd = invocationDir(), defaultPack = projectRoot(), io: ScanIo = PROCESS_IO): Promise<StreamedOutcome> {
    try {
        return await run(parseArgs(argv), cwd, defaultPack, io);
    } catch (err) {
        return failed(err);
    }
}

/** Runs scan with command-line arguments, its stdout as one string; never throws. */
export async function scan(argv: string[], cwd = invocationDir(), defaultPack = projectRoot(), io: ScanIo = PROCESS_IO): Promise<ScanOutcome> {
    const outcome = await scanStreamed(argv, cwd, defaultPack, io);
    try {
        return { ...outcome, stdout: textOf(outcome.stdout) };
    } catch (err) {
        return { ...failed(err), stdout: "" };
    }
}

/** The outcome of a scan that threw: the user's input (2), or the pack's or scan's own failure (3). */
export function failed(err: unknown): ScanOutcome {
    if (err instanceof UserInputError) return { exitCode: 2, stdout: "", stderr: `scan: ${err.summary}\n` };
    if (err instanceof AnalyzerCallError) {
        // A policy threw or the pack died: not the user's input; the pack author needs the details.
        return { exitCode: 3, stdout: "", stderr: `scan: ${firstLine(err.message)}\n${err.details}\n${err.stderr ? `pack stderr:\n${err.stderr}\n` : ""}` };
    }
    const e = err instanceof Error ? err : new Error(String(err));
    return { exitCode: 3, stdout: "", stderr: `scan: internal error: ${firstLine(e.message)}\n${e.stack ?? ""}\n` };
}
