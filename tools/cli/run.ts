// Runs one `pulumi preview --policy-pack` under the real CLI in a fresh offline sandbox and
// returns what the CLI printed, its exit code and its engine events. For the real-CLI tests.
import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import type { PreviewRun, PreviewSpec } from "./preview";
import { createSandbox, DIST_CLI } from "./sandbox";

export const PULUMI_CLI_VERSION = "3.274.1";

/** Where build-pulumi.sh puts the CLI; the directory holds bin/pulumi. */
export function pulumiRoot(env: NodeJS.ProcessEnv = process.env): string {
    const base = env.CHINA_COMPLIANCE_CACHE ?? path.join(env.XDG_CACHE_HOME ?? path.join(env.HOME ?? "/tmp", ".cache"), "china-compliance");
    return path.join(base, `pulumi-${env.PULUMI_CLI_VERSION ?? PULUMI_CLI_VERSION}`);
}

export interface PreviewOptions {
    program: string;
    /** Policy pack directory (default: this project). */
    pack?: string;
    policyPackConfigs?: string[];
    stack?: string;
    config?: PreviewSpec["config"];
    /** Extra environment for the CLI and the pack (e.g. PROBE_LOG). */
    env?: Record<string, string>;
    timeoutMs?: number;
}

const PREVIEW_JS = path.join(DIST_CLI, "preview.js");

export async function runPreview(opts: PreviewOptions): Promise<PreviewRun> {
    const root = pulumiRoot();
    if (!fs.existsSync(path.join(root, "bin", "pulumi"))) throw new Error(`no Pulumi CLI at ${root}/bin/pulumi: run tools/cli/build-pulumi.sh`);
    const sandbox = createSandbox(opts.pack);
    try {
        const spec: PreviewSpec = {
            program: path.resolve(opts.program),
            stack: opts.stack,
            policyPacks: [sandbox.policyPack],
            policyPackConfigs: opts.policyPackConfigs?.map((f) => path.resolve(f)),
            pulumiRoot: root,
            config: opts.config,
            result: path.join(sandbox.dir, "result.json"),
        };
        const specFile = path.join(sandbox.dir, "spec.json");
        fs.writeFileSync(specFile, JSON.stringify(spec));
        const timeoutMs = opts.timeoutMs ?? 240_000;
        const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
            const child = spawn(process.execPath, [PREVIEW_JS, specFile], { env: { ...sandbox.env, ...opts.env }, stdio: ["ignore", "ignore", "pipe"] });
            let err = "";
            child.stderr.on("data", (c: Buffer) => (err = (err + c.toString("utf8")).slice(-16_384)));
            const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
            child.on("error", reject);
            child.on("close", (c) => {
                clearTimeout(timer);
                resolve({ code: c, stderr: err });
            });
        });
        if (!fs.existsSync(spec.result)) throw new Error(`preview harness exited (code ${code}) without a result: ${stderr.trim().split("\n").pop() ?? ""}`);
        return JSON.parse(fs.readFileSync(spec.result, "utf8")) as PreviewRun;
    } finally {
        sandbox.dispose();
    }
}
