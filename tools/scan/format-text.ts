// Text output, laid out like the Policies section of `pulumi preview` (pkg/backend/display in
// the CLI): the pack line and its mark, a summary line per remediating policy, then the findings
// in the CLI's order with its short type names.
import * as path from "path";
import type { ResourceRemediation } from "../engine/analyze";
import { displayType } from "../engine/urn";
import { type Paint, painter } from "./colour";
import { propertyChanges } from "./diff";
import { reportedFindings } from "./findings";
import { findingText, fullText } from "./message";
import { type ReportedFinding, type ResolvedFinding, type ScanReport, type View, resourceCounts, summarize } from "./report";

const PACK_INDENT = "    ";
const FINDING_INDENT = "        ";
const MESSAGE_INDENT = "          ";

/** The CLI's mark for a pack: ❌ with a mandatory finding, ⚠️ with other findings only, else ✅. */
export function packMark(findings: Pick<ResolvedFinding, "enforcementLevel">[]): string {
    if (findings.some((f) => f.enforcementLevel === "mandatory")) return "❌";
    return findings.length > 0 ? "⚠️" : "✅";
}

function packLine(report: ScanReport, findings: ResolvedFinding[], cwd: string): string {
    const local = path.relative(cwd, report.pack.dir) || ".";
    return `${PACK_INDENT}${packMark(findings)} ${report.pack.name}@v${report.pack.version} (local: ${local})`;
}

const LEVEL_RANK: Record<string, number> = { remediate: 0, mandatory: 1, advisory: 2, disabled: 3 };
const SEVERITY_RANK: Record<string, number> = { critical: 0, high: 1, medium: 2, low: 3 };

function compare(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}

/** The CLI's order: enforcement level, severity (unset last), policy name, URN. */
export function cliOrder<T extends ResolvedFinding>(findings: T[]): T[] {
    const rank = (table: Record<string, number>, v: string | null, missing: number): number => ((v !== null ? table[v] : undefined) ?? missing);
    return [...findings].sort(
        (a, b) =>
            rank(LEVEL_RANK, a.enforcementLevel, 99) - rank(LEVEL_RANK, b.enforcementLevel, 99) ||
            rank(SEVERITY_RANK, a.severity, 4) - rank(SEVERITY_RANK, b.severity, 4) ||
            compare(a.policyName, b.policyName) ||
            compare(a.urn ?? "", b.urn ?? ""),
    );
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
    const severity = f.severity ? ` [severity: ${f.severity}]` : "";
    const resource = f.urn ? `  (${displayType(f.resourceType)}: ${f.resourceName})` : "";
    const head = `${FINDING_INDENT}- ${level(f, paint)}${severity}  ${paint("bold", f.policyName)}${resource}`;
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

/** `- [remediate]  policy  (N resources)` per policy that changed resources, as the CLI summarises them. */
function remediateSummary(remediations: ResourceRemediation[]): string[] {
    const counts = new Map<string, number>();
    for (const r of remediations) {
        for (const x of r.remediations) if (!x.diagnostic) counts.set(x.policyName, (counts.get(x.policyName) ?? 0) + 1);
    }
    return [...counts.keys()].sort(compare).map((name) => {
        const n = counts.get(name) ?? 0;
        return `${FINDING_INDENT}- [remediate]  ${name}  (${n} ${n === 1 ? "resource" : "resources"})`;
    });
}

/** `Scanned 3 resources: 1 aws:s3/bucket:Bucket, 2 pulumi:pulumi:Stack`: an empty scan looks empty. */
export function scannedLine(report: Pick<ScanReport, "resources">): string {
    const { total, byType } = resourceCounts(report.resources);
    const types = Object.entries(byType).map(([type, n]) => `${n} ${type}`);
    return `Scanned ${total} ${total === 1 ? "resource" : "resources"}${types.length ? `: ${types.join(", ")}` : ""}`;
}

export function formatText(report: ScanReport, cwd = process.cwd()): string {
    const view = report.view ?? {};
    const paint = painter(view.color);
    const findings = reportedFindings(report);
    const summary = summarize(findings);
    const shown = view.quiet ? findings.filter((f) => f.fails) : findings;
    // The Policies section mirrors the CLI's order; --compact lines keep the scan's own order.
    const lines = view.compact
        ? shown.flatMap((f) => findingLines(f, view, paint))
        : ["Policies:", packLine(report, findings, cwd), ...remediateSummary(report.remediations), ...cliOrder(shown).flatMap((f) => findingLines(f, view, paint))];
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
    if (!view.compact) lines.push("", scannedLine(report));
    for (const w of report.warnings ?? []) lines.push(paint("yellow", `warning: ${w}`));
    if (!(view.compact && lines.length === 0)) lines.push("");
    lines.push(failing ? paint("red", tally) : tally);
    return lines.join("\n") + "\n";
}
