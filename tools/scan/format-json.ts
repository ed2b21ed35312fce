// JSON output; its shape is documented in docs/scan.md and docs/scan-output.schema.json.
import * as path from "path";
import { fileURLToPath } from "url";
import type { SourcePosition } from "../engine/types";
import { displayValue, propertyChanges } from "./diff";
import { reportedFindings } from "./findings";
import { jsonText } from "./json-text";
import { type ScanReport, type ScanTarget, resourceCounts, summarize } from "./report";

export const JSON_FORMAT_VERSION = 1;

/** A source position as a path relative to the program directory (forward slashes). */
export function relativeSource(source: SourcePosition | undefined, target: ScanTarget): { file: string; line: number; column: number } | undefined {
    if (!source || target.kind !== "program" || !source.uri.startsWith("file:")) return undefined;
    const file = path.relative(target.absolutePath, fileURLToPath(source.uri)).split(path.sep).join("/");
    return { file, line: source.line, column: source.column };
}

/** Passed checks per policy (pack order), limited to the policies --check/--skip-check select. */
export function passedByPolicy(report: ScanReport): { policyName: string; resources: { urn: string; resourceType: string; resourceName: string }[] }[] {
    const byPolicy = new Map<string, { urn: string; resourceType: string; resourceName: string }[]>();
    for (const p of report.passed ?? []) {
        const list = byPolicy.get(p.policyName) ?? [];
        list.push({ urn: p.urn, resourceType: p.type, resourceName: p.name });
        byPolicy.set(p.policyName, list);
    }
    const selected = report.selectedPolicy ?? ((): boolean => true);
    return [...byPolicy].filter(([name]) => selected(name)).map(([policyName, resources]) => ({ policyName, resources }));
}

export function toJsonOutput(report: ScanReport) {
    const findings = reportedFindings(report);
    const tagsOf = new Map(report.info.policies.map((p) => [p.name, p.tags ?? []]));
    return {
        formatVersion: JSON_FORMAT_VERSION,
        tool: report.tool,
        pack: { name: report.pack.name, version: report.pack.version },
        target: {
            kind: report.target.kind,
            path: report.target.path,
            project: report.target.project ?? null,
            stack: report.target.stack ?? null,
        },
        summary: { ...summarize(findings), failing: findings.filter((f) => f.fails).length, baselined: report.selection?.baselined ?? 0 },
        scanned: resourceCounts(report.resources),
        warnings: report.warnings ?? [],
        findings: findings.map((f) => ({
            policyName: f.policyName,
            enforcementLevel: f.enforcementLevel,
            severity: f.severity,
            urn: f.urn,
            resourceType: f.resourceType,
            resourceName: f.resourceName,
            stackLevel: f.stackLevel,
            message: f.message,
            description: f.description,
            tags: tagsOf.get(f.policyName) ?? [],
            source: relativeSource(f.source, report.target) ?? null,
            exemption: f.exemption,
            fails: f.fails,
        })),
        passed: passedByPolicy(report),
        remediations: (report.showRemediations === false ? [] : report.remediations).map((r) => ({
            urn: r.urn,
            resourceType: r.type,
            resourceName: r.name,
            policies: r.remediations.map((x) => x.policyName),
            changes: propertyChanges(r.before, r.after),
            before: displayValue(r.before),
            after: displayValue(r.after),
        })),
    };
}

/** The JSON document `--format json` writes (docs/scan-output.schema.json describes it). */
export type ScanJson = ReturnType<typeof toJsonOutput>;

/** Written as it is read (json-text.ts): a large report is never one string. */
export function formatJson(report: ScanReport): Iterable<string> {
    return jsonText(toJsonOutput(report));
}
