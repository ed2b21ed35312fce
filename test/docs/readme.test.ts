// The README must stay true to the code: the quick start's two commands, every policy in the
// "what it enforces" table, the configuration table against the real schemas, links that resolve,
// and a "reading a finding" excerpt that the scan really prints.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { controls } from "../../policies";
import { configProperties } from "../../tools/docs/policy-reference";

const ROOT = path.resolve(__dirname, "..", "..");
const README = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
const CLI = path.join(ROOT, "dist", "tools", "scan", "cli.js");

/** The markdown of one `## ` section. */
function section(title: string): string {
    const start = README.indexOf(`\n## ${title}\n`);
    if (start < 0) return "";
    const end = README.indexOf("\n## ", start + 1);
    return README.slice(start, end < 0 ? undefined : end);
}

function tableRows(markdown: string): string[][] {
    return markdown
        .split("\n")
        .filter((l) => l.startsWith("| ") && !l.startsWith("|---"))
        .slice(1)
        .map((l) =>
            l
                .slice(2, -2)
                .split(" | ")
                .map((c) => c.trim()),
        );
}

const codeSpans = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]);

describe("README.md", () => {
    it("starts with the two quick-start commands", () => {
        const commands = section("Quick start")
            .split("\n")
            .filter((l) => l.startsWith("npm "))
            .map((l) => l.replace(/\s+#.*$/, ""));
        expect(commands).toEqual(["npm ci && npm run scan -- examples/aws-noncompliant", "npm ci && npm test", "npm run test:cli"]);
    });

    it("names every policy of the pack, and only those, in what it enforces", () => {
        const named = tableRows(section("What it enforces")).flatMap((r) => codeSpans(r[2] ?? ""));
        expect([...named].sort()).toEqual(controls.map((c) => c.metadata.name).sort());
    });

    it("lists every config key with exactly the policies that take it and their default", () => {
        const rows = tableRows(section("Configuration"));
        const byKey = new Map<string, string[]>();
        for (const c of controls) {
            for (const key of Object.keys(configProperties(c))) byKey.set(key, [...(byKey.get(key) ?? []), c.metadata.name]);
        }
        expect(rows.map((r) => codeSpans(r[0]!)[0]).sort()).toEqual([...byKey.keys()].sort());
        for (const [keyCell, policiesCell, defaultCell] of rows) {
            const key = codeSpans(keyCell!)[0];
            const takers = byKey.get(key!) ?? [];
            if (policiesCell === "every policy") expect(takers, key).toHaveLength(controls.length);
            else expect(codeSpans(policiesCell!).sort(), key).toEqual([...takers].sort());
            // A default written as JSON must be the schema's; prose (the region list) is checked by its key's tests.
            const literal = codeSpans(defaultCell!)[0];
            let parsed: unknown;
            try {
                parsed = literal === undefined ? undefined : JSON.parse(literal);
            } catch {
                parsed = undefined;
            }
            if (parsed !== undefined) {
                for (const name of takers) {
                    const c = controls.find((x) => x.metadata.name === name);
                    expect(c && configProperties(c)[key!]!.default, `${key} on ${name}`).toEqual(parsed);
                }
            }
        }
    });

    it("links only to files that exist, including the docs it must point to", () => {
        const links = [...README.matchAll(/\]\(([^)#\s]+)(#[^)]*)?\)/g)].map((m) => m[1]).filter((l) => !/^[a-z]+:/.test(l!));
        expect(links.filter((l) => !fs.existsSync(path.join(ROOT, l!)))).toEqual([]);
        for (const doc of ["docs/policies.md", "docs/ci.md", "docs/org-wide.md", "docs/scan.md", "docs/configuration.md"]) expect(links).toContain(doc);
    });

    it("shows a finding exactly as the scan prints it (test/cli/readme.test.ts checks it against the real CLI)", () => {
        const block = /## Reading a finding[\s\S]*?```\n([\s\S]*?)```/.exec(README)?.[1] ?? "";
        // The pack line says where the pack was loaded from: ../.. from the example, . for scan.
        const local = (l: string): string => l.replace(/ \(local: [^)]*\)$/, " (local: …)");
        const shown = block.split("\n").filter((l) => l.trim() && l.trim() !== "...").map(local);
        expect(shown.length).toBeGreaterThan(4);
        const run = spawnSync(process.execPath, [CLI, path.join(ROOT, "examples", "aws-noncompliant")], { cwd: ROOT, encoding: "utf8", timeout: 180_000 });
        expect(run.status).toBe(1);
        const printed = new Set(run.stdout.split("\n").map(local));
        expect(shown.filter((l) => !printed.has(l))).toEqual([]);
    });
});
