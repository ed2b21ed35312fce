// docs/configuration.md lists every config key of every policy with its default: this reads the
// doc's per-policy tables and compares them with the policies' JSON schemas.
import * as fs from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { controls } from "../../policies";

const DOC = fs.readFileSync(path.resolve(__dirname, "..", "..", "docs", "configuration.md"), "utf8");

interface Section {
    level?: string;
    rows: Map<string, { type: string; default: string }>;
}

/** `### \`policy\`` sections: the default level line and the table rows (key, type, default). */
export function parseSections(doc: string): Map<string, Section> {
    const sections = new Map<string, Section>();
    let current: Section | undefined;
    for (const line of doc.split("\n")) {
        const head = /^### `([a-z0-9-]+)`\s*$/.exec(line);
        if (head) {
            current = { rows: new Map() };
            sections.set(head[1]!, current);
            continue;
        }
        if (/^#{1,3} /.test(line)) current = undefined;
        if (!current) continue;
        const level = /^Default level: `([a-z]+)`/.exec(line);
        if (level) current.level = level[1];
        const row = /^\| `([A-Za-z0-9]+)` \| ([^|]+) \| `([^`]*)` \|/.exec(line);
        if (row) current.rows.set(row[1]!, { type: row[2]!.trim(), default: row[3]! });
    }
    return sections;
}

const sections = parseSections(DOC);

describe("docs/configuration.md", () => {
    it("has a section for every policy and none for a policy that does not exist", () => {
        expect([...sections.keys()].sort()).toEqual(controls.map((c) => c.metadata.name).sort());
    });

    describe.each(controls.map((c) => [c.metadata.name, c] as const))("%s", (name, c) => {
        const schema = (c.policy.configSchema?.properties ?? {}) as Record<string, { type: string; default: unknown }>;

        it("documents its default level", () => {
            expect(sections.get(name)?.level).toBe(c.metadata.enforcementLevel);
        });

        it("documents exactly its config keys", () => {
            expect([...(sections.get(name)?.rows.keys() ?? [])].sort()).toEqual(Object.keys(schema).sort());
        });

        it.each(Object.keys(schema).map((k) => [k]))("documents %s with its default and type", (key) => {
            const row = sections.get(name)?.rows.get(key);
            expect(row, `${name}.${key} missing from docs/configuration.md`).toBeDefined();
            expect(JSON.parse(row!.default), `${name}.${key} default`).toEqual(schema[key]!.default);
            expect(row!.type).toContain(schema[key]!.type === "array" ? "array" : schema[key]!.type);
        });
    });

    it("the parser notices a wrong default (the checks above can fail)", () => {
        const wrong = parseSections("### `p`\n\nDefault level: `advisory`.\n\n| key | type | default |\n|---|---|---|\n| `minimumRetentionDays` | integer | `90` | 1–3650 | x |\n");
        expect(JSON.parse(wrong.get("p")!.rows.get("minimumRetentionDays")!.default)).not.toEqual(180);
    });
});
