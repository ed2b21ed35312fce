// GitLab Code Quality (`artifacts:reports:codequality`): a JSON array of issues, shown in merge
// requests. Each issue needs description, check_name, fingerprint (unique and stable across runs),
// severity (info, minor, major, critical, blocker) and location {path, lines.begin}, the path
// relative to the repository root.
import { createHash } from "crypto";
import * as path from "path";
import { fileURLToPath } from "url";
import type { Severity } from "../engine/types";
import { reportedFindings } from "./findings";
import { jsonText } from "./json-text";
import { findingText } from "./message";
import { repoRelative } from "./repo";
import type { ReportedFinding, ScanReport } from "./report";

export type CodeQualitySeverity = "info" | "minor" | "major" | "critical" | "blocker";

export interface CodeQualityIssue {
    type: "issue";
    description: string;
    check_name: string;
    fingerprint: string;
    severity: CodeQualitySeverity;
    categories: string[];
    location: { path: string; lines: { begin: number } };
}

/** Mandatory findings by the policy's severity; advisory ones a step lower; exempted ones info. */
const SEVERITY: Record<"mandatory" | "advisory", Record<Severity, CodeQualitySeverity>> = {
    mandatory: { critical: "blocker", high: "critical", medium: "major", low: "minor" },
    advisory: { critical: "major", high: "minor", medium: "minor", low: "info" },
};

export function codeQualitySeverity(f: Pick<ReportedFinding, "enforcementLevel" | "severity" | "exemption">): CodeQualitySeverity {
    if (f.exemption?.status === "active") return "info";
    const level = f.enforcementLevel === "mandatory" || f.enforcementLevel === "remediate" ? "mandatory" : "advisory";
    return f.severity ? SEVERITY[level][f.severity] : level === "mandatory" ? "major" : "minor";
}

function where(f: ReportedFinding, report: ScanReport, root: string): { path: string; lines: { begin: number } } {
    const t = report.target;
    if (f.source && f.source.uri.startsWith("file:")) return { path: repoRelative(fileURLToPath(f.source.uri), root), lines: { begin: f.source.line } };
    const file = t.kind === "program" ? (t.entry ?? path.join(t.absolutePath, "Pulumi.yaml")) : t.absolutePath;
    return { path: repoRelative(file, root), lines: { begin: 1 } };
}

export function toCodeQuality(report: ScanReport): CodeQualityIssue[] {
    const root = report.repoRoot ?? process.cwd();
    const seen = new Map<string, number>();
    return reportedFindings(report).map((f) => {
        const lines = findingText(f, report.view?.lang);
        const base = `${report.target.project ?? ""}\u0000${report.target.stack ?? ""}\u0000${f.policyName}\u0000${f.urn ?? ""}\u0000${findingText(f, "en")[0] ?? ""}`;
        // Identical findings (same policy, resource and wording) still need distinct fingerprints.
        const n = seen.get(base) ?? 0;
        seen.set(base, n + 1);
        return {
            type: "issue",
            description: `${f.policyName}: ${lines.join(" ")}`,
            check_name: f.policyName,
            fingerprint: createHash("sha256").update(`${base}\u0000${n}`).digest("hex"),
            severity: codeQualitySeverity(f),
            categories: ["Security"],
            location: where(f, report, root),
        };
    });
}

/** Written as it is read (json-text.ts): a large report is never one string. */
export function formatCodeQuality(report: ScanReport): Iterable<string> {
    return jsonText(toCodeQuality(report));
}
