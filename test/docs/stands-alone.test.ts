// The repository stands on its own: a user's clone has no specification or reference beside it,
// so nothing in it may cite or read one. Design facts live in docs/design.md.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "..", "..");
const OUTSIDE = [/PRODUCT\.md/, /shared\/reference/, /"shared", "reference"/, /provider-properties/];

/** Tracked and untracked-but-not-ignored files: what a commit would contain. */
function files(): string[] {
    const out = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard"], { cwd: ROOT, encoding: "utf8" });
    return out.split("\n").filter((f) => f !== "" && fs.existsSync(path.join(ROOT, f)) && !f.endsWith("package-lock.json"));
}

describe("the repository stands alone", () => {
    it("no file cites the product specification or the reference outside the repository", () => {
        const self = path.relative(ROOT, __filename);
        const hits = files()
            .filter((f) => f !== self)
            .flatMap((f) =>
                fs
                    .readFileSync(path.join(ROOT, f), "utf8")
                    .split("\n")
                    .flatMap((line, i) => (OUTSIDE.some((re) => re.test(line)) ? [`${f}:${i + 1}: ${line.trim()}`] : [])),
            );
        expect(hits).toEqual([]);
    });

    it("docs/design.md holds the design facts the code points to", () => {
        const design = fs.readFileSync(path.join(ROOT, "docs", "design.md"), "utf8");
        for (const section of ["Running under the Pulumi CLI", "Preview and unknown values", "Provider inputs and defaults", "Controls", "Configuration, exemptions, remediation"]) {
            expect(design).toContain(`## ${section}`);
        }
    });
});
