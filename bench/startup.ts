// Start-up cost: time from spawning run-policy-pack (exactly as the CLI does) to the port line.
import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { ROOT } from "./packs";

export function timeStartup(packDir: string, timeoutMs = 120_000): Promise<number> {
    // As the CLI: the pack's own @pulumi/pulumi runs it (a peer pack has its own node_modules).
    const own = path.join(packDir, "node_modules", "@pulumi", "pulumi", "cmd", "run-policy-pack");
    const runner = fs.existsSync(own) ? own : path.join(ROOT, "node_modules", "@pulumi", "pulumi", "cmd", "run-policy-pack");
    return new Promise((resolve, reject) => {
        const started = process.hrtime.bigint();
        const child = spawn(process.execPath, [runner, "127.0.0.1:0", packDir], { cwd: packDir, stdio: ["ignore", "pipe", "pipe"] });
        let stderr = "";
        let out = "";
        const timer = setTimeout(() => {
            child.kill("SIGKILL");
            reject(new Error(`pack ${packDir} printed no port within ${timeoutMs} ms: ${stderr.trim()}`));
        }, timeoutMs);
        child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
        child.stdout.on("data", (d: Buffer) => {
            out += d.toString();
            if (out.includes("\n")) {
                const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
                clearTimeout(timer);
                child.kill("SIGTERM");
                if (!/^\d+$/.test(out.split("\n")[0]!.trim())) {
                    reject(new Error(`pack ${packDir} printed ${JSON.stringify(out.split("\n")[0])} before its port`));
                } else {
                    resolve(elapsed);
                }
            }
        });
        child.on("exit", (code) => {
            clearTimeout(timer);
            if (!out.includes("\n")) reject(new Error(`pack ${packDir} exited (${code}) before printing a port: ${stderr.trim()}`));
        });
    });
}
