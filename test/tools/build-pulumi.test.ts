// tools/cli/build-pulumi.sh, which `npm run test:cli` runs first: without Go or without the Go
// module proxy it must fail in one line that names what is missing, never skip silently.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { afterAll, describe, expect, it } from "vitest";

const SCRIPT = path.resolve(__dirname, "..", "..", "tools", "cli", "build-pulumi.sh");
const CACHE = fs.mkdtempSync(path.join(os.tmpdir(), "build-pulumi-"));
afterAll(() => fs.rmSync(CACHE, { recursive: true, force: true }));

function build(env: Record<string, string>) {
    return spawnSync("bash", [SCRIPT], { env: { HOME: CACHE, CHINA_COMPLIANCE_CACHE: CACHE, ...env }, encoding: "utf8", timeout: 60_000 });
}

describe("build-pulumi.sh", () => {
    it("without Go: exit 2 and one line naming Go", () => {
        const r = build({ PATH: "/usr/bin:/bin" });
        expect(r.status).toBe(2);
        expect(r.stdout).toBe("");
        expect(r.stderr).toBe("test:cli: needs Go (1.26 or later on PATH) to build the Pulumi CLI 3.274.1; none found\n");
    });

    it("without the module proxy: exit 2 and one line naming the proxy", () => {
        // A stand-in go whose environment has the proxy turned off, as `GOPROXY=off` gives.
        const fakeGo = path.join(CACHE, "fake-go");
        fs.mkdirSync(fakeGo, { recursive: true });
        fs.writeFileSync(path.join(fakeGo, "go"), '#!/bin/sh\n[ "$1 $2" = "env GOPROXY" ] && echo off\n', { mode: 0o755 });
        const r = build({ PATH: `${fakeGo}:/usr/bin:/bin` });
        expect(r.status).toBe(2);
        expect(r.stderr).toBe("test:cli: needs the Go module proxy to fetch the Pulumi CLI 3.274.1, but GOPROXY is off\n");
    });

    it("with a binary in the cache: prints its path and builds nothing", () => {
        const bin = path.join(CACHE, "pulumi-3.274.1", "bin", "pulumi");
        fs.mkdirSync(path.dirname(bin), { recursive: true });
        fs.writeFileSync(bin, "#!/bin/sh\n", { mode: 0o755 });
        const r = build({ PATH: "/usr/bin:/bin" });
        expect(r.status).toBe(0);
        expect(r.stdout).toBe(`${bin}\n`);
        fs.rmSync(bin);
    });
});
