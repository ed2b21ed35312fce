// SARIF 2.1.0 output, shaped for GitHub code scanning as well as other viewers:
// - paths relative to the repository root (GitHub ignores uriBaseId), every result located;
// - the message starts with the finding (GitHub titles an alert by the first line);
// - security-severity by level: GitHub reads it from the rule, so a rule scores at its configured
//   level, and each result carries its own score for other consumers; an exempted finding is a
//   suppression (external, accepted, with the reason), which GitHub shows as dismissed;
// - automationDetails.id is `<category>/`, the category GitHub files the analysis under.
import { createHash } from "crypto";
import * as path from "path";
import { fileURLToPath, pathToFileURL } from "url";
import type { Location, Log, ReportingDescriptor, Result, Run } from "sarif";
import type { EnforcementLevel, PolicyInfo, Severity } from "../engine/types";
import { reportedFindings } from "./findings";
import { findingText } from "./message";
import { type PackageInfo, informationUri, policyDocUri } from "./package-info";
import { repoRelative } from "./repo";
import type { ReportedFinding, ScanReport } from "./report";
import { jsonText } from "./json-text";

export const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
export const SRCROOT = "%SRCROOT%";
/** The pack whose policies docs/policies.md documents. */
const OWN_PACK = "china-compliance";

type Level = "error" | "warning" | "note";

/** mandatory blocks a preview: error; advisory: warning; anything else is informational. */
export function sarifLevel(level: EnforcementLevel): Level | "none" {
    return level === "mandatory" || level === "remediate" ? "error" : level === "advisory" ? "warning" : "none";
}

/**
 * GitHub's security-severity (0.1–10; ≥ 9 critical, ≥ 7 high, ≥ 4 medium, else low): the
 * policy's severity at level error; one band lower at warning (an advisory finding never shows
 * as critical); none for notes and suppressed results.
 */
const SCORE: Record<"error" | "warning", Record<Severity, string>> = {
    error: { low: "3.0", medium: "5.5", high: "8.0", critical: "9.5" },
    warning: { low: "1.0", medium: "3.0", high: "5.5", critical: "8.0" },
};

export function securitySeverity(level: Level | "none", severity: Severity | null | undefined): string | undefined {
    return severity && (level === "error" || level === "warning") ? SCORE[level][severity] : undefined;
}

function configuredLevel(p: PolicyInfo, report: ScanReport): EnforcementLevel {
    return report.config?.[p.name]?.enforcementLevel ?? p.enforcementLevel;
}

function rule(p: PolicyInfo, report: ScanReport, pkg: PackageInfo | undefined): ReportingDescriptor {
    const level = sarifLevel(configuredLevel(p, report));
    const score = securitySeverity(level, p.severity);
    const helpUri = p.url ?? (pkg && report.pack.name === OWN_PACK ? policyDocUri(pkg, p.name) : undefined);
    return {
        id: p.name,
        name: p.displayName ?? p.name,
        shortDescription: { text: p.description },
        fullDescription: { text: p.description },
        ...(p.remediationSteps ? { help: { text: p.remediationSteps } } : {}),
        ...(helpUri ? { helpUri } : {}),
        defaultConfiguration: { level },
        properties: {
            tags: p.tags,
            enforcementLevel: configuredLevel(p, report),
            policyType: p.type,
            ...(score ? { "security-severity": score } : {}),
            ...(p.framework ? { framework: p.framework } : {}),
        },
    };
}

function artifact(absolute: string, root: string, region?: { startLine: number; startColumn: number }): Location["physicalLocation"] {
    return { artifactLocation: { uri: repoRelative(absolute, root), uriBaseId: SRCROOT }, ...(region ? { region } : {}) };
}

/**
 * A resource's registration line when known; else the program's entry file (stack-level
 * findings) or the export file, without a line: GitHub wants a file for every result.
 */
function location(f: ReportedFinding, report: ScanReport, root: string): Location {
    const t = report.target;
    const physical =
        f.source && f.source.uri.startsWith("file:")
            ? artifact(fileURLToPath(f.source.uri), root, { startLine: f.source.line, startColumn: f.source.column })
            : t.kind === "program"
              ? artifact(t.entry ?? path.join(t.absolutePath, "Pulumi.yaml"), root)
              : artifact(t.absolutePath, root);
    return { physicalLocation: physical, ...(f.urn ? { logicalLocations: [{ fullyQualifiedName: f.urn, name: f.resourceName, kind: "resource" }] } : {}) };
}

function fingerprint(f: ReportedFinding): string {
    return createHash("sha256").update(`${f.policyName}\u0000${f.urn ?? ""}\u0000${findingText(f, "en")[0] ?? ""}`).digest("hex");
}

export function sarifCategory(report: ScanReport): string {
    return report.view?.sarifCategory ?? `china-compliance/${report.target.project ?? "stack"}/${report.target.stack ?? "export"}`;
}

function result(f: ReportedFinding, report: ScanReport, root: string, ruleIndex: Map<string, number>): Result {
    const level = sarifLevel(f.enforcementLevel);
    const suppressed = f.exemption?.status === "active";
    const score = suppressed ? undefined : securitySeverity(level, f.severity);
    return {
        ruleId: f.policyName,
        ...(ruleIndex.has(f.policyName) ? { ruleIndex: ruleIndex.get(f.policyName) } : {}),
        level: level === "none" ? "note" : level,
        message: { text: findingText(f, report.view?.lang).join("\n") },
        locations: [location(f, report, root)],
        partialFingerprints: { "chinaComplianceFinding/v1": fingerprint(f) },
        ...(suppressed ? { suppressions: [{ kind: "external", status: "accepted", justification: f.exemption?.reason }] } : {}),
        properties: {
            enforcementLevel: f.enforcementLevel,
            ...(f.severity ? { severity: f.severity } : {}),
            ...(score ? { "security-severity": score } : {}),
            resourceType: f.resourceType,
            resourceName: f.resourceName,
            stackLevel: f.stackLevel,
            fails: f.fails,
            policyPack: `${f.policyPackName}@${f.policyPackVersion}`,
            ...(f.exemption ? { exemption: f.exemption } : {}),
        },
    };
}

export function toSarif(report: ScanReport, pkg?: PackageInfo): Log {
    const root = report.repoRoot ?? process.cwd();
    const policies = report.info.policies;
    const ruleIndex = new Map(policies.map((p, i) => [p.name, i]));
    const run: Run = {
        tool: {
            driver: {
                name: report.tool.name,
                version: report.tool.version,
                ...(pkg ? { informationUri: informationUri(pkg) } : {}),
                rules: policies.map((p) => rule(p, report, pkg)),
            },
            extensions: [{ name: report.pack.name, version: report.pack.version }],
        },
        automationDetails: { id: `${sarifCategory(report)}/` },
        originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(root).href.replace(/\/?$/, "/") } },
        results: reportedFindings(report).map((f) => result(f, report, root, ruleIndex)),
        // What scan could not see (remote components, lookups answered by the fallback) travels with the results.
        ...(report.warnings?.length
            ? { invocations: [{ executionSuccessful: true, toolExecutionNotifications: report.warnings.map((w) => ({ level: "warning" as const, message: { text: w } })) }] }
            : {}),
    };
    return { $schema: SARIF_SCHEMA, version: "2.1.0", runs: [run] };
}

/** Written as it is read (json-text.ts): a large report is never one string. */
export function formatSarif(report: ScanReport, pkg?: PackageInfo): Iterable<string> {
    return jsonText(toSarif(report, pkg));
}
