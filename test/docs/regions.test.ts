// docs/regions.md names the operator of every mainland AWS region the default allowlist holds.
import * as fs from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { AWS_REGIONS, MAINLAND_CHINA_REGIONS } from "../../policies/shared/regions";

const doc = fs.readFileSync(path.join(__dirname, "../../docs/regions.md"), "utf8");
const mainlandAws = AWS_REGIONS.filter((r) => MAINLAND_CHINA_REGIONS.includes(r));

describe("docs/regions.md", () => {
    it("covers both AWS China regions", () => {
        expect(mainlandAws).toEqual(["cn-north-1", "cn-northwest-1"]);
    });

    it.each(mainlandAws)("%s has a row naming its operator", (region) => {
        const row = doc.split("\n").find((l) => l.startsWith(`| \`${region}\` |`));
        expect(row, `no row for ${region}`).toBeDefined();
        const operator = row!.split("|").map((c) => c.trim())[3];
        expect(operator).toMatch(/Co\., Ltd\./);
    });

    it("names Sinnet for Beijing and NWCD for Ningxia", () => {
        expect(doc).toMatch(/\| `cn-north-1` \|[^\n]*Sinnet/);
        expect(doc).toMatch(/\| `cn-northwest-1` \|[^\n]*NWCD/);
    });

    it("is linked from the README", () => {
        expect(fs.readFileSync(path.join(__dirname, "../../README.md"), "utf8")).toContain("(docs/regions.md)");
    });
});
