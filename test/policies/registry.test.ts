// Invariants every control must meet (docs/design.md, "Controls"): metadata complete, one category tag,
// framework tags, kebab-case unique names, config schemas with type, bounds and defaults.
import { describe, expect, it } from "vitest";
import { controls, policies } from "../../policies";
import { CATEGORIES } from "../../policies/shared/control";
import { BASES, INSTRUMENTS } from "../../policies/shared/bases";

const TOKEN = /^[a-z0-9-]+:[A-Za-z0-9/]+:[A-Za-z0-9]+$|^pulumi:providers:[a-z0-9-]+$/;

describe("policy registry", () => {
    it("exposes one policy per control", () => {
        expect(policies).toHaveLength(controls.length);
        expect(controls.length).toBeGreaterThan(0);
    });

    it("has unique kebab-case names", () => {
        const names = controls.map((c) => c.metadata.name);
        expect(new Set(names).size).toBe(names.length);
        for (const n of names) expect(n).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    });

    describe.each(controls.map((c) => [c.metadata.name, c] as const))("%s", (_name, c) => {
        const p = c.policy;
        it("declares description, severity, level, framework and remediation steps", () => {
            expect(p.description.length).toBeGreaterThan(20);
            expect(["low", "medium", "high", "critical"]).toContain(p.severity);
            expect(["advisory", "mandatory", "remediate", "disabled"]).toContain(p.enforcementLevel);
            expect(p.framework?.name).toBeTruthy();
            expect(p.framework?.reference).toBeTruthy();
            expect(p.remediationSteps?.length ?? 0).toBeGreaterThan(20);
        });

        it("gives its description and remediation steps in Chinese too (for docs/policies.md)", () => {
            const zh = c.metadata.zh as Partial<typeof c.metadata.zh> | undefined;
            const pairs = [
                [zh?.description, c.metadata.description],
                [zh?.remediationSteps, c.metadata.remediationSteps],
            ] as const;
            for (const [text, english] of pairs) {
                expect(text?.trim()).toBeTruthy();
                expect(text).not.toBe(english);
                // Written in Chinese, not an English text with a word or two of Chinese: identifiers
                // stay in Latin letters, but the sentences around them are Han characters.
                expect((text?.match(/\p{Script=Han}/gu) ?? []).length, text).toBeGreaterThanOrEqual(10);
            }
        });

        it("is tagged with exactly its category, one tag per instrument it cites, and each basis id", () => {
            const tags = p.tags ?? [];
            expect(tags.filter((t) => (CATEGORIES as readonly string[]).includes(t))).toEqual([c.metadata.category]);
            const instrumentTags = new Set<string>(Object.values(INSTRUMENTS).map((i) => i.tag));
            const frameworks = tags.filter((t) => instrumentTags.has(t));
            expect(frameworks.length).toBeGreaterThan(0);
            expect(new Set(frameworks)).toEqual(new Set(c.metadata.bases.map((id) => INSTRUMENTS[BASES[id].instrument].tag)));
            // Basis ids as tags let SARIF and JSON consumers group findings by clause.
            for (const id of c.metadata.bases) expect(tags).toContain(id);
            expect(new Set(tags).size).toBe(tags.length);
            expect(tags).toEqual([...new Set([c.metadata.category, ...frameworks, ...c.metadata.bases])]);
        });

        it("cites known bases, at least one GB/T 22239-2019 clause and at least one law or regulation", () => {
            expect(c.metadata.bases.length).toBeGreaterThan(0);
            for (const id of c.metadata.bases) expect(Object.keys(BASES)).toContain(id);
            const kinds = c.metadata.bases.map((id) => INSTRUMENTS[BASES[id].instrument].kind);
            expect(kinds).toContain("standard");
            expect(kinds.some((k) => k === "law" || k === "regulation")).toBe(true);
        });

        it("lists the type tokens it reads", () => {
            expect(c.metadata.resourceTypes.length).toBeGreaterThan(0);
            for (const t of c.metadata.resourceTypes) expect(t).toMatch(TOKEN);
        });

        it("gives every config property a type, a default and, for numbers, bounds", () => {
            const props = (p.configSchema?.properties ?? {}) as Record<string, Record<string, unknown>>;
            for (const [key, prop] of Object.entries(props)) {
                expect(prop.type, key).toBeTruthy();
                expect(prop.default, key).toBeDefined();
                expect(prop.description, key).toBeTruthy();
                if (prop.type === "integer") {
                    expect(typeof prop.minimum, key).toBe("number");
                    expect(typeof prop.maximum, key).toBe("number");
                }
            }
            expect(Object.keys(props)).not.toContain("enforcementLevel");
        });
    });
});
