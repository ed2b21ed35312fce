// Every example under the real Pulumi CLI (`pulumi preview --policy-pack`, test providers, fully
// offline): the findings are exactly the example's expected-findings files, the ones the offline
// example tests use; the preview exits 1 on a noncompliant example and 0 on a compliant one; and
// scan's text output shows the same Policies section as the CLI.
import { describe, expect, it } from "vitest";
import { expectedFindings, sortRows } from "../helpers/expected";
import { cliRows, example, ownConfig, policiesSection, preview, scan } from "./helpers";

const EXAMPLES = ["aws-compliant", "aws-noncompliant", "alicloud-compliant", "alicloud-noncompliant"];

/** The pack line names where the pack was loaded from; that differs between the two by design. */
const withoutLocal = (lines: string[]): string[] => lines.map((l) => l.replace(/ \(local: [^)]*\)$/, " (local: …)"));

describe.each(EXAMPLES)("%s under pulumi preview", (name) => {
    const noncompliant = name.endsWith("-noncompliant");
    const config = ownConfig(name);
    const run = () => preview({ program: example(name), ...(config ? { policyPackConfigs: [config] } : {}) });

    it("reports exactly the expected findings", async () => {
        const result = await run();
        expect(cliRows(result)).toEqual(sortRows(expectedFindings(name)));
    });

    it(`exits ${noncompliant ? 1 : 0}`, async () => {
        const r = await run();
        expect(r.code).toBe(noncompliant ? 1 : 0);
        if (noncompliant) {
            // Mandatory findings fail the preview after every resource was analyzed, not at the first one.
            expect(r.stdout).toMatch(/pulumi:pulumi:Stack \(\S+\):\n\s+error: preview failed/);
            const analyzed = r.events.filter((e) => "policyAnalyzeSummaryEvent" in e).length;
            const planned = r.events.filter((e) => "resourcePreEvent" in e).length;
            expect(planned).toBeGreaterThan(20);
            expect(analyzed).toBe(planned);
        } else {
            expect(r.stdout).toMatch(/Resources:\n\s+\+ \d+ to create/);
        }
    });

    it("prints the Policies section that scan prints", async () => {
        const cli = policiesSection((await run()).stdout);
        expect(cli[1]).toMatch(noncompliant ? /^ {4}❌ china-compliance@v/ : /^ {4}✅ china-compliance@v/);
        const scanned = await scan([example(name), ...(config ? ["--config", config] : [])]);
        expect(withoutLocal(policiesSection(scanned.stdout))).toEqual(withoutLocal(cli));
    });
});
