// Runs `pulumi preview --policy-pack …` with the real Pulumi CLI on one program directory, through
// the Automation API: the Node.js language host (pulumi-language-nodejs) is a module of its own
// that the Go module proxy does not serve, so the program runs inline in this process and the CLI
// reaches it over --client. Everything else is the CLI's own: plugins, analyzers, policy output.
//
// Usage: node preview.js <spec.json>   (run it with the environment of sandbox.ts)
import * as fs from "fs";
import * as path from "path";
import type * as automation from "@pulumi/pulumi/automation";
import { prepareProgram } from "../scan/program";
import { pulumiSdkDir, registerTypeScript } from "../scan/typescript";

export interface PreviewSpec {
    /** The program directory (Pulumi.yaml, Pulumi.<stack>.yaml). */
    program: string;
    stack?: string;
    policyPacks: string[];
    policyPackConfigs?: string[];
    /** Directory holding bin/pulumi. */
    pulumiRoot: string;
    /** Extra stack config, namespaced keys; secret values are stored encrypted, as `pulumi config set --secret`. */
    config?: Record<string, { value: string; secret?: boolean }>;
    /** Where the result (PreviewRun) is written. */
    result: string;
}

export interface PreviewRun {
    /** Exit code of `pulumi preview`. */
    code: number;
    stdout: string;
    stderr: string;
    /** The engine events of the run, as the CLI wrote them to its event log. */
    events: automation.EngineEvent[];
    /** The CLI's version, as it reports itself. */
    cliVersion: string;
}

/** What the Automation API throws when the CLI exits non-zero: the execa error, with the real exit code, inside. */
interface CommandFailure {
    commandResult?: { code: number; stdout: string; stderr: string; err?: { exitCode?: number; stdout?: string; stderr?: string } };
}

async function run(spec: PreviewSpec): Promise<PreviewRun> {
    const target = prepareProgram(spec.program, spec.stack);
    const pulumiDir = pulumiSdkDir(target.project.dir);
    const auto = require(path.join(pulumiDir, "automation")) as typeof automation;
    if (target.project.typescript) registerTypeScript(pulumiDir, target.project.dir);

    const pulumiCommand = await auto.PulumiCommand.get({ root: spec.pulumiRoot, skipVersionCheck: true });
    // A work directory of its own: creating a stack with the passphrase provider writes an
    // encryption salt into Pulumi.<stack>.yaml, and the examples' files must stay as they are.
    const workDir = fs.mkdtempSync(path.join(process.env.TMPDIR ?? "/tmp", "preview-work-"));
    const ws = await auto.LocalWorkspace.create({
        workDir,
        pulumiCommand,
        secretsProvider: "passphrase",
        projectSettings: { name: target.project.name, runtime: "nodejs" },
        program: async () => {
            // The language host runs programs from their own directory.
            process.chdir(target.project.dir);
            const exported: unknown = require(target.entry);
            const outputs: unknown = exported instanceof Function ? await (exported as () => unknown)() : await exported;
            return (outputs ?? undefined) as Record<string, unknown> | undefined;
        },
    });
    const stack = await auto.Stack.create(target.stack.name, ws);
    const config: automation.ConfigMap = {};
    for (const [key, value] of Object.entries(target.stack.config)) config[key] = { value, secret: target.stack.secretKeys.includes(key) };
    for (const [key, value] of Object.entries(spec.config ?? {})) config[key] = { value: value.value, secret: value.secret ?? false };
    await stack.setAllConfig(config);

    const events: automation.EngineEvent[] = [];
    const cliVersion = pulumiCommand.version?.toString() ?? "unknown";
    try {
        const res = await stack.preview({
            policyPacks: spec.policyPacks,
            policyPackConfigs: spec.policyPackConfigs,
            color: "never",
            onEvent: (e) => events.push(e),
        });
        return { code: 0, stdout: res.stdout, stderr: res.stderr, events, cliVersion };
    } catch (err) {
        const result = (err as CommandFailure).commandResult;
        const exec = result?.err;
        if (!result || typeof exec?.exitCode !== "number") throw err;
        return { code: exec.exitCode, stdout: exec.stdout ?? "", stderr: exec.stderr ?? "", events, cliVersion };
    } finally {
        fs.rmSync(workDir, { recursive: true, force: true });
    }
}

async function main(): Promise<void> {
    const [, , specFile = ""] = process.argv;
    const spec = JSON.parse(fs.readFileSync(specFile, "utf8")) as PreviewSpec;
    const result = await run(spec);
    fs.writeFileSync(spec.result, JSON.stringify(result));
    // Inline programs leave the language server and gRPC handles open.
    process.exit(0);
}

if (require.main === module) {
    main().catch((err: unknown) => {
        process.stderr.write(`preview harness: ${err instanceof Error ? err.message : String(err)}\n`);
        process.exit(2);
    });
}
