// Three things a user must tell apart: the program threw (its message and file:line), scan could
// not load the program (the cause and the fix), and lookups answered by the fallback (a warning;
// the scan goes on). Each in text and in JSON, through the compiled CLI.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { beforeAll, describe, expect, it } from "vitest";
import { type CliResult, PACKS, PROGRAMS, ROOT, runCli } from "./helpers";

const PACK = path.relative(ROOT, path.join(PACKS, "scan-pack"));
// Outside the repository, so @pulumi/pulumi does not resolve: scan cannot load it.
const UNINSTALLED = fs.mkdtempSync(path.join(os.tmpdir(), "scan-uninstalled-"));
fs.writeFileSync(path.join(UNINSTALLED, "Pulumi.yaml"), "name: uninstalled\nruntime: nodejs\n");
fs.writeFileSync(path.join(UNINSTALLED, "Pulumi.dev.yaml"), "config: {}\n");
fs.writeFileSync(path.join(UNINSTALLED, "index.ts"), 'import * as aws from "@pulumi/aws";\nnew aws.s3.BucketV2("b");\n');

const TARGETS = { threw: path.relative(ROOT, path.join(PROGRAMS, "throws")), unloadable: UNINSTALLED, fallback: path.relative(ROOT, path.join(PROGRAMS, "lookups")) };
type Target = keyof typeof TARGETS;

describe("threw, could not load, answered by fallback: three different outcomes", () => {
    const results: Partial<Record<`${Target}:${"text" | "json"}`, CliResult>> = {};
    const get = (k: `${Target}:${"text" | "json"}`): CliResult => {
        const r = results[k];
        if (!r) throw new Error(`${k} did not run`);
        return r;
    };

    beforeAll(async () => {
        for (const [name, target] of Object.entries(TARGETS) as [Target, string][]) {
            for (const format of ["text", "json"] as const) results[`${name}:${format}`] = await runCli([target, "--pack", PACK, "--format", format]);
        }
    }, 240_000);

    it.each(["text", "json"] as const)("the program threw (%s): exit 2, its message and file:line, nothing on stdout", (format) => {
        const r = get(`threw:${format}`);
        expect({ code: r.code, stdout: r.stdout }).toEqual({ code: 2, stdout: "" });
        expect(r.stderr).toBe(`scan: program ${path.join(PROGRAMS, "throws")} threw Error: bucketName is required (at index.ts:6:7)\n`);
    });

    it.each(["text", "json"] as const)("scan could not load the program (%s): exit 2, the cause and the fix, not 'threw'", (format) => {
        const r = get(`unloadable:${format}`);
        expect({ code: r.code, stdout: r.stdout }).toEqual({ code: 2, stdout: "" });
        expect(r.stderr).toBe(`scan: program ${UNINSTALLED} failed while loading @pulumi/pulumi: Error: cannot resolve @pulumi/pulumi from ${UNINSTALLED} (run npm install there)\n`);
        expect(r.stderr).not.toContain("threw");
    });

    it("lookups answered by the fallback: the scan goes on and says so, as a warning in text and under warnings in JSON", () => {
        const warning = "lookups answered by a generic fallback (no cloud offline; values are fake): aws:kms/getAlias:getAlias; findings that depend on their results may be missing";
        const text = get("fallback:text");
        expect([0, 1]).toContain(text.code);
        expect(text.stderr).toBe("");
        expect(text.stdout).toContain(warning);
        const json = get("fallback:json");
        expect(json.code).toBe(text.code);
        const doc = JSON.parse(json.stdout) as { warnings: string[]; findings: unknown[] };
        expect(doc.warnings).toEqual([warning]);
    });
});
