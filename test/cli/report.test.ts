// The assessor's report from a real `pulumi preview --policy-pack` event log gives the same counts
// as the offline scan's report of the same example with the same config.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { ROOT, SCAN, example, ownConfig, preview } from "./helpers";

/** The summary's total row: checked, passed, failed, exempted, unknown, not applicable. */
function totals(page: string): string[] {
    const row = /<tr class="total" data-area="total">(.*?)<\/tr>/s.exec(page)?.[1] ?? "";
    return [...row.matchAll(/<td class="n">(\d+)<\/td>/g)].map((m) => m[1]!);
}

describe.each(["aws-noncompliant", "alicloud-noncompliant"])("the report of %s from the CLI's event log", (name) => {
    it("has the offline scan report's counts and exemptions", async () => {
        const config = ownConfig(name);
        const run = await preview({ program: example(name), ...(config ? { policyPackConfigs: [config] } : {}) });
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "report-cli-"));
        const log = path.join(dir, "events.jsonl");
        fs.writeFileSync(log, run.events.map((e) => JSON.stringify(e)).join("\n") + "\n");
        const cfg = config ? ["--config", config] : [];
        const fromLog = spawnSync(process.execPath, [path.join(ROOT, "dist", "tools", "report", "cli.js"), log, ...cfg, "--output-file-path", path.join(dir, "cli.html")], { cwd: ROOT, encoding: "utf8" });
        expect(fromLog.stderr).toContain("report: wrote html");
        const offline = spawnSync(process.execPath, [SCAN, example(name), ...cfg, "--format", "html", "--output-file-path", path.join(dir, "scan.html")], { cwd: ROOT, encoding: "utf8" });
        expect(offline.stderr).toContain("scan: wrote html");
        const cli = fs.readFileSync(path.join(dir, "cli.html"), "utf8");
        const scan = fs.readFileSync(path.join(dir, "scan.html"), "utf8");
        expect(Number(totals(cli)[0])).toBeGreaterThan(0);
        expect(totals(cli)).toEqual(totals(scan));
        const register = (page: string): string => page.slice(page.indexOf('id="exemptions"'), page.indexOf('id="coverage"'));
        expect(register(cli)).toEqual(register(scan));
        expect(cli).toContain("真实 pulumi preview 的事件日志");
    });
});
