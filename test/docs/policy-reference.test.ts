// docs/policies.md is generated from the policies' metadata (`npm run build && npm run docs`):
// it must match what the generator produces now, and name every policy with its settings.
import * as fs from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { controls } from "../../policies";
import { BASES, INSTRUMENTS } from "../../policies/shared/bases";
import { configProperties, kindOf, renderPolicyReference } from "../../tools/docs/policy-reference";

const FILE = path.resolve(__dirname, "..", "..", "docs", "policies.md");
const committed = fs.existsSync(FILE) ? fs.readFileSync(FILE, "utf8") : "";
const generated = renderPolicyReference(controls);

/** The markdown between a policy's heading and the next heading of the same level or above. */
function sectionOf(doc: string, name: string): string {
    const start = doc.indexOf(`\n### ${name}\n`);
    if (start < 0) return "";
    const next = doc.slice(start + 1).search(/\n##+ /);
    return next < 0 ? doc.slice(start) : doc.slice(start, start + 1 + next);
}

describe("docs/policies.md", () => {
    it("is up to date (regenerate with `npm run build && npm run docs`)", () => {
        // One boolean first, so a stale file fails with the instruction rather than a 1000-line diff.
        expect(committed === generated, "docs/policies.md is out of date: run `npm run build && npm run docs`").toBe(true);
    });

    it("indexes every policy at the top", () => {
        const index = generated.slice(0, generated.indexOf("\n## "));
        for (const c of controls) expect(index).toContain(`| [${c.metadata.name}](#${c.metadata.name}) |`);
    });

    describe.each(controls.map((c) => [c.metadata.name, c] as const))("%s", (name, c) => {
        const section = sectionOf(generated, name);

        it("has its own section with both languages", () => {
            expect(section).not.toBe("");
            for (const text of [c.metadata.description, c.metadata.zh.description, c.metadata.remediationSteps, c.metadata.zh.remediationSteps]) {
                expect(section).toContain(text);
            }
        });

        it("states category, severity, default level and kind", () => {
            expect(section).toContain(`| category · 类别 | ${c.metadata.category} ·`);
            expect(section).toContain(`| severity · 严重性 | ${c.metadata.severity} ·`);
            expect(section).toContain(`| default level · 默认级别 | ${c.metadata.enforcementLevel} ·`);
            expect(section).toContain(`| kind · 类型 | ${kindOf(c)} policy`);
        });

        it("lists every resource type, compliance basis and config key with its default", () => {
            for (const t of c.metadata.resourceTypes) expect(section).toContain(`\`${t}\``);
            for (const id of c.metadata.bases) expect(section).toContain(`- \`${id}\`: ${INSTRUMENTS[BASES[id].instrument].title.en}`);
            const props = configProperties(c);
            expect(Object.keys(props)).toContain("exemptResources");
            for (const [key, prop] of Object.entries(props)) {
                expect(section).toContain(`| \`${key}\` | `);
                expect(section).toContain(`| \`${JSON.stringify(prop.default)}\` |`);
            }
        });
    });

    it("names every instrument cited with its kind, version and where its text is published", () => {
        const table = generated.slice(generated.indexOf("## Instruments cited"), generated.indexOf("\n## ", generated.indexOf("## Instruments cited") + 1));
        for (const i of Object.values(INSTRUMENTS)) {
            expect(i.source.length).toBeGreaterThan(10);
            expect(table).toContain(`| ${i.title.en}<br>${i.title.zh} | ${i.kind} · `);
            expect(table).toContain(`| ${i.version} | ${i.source} |`);
        }
        // The standard is a compliance basis, not law.
        expect(table).toContain("| standard · 推荐性国家标准 |");
        expect(generated).not.toMatch(/legal basis|法律依据/);
    });

    it("describes bounds from the schema", () => {
        const retention = sectionOf(generated, "log-retention-minimum");
        expect(retention).toMatch(/\| `minimumRetentionDays` \| integer \| `180` \| 1–3650 \|/);
        const ports = sectionOf(generated, "no-internet-admin-ports");
        expect(ports).toMatch(/\| `restrictedPorts` \| array of integers \| `\[22,3389\]` \| at most 500 unique items; each 0–65535 \|/);
    });
});
