// The offline engine (scan) against the real CLI, call by call: a recording pack
// (test/fixtures/packs/probe-pack) writes down every request it gets, once under
// `pulumi preview` and once under scan, for a program with one of each thing the CLI treats
// specially (test/fixtures/programs/probe). The two records must be the same, but for:
// - the pack's environment: under the real CLI the Node language host sets it, and this harness
//   starts the pack through an executable shim instead (no language host here), so the engine
//   follows the language host's source for it (tools/engine/pulumi-env.ts);
// - the Handshake directories: the shim's directory under the CLI, the pack's under scan;
// - the order of resources: the CLI steps resources in the order their registrations reach it
//   (the SDK sends them concurrently) and takes AnalyzeStack's from a map; scan keeps the
//   program's order. Remediate-then-Analyze pairs are compared resource by resource.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, preview, scan } from "./helpers";

const PROGRAM = path.join(ROOT, "test", "fixtures", "programs", "probe");
const PACK = path.join(ROOT, "test", "fixtures", "packs", "probe-pack");
const TMP = fs.mkdtempSync(path.join(os.tmpdir(), "cli-agreement-"));

interface Call {
    method: string;
    urn?: string;
    [k: string]: unknown;
}

function read(file: string): Call[] {
    return fs
        .readFileSync(file, "utf8")
        .split("\n")
        .filter((l) => l !== "")
        .map((l) => JSON.parse(l) as Call);
}

const byUrn = (a: { urn?: string }, b: { urn?: string }): number => (a.urn ?? "").localeCompare(b.urn ?? "");

/** A record with the parts that differ by design (see the header) set aside. */
function normalised(calls: Call[]): Call[] {
    const perResource = (method: string): Call[] => calls.filter((c) => c.method === method).sort(byUrn);
    const framing = calls.filter((c) => c.method !== "remediate" && c.method !== "analyze");
    return [...framing, ...perResource("remediate"), ...perResource("analyze")].map((c) => {
        if (c.method === "start") return { method: "start", args: c.args };
        if (c.method === "handshake") return { method: "handshake", same: c.rootDirectory === c.programDirectory };
        if (c.method === "analyzeStack") {
            const resources = [...(c.resources as { urn: string }[])].sort(byUrn);
            return { ...c, resources };
        }
        return c;
    });
}

let cli: Call[] = [];
let offline: Call[] = [];

beforeAll(async () => {
    const cliLog = path.join(TMP, "cli.jsonl");
    const scanLog = path.join(TMP, "scan.jsonl");
    const run = await preview({ program: PROGRAM, pack: PACK, env: { PROBE_LOG: cliLog } });
    if (!fs.existsSync(cliLog)) throw new Error(`the probe pack recorded nothing under the CLI (exit ${run.code}): ${run.stderr.trim()}`);
    const scanned = await scan([PROGRAM, "--pack", PACK], { PROBE_LOG: scanLog });
    if (!fs.existsSync(scanLog)) throw new Error(`the probe pack recorded nothing under scan (exit ${scanned.code}): ${scanned.stderr.trim()}`);
    cli = read(cliLog);
    offline = read(scanLog);
});
afterAll(() => fs.rmSync(TMP, { recursive: true, force: true }));

describe("scan makes the calls the real CLI makes, with the same requests", () => {
    it("in the same order: Handshake, ConfigureStack, GetAnalyzerInfo, Configure, Remediate and Analyze per resource, AnalyzeStack", () => {
        expect(offline.map((c) => c.method)).toEqual(cli.map((c) => c.method));
        expect(cli.map((c) => c.method).slice(0, 5)).toEqual(["start", "handshake", "configureStack", "getAnalyzerInfo", "configure"]);
    });

    it("Remediate and Analyze for every resource, the root stack and default providers included", () => {
        const urns = (calls: Call[], method: string): string[] =>
            calls
                .filter((c) => c.method === method)
                .map((c) => c.urn ?? "")
                .sort();
        expect(urns(cli, "analyze")).toContain("urn:pulumi:dev::probe::pulumi:pulumi:Stack::probe-dev");
        expect(urns(cli, "analyze")).toContain("urn:pulumi:dev::probe::pulumi:providers:aws::default_7_48_0");
        expect(urns(offline, "analyze")).toEqual(urns(cli, "analyze"));
        expect(urns(offline, "remediate")).toEqual(urns(cli, "remediate"));
    });

    it("the same requests, field by field", () => {
        expect(normalised(offline)).toEqual(normalised(cli));
    });

    it("`__` keys reach Remediate only, at every depth", () => {
        const plain = (method: string): Call | undefined => cli.find((c) => c.method === method && c.name === "secretive");
        expect(JSON.stringify(plain("remediate")?.properties)).toContain("__inner");
        expect(JSON.stringify(plain("analyze")?.properties)).not.toContain("__");
        const provider = cli.find((c) => c.method === "remediate" && c.name === "northwest");
        expect(provider?.properties).toHaveProperty("__internal", {});
    });

    it("Configure fills top-level schema defaults only", () => {
        const configure = cli.find((c) => c.method === "configure") as { config: Record<string, { properties: unknown }> } | undefined;
        expect(configure?.config["probe-resource"]!.properties).toEqual({ threshold: 5 });
    });
});
