// Each example stack, scanned through the offline engine (the real pack process, over gRPC),
// must produce exactly its expected findings; together the noncompliant examples must trigger
// every policy of the pack. An example with a policy-config.json is scanned with it (as its README
// previews it with --policy-pack-config); a row's `exemption` is the exemption the finding carries:
// tag or config when it holds, expired when it has lapsed.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { controls } from "../../policies";
import { expectedFindings as expected, type Row, sortRows } from "../helpers/expected";

const ROOT = path.resolve(__dirname, "..", "..");
const CLI = path.join(ROOT, "dist", "tools", "scan", "cli.js");
const EXAMPLES = ["aws-compliant", "aws-noncompliant", "alicloud-compliant", "alicloud-noncompliant"];

interface JsonFinding {
    policyName: string;
    enforcementLevel: string;
    urn?: string;
    resourceType?: string;
    resourceName?: string;
    exemption: { source: string; status: string } | null;
}

const scans = new Map<string, { status: number | null; rows: Row[]; stderr: string }>();

function scan(example: string) {
    let result = scans.get(example);
    if (!result) {
        const config = path.join(ROOT, "examples", example, "policy-config.json");
        const withConfig = fs.existsSync(config) ? ["--config", config] : [];
        const run = spawnSync(process.execPath, [CLI, path.join(ROOT, "examples", example), "--format", "json", ...withConfig], { encoding: "utf8", timeout: 180_000 });
        let rows: Row[] = [];
        if (run.stdout) {
            const out = JSON.parse(run.stdout) as { findings: JsonFinding[] };
            rows = out.findings.map((f) => ({
                policy: f.policyName,
                resource: f.urn && f.resourceType !== "pulumi:pulumi:Stack" ? `${f.resourceType}::${f.resourceName}` : "stack",
                level: f.enforcementLevel,
                ...(f.exemption ? { exemption: f.exemption.status === "active" ? f.exemption.source : f.exemption.status } : {}),
            }));
        }
        result = { status: run.status, rows, stderr: run.stderr };
        scans.set(example, result);
    }
    return result;
}

describe.each(EXAMPLES)("example %s", (example) => {
    it("produces exactly its expected findings", () => {
        const { rows, stderr } = scan(example);
        expect(stderr).not.toMatch(/^scan: /m);
        expect(sortRows(rows)).toEqual(sortRows(expected(example)));
    });

    it(`exits ${example.endsWith("-noncompliant") ? 1 : 0}`, () => {
        expect(scan(example).status).toBe(example.endsWith("-noncompliant") ? 1 : 0);
    });
});

describe("examples together", () => {
    it("trigger every policy of the pack at least once", () => {
        const triggered = new Set(EXAMPLES.filter((e) => e.endsWith("-noncompliant")).flatMap((e) => scan(e).rows.map((r) => r.policy)));
        const missing = controls.map((c) => c.metadata.name).filter((n) => !triggered.has(n));
        expect(missing).toEqual([]);
    });

    it("compliant examples have no mandatory finding", () => {
        for (const e of EXAMPLES.filter((x) => x.endsWith("-compliant"))) {
            expect(scan(e).rows.filter((r) => r.level === "mandatory"), e).toEqual([]);
        }
    });
});
