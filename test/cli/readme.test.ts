// README.md's "Reading a finding" block is real output of `pulumi preview --policy-pack` on
// examples/aws-noncompliant: every line it shows is a line the real CLI prints (the pack line
// up to where the pack was loaded from).
import * as fs from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { ROOT, example, preview } from "./helpers";

const README = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
const local = (l: string): string => l.replace(/ \(local: [^)]*\)$/, " (local: …)");

describe("README's Reading a finding", () => {
    it("shows lines the real CLI prints", async () => {
        const block = /## Reading a finding[\s\S]*?```\n([\s\S]*?)```/.exec(README)?.[1] ?? "";
        const shown = block.split("\n").filter((l) => l.trim() && l.trim() !== "...").map(local);
        expect(shown.length).toBeGreaterThan(4);
        const run = await preview({ program: example("aws-noncompliant") });
        const printed = new Set(run.stdout.split("\n").map(local));
        expect(shown.filter((l) => !printed.has(l))).toEqual([]);
    });
});
