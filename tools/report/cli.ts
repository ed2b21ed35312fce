#!/usr/bin/env node
// `npm run report -- <event-log> --output-file-path report.html [--config FILE] [--pack DIR]`:
// the assessor's report from a real `pulumi preview --policy-pack … --event-log <event-log>`
// (docs/report.md). The pack is started only for its policy list and levels (GetAnalyzerInfo);
// the findings are the CLI's own.
import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "util";
import { passedChecks } from "../engine/analyze";
import { loadPolicyConfigFile, resolveConfig } from "../engine/config";
import { PolicyPackEngine } from "../engine/engine";
import { UserInputError } from "../engine/errors";
import { packResourceTypes } from "../scan/list";
import { readPackageInfo } from "../scan/package-info";
import { TOOL_NAME } from "../scan/report";
import { projectRoot } from "../scan/scan";
import { readEventLog } from "./event-log";
import { formatHtml } from "./html";

export const REPORT_USAGE = "usage: report <pulumi-event-log> --output-file-path FILE [--config FILE] [--pack DIR]";

export async function report(argv: string[], cwd = process.cwd()): Promise<{ exitCode: 0 | 2; stderr: string }> {
    try {
        let parsed;
        try {
            parsed = parseArgs({ args: argv, allowPositionals: true, options: { "output-file-path": { type: "string" }, config: { type: "string" }, pack: { type: "string" } } });
        } catch (err) {
            throw new UserInputError(`${(err as Error).message.split("\n")[0]}\n${REPORT_USAGE}`);
        }
        const { values, positionals } = parsed;
        const [logArg, ...extra] = positionals;
        if (logArg === undefined || extra.length > 0 || !values["output-file-path"]) throw new UserInputError(REPORT_USAGE);
        const logFile = path.resolve(cwd, logArg);
        const run = readEventLog(logFile);
        const packDir = values.pack ? path.resolve(cwd, values.pack) : projectRoot();
        const configFile = values.config ? loadPolicyConfigFile(path.resolve(cwd, values.config)) : undefined;
        const engine = await PolicyPackEngine.start(packDir, { sdkResolution: "auto" });
        let info;
        try {
            info = await engine.getAnalyzerInfo();
        } finally {
            await engine.close();
        }
        const config = resolveConfig(info, configFile);
        const pkg = readPackageInfo(projectRoot());
        const html = formatHtml(
            {
                tool: { name: TOOL_NAME, version: pkg.version },
                pack: { name: run.pack?.name ?? info.name, version: run.pack?.version ?? info.version, dir: packDir },
                target: { kind: "program", path: logArg, absolutePath: path.dirname(logFile), project: run.project, stack: run.stack },
                info,
                resources: run.resources,
                findings: run.findings,
                remediations: [],
                passed: passedChecks(info, config, run.resources, run.findings, packResourceTypes(packDir)),
                config,
            },
            { source: "preview-event-log" },
        );
        const out = path.resolve(cwd, values["output-file-path"]);
        try {
            fs.mkdirSync(path.dirname(out), { recursive: true });
            fs.writeFileSync(out, html);
        } catch (err) {
            throw new UserInputError(`cannot write ${out} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
        }
        return { exitCode: 0, stderr: `report: wrote html to ${path.relative(cwd, out) || out}\n` };
    } catch (err) {
        if (err instanceof UserInputError) return { exitCode: 2, stderr: `report: ${err.summary}\n` };
        throw err;
    }
}

if (require.main === module) {
    void report(process.argv.slice(2)).then((r) => {
        process.stderr.write(r.stderr);
        process.exitCode = r.exitCode;
    });
}
