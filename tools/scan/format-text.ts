// Text output, laid out like the Policies section of `pulumi preview`.
import * as path from "path";
import type { ResourceRemediation } from "../engine/analyze";
import { type Paint, painter } from "./colour";
import { propertyChanges } from "./diff";
import { reportedFindings } from "./findings";
import { findingText, fullText } from "./message";
import { type ReportedFinding, type ScanReport, type View, summarize } from "./report";

const PACK_INDENT = "    ";
const FINDING_INDENT = "        ";
const MESSAGE_INDENT = "          ";

function packLine(report: ScanReport, failed: boolean, cwd: string): string {
    const local = path.relative(cwd, report.pack.dir) || ".";
    return `${PACK_INDENT}${failed ? "❌" : "✅"} ${report.pack.name}@v${report.pack.version} (local: ${local})`;
}

function level(f: ReportedFinding, paint: Paint): string {
    const text = `[${f.enforcementLevel}]`;
    return f.fails ? paint("red", text) : f.enforcementLevel === "mandatory" ? paint("yellow", text) : paint("dim", text);
}

function findingLines(f: ReportedFinding, view: View, paint: Paint): string[] {
    const lang = view.lang ?? "both";
    if (view.compact) {
        return [`${level(f, paint)} ${paint("bold", f.policyName)}  ${f.resourceType}::${f.resourceName}  ${findingText(f, lang)[0] ?? ""}`];
    }
    const head = `${FINDING_INDENT}- ${level(f, paint)}  ${paint("bold", f.policyName)}  (${f.resourceType}: ${f.resourceName})`;
    const body = fullText(f, lang).map((l) => (l ? MESSAGE_INDENT + l : ""));
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
    const view = report.view ?? {};
    const paint = painter(view.color);
    const findings = reportedFindings(report);
    const summary = summarize(findings);
    const shown = view.quiet ? findings.filter((f) => f.fails) : findings;
    const lines = view.compact ? shown.flatMap((f) => findingLines(f, view, paint)) : ["Policies:", packLine(report, findings.length > 0, cwd), ...shown.flatMap((f) => findingLines(f, view, paint))];
    if (report.remediations.length > 0 && report.showRemediations !== false) lines.push("", "Remediations:", ...report.remediations.flatMap(remediationLines));
    if (report.remediations.length > 0 && report.showRemediations === false) {
        lines.push("", `${report.remediations.length} resources remediated by policies at level remediate (findings are for the remediated inputs); run with --remediate to see the changes`);
    }
    const failing = findings.filter((f) => f.fails).length;
    const baselined = report.selection?.baselined ?? 0;
    const extra = [
        ...(failing !== summary.mandatory ? [`${failing} failing the run`] : []),
        ...(view.quiet && shown.length < findings.length ? [`${findings.length - shown.length} not failing not shown (--quiet)`] : []),
        ...(baselined ? [`${baselined} in the baseline not shown`] : []),
    ];
    const tally = `${summary.mandatory} mandatory, ${summary.advisory} advisory findings on ${summary.resources} resources${extra.length ? `; ${extra.join("; ")}` : ""}`;
    if (!(view.compact && lines.length === 0)) lines.push("");
    lines.push(failing ? paint("red", tally) : tally);
    return lines.join("\n") + "\n";
}
