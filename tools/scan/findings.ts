// Which findings scan reports and which fail the run: --check / --skip-check, --baseline, the
// fail options (--soft-fail, --soft-fail-on, --hard-fail-on), and each finding's exemption.
import * as fs from "fs";
import { configExemption, exemptedBy, exemptionNote, readExemptionRules, readTags, tagExemption } from "../../policies/shared/exemptions";
import { matchesGlob } from "../../policies/shared/glob";
import { UserInputError } from "../engine/errors";
import type { EngineResource, PolicyInfo, ResolvedConfig, Severity } from "../engine/types";
import { LEVEL_TERMS, SEVERITY_TERMS } from "./args";
import { displayValue } from "./diff";
import { DEFAULT_SELECTION, type FindingExemption, type ReportedFinding, type ResolvedFinding, type ScanReport, type Selection, TOOL_NAME, resolveFindings } from "./report";

const RANK: Record<Severity, number> = { low: 0, medium: 1, high: 2, critical: 3 };

/**
 * The exemption the pack applied to a finding, read from the same sources the pack reads (the
 * resource's tags, the policy's exemptResources) with the pack's own functions. It is attached
 * only when the finding carries the very note the pack appends for it, so scan never claims an
 * exemption the pack did not apply (another pack, or tags the pack saw differently).
 */
export function findingExemption(f: ResolvedFinding, resource: EngineResource | undefined, config: ResolvedConfig | undefined, now = new Date()): FindingExemption | null {
    if (!resource) return null;
    const props = displayValue(resource.properties);
    const e =
        tagExemption(f.policyName, readTags(props, resource.type), now) ??
        configExemption(resource.urn, resource.name, readExemptionRules(config?.[f.policyName]?.properties ?? {}), now);
    const note = e && exemptionNote(e);
    if (!e || !note || !f.message.includes(`${note.en}\n${note.zh}`)) return null;
    return { source: e.source, who: exemptedBy(e).en, pattern: e.pattern ?? null, reason: e.reason, until: e.until ?? null, status: e.lapsed ?? "active" };
}

export function reportedFindings(report: ScanReport, now = new Date()): ReportedFinding[] {
    const byUrn = new Map(report.resources.map((r) => [r.urn, r]));
    const selection = report.selection ?? DEFAULT_SELECTION;
    return resolveFindings(report)
        .filter(selection.reported)
        .map((f) => {
            const exemption = findingExemption(f, f.urn ? byUrn.get(f.urn) : undefined, report.config, now);
            return { ...f, exemption, fails: selection.fails({ ...f, exemption }) };
        });
}

/** A --soft-fail-on / --hard-fail-on term: a level, a severity, or a policy name. */
function termMatcher(term: string, policies: readonly string[], option: string): (f: ResolvedFinding, orHigher: boolean) => boolean {
    if ((LEVEL_TERMS as readonly string[]).includes(term)) return (f) => f.enforcementLevel === term;
    if ((SEVERITY_TERMS as readonly string[]).includes(term)) {
        const rank = RANK[term as Severity];
        return (f, orHigher) => f.severity !== null && (orHigher ? RANK[f.severity] >= rank : RANK[f.severity] <= rank);
    }
    if (policies.includes(term)) return (f) => f.policyName === term;
    throw new UserInputError(`${option} ${term}: not a level (${LEVEL_TERMS.join(", ")}), a severity (${SEVERITY_TERMS.join(", ")}) or a policy of the pack`);
}

/** --check / --skip-check patterns; each must match a policy of the pack, so a typo cannot select nothing. */
function patterns(list: readonly string[], policies: readonly string[], option: string): string[] {
    for (const p of list) {
        if (!policies.some((name) => matchesGlob(name, p))) throw new UserInputError(`${option} ${p}: matches no policy of the pack (see scan list)`);
    }
    return [...list];
}

/** The policies --check and --skip-check leave in, by name. */
export function policyFilter(options: Pick<SelectionOptions, "check" | "skipCheck">, policies: readonly PolicyInfo[]): (name: string) => boolean {
    const names = policies.map((p) => p.name);
    const check = patterns(options.check, names, "--check");
    const skip = patterns(options.skipCheck, names, "--skip-check");
    return (name) => (check.length === 0 || check.some((p) => matchesGlob(name, p))) && !skip.some((p) => matchesGlob(name, p));
}

export interface SelectionOptions {
    check: readonly string[];
    skipCheck: readonly string[];
    softFail: boolean;
    softFailOn: readonly string[];
    hardFailOn: readonly string[];
    baseline?: Baseline;
}

/**
 * - reported: passes --check (if any) and not --skip-check, and is not in the baseline;
 * - fails: never when --soft-fail, never when its exemption holds; with --hard-fail-on, when it
 *   matches a term (severity: that or higher); else when mandatory and not matching
 *   --soft-fail-on (severity: that or lower).
 */
export function buildSelection(options: SelectionOptions, policies: readonly PolicyInfo[], findings: readonly ResolvedFinding[]): Selection {
    const names = policies.map((p) => p.name);
    const policySelected = policyFilter(options, policies);
    const hard = options.hardFailOn.map((t) => termMatcher(t, names, "--hard-fail-on"));
    const soft = options.softFailOn.map((t) => termMatcher(t, names, "--soft-fail-on"));
    const baseline = options.baseline ? new Set(options.baseline.findings.map(baselineKey)) : undefined;
    const selected = (f: ResolvedFinding): boolean => policySelected(f.policyName);
    const inBaseline = (f: ResolvedFinding): boolean => baseline?.has(baselineKey(f)) ?? false;
    return {
        reported: (f) => selected(f) && !inBaseline(f),
        fails: (f) => {
            if (options.softFail || f.exemption?.status === "active") return false;
            if (hard.length) return hard.some((m) => m(f, true));
            return f.enforcementLevel === "mandatory" && !soft.some((m) => m(f, false));
        },
        baselined: findings.filter((f) => selected(f) && inBaseline(f)).length,
    };
}

// Baselines: the findings of one run, by policy and resource URN (not message: a message names
// values, which may change while the finding stays the same one).
export const BASELINE_VERSION = 1;

export interface Baseline {
    formatVersion: number;
    tool: string;
    findings: { policyName: string; urn: string | null }[];
}

function baselineKey(f: { policyName: string; urn: string | null }): string {
    return `${f.policyName}\u0000${f.urn ?? ""}`;
}

export function toBaseline(findings: readonly ResolvedFinding[]): Baseline {
    const seen = new Map(findings.map((f) => [baselineKey(f), { policyName: f.policyName, urn: f.urn }]));
    return { formatVersion: BASELINE_VERSION, tool: TOOL_NAME, findings: [...seen.values()] };
}

export function readBaseline(file: string): Baseline {
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch (err) {
        throw new UserInputError(`cannot read baseline ${file} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); write one with --create-baseline`);
    }
    let doc: unknown;
    try {
        doc = JSON.parse(text);
    } catch (err) {
        throw new UserInputError(`baseline ${file} is not valid JSON (${(err as Error).message})`);
    }
    const d = doc as Partial<Baseline> | null;
    const ok =
        typeof d === "object" &&
        d !== null &&
        d.formatVersion === BASELINE_VERSION &&
        Array.isArray(d.findings) &&
        d.findings.every((x) => typeof x === "object" && x !== null && typeof x.policyName === "string" && (typeof x.urn === "string" || x.urn === null));
    if (!ok) throw new UserInputError(`baseline ${file} is not a scan baseline (expected formatVersion ${BASELINE_VERSION} and findings [{policyName, urn}]; write one with --create-baseline)`);
    return d as Baseline;
}
