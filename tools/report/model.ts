// The assessor's report as data: every check (policy × resource in scope) with its status and
// evidence, grouped by control area and by clause, the exemption register and the provenance.
// The HTML (html.ts) only lays this out, so the counts are tested once, here.
import { createHash } from "crypto";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { BASES, type Basis, type BasisId, INSTRUMENTS } from "../../policies/shared/bases";
import { UNKNOWN_NOTE } from "../../policies/shared/emit";
import type { Bilingual } from "../../policies/shared/messages";
import type { EnforcementLevel, ResolvedConfig } from "../engine/types";
import { reportedFindings } from "../scan/findings";
import type { FindingExemption, ScanReport } from "../scan/report";

export type Status = "passed" | "failed" | "exempted" | "unknown";
export const STATUSES: readonly Status[] = ["passed", "failed", "exempted", "unknown"];

/** What the report needs of a control's metadata (the pack's compiled `controls`). */
export interface ReportControl {
    name: string;
    category: string;
    bases: string[];
    resourceTypes: string[];
    description: string;
    zhDescription: string;
    remediationSteps: string;
    zhRemediationSteps: string;
}

/** The controls of a pack from its compiled `dist/policies/index.js`; empty for a pack without them. */
export function packControls(packDir: string): ReportControl[] {
    const file = path.join(packDir, "dist", "policies", "index.js");
    if (!fs.existsSync(file)) return [];
    const mod = require(file) as { controls?: { metadata?: Record<string, unknown> }[] };
    const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);
    const str = (v: unknown): string => (typeof v === "string" ? v : "");
    return (mod.controls ?? []).flatMap((c) => {
        const m = c.metadata;
        if (!m || typeof m.name !== "string") return [];
        const zh = (m.zh ?? {}) as Record<string, unknown>;
        return [
            {
                name: m.name,
                category: str(m.category),
                bases: strings(m.bases),
                resourceTypes: strings(m.resourceTypes),
                description: str(m.description),
                zhDescription: str(zh.description),
                remediationSteps: str(m.remediationSteps),
                zhRemediationSteps: str(zh.remediationSteps),
            },
        ];
    });
}

export interface Check {
    policyName: string;
    urn: string;
    resourceType: string;
    resourceName: string;
    status: Status;
    /** The level of the worst finding; null for a passed check. */
    level: EnforcementLevel | null;
    /** The value found, as the finding states it (secrets already masked by the pack); null when passed. */
    evidence: Bilingual | null;
    /** The change the finding asks for; null when passed. */
    fix: Bilingual | null;
    exemption: FindingExemption | null;
}

export type Counts = Record<Status, number> & { checked: number; notApplicable: number };

export interface ControlResult {
    control: ReportControl;
    checks: Check[];
    /** No resource of a type the control reads is in the stack. */
    notApplicable: boolean;
}

export interface ClauseSection {
    id: string;
    basis: Basis;
    instrument: Bilingual;
    controls: ControlResult[];
    /** Controls whose table is shown here; the others are shown under an earlier clause of the area (a control cites several). */
    detailed: string[];
    counts: Counts;
}

export interface AreaSection {
    category: string;
    title: Bilingual;
    clauses: ClauseSection[];
    counts: Counts;
}

export interface Provenance {
    pack: { name: string; version: string };
    tool: { name: string; version: string };
    config: ResolvedConfig;
    configHash: string;
    project: string | null;
    stack: string | null;
    commit: string | null;
    generatedAt: string;
    source: "offline-scan" | "preview-event-log";
    target: string;
}

export interface ReportModel {
    provenance: Provenance;
    areas: AreaSection[];
    clauses: ClauseSection[];
    totals: Counts;
    exemptions: Check[];
    /** Policies that ran but that the report cannot place (no metadata: another pack). */
    unplaced: string[];
}

export const AREA_TITLES: Record<string, Bilingual> = {
    logging: { en: "Logging and audit", zh: "日志与审计" },
    "access-control": { en: "Access control", zh: "访问控制" },
    "data-residency": { en: "Data residency", zh: "数据境内存储" },
    encryption: { en: "Encryption", zh: "加密" },
};

/** A finding message is `description \n English line \n Chinese line [\n exemption EN \n ZH]`. */
export function parseMessage(message: string): { line: Bilingual; found: Bilingual; fix: Bilingual } {
    const [, en = message, zh = ""] = message.split("\n");
    const between = (s: string, a: string, b: string): string => {
        const i = s.indexOf(a);
        const j = i < 0 ? -1 : s.indexOf(b, i + a.length);
        return i < 0 || j < 0 ? s : s.slice(i + a.length, j);
    };
    const fixOf = (s: string, a: string, b: string): string => {
        const i = s.indexOf(a);
        const j = s.indexOf(b);
        return i < 0 || j < 0 || j < i ? "" : s.slice(i + a.length, j).trim();
    };
    return {
        line: { en, zh },
        found: { en: between(en, "found ", "; required "), zh: between(zh, "当前：", "；要求：") },
        fix: { en: fixOf(en.slice(en.indexOf("; required ")), ". ", " Compliance basis:"), zh: fixOf(zh.slice(zh.indexOf("；要求：")), "。", "合规依据：") },
    };
}

function zero(): Counts {
    return { checked: 0, passed: 0, failed: 0, exempted: 0, unknown: 0, notApplicable: 0 };
}

function add(into: Counts, results: ControlResult[]): Counts {
    for (const r of results) {
        if (r.notApplicable) into.notApplicable++;
        for (const c of r.checks) {
            into.checked++;
            into[c.status]++;
        }
    }
    return into;
}

/** The git commit of the program's repository, when it has one and git is there. */
export function gitCommit(dir: string): string | null {
    try {
        const out = execFileSync("git", ["-C", dir, "rev-parse", "HEAD"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
        return /^[0-9a-f]{40,64}$/.test(out) ? out : null;
    } catch {
        return null;
    }
}

/** A stable JSON (sorted keys), so the hash names the configuration, not the order it was written in. */
function canonical(v: unknown): string {
    if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
    if (v && typeof v === "object") {
        return `{${Object.keys(v)
            .sort()
            .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
            .join(",")}}`;
    }
    return JSON.stringify(v) ?? "null";
}

export function configHash(config: ResolvedConfig): string {
    return createHash("sha256").update(canonical(config)).digest("hex");
}

export interface ModelOptions {
    controls: ReportControl[];
    now?: Date;
    source?: Provenance["source"];
    commit?: string | null;
}

const RANK: Record<Exclude<Status, "passed">, number> = { failed: 3, unknown: 2, exempted: 1 };

export function buildModel(report: ScanReport, opts: ModelOptions): ReportModel {
    const now = opts.now ?? new Date();
    const selected = report.selectedPolicy ?? ((): boolean => true);
    const byName = new Map(opts.controls.map((c) => [c.name, c]));
    const checks = new Map<string, Check>();
    const key = (policy: string, urn: string): string => `${policy}\u0000${urn}`;

    for (const f of reportedFindings(report, now)) {
        if (!f.urn) continue;
        const { found, fix } = parseMessage(f.message);
        const status: Status = f.exemption?.status === "active" ? "exempted" : f.message.includes(UNKNOWN_NOTE.en) ? "unknown" : "failed";
        const k = key(f.policyName, f.urn);
        const prev = checks.get(k);
        if (prev && prev.status !== "passed") {
            // Several findings of one policy on one resource: one check, the worst status, all evidence.
            if (RANK[status] > RANK[prev.status]) Object.assign(prev, { status, level: f.enforcementLevel, exemption: f.exemption ?? prev.exemption });
            prev.evidence = { en: `${prev.evidence?.en}; ${found.en}`, zh: `${prev.evidence?.zh}；${found.zh}` };
            continue;
        }
        checks.set(k, { policyName: f.policyName, urn: f.urn, resourceType: f.resourceType, resourceName: f.resourceName, status, level: f.enforcementLevel, evidence: found, fix, exemption: f.exemption });
    }
    for (const p of report.passed ?? []) {
        if (!selected(p.policyName) || checks.has(key(p.policyName, p.urn))) continue;
        checks.set(key(p.policyName, p.urn), { policyName: p.policyName, urn: p.urn, resourceType: p.type, resourceName: p.name, status: "passed", level: null, evidence: null, fix: null, exemption: null });
    }

    const results = new Map<string, ControlResult>();
    const ran = report.info.policies.filter((p) => selected(p.name) && (report.config?.[p.name]?.enforcementLevel ?? p.enforcementLevel) !== "disabled");
    const unplaced: string[] = [];
    for (const p of ran) {
        const control = byName.get(p.name);
        if (!control) {
            unplaced.push(p.name);
            continue;
        }
        const mine = [...checks.values()].filter((c) => c.policyName === p.name).sort((a, b) => (a.urn < b.urn ? -1 : a.urn > b.urn ? 1 : 0));
        results.set(p.name, { control, checks: mine, notApplicable: mine.length === 0 });
    }

    const clauseOf = (id: string, list: ControlResult[]): ClauseSection | undefined => {
        const basis = (BASES as Record<string, Basis | undefined>)[id];
        if (!basis) return undefined;
        // GB/T 22239's short Chinese name carries the standard's full title; a clause heading needs only the number.
        const instrument = basis.instrument === "mlps" ? { en: INSTRUMENTS.mlps.short.en, zh: "GB/T 22239-2019 第三级" } : INSTRUMENTS[basis.instrument].short;
        return { id, basis, instrument, controls: list, detailed: [], counts: add(zero(), list) };
    };
    // Clauses in the order of BASES (grouped by instrument), GB/T 22239 first: the assessor's standard.
    const order = (Object.keys(BASES) as BasisId[]).sort((a, b) => Number(BASES[b].instrument === "mlps") - Number(BASES[a].instrument === "mlps"));
    const sections = (list: ControlResult[]): ClauseSection[] => {
        const shown = new Set<string>();
        return order.flatMap((id) => {
            const citing = list.filter((r) => r.control.bases.includes(id));
            const s = citing.length > 0 ? clauseOf(id, citing) : undefined;
            if (!s) return [];
            s.detailed = citing.map((r) => r.control.name).filter((n) => !shown.has(n));
            for (const n of s.detailed) shown.add(n);
            return [s];
        });
    };

    const all = [...results.values()];
    const categories = [...new Set([...Object.keys(AREA_TITLES), ...all.map((r) => r.control.category)])];
    const areas = categories.flatMap((category): AreaSection[] => {
        const list = all.filter((r) => r.control.category === category);
        if (list.length === 0) return [];
        return [{ category, title: AREA_TITLES[category] ?? { en: category, zh: category }, clauses: sections(list), counts: add(zero(), list) }];
    });
    const exemptions = [...checks.values()].filter((c) => c.exemption !== null);

    return {
        provenance: {
            pack: { name: report.pack.name, version: report.pack.version },
            tool: report.tool,
            config: report.config ?? {},
            configHash: configHash(report.config ?? {}),
            project: report.target.project ?? null,
            stack: report.target.stack ?? null,
            commit: opts.commit !== undefined ? opts.commit : gitCommit(fs.existsSync(report.target.absolutePath) && fs.statSync(report.target.absolutePath).isDirectory() ? report.target.absolutePath : path.dirname(report.target.absolutePath)),
            generatedAt: now.toISOString(),
            source: opts.source ?? "offline-scan",
            target: report.target.path,
        },
        areas,
        clauses: sections(all),
        totals: add(zero(), all),
        exemptions,
        unplaced,
    };
}
