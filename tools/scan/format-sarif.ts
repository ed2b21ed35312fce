// SARIF 2.1.0 output: one rule per policy of the pack, one result per finding.
import * as path from "path";
import { pathToFileURL } from "url";
import type { EnforcementLevel, PolicyInfo, Severity } from "../engine/types";
import { relativeSource } from "./format-json";
import { type ResolvedFinding, type ScanReport, resolveFindings } from "./report";

export const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
const SRCROOT = "PROJECTROOT";

/** GitHub code scanning reads `security-severity` (0.1–10) to rank alerts. */
const SECURITY_SEVERITY: Record<Severity, string> = { low: "3.0", medium: "5.5", high: "8.0", critical: "9.5" };

/** mandatory blocks a preview: error; advisory: warning; anything else is informational. */
const LEVEL: Record<EnforcementLevel, "error" | "warning" | "note" | "none"> = {
    mandatory: "error",
    remediate: "error",
    advisory: "warning",
    disabled: "none",
};

function resultLevel(level: EnforcementLevel): "error" | "warning" | "note" {
    const l = LEVEL[level];
    return l === "none" ? "note" : l;
}

function rule(p: PolicyInfo) {
    const properties: Record<string, unknown> = { tags: p.tags, enforcementLevel: p.enforcementLevel, policyType: p.type };
    if (p.severity) properties["security-severity"] = SECURITY_SEVERITY[p.severity];
    if (p.framework) properties.framework = p.framework;
    return {
        id: p.name,
        name: p.displayName ?? p.name,
        shortDescription: { text: p.description },
        fullDescription: { text: p.description },
        ...(p.remediationSteps ? { help: { text: p.remediationSteps } } : {}),
        ...(p.url ? { helpUri: p.url } : {}),
        defaultConfiguration: { level: LEVEL[p.enforcementLevel] },
        properties,
    };
}

function location(f: ResolvedFinding, report: ScanReport) {
    const logical = f.urn ? [{ fullyQualifiedName: f.urn, name: f.resourceName, kind: "resource" }] : [];
    const source = relativeSource(f.source, report.target);
    const entry = report.target.entry ? relativeSource({ uri: pathToFileURL(report.target.entry).href, line: 1, column: 1 }, report.target) : undefined;
    // A resource's own registration site when known; otherwise the program's entry file, or the
    // export file (viewers such as GitHub code scanning want a file for every result).
    const physical = source
        ? { artifactLocation: { uri: source.file, uriBaseId: SRCROOT }, region: { startLine: source.line, startColumn: source.column } }
        : entry
          ? { artifactLocation: { uri: entry.file, uriBaseId: SRCROOT } }
          : report.target.kind === "stack-export"
            ? { artifactLocation: { uri: report.target.path.split(path.sep).join("/") } }
            : undefined;
    return { ...(physical ? { physicalLocation: physical } : {}), ...(logical.length ? { logicalLocations: logical } : {}) };
}

export function toSarif(report: ScanReport) {
    const policies = report.info.policies;
    const ruleIndex = new Map(policies.map((p, i) => [p.name, i]));
    const findings = resolveFindings(report);
    const results = findings.map((f) => {
        const loc = location(f, report);
        return {
            ruleId: f.policyName,
            ...(ruleIndex.has(f.policyName) ? { ruleIndex: ruleIndex.get(f.policyName) } : {}),
            level: resultLevel(f.enforcementLevel),
            message: { text: f.message },
            ...(Object.keys(loc).length ? { locations: [loc] } : {}),
            properties: {
                enforcementLevel: f.enforcementLevel,
                ...(f.severity ? { severity: f.severity, "security-severity": SECURITY_SEVERITY[f.severity] } : {}),
                resourceType: f.resourceType,
                resourceName: f.resourceName,
                stackLevel: f.stackLevel,
                policyPack: `${f.policyPackName}@${f.policyPackVersion}`,
            },
        };
    });
    const run: Record<string, unknown> = {
        tool: {
            driver: {
                name: report.tool.name,
                version: report.tool.version,
                rules: policies.map(rule),
            },
            extensions: [{ name: report.pack.name, version: report.pack.version }],
        },
        automationDetails: { id: `${report.target.project ?? "stack"}/${report.target.stack ?? ""}` },
        results,
    };
    if (report.target.kind === "program") {
        run.originalUriBaseIds = { [SRCROOT]: { uri: pathToFileURL(report.target.absolutePath).href.replace(/\/?$/, "/") } };
    }
    return { $schema: SARIF_SCHEMA, version: "2.1.0", runs: [run] };
}

export function formatSarif(report: ScanReport): string {
    return JSON.stringify(toSarif(report), null, 2) + "\n";
}
