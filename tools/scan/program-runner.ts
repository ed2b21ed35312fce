// Child process of scan: runs a Pulumi program under @pulumi/pulumi's mocks with first-preview
// semantics and writes every RegisterResource request it made to a result file. A child, so that
// a program that throws, exits or hangs cannot take scan down. Stdout belongs to the program.
//
// Usage: node program-runner.js <spec.json>   (env: PULUMI_CONFIG, PULUMI_PROJECT, ... set by scan)
import * as fs from "fs";
import * as path from "path";
import { pathToFileURL } from "url";
import type { RegisterResourceOutputsRequest, RegisterResourceRequest, RegisterResourceResponse } from "@pulumi/pulumi/proto/resource_pb";
import type * as runtimeNs from "@pulumi/pulumi/runtime";
import type { SourcePosition } from "../engine/types";
import { childUrn } from "../engine/urn";
import { type CapturedResource, type RunnerResult, type RunnerSpec, programPlace } from "./capture";
import { answerLookup } from "./lookups";
import { esmEntry, isEsmProgram, pulumiSdkDir, registerTypeScript } from "./typescript";

// A real import(), which TypeScript would otherwise compile to require() in this CommonJS module.
// eslint-disable-next-line @typescript-eslint/no-implied-eval
const dynamicImport = new Function("u", "return import(u)") as (u: string) => Promise<Record<string, unknown>>;

/** The program's exports as the language host takes them: an ES module's default export, else its named ones. */
async function loadEntry(programDir: string, entry: string): Promise<unknown> {
    if (!isEsmProgram(programDir)) return require(entry) as unknown;
    const ns = await dynamicImport(pathToFileURL(esmEntry(entry)).href);
    if (Object.getOwnPropertyDescriptor(ns, "default") === undefined) return ns;
    if (Object.keys(ns).length !== 1) throw new Error("expected entrypoint module to have either a default export or named exports but not both");
    return ns.default;
}

type Runtime = typeof runtimeNs;
type Callback = (err: unknown, resp: RegisterResourceResponse | undefined) => void;
interface Monitor {
    registerResource(req: RegisterResourceRequest, cb: Callback): unknown;
    registerResourceOutputs(req: RegisterResourceOutputsRequest, cb: (err: unknown, resp: unknown) => void): unknown;
    newUrn?: (parent: string, type: string, name: string) => string;
}

let stage = "starting";
let spec: RunnerSpec | undefined;

function report(result: RunnerResult): void {
    if (spec) fs.writeFileSync(spec.resultFile, JSON.stringify(result));
    else process.stderr.write(`program runner: ${JSON.stringify(result)}\n`);
}

function setSpec(s: RunnerSpec): void {
    spec = s;
}

/** Node puts the place of a syntax error as the first line of its stack ("/dir/index.js:5"), not in the message. */
function withPlace(e: Error): string {
    const place = e instanceof SyntaxError ? /^(\/[^\n]+:\d+)\n/.exec(e.stack ?? "")?.[1] : undefined;
    return place ? `${e.message} (${spec ? path.relative(spec.programDir, place.replace(/^file:\/\//, "")) : place})` : e.message;
}

function fail(err: unknown): never {
    const e = err instanceof Error ? err : new Error(String(err));
    const place = e instanceof SyntaxError || !spec ? undefined : programPlace(e.stack, spec.programDir);
    report({ ok: false, error: { name: e.name, message: withPlace(e), stage, ...(place ? { place } : {}) } });
    process.exit(3);
}

function positionOf(pos: { getUri(): string; getLine(): number; getColumn(): number } | undefined): SourcePosition | undefined {
    return pos && pos.getUri() ? { uri: pos.getUri(), line: pos.getLine(), column: pos.getColumn() } : undefined;
}

/** Older SDKs lack some fields; read them only where the generated class has them. */
function framesOf(req: RegisterResourceRequest): SourcePosition[] {
    const first = typeof req.getSourceposition === "function" ? positionOf(req.getSourceposition()) : undefined;
    const trace = typeof req.getStacktrace === "function" ? req.getStacktrace() : undefined;
    const rest = (trace?.getFramesList() ?? []).map((f) => positionOf(f.getPc()));
    return [first, ...rest].filter((p): p is SourcePosition => p !== undefined);
}

function capture(req: RegisterResourceRequest): CapturedResource {
    const propertyDependencies: Record<string, string[]> = {};
    req.getPropertydependenciesMap().forEach((deps, prop) => {
        propertyDependencies[prop] = deps.getUrnsList();
    });
    return {
        urn: "",
        type: req.getType(),
        name: req.getName(),
        custom: req.getCustom(),
        remote: typeof req.getRemote === "function" && req.getRemote() ? true : undefined,
        parent: req.getParent(),
        // Raw wire form, exactly what the engine would receive: not the mocks' deserialised inputs.
        object: (req.getObject()?.toJavaScript() ?? {}),
        dependencies: req.getDependenciesList(),
        propertyDependencies,
        providerRef: req.getProvider(),
        version: req.getVersion(),
        protect: req.hasProtect() ? req.getProtect() : undefined,
        ignoreChanges: req.getIgnorechangesList(),
        additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
        aliases: req.getAliasurnsList(),
        deleteBeforeReplace: req.getDeletebeforereplacedefined() ? req.getDeletebeforereplace() : undefined,
        frames: framesOf(req),
    };
}

async function main(): Promise<void> {
    const [, , specFile = ""] = process.argv;
    const spec = JSON.parse(fs.readFileSync(specFile, "utf8")) as RunnerSpec;
    setSpec(spec);
    process.on("uncaughtException", fail);
    process.on("unhandledRejection", fail);
    // The language host runs programs from their directory.
    process.chdir(spec.programDir);

    stage = "loading @pulumi/pulumi";
    const pulumiDir = pulumiSdkDir(spec.programDir);
    if (spec.typescript) {
        stage = "registering TypeScript";
        registerTypeScript(pulumiDir, spec.programDir);
    }
    // waitForRPCs is exported but marked internal, so not in the typings.
    const runtime = require(path.join(pulumiDir, "runtime")) as Runtime & { waitForRPCs(): Promise<void> };

    // setMocks installs a MockMonitor (runtime/mocks) with setMockOptions and turns on the
    // monitor features that SDK version supports; preview = true gives first-preview semantics:
    // no ids, no outputs, so every output a program passes on is unknown.
    const captured: CapturedResource[] = [];
    const fallbackLookups = new Set<string>();
    const stackConfig = JSON.parse(process.env.PULUMI_CONFIG ?? "{}") as Record<string, string>;
    /** A lookup's provider config: the explicit provider's inputs, else the stack's `<package>:` keys. */
    const lookupConfig = (token: string, providerRef: string | undefined): Record<string, unknown> => {
        const pkg = token.split(":")[0];
        const explicit = providerRef ? captured.find((c) => c.urn !== "" && providerRef.startsWith(`${c.urn}::`)) : undefined;
        if (explicit) return explicit.object;
        const prefix = `${pkg}:`;
        return Object.fromEntries(Object.entries(stackConfig).filter(([k]) => k.startsWith(prefix)).map(([k, v]) => [k.slice(prefix.length), v]));
    };
    await runtime.setMocks(
        {
            newResource: () => ({ id: undefined as unknown as string, state: {} }),
            // Invokes cannot reach a cloud offline: one table answers them with fake values.
            call: ({ token, inputs, provider }) => {
                const { outputs, known } = answerLookup(token, lookupConfig(token, provider), (inputs ?? {}) as Record<string, unknown>);
                if (!known) fallbackLookups.add(token);
                return outputs;
            },
        },
        spec.project,
        spec.stack,
        true,
        spec.organization,
    );
    const monitor = runtime.getMonitor() as unknown as Monitor;
    if (typeof monitor.newUrn === "function") monitor.newUrn = (parent, type, name) => childUrn(spec.stack, spec.project, parent, type, name);
    const register = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req, cb) => {
        const entry = capture(req);
        captured.push(entry);
        return register(req, (err, resp) => {
            if (resp) entry.urn = resp.getUrn();
            cb(err, resp);
        });
    };

    // Components and the root stack register their outputs; the CLI's AnalyzeStack sends those.
    const registerOutputs = monitor.registerResourceOutputs.bind(monitor);
    monitor.registerResourceOutputs = (req, cb) => {
        const entry = captured.find((c) => c.urn === req.getUrn());
        if (entry) entry.outputs = (req.getOutputs()?.toJavaScript() ?? {});
        return registerOutputs(req, cb);
    };

    stage = "running the program";
    await runtime.runInPulumiStack(async () => {
        const exported = await loadEntry(spec.programDir, spec.entry);
        return exported instanceof Function ? await (exported as () => unknown)() : await exported;
    });
    // Registrations started by the program may still be in flight; wait for the RPC queue.
    stage = "waiting for registrations";
    await runtime.waitForRPCs();
    // The language host lets the event loop drain, so `beforeExit` handlers run and may register
    // more (@pulumi/aws creates bucket notifications there); emit it until nothing new comes.
    stage = "running beforeExit handlers";
    for (let round = 0; round < 10; round++) {
        const before = captured.length;
        process.emit("beforeExit", 0);
        await new Promise((resolve) => setImmediate(resolve));
        await runtime.waitForRPCs();
        if (captured.length === before) break;
    }
    await runtime.disconnect();
    report({ ok: true, resources: captured, fallbackLookups: [...fallbackLookups].sort() });
    process.exit(0);
}

main().catch(fail);
