// TypeScript programs are type-checked as Pulumi's Node.js host does (ts-node's default) unless
// PULUMI_NODEJS_TRANSPILE_ONLY=true or the tsconfig's noCheck turns it off. The rest of the suite
// runs with PULUMI_NODEJS_TRANSPILE_ONLY=true (vitest.config.mts): type checking a program that
// imports a provider SDK costs seconds, and the examples are type-checked by `npm run typecheck`.
import { spawn } from "child_process";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { compileErrors } from "../../tools/scan/program";
import { transpileOnlyFor } from "../../tools/scan/typescript";
import { CLI, PROGRAMS, ROOT } from "./helpers";

function scanWith(env: NodeJS.ProcessEnv, program: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [CLI, program, "--format", "json"], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (c: Buffer) => (stdout += c.toString("utf8")));
        child.stderr.on("data", (c: Buffer) => (stderr += c.toString("utf8")));
        child.on("error", reject);
        child.on("close", (code) => resolve({ code, stdout, stderr }));
    });
}

describe("type checking, as pulumi preview does", () => {
    it("transpile-only: PULUMI_NODEJS_TRANSPILE_ONLY when set, else the tsconfig's noCheck, else ts-node's default (type-check)", () => {
        expect(transpileOnlyFor({}, {})).toBeUndefined();
        expect(transpileOnlyFor({ noCheck: true }, {})).toBe(true);
        expect(transpileOnlyFor({ noCheck: true }, { PULUMI_NODEJS_TRANSPILE_ONLY: "false" })).toBe(false);
        expect(transpileOnlyFor({}, { PULUMI_NODEJS_TRANSPILE_ONLY: "true" })).toBe(true);
        expect(transpileOnlyFor({}, { PULUMI_NODEJS_TRANSPILE_ONLY: "1" })).toBe(false);
    });

    it("ts-node's message becomes one line: the first diagnostic with file:line, and how many more", () => {
        const msg = "⨯ Unable to compile TypeScript:\nindex.ts(5,7): error TS2322: Type 'string' is not assignable to type 'number'.\nindex.ts(9,1): error TS2304: Cannot find name 'x'.\n";
        expect(compileErrors(msg)).toBe("index.ts(5,7): error TS2322: Type 'string' is not assignable to type 'number'. (and 1 more type error; run tsc)");
    });

    it("a program with a type error did not compile: exit 2, file:line and message; with PULUMI_NODEJS_TRANSPILE_ONLY=true it runs", async () => {
        const program = path.relative(ROOT, path.join(PROGRAMS, "type-error"));
        const env: NodeJS.ProcessEnv = { ...process.env };
        delete env.PULUMI_NODEJS_TRANSPILE_ONLY;
        const checked = await scanWith(env, program);
        expect({ code: checked.code, stdout: checked.stdout }).toEqual({ code: 2, stdout: "" });
        expect(checked.stderr).toBe(`scan: program ${path.join(PROGRAMS, "type-error")} did not compile: index.ts(5,7): error TS2322: Type 'string' is not assignable to type 'number'.\n`);
        const skipped = await scanWith({ ...env, PULUMI_NODEJS_TRANSPILE_ONLY: "true" }, program);
        expect(skipped.stderr).toBe("");
        expect(skipped.code).toBe(0);
    }, 180_000);
});
