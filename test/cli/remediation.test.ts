// Remediation under the real CLI, examples/config/remediate.json on aws-noncompliant: the
// remediated inputs the preview reports are the ones scan computes, and Analyze runs on them,
// so the remediated resources have no finding from the policy that fixed them.
import { describe, expect, it } from "vitest";
import { UNKNOWN } from "../../tools/engine/types";
import { expectedFindings } from "../helpers/expected";
import { cliRows, eventsOf, example, exampleConfig, preview, scan } from "./helpers";

interface RemediationEvent {
    resourceUrn: string;
    policyName: string;
    after: Record<string, unknown>;
}

/** scan shows an unknown value as "(unknown)"; the CLI's events carry the wire sentinel. */
function shown(v: unknown): unknown {
    if (v === UNKNOWN) return "(unknown)";
    if (Array.isArray(v)) return v.map(shown);
    if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, shown(x)]));
    return v;
}

describe("remediate.json on aws-noncompliant", () => {
    const opts = { program: example("aws-noncompliant"), policyPackConfigs: [exampleConfig("remediate")] };

    it("the preview's remediated inputs are scan's, resource by resource", async () => {
        const run = await preview(opts);
        const events = eventsOf<RemediationEvent>(run, "policyRemediationEvent");
        const cli = Object.fromEntries(events.map((e) => [e.resourceUrn, { policy: e.policyName, after: shown(e.after) }]));
        const scanned = JSON.parse((await scan([example("aws-noncompliant"), "--config", exampleConfig("remediate"), "--remediate", "--format", "json"])).stdout) as {
            remediations: { urn: string; policies: string[]; after: unknown }[];
        };
        const byScan = Object.fromEntries(scanned.remediations.map((r) => [r.urn, { policy: r.policies.join(","), after: r.after }]));
        expect(Object.keys(cli).length).toBeGreaterThan(0);
        expect(cli).toEqual(byScan);
    });

    it("Analyze sees the remediated inputs: the fixed resources lose the remediating policies' findings", async () => {
        const run = await preview(opts);
        const remediating = new Set(["log-retention-minimum", "no-public-buckets", "bucket-public-access-blocked"]);
        // An exempted resource is never remediated (its owner chose the setting): its finding stays, advisory.
        const before = expectedFindings("aws-noncompliant").filter((r) => remediating.has(r.policy) && r.exemption === undefined);
        expect(before.length).toBeGreaterThan(0);
        const after = cliRows(run).filter((r) => remediating.has(r.policy));
        expect(after.filter((r) => before.some((b) => b.resource === r.resource && b.policy === r.policy))).toEqual([]);
        expect(run.stdout).toMatch(/- \[remediate\] {2}log-retention-minimum {2}\(\d+ resources?\)/);
    });
});
