// Relative paths resolve from the directory the command is typed in: under `npm run scan` that is
// INIT_CWD (npm runs the script from the package root), else the process's cwd.
import { spawn } from "child_process";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { invocationDir } from "../../tools/scan/scan";
import { PROGRAMS } from "./helpers";

describe("invocationDir", () => {
    it("is INIT_CWD under npm run scan, the cwd otherwise (INIT_CWD inherited by another script is ignored)", () => {
        expect(invocationDir({ npm_lifecycle_event: "scan", INIT_CWD: "/home/me/infra" }, "/pkg")).toBe("/home/me/infra");
        expect(invocationDir({ npm_lifecycle_event: "test", INIT_CWD: "/home/me/infra" }, "/pkg")).toBe("/pkg");
        expect(invocationDir({}, "/pkg")).toBe("/pkg");
        expect(invocationDir({ npm_lifecycle_event: "scan" }, "/pkg")).toBe("/pkg");
    });

    it("npm run scan from a subdirectory resolves the program and --config from there", async () => {
        const env: NodeJS.ProcessEnv = { ...process.env };
        delete env.INIT_CWD;
        delete env.npm_lifecycle_event;
        const args = ["run", "--silent", "scan", "--", "aws-small", "--config", "baseline-disk-encryption/policy-config.json", "--format", "json"];
        const r = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
            const child = spawn("npm", args, { cwd: PROGRAMS, env, stdio: ["ignore", "pipe", "pipe"] });
            let stdout = "";
            let stderr = "";
            child.stdout.on("data", (c: Buffer) => (stdout += c.toString("utf8")));
            child.stderr.on("data", (c: Buffer) => (stderr += c.toString("utf8")));
            child.on("error", reject);
            child.on("close", (code) => resolve({ code, stdout, stderr }));
        });
        expect(r.stderr).toBe("");
        const json = JSON.parse(r.stdout) as { target: { path: string }; findings: { resourceName: string }[] };
        expect(json.target.path).toBe("aws-small");
        expect(json.findings.map((f) => f.resourceName)).toContain("short-retention");
        expect(path.isAbsolute(PROGRAMS)).toBe(true);
    }, 120_000);
});
