// Runs a policy pack the way the Pulumi CLI does and speaks the Analyzer protocol to it.
import { type ChildProcess, spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import type * as grpc from "@grpc/grpc-js";
import type * as analyzerGrpc from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import type * as analyzerPb from "@pulumi/pulumi/proto/analyzer_pb";
import * as yaml from "js-yaml";
import { trackChild } from "./children";
import { Converter } from "./convert";
import { PackStartError } from "./errors";
import { policyPackEnv, type StackIdentityEnv } from "./pulumi-env";
import { loadSdk, type Sdk, type SdkResolution } from "./sdk";
import type { AnalyzerInfo, EngineResource, Finding, RemediationResult, ResolvedConfig } from "./types";

/**
 * run-policy-pack shifts its first argument (the engine address) off and never uses it; policy
 * packs do not call back into the engine. A placeholder keeps the argument positions the CLI uses.
 */
export const ENGINE_ADDRESS_PLACEHOLDER = "127.0.0.1:0";

const STDERR_TAIL_LINES = 40;
/** The CLI lifts gRPC's 4 MB default; stack requests of large stacks exceed it. */
const MAX_MESSAGE_BYTES = 400 * 1024 * 1024;

/** What the CLI knows about the stack being previewed; passed to the pack as env and ConfigureStack. */
export interface StackContext extends StackIdentityEnv {
    tags?: Record<string, string>;
}

export interface StartOptions {
    /** How long to wait for the pack to print its port (default 60 s). */
    startTimeoutMs?: number;
    /** Deadline of each gRPC call (default 120 s). */
    callTimeoutMs?: number;
    /** Where @pulumi/pulumi is found; see SdkResolution. Default "pack", as the CLI. */
    sdkResolution?: SdkResolution;
    /** The stack the pack analyzes; without it the pack gets no stack env and no ConfigureStack. */
    stack?: StackContext;
    /** Extra environment for the pack process. */
    env?: NodeJS.ProcessEnv;
}

/** Requests go out as bytes the converter built (convert.ts: a provider is encoded once); gRPC sends a Buffer as it is. */
const asBuffer = (b: Uint8Array): Buffer => Buffer.from(b.buffer, b.byteOffset, b.byteLength);

/** Colour codes Node adds to stack traces when it thinks stderr is a terminal. */
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, "g");

/** The last `lines` lines of a process's output, without colour codes. */
export function tail(text: string, lines = STDERR_TAIL_LINES): string {
    return text.replace(ANSI, "").trim().split(/\r?\n/).slice(-lines).join("\n");
}

/** Reads `version` from PulumiPolicy.yaml; the CLI prefers it to the version the pack reports. */
export function readPolicyYamlVersion(packDir: string): string | undefined {
    const file = path.join(packDir, "PulumiPolicy.yaml");
    if (!fs.existsSync(file)) return undefined;
    const doc = yaml.load(fs.readFileSync(file, "utf8"));
    const version = typeof doc === "object" && doc !== null ? (doc as Record<string, unknown>).version : undefined;
    return typeof version === "string" && version !== "" ? version : undefined;
}

/** PulumiPolicy.yaml's `runtime.options.typescript`; the language host's default is on. */
function policyYamlTypescript(packDir: string): boolean {
    const file = path.join(packDir, "PulumiPolicy.yaml");
    if (!fs.existsSync(file)) return true;
    const doc = yaml.load(fs.readFileSync(file, "utf8")) as { runtime?: { options?: { typescript?: unknown } } } | undefined;
    return doc?.runtime?.options?.typescript !== false;
}

interface Spawned {
    child: ChildProcess;
    port: number;
    stderr: () => string;
    /** Everything the pack wrote on stdout up to and including the port line. */
    stdout: string;
}

/** Spawns run-policy-pack and waits for the first stdout line, which must be the port. */
function spawnPack(sdk: Sdk, packDir: string, opts: StartOptions): Promise<Spawned> {
    const timeoutMs = opts.startTimeoutMs ?? 60_000;
    const child = spawn(process.execPath, [sdk.runPolicyPack, ENGINE_ADDRESS_PLACEHOLDER, packDir], {
        cwd: packDir,
        env: { ...process.env, ...(opts.stack ? policyPackEnv(opts.stack, policyYamlTypescript(packDir)) : {}), ...opts.env },
        stdio: ["ignore", "pipe", "pipe"],
    });
    trackChild(child);
    let stderr = "";
    child.stderr?.setEncoding("utf8");
    child.stderr?.on("data", (chunk: string) => {
        stderr += chunk;
        // Keep memory bounded for chatty packs; only the tail is ever shown.
        if (stderr.length > 256 * 1024) stderr = stderr.slice(-128 * 1024);
    });
    const stderrTail = (): string => tail(stderr);

    // "close" comes after the process has exited and its stdio has drained.
    const closed = new Promise<void>((resolve) => child.once("close", () => resolve()));
    return new Promise<Spawned>((resolve, reject) => {
        let stdout = "";
        let settled = false;
        const fail = (reason: string, spawnFailed = false): void => {
            if (settled) return;
            settled = true;
            clearTimeout(timer);
            if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
            // Reject once the process is gone and stderr is complete, so the error carries what
            // the pack said and no process outlives the failed start.
            const done = (): void => reject(new PackStartError(reason, stderrTail(), child.pid));
            if (spawnFailed) done();
            else void closed.then(done);
        };
        const timer = setTimeout(
            () => fail(`policy pack ${packDir} did not print its port within ${Math.round(timeoutMs / 1000)} s`),
            timeoutMs,
        );
        child.on("error", (err) => fail(`cannot start policy pack ${packDir}: ${err.message}`, true));
        child.once("exit", (code, signal) =>
            fail(`policy pack ${packDir} exited (${signal ?? `code ${code}`}) before printing its port`),
        );
        child.stdout?.setEncoding("utf8");
        child.stdout?.on("data", (chunk: string) => {
            if (settled) return; // after the port the pack's stdout is drained and ignored
            stdout += chunk;
            const nl = stdout.indexOf("\n");
            if (nl < 0) return;
            const line = stdout.slice(0, nl).trim();
            if (!/^\d+$/.test(line)) {
                fail(`policy pack ${packDir} printed ${JSON.stringify(line)} on stdout before its port`);
                return;
            }
            settled = true;
            clearTimeout(timer);
            resolve({ child, port: Number(line), stderr: stderrTail, stdout: stdout.slice(0, nl + 1) });
        });
    });
}

/** A running policy pack and a client for it. Always close() it. */
export class PolicyPackEngine {
    private info?: AnalyzerInfo;
    private closed = false;
    /** What the pack printed on stdout before and with its port, verbatim (the CLI allows nothing before the port). */
    startupStdout = "";

    private constructor(
        readonly packDir: string,
        readonly port: number,
        private readonly sdk: Sdk,
        private readonly child: ChildProcess,
        private readonly client: analyzerGrpc.AnalyzerClient,
        private readonly convert: Converter,
        private readonly callTimeoutMs: number,
        private readonly versionOverride: string | undefined,
        readonly stderr: () => string,
    ) {}

    /** Starts the pack, connects, and sends ConfigureStack when a stack is given (as the CLI). */
    static async start(packDir: string, opts: StartOptions = {}): Promise<PolicyPackEngine> {
        const dir = path.resolve(packDir);
        if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
            throw new PackStartError(`policy pack directory ${dir} does not exist`, "");
        }
        const sdk = loadSdk(dir, opts.sdkResolution ?? "pack");
        const spawned = await spawnPack(sdk, dir, opts);
        const client = new sdk.rpc.AnalyzerClient(`127.0.0.1:${spawned.port}`, sdk.grpc.credentials.createInsecure(), {
            "grpc.max_receive_message_length": MAX_MESSAGE_BYTES,
            "grpc.max_send_message_length": MAX_MESSAGE_BYTES,
        });
        const engine = new PolicyPackEngine(
            dir,
            spawned.port,
            sdk,
            spawned.child,
            client,
            new Converter(sdk),
            opts.callTimeoutMs ?? 120_000,
            readPolicyYamlVersion(dir),
            spawned.stderr,
        );
        engine.startupStdout = spawned.stdout;
        try {
            await engine.handshake();
            if (opts.stack) await engine.configureStack(opts.stack);
        } catch (err) {
            await engine.close();
            throw err;
        }
        return engine;
    }

    private unary<Res>(method: string, invoke: (opts: Partial<grpc.CallOptions>, cb: (err: grpc.ServiceError | null, res?: Res) => void) => void): Promise<Res> {
        if (this.closed) return Promise.reject(new Error(`${method}: the policy pack engine is closed`));
        return new Promise<Res>((resolve, reject) => {
            invoke({ deadline: Date.now() + this.callTimeoutMs }, (err, res) => {
                if (err) reject(new AnalyzerCallError(method, err.details || err.message, tail(this.stderr()), err.code));
                else if (res === undefined) reject(new AnalyzerCallError(method, "no response message", tail(this.stderr())));
                else resolve(res);
            });
        });
    }

    /** A unary call whose request the converter already encoded; the response is decoded as the generated client would. */
    private sendBytes<Res>(label: string, name: "analyze" | "analyzeStack" | "remediate", bytes: Uint8Array): Promise<Res> {
        const method = this.sdk.rpc.AnalyzerService[name];
        return this.unary<Res>(label, (o, cb) => this.client.makeUnaryRequest(method.path, asBuffer, method.responseDeserialize as (b: Buffer) => Res, bytes, new this.sdk.grpc.Metadata(), o, cb));
    }

    /**
     * Handshake, as the CLI opens every analyzer: the root and program directories are the pack's.
     * A pack that does not implement it is fine (the CLI falls back the same way).
     */
    async handshake(): Promise<void> {
        const req = new this.sdk.analyzer.AnalyzerHandshakeRequest();
        req.setEngineAddress(ENGINE_ADDRESS_PLACEHOLDER);
        req.setRootDirectory(this.packDir);
        req.setProgramDirectory(this.packDir);
        try {
            await this.unary("Handshake", (o, cb) => this.client.handshake(req, new this.sdk.grpc.Metadata(), o, cb));
        } catch (err) {
            if (!(err instanceof AnalyzerCallError && err.code === this.sdk.grpc.status.UNIMPLEMENTED)) throw err;
        }
    }

    async configureStack(stack: StackContext): Promise<void> {
        const req = new this.sdk.analyzer.AnalyzerStackConfigureRequest();
        req.setStack(stack.stack);
        req.setProject(stack.project);
        req.setOrganization(stack.organization ?? "");
        req.setDryRun(stack.dryRun ?? true);
        for (const [k, v] of Object.entries(stack.config ?? {})) req.getConfigMap().set(k, v);
        req.setConfigSecretKeysList(stack.configSecretKeys ?? []);
        for (const [k, v] of Object.entries(stack.tags ?? {})) req.getTagsMap().set(k, v);
        await this.unary("ConfigureStack", (o, cb) => this.client.configureStack(req, new this.sdk.grpc.Metadata(), o, cb));
    }

    /** GetAnalyzerInfo, cached as the CLI caches it. */
    async getAnalyzerInfo(): Promise<AnalyzerInfo> {
        if (!this.info) {
            const msg = await this.unary<analyzerPb.AnalyzerInfo>("GetAnalyzerInfo", (o, cb) =>
                this.client.getAnalyzerInfo(new this.sdk.empty.Empty(), new this.sdk.grpc.Metadata(), o, cb),
            );
            this.info = this.convert.analyzerInfo(msg, this.versionOverride);
        }
        return this.info;
    }

    /** Configure with config already resolved (validated, defaults filled): see config.ts. */
    async configure(config: ResolvedConfig, passThrough: ResolvedConfig = {}): Promise<void> {
        const req = this.convert.configureRequest({ ...passThrough, ...config });
        await this.unary("Configure", (o, cb) => this.client.configure(req, new this.sdk.grpc.Metadata(), o, cb));
        // The CLI updates its cached policy levels after Configure; reports then show the level in force.
        if (this.info) {
            this.info = {
                ...this.info,
                policies: this.info.policies.map((p) => ({ ...p, enforcementLevel: config[p.name]?.enforcementLevel ?? p.enforcementLevel })),
            };
        }
    }

    /** Analyze one resource; findings without a URN of their own get the resource's. */
    async analyze(resource: EngineResource): Promise<Finding[]> {
        const info = await this.getAnalyzerInfo();
        const res = await this.sendBytes<analyzerPb.AnalyzeResponse>(`Analyze(${resource.urn})`, "analyze", this.convert.analyzeRequestBytes(resource));
        return res.getDiagnosticsList().map((d) => this.convert.finding(d, info, resource.urn));
    }

    /** AnalyzeStack over all resources; a finding without a URN is about the stack itself. */
    async analyzeStack(resources: EngineResource[]): Promise<Finding[]> {
        const info = await this.getAnalyzerInfo();
        // Sent as bytes built one resource at a time (convert.ts); the pack receives the same message.
        const res = await this.sendBytes<analyzerPb.AnalyzeResponse>("AnalyzeStack", "analyzeStack", this.convert.analyzeStackRequestBytes(resources));
        return res.getDiagnosticsList().map((d) => this.convert.finding(d, info));
    }

    /** Remediate one resource; each result's properties are the resource after that policy. */
    async remediate(resource: EngineResource): Promise<RemediationResult[]> {
        const info = await this.getAnalyzerInfo();
        const res = await this.sendBytes<analyzerPb.RemediateResponse>(`Remediate(${resource.urn})`, "remediate", this.convert.analyzeRequestBytes(resource, true));
        return res.getRemediationsList().map((r) => this.convert.remediation(r, info));
    }

    /** Shuts the pack down: SIGTERM, then SIGKILL if it has not exited within `graceMs`. */
    async close(graceMs = 3000): Promise<void> {
        if (this.closed) return;
        this.closed = true;
        this.client.close();
        const child = this.child;
        if (child.exitCode !== null || child.signalCode !== null) return;
        const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
        await exited;
        clearTimeout(timer);
    }

    /** The pack process id, for diagnostics and tests. */
    get pid(): number | undefined {
        return this.child.pid;
    }
}

/** A gRPC call to the pack failed: a policy threw, or the pack died. Not the user's input. */
export class AnalyzerCallError extends Error {
    constructor(
        readonly method: string,
        readonly details: string,
        readonly stderr: string,
        /** The gRPC status code, when the call got one. */
        readonly code?: number,
    ) {
        super(`policy pack call ${method} failed: ${details}`);
        this.name = "AnalyzerCallError";
    }
}
