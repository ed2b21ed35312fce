// The result of a scan, independent of output format.
import type { PassedCheck, ResourceRemediation } from "../engine/analyze";
import type { AnalyzerInfo, EnforcementLevel, EngineResource, Finding, ResolvedConfig, Severity, SourcePosition } from "../engine/types";
import { isRootStack, parseUrn, ROOT_STACK_TYPE } from "../engine/urn";

export const TOOL_NAME = "china-compliance-scan";

export interface ScanTarget {
    kind: "program" | "stack-export";
    /** The path as given on the command line. */
    path: string;
    /** Absolute path of the program directory or export file. */
    absolutePath: string;
    project?: string;
    stack?: string;
    /** Absolute path of the program's entry module (programs only). */
    entry?: string;
}

export interface ScanReport {
    tool: { name: string; version: string };
    pack: { name: string; version: string; dir: string };
    target: ScanTarget;
    info: AnalyzerInfo;
    resources: EngineResource[];
    findings: Finding[];
    remediations: ResourceRemediation[];
    /** Checks that passed (resources of a type a policy reads, without a finding from it); JSON and HTML only. */
    passed?: PassedCheck[];
    /** Show each remediated resource's changes (scan --remediate); default true. */
    showRemediations?: boolean;
    /** The policy config the pack ran with (exemptResources, levels). */
    config?: ResolvedConfig;
    /** Absolute path SARIF and Code Quality paths are relative to (default: the current directory). */
    repoRoot?: string;
    /** Which findings are reported and which fail the run; default: all reported, mandatory fail. */
    selection?: Selection;
    /** The policies --check/--skip-check leave in (passed checks of the others are not shown); default all. */
    selectedPolicy?: (name: string) => boolean;
    view?: View;
    /** What scan could not see or had to make up while reading the target (one line each). */
    warnings?: string[];
}

/** How findings are shown; defaults: both languages, every finding, full messages, no colour. */
export interface View {
    lang?: "en" | "zh" | "both";
    quiet?: boolean;
    compact?: boolean;
    color?: boolean;
    sarifCategory?: string;
}

/** The outcome of --check/--skip-check, --baseline and the fail options, per finding. */
export interface Selection {
    /** Whether a finding is reported at all. */
    reported: (f: ResolvedFinding) => boolean;
    /** Whether a reported finding fails the run (exit 1). */
    fails: (f: ResolvedFinding & { exemption: FindingExemption | null }) => boolean;
    /** Findings left out because they are in the baseline. */
    baselined: number;
}

/** An exemption the pack applied to a finding, as its tags or config state it. */
export interface FindingExemption {
    source: "tag" | "config";
    /** Who exempted the resource: its compliance:exempt tag, or the config pattern. */
    who: string;
    pattern: string | null;
    reason: string;
    until: string | null;
    /** active: reported as advisory; expired / invalid-date: reported at the policy's level again. */
    status: "active" | "expired" | "invalid-date";
}

/** A finding as the formats show it: resolved, with its exemption and whether it fails the run. */
export interface ReportedFinding extends ResolvedFinding {
    exemption: FindingExemption | null;
    fails: boolean;
}

/** A finding tied to the resource it is about; stack-level findings are tied to the root stack. */
export interface ResolvedFinding {
    policyName: string;
    policyPackName: string;
    policyPackVersion: string;
    enforcementLevel: EnforcementLevel;
    severity: Severity | null;
    urn: string | null;
    resourceType: string;
    resourceName: string;
    /** True for a finding about the stack as a whole (reported without a URN). */
    stackLevel: boolean;
    description: string;
    message: string;
    source?: SourcePosition;
}

export interface Summary {
    mandatory: number;
    advisory: number;
    resources: number;
}

function compare(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}

/** Findings with their resources resolved, ordered by URN, then policy, then message. */
export function resolveFindings(report: Pick<ScanReport, "findings" | "resources">): ResolvedFinding[] {
    const byUrn = new Map(report.resources.map((r) => [r.urn, r]));
    const root = report.resources.find(isRootStack);
    const resolved = report.findings.map((f): ResolvedFinding => {
        const urn = f.urn ?? root?.urn ?? null;
        const resource = urn ? byUrn.get(urn) : undefined;
        const parsed = urn ? parseUrn(urn) : undefined;
        return {
            policyName: f.policyName,
            policyPackName: f.policyPackName,
            policyPackVersion: f.policyPackVersion,
            enforcementLevel: f.enforcementLevel,
            severity: f.severity ?? null,
            urn,
            resourceType: resource?.type ?? parsed?.type ?? ROOT_STACK_TYPE,
            resourceName: resource?.name ?? parsed?.name ?? "",
            stackLevel: f.urn === undefined,
            description: f.description,
            message: f.message,
            source: resource?.source,
        };
    });
    return resolved.sort((a, b) => compare(a.urn ?? "", b.urn ?? "") || compare(a.policyName, b.policyName) || compare(a.message, b.message));
}

export function summarize(findings: ResolvedFinding[]): Summary {
    return {
        mandatory: findings.filter((f) => f.enforcementLevel === "mandatory").length,
        advisory: findings.filter((f) => f.enforcementLevel === "advisory").length,
        resources: new Set(findings.map((f) => f.urn ?? "")).size,
    };
}

/** How many resources the pack was given, by type (sorted by type): what was scanned, findings or not. */
export function resourceCounts(resources: readonly { type: string }[]): { total: number; byType: Record<string, number> } {
    const byType: Record<string, number> = {};
    for (const r of [...resources].sort((a, b) => (a.type < b.type ? -1 : a.type > b.type ? 1 : 0))) byType[r.type] = (byType[r.type] ?? 0) + 1;
    return { total: resources.length, byType };
}

/** By default a finding fails the run when it is mandatory, as in pulumi preview. */
export const DEFAULT_SELECTION: Selection = { reported: () => true, fails: (f) => f.enforcementLevel === "mandatory", baselined: 0 };

/** 1 when any finding is mandatory: the preview would fail. */
export function exitCodeOf(findings: Pick<Finding, "enforcementLevel">[]): 0 | 1 {
    return findings.some((f) => f.enforcementLevel === "mandatory") ? 1 : 0;
}
