// Shared by the real-CLI tests: one `pulumi preview --policy-pack` per distinct setup (cached, so
// several tests read the same run), findings as rows from the CLI's engine events, and the
// compiled scan CLI for comparison.
import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import type { PreviewRun } from "../../tools/cli/preview";
import { runPreview, type PreviewOptions } from "../../tools/cli/run";
import { parseUrn } from "../../tools/engine/urn";
import { type Row, sortRows } from "../helpers/expected";

export const ROOT = path.resolve(__dirname, "..", "..");
export const SCAN = path.join(ROOT, "dist", "tools", "scan", "cli.js");
export const example = (name: string): string => path.join(ROOT, "examples", name);
export const exampleConfig = (name: string): string => path.join(ROOT, "examples", "config", `${name}.json`);

const previews = new Map<string, Promise<PreviewRun>>();

/** The preview for these options, run once per distinct options. */
export function preview(opts: PreviewOptions): Promise<PreviewRun> {
    const key = JSON.stringify(opts);
    let run = previews.get(key);
    if (!run) {
        run = runPreview(opts);
        previews.set(key, run);
    }
    return run;
}

interface PolicyEventPayload {
    resourceUrn?: string;
    policyName: string;
    enforcementLevel: string;
    severity?: string;
    message: string;
}

/** The payloads of one kind of engine event (`policyEvent`, `policyRemediationEvent`, ...), in order. */
export function eventsOf<T>(run: PreviewRun, kind: string): T[] {
    return run.events.flatMap((e) => {
        const payload = (e as unknown as Record<string, unknown>)[kind];
        return payload === undefined ? [] : [payload as T];
    });
}

export function policyEvents(run: PreviewRun): PolicyEventPayload[] {
    return eventsOf<PolicyEventPayload>(run, "policyEvent");
}

/** The CLI's findings as expected-findings rows: `<type>::<name>`, "stack" for the root stack. */
/**
 * The exemption a finding carries, read from the note the pack appends (the CLI has no other
 * channel for it): the same values scan's JSON gives (`tag`/`config` while it holds, else why not).
 */
export function exemptionOf(message: string): string | undefined {
    if (/\nExempted \(reported as advisory\) by the resource's compliance:exempt tag/.test(message)) return "tag";
    if (/\nExempted \(reported as advisory\) by policy config exemptResources/.test(message)) return "config";
    if (/\nExemption expired on /.test(message)) return "expired";
    if (/\nExemption ignored: /.test(message)) return "invalid-date";
    return undefined;
}

/** The example's own policy config (examples/<name>/policy-config.json), as its README previews it. */
export function ownConfig(name: string): string | undefined {
    const file = path.join(example(name), "policy-config.json");
    return fs.existsSync(file) ? file : undefined;
}

export function cliRows(run: PreviewRun): Row[] {
    return sortRows(
        policyEvents(run).map((p) => {
            const urn = p.resourceUrn ? parseUrn(p.resourceUrn) : undefined;
            const resource = !urn || urn.type === "pulumi:pulumi:Stack" ? "stack" : `${urn.type}::${urn.name}`;
            const exemption = exemptionOf(p.message ?? "");
            return { policy: p.policyName, resource, level: p.enforcementLevel, ...(exemption ? { exemption } : {}) };
        }),
    );
}

/** The `Policies:` section of the CLI's output, up to the next section. */
export function policiesSection(stdout: string): string[] {
    const lines = stdout.split("\n");
    const start = lines.indexOf("Policies:");
    if (start < 0) return [];
    const end = lines.findIndex((l, i) => i > start && l === "");
    return lines.slice(start, end < 0 ? undefined : end);
}

export interface ScanRun {
    code: number | null;
    stdout: string;
    stderr: string;
}

export function scan(args: string[], env: Record<string, string> = {}): Promise<ScanRun> {
    return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [SCAN, ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
        child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
        child.on("error", reject);
        child.on("close", (code) => resolve({ code, stdout, stderr }));
    });
}

interface ScanJson {
    findings: { policyName: string; enforcementLevel: string; resourceType: string; resourceName: string; stackLevel: boolean; message: string }[];
}

/** scan --format json, as rows. */
export async function scanRows(args: string[]): Promise<{ code: number | null; rows: Row[] }> {
    const r = await scan([...args, "--format", "json"]);
    if (!r.stdout) throw new Error(`scan ${args.join(" ")} printed nothing: ${r.stderr.trim()}`);
    const out = JSON.parse(r.stdout) as ScanJson;
    // The exemption as the CLI rows read it: from the pack's note in the message.
    const rows = out.findings.map((f) => {
        const exemption = exemptionOf(f.message);
        return {
            policy: f.policyName,
            resource: f.stackLevel || f.resourceType === "pulumi:pulumi:Stack" ? "stack" : `${f.resourceType}::${f.resourceName}`,
            level: f.enforcementLevel,
            ...(exemption ? { exemption } : {}),
        };
    });
    return { code: r.code, rows: sortRows(rows) };
}
