// Text output, laid out like the Policies section of `pulumi preview`.
import * as path from "path";
import type { ResourceRemediation } from "../engine/analyze";
import { propertyChanges } from "./diff";
import { type ResolvedFinding, type ScanReport, resolveFindings, summarize } from "./report";

const PACK_INDENT = "    ";
const FINDING_INDENT = "        ";
const MESSAGE_INDENT = "          ";

function packLine(report: ScanReport, failed: boolean, cwd: string): string {
    const local = path.relative(cwd, report.pack.dir) || ".";
    return `${PACK_INDENT}${failed ? "❌" : "✅"} ${report.pack.name}@v${report.pack.version} (local: ${local})`;
}

function findingLines(f: ResolvedFinding): string[] {
    const head = `${FINDING_INDENT}- [${f.enforcementLevel}]  ${f.policyName}  (${f.resourceType}: ${f.resourceName})`;
    const body = f.message.split(/\r?\n/).map((l) => (l ? MESSAGE_INDENT + l : ""));
    return [head, ...body];
}

function show(v: unknown): string {
    return v === undefined ? "(unset)" : JSON.stringify(v);
}

/** `~ key: old => new`, `+ key: new`, `- key: old` for every leaf that differs (secrets masked). */
export function propertyDiff(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
    return propertyChanges(before, after).map((c) =>
        c.kind === "added" ? `+ ${c.path}: ${show(c.after)}` : c.kind === "removed" ? `- ${c.path}: ${show(c.before)}` : `~ ${c.path}: ${show(c.before)} => ${show(c.after)}`,
    );
}

function remediationLines(r: ResourceRemediation): string[] {
    const policies = r.remediations.map((x) => x.policyName).join(", ");
    const diff = propertyDiff(r.before, r.after);
    const notes = r.remediations.filter((x) => x.diagnostic).map((x) => `${x.policyName}: ${x.diagnostic}`);
    return [
        `${PACK_INDENT}~ ${r.type}: ${r.name}  (${policies})`,
        ...(diff.length ? diff : ["(no change)"]).map((l) => FINDING_INDENT + l),
        ...notes.map((l) => FINDING_INDENT + l),
    ];
}

export function formatText(report: ScanReport, cwd = process.cwd()): string {
    const findings = resolveFindings(report);
    const summary = summarize(findings);
    const lines = ["Policies:", packLine(report, findings.length > 0, cwd), ...findings.flatMap(findingLines)];
    if (report.remediations.length > 0 && report.showRemediations !== false) lines.push("", "Remediations:", ...report.remediations.flatMap(remediationLines));
    if (report.remediations.length > 0 && report.showRemediations === false) {
        lines.push("", `${report.remediations.length} resources remediated by policies at level remediate (findings are for the remediated inputs); run with --remediate to see the changes`);
    }
    lines.push("", `${summary.mandatory} mandatory, ${summary.advisory} advisory findings on ${summary.resources} resources`);
    return lines.join("\n") + "\n";
}
