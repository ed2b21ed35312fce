// What the classified-data controls share: their config (the classification tag and levels, and
// the level each rule starts at), whether a resource's classification makes a rule apply, and
// how the finding names that classification. A rule applies from `fromLevel` up in the
// configured order; a tag value that is not a level, or one unknown during preview, never makes
// a rule apply (data-classification-tag reports it), so these controls are never mandatory on an
// unknown classification.
import type { PolicyResource } from "@pulumi/policy";
import { type ConfigValues } from "../shared/config";
import { type Change, type Emit } from "../shared/emit";
import { type Bilingual, bi } from "../shared/messages";
import { STATEFUL, classificationConfig, fromLevel, rank, readClassification, showLevel } from "./classification";

export const DEFAULT_FROM_LEVEL = "personal";

/** The config of a classified-data control: the tag, the levels, and where the rule starts. */
export function classifiedConfig(rule: string) {
    return {
        ...classificationConfig,
        fromLevel: fromLevel(
            `Classification level from which ${rule} (default personal: personal, important and core data). One of classificationLevels; ` +
                "a name that is not one of them is reported on every classified resource and applies the rule to none.",
            DEFAULT_FROM_LEVEL,
        ),
    };
}

export type ClassifiedConfig = ConfigValues<ReturnType<typeof classifiedConfig>>;

/** The classification that made a rule apply. */
export interface Classified {
    key: string;
    value: string;
    /** The most sensitive configured level (core data by default): core-only rules apply. */
    top: boolean;
}

/** How a rule stands for one resource: it applies (with the classification), it does not, or the config cannot be used. */
export type Applies = { kind: "applies"; classified: Classified } | { kind: "no" } | { kind: "bad-config"; fromLevel: string; levels: readonly string[] };

/** Whether the resource's classification reaches `fromLevel`. */
export function applies(resource: { props: unknown; provider?: { props: unknown } | undefined }, cfg: ClassifiedConfig): Applies {
    const levels = cfg.classificationLevels;
    const read = readClassification(resource.props, resource.provider, cfg.classificationTagKey);
    if (read.kind !== "value") return { kind: "no" };
    const level = rank(levels, read.value);
    if (level === undefined) return { kind: "no" };
    const from = rank(levels, cfg.fromLevel);
    if (from === undefined) return { kind: "bad-config", fromLevel: cfg.fromLevel, levels };
    if (level < from) return { kind: "no" };
    return { kind: "applies", classified: { key: cfg.classificationTagKey, value: read.value, top: level === levels.length - 1 } };
}

/** `<found>, on data classified `key` = "value"`: the classification that made the rule apply. */
export function onClassified(found: Bilingual, c: Classified): Bilingual {
    const level = showLevel(c.value);
    return bi(`${found.en}, on data classified \`${c.key}\` = ${level.en}`, `${found.zh}，而该资源的数据分类为 \`${c.key}\` = ${level.zh}`);
}

/** The finding for a `fromLevel` that is not one of the configured levels (never silent, never mandatory). */
export function badConfigFinding(a: Extract<Applies, { kind: "bad-config" }>): { found: Bilingual; required: Bilingual; change: { text: Bilingual }; advisory: true } {
    const levels = a.levels.join(", ");
    return {
        found: bi(`policy config \`fromLevel\` "${a.fromLevel}", which is not one of classificationLevels`, `策略配置 \`fromLevel\` 为 "${a.fromLevel}"，不在 classificationLevels 之中`),
        required: bi(`\`fromLevel\` one of: ${levels}`, `\`fromLevel\` 取以下之一：${a.levels.join("、")}`),
        change: { text: bi("Fix `fromLevel` in the policy config.", "请修改策略配置中的 `fromLevel`。") },
        advisory: true,
    };
}

/** One thing found on a classified resource, before the classification is added to it. */
export interface Problem {
    found: Bilingual;
    change: Change;
    fix?: Bilingual;
    unknown?: boolean;
    advisory?: boolean;
}

/** The kind of a classified resource, where a finding is reported, and its classification. */
export interface Subject {
    resource: PolicyResource;
    kind: Bilingual;
    on: { urn: string; name: string };
    classified: Classified;
}

/**
 * Calls `each` for every resource of `types` (all classified types) whose classification makes the
 * rule apply; a bad `fromLevel` is reported on each classified resource instead.
 */
export function eachClassified(resources: readonly PolicyResource[], types: readonly string[], cfg: ClassifiedConfig, emit: Emit, each: (s: Subject) => void): void {
    for (const r of resources) {
        const kind = types.includes(r.type) ? STATEFUL[r.type] : undefined;
        if (!kind) continue;
        const on = { urn: r.urn, name: r.name };
        const a = applies(r, cfg);
        if (a.kind === "bad-config") emit({ kind, on, ...badConfigFinding(a) });
        if (a.kind === "applies") each({ resource: r, kind, on, classified: a.classified });
    }
}

/** Emits a problem on a classified resource, with the classification that made the rule apply. */
export function emitProblem(emit: Emit, s: Subject, required: Bilingual, p: Problem): void {
    emit({
        kind: s.kind,
        on: s.on,
        found: onClassified(p.found, s.classified),
        required,
        change: p.change,
        ...(p.fix ? { fix: p.fix } : {}),
        ...(p.unknown ? { unknown: true } : {}),
        ...(p.advisory ? { advisory: true } : {}),
    });
}
