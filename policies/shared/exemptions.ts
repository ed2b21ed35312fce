// Exemptions (docs/design.md, "Configuration, exemptions, remediation"). A finding on an exempted resource is still reported, downgraded to
// advisory and saying who exempted it and why — never dropped. Two sources:
// - the resource's own tags: `compliance:exempt` = comma-separated policy names (or `*`), with a
//   required `compliance:exempt-reason`;
// - the policy's config `exemptResources`: [{pattern, reason}] where pattern is a glob over the
//   resource's URN or its name, for resources that cannot carry tags.
// A tag without a reason exempts nothing. Either source may say until when the exemption holds
// (`compliance:exempt-until` tag, `until` in the config entry: YYYY-MM-DD, valid through that day,
// UTC); after it — or when the date is not a date — the finding is reported at its own level again,
// with a note saying the exemption lapsed, so a temporary exception cannot quietly become permanent.
import type { PolicyConfigSchema, PolicyResource } from "@pulumi/policy";
import { matchesGlob } from "./glob";
import { type Bilingual, bi } from "./messages";
import { isRecord } from "./properties";
import { tryRead } from "./stack";

export const EXEMPT_TAG = "compliance:exempt";
export const EXEMPT_REASON_TAG = "compliance:exempt-reason";
export const EXEMPT_UNTIL_TAG = "compliance:exempt-until";

export interface ExemptionRule {
    pattern: string;
    reason: string;
    /** Last day (YYYY-MM-DD, UTC) the exemption holds. */
    until?: string;
}

/** The JSON schema of `exemptResources`, added to every policy's config. */
export const EXEMPT_RESOURCES_SCHEMA: PolicyConfigSchema["properties"][string] = {
    type: "array",
    description:
        "Resources exempted from this policy, for resources that cannot carry the compliance:exempt tag. " +
        "Each entry: pattern (glob over the resource URN or name, * = any characters), reason, and optionally until (YYYY-MM-DD). Findings stay visible as advisory.",
    items: {
        type: "object",
        properties: {
            pattern: { type: "string", minLength: 1 },
            reason: { type: "string", minLength: 3 },
            until: { type: "string", pattern: "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", description: "Last day the exemption holds (YYYY-MM-DD, UTC); after it the finding is reported at its own level." },
        },
        required: ["pattern", "reason"],
        additionalProperties: false,
    },
    default: [],
    maxItems: 500,
};

export interface Exemption {
    source: "tag" | "config";
    reason: string;
    pattern?: string;
    /** The stated last day, as written. */
    until?: string;
    /** Set when the exemption no longer holds: past its last day, or its date is not a date. */
    lapsed?: "expired" | "invalid-date";
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether YYYY-MM-DD names a real day (2026-02-30 does not). */
function isDay(s: string): boolean {
    const m = DATE.exec(s);
    if (!m) return false;
    const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
    return d.toISOString().slice(0, 10) === s;
}

/** The exemption with its expiry applied: valid through `until` (UTC), lapsed after it. */
export function withExpiry(e: Exemption, until: string | undefined, now: Date = new Date()): Exemption {
    if (until === undefined) return e;
    const day = until.trim();
    if (!isDay(day)) return { ...e, until: day, lapsed: "invalid-date" };
    return now.toISOString().slice(0, 10) > day ? { ...e, until: day, lapsed: "expired" } : { ...e, until: day };
}

/** True when the exemption holds: the finding is downgraded and the resource not remediated. */
export function isActive(e: Exemption): boolean {
    return e.lapsed === undefined;
}

/** Reads exemption rules from a policy's config; malformed entries are ignored (the engine validated them). */
export function readExemptionRules(config: Record<string, unknown>): ExemptionRule[] {
    const list = config.exemptResources;
    if (!Array.isArray(list)) return [];
    return list.flatMap((e: unknown) =>
        isRecord(e) && typeof e.pattern === "string" && typeof e.reason === "string"
            ? [{ pattern: e.pattern, reason: e.reason, ...(typeof e.until === "string" ? { until: e.until } : {}) }]
            : [],
    );
}

/**
 * Inputs holding a resource's own tags, where that is not `tags` alone. Alibaba Cloud launch
 * templates tag the template with `templateTags`; their `tags` go to the instances launched from
 * them (the input docs in @pulumi/alicloud ecs/ecsLaunchTemplate.d.ts). Every other tagged resource of both clouds uses
 * a `tags` map. Later inputs win.
 */
export const TAG_INPUTS: Readonly<Record<string, readonly string[]>> = {
    "alicloud:ecs/ecsLaunchTemplate:EcsLaunchTemplate": ["tags", "templateTags"],
    "alicloud:ecs/launchTemplate:LaunchTemplate": ["tags", "templateTags"],
};

function readTagMap(props: unknown, input: string, only: readonly string[] | undefined): Record<string, string> {
    const read = tryRead(() => (isRecord(props) ? props[input] : undefined));
    if (!read.known || !isRecord(read.value)) return {};
    const out: Record<string, string> = {};
    const tags = read.value;
    // Read value by value: the SDK's proxy throws on the unknown ones only.
    for (const k of only ? only.filter((key) => Object.hasOwn(tags, key)) : Object.keys(tags)) {
        const known = tryRead(() => tags[k]);
        if (known.known && typeof known.value === "string") out[k] = known.value;
    }
    return out;
}

/** Tags of a resource as a plain string map (with `only`, just those keys); unknown or odd tags count as none. */
export function readTags(props: unknown, type?: string, only?: readonly string[]): Record<string, string> {
    const inputs = (type === undefined ? undefined : TAG_INPUTS[type]) ?? ["tags"];
    return Object.assign({}, ...inputs.map((input) => readTagMap(props, input, only))) as Record<string, string>;
}

/** The tags an exemption is read from: every policy reads these of every resource, so only these. */
export const EXEMPTION_TAGS: readonly string[] = [EXEMPT_TAG, EXEMPT_REASON_TAG, EXEMPT_UNTIL_TAG];

// The SDK's unknown-checking proxy answers this key with the object it wraps (@pulumi/policy proxy.js).
const PROXY_TARGET = "__getSpecialProxyTarget";
const exemptionTagsRead = new WeakMap<object, { type: string; tags: Record<string, string> }>();

/**
 * A resource's EXEMPTION_TAGS, read once per deserialised props object. Every policy reads them
 * of every resource, and the SDK gives each policy its own proxy over the same object
 * (deserialise-once.ts), so in AnalyzeStack the reading is shared by all stack policies. The
 * result is a plain map; props that are not such a proxy are read every time.
 */
export function exemptionTags(props: unknown, type: string): Record<string, string> {
    const target = tryRead(() => (isRecord(props) ? props[PROXY_TARGET] : undefined));
    const key = target.known && isRecord(target.value) ? target.value : undefined;
    if (!key) return readTags(props, type, EXEMPTION_TAGS);
    const read = exemptionTagsRead.get(key);
    if (read?.type === type) return read.tags;
    const tags = readTags(props, type, EXEMPTION_TAGS);
    exemptionTagsRead.set(key, { type, tags });
    return tags;
}

const taggedIn = new WeakMap<readonly PolicyResource[], readonly PolicyResource[]>();

/**
 * The resources of a stack that carry a `compliance:exempt` tag, found once per resource list:
 * every stack policy of an AnalyzeStack call reads the same list (build-once.ts), and most
 * resources carry no such tag. The list must not change afterwards (the shared one is frozen).
 */
export function exemptTagged(resources: readonly PolicyResource[]): readonly PolicyResource[] {
    let tagged = taggedIn.get(resources);
    if (tagged === undefined) {
        tagged = resources.filter((r) => exemptionTags(r.props, r.type)[EXEMPT_TAG] !== undefined);
        taggedIn.set(resources, tagged);
    }
    return tagged;
}

/** Policy names listed in a `compliance:exempt` tag value. */
export function exemptPolicyNames(tagValue: string): string[] {
    return tagValue
        .split(",")
        .map((s) => s.trim())
        .filter((s) => s.length > 0);
}

export function tagExemption(policy: string, tags: Record<string, string>, now: Date = new Date()): Exemption | undefined {
    const value = tags[EXEMPT_TAG];
    if (value === undefined) return undefined;
    const names = exemptPolicyNames(value);
    if (!names.includes(policy) && !names.includes("*")) return undefined;
    const reason = (tags[EXEMPT_REASON_TAG] ?? "").trim();
    return reason ? withExpiry({ source: "tag", reason }, tags[EXEMPT_UNTIL_TAG], now) : undefined;
}

export function configExemption(urn: string, name: string, rules: readonly ExemptionRule[], now: Date = new Date()): Exemption | undefined {
    const rule = rules.find((r) => matchesGlob(urn, r.pattern) || matchesGlob(name, r.pattern));
    return rule ? withExpiry({ source: "config", reason: rule.reason, pattern: rule.pattern }, rule.until, now) : undefined;
}

/** Who exempted the resource, in both languages. */
export function exemptedBy(e: Exemption): Bilingual {
    return e.source === "tag"
        ? bi(`the resource's ${EXEMPT_TAG} tag`, `资源标签 ${EXEMPT_TAG}`)
        : bi(`policy config exemptResources pattern ${JSON.stringify(e.pattern)}`, `策略配置 exemptResources 规则 ${JSON.stringify(e.pattern)}`);
}

/** The note appended to an exempted finding (or one whose exemption lapsed), in both languages. */
export function exemptionNote(e: Exemption): Bilingual {
    const by = exemptedBy(e);
    const untilInput = e.source === "tag" ? EXEMPT_UNTIL_TAG : "until";
    if (e.lapsed === "expired") {
        return bi(
            `Exemption expired on ${e.until} (by ${by.en}; reason: ${e.reason}): reported at the policy's own level. Fix the resource, or renew the exemption with a new ${untilInput}.`,
            `豁免已于 ${e.until} 到期（依据：${by.zh}；理由：${e.reason}），按策略本身的级别报告。请整改资源，或以新的 ${untilInput} 续期豁免。`,
        );
    }
    if (e.lapsed === "invalid-date") {
        return bi(
            `Exemption ignored: its ${untilInput} ${JSON.stringify(e.until)} is not a date YYYY-MM-DD (by ${by.en}; reason: ${e.reason}): reported at the policy's own level.`,
            `豁免无效：${untilInput} ${JSON.stringify(e.until)} 不是 YYYY-MM-DD 格式的日期（依据：${by.zh}；理由：${e.reason}），按策略本身的级别报告。`,
        );
    }
    const until = e.until ? bi(`; until ${e.until}`, `；有效期至 ${e.until}`) : bi("", "");
    return bi(`Exempted (reported as advisory) by ${by.en}; reason: ${e.reason}${until.en}`, `已豁免（以建议级别报告），依据：${by.zh}；理由：${e.reason}${until.zh}`);
}

/** True when the tag names this policy explicitly but gives no reason: the exemption is void, and that is worth a finding. */
export function namesPolicyWithoutReason(policy: string, tags: Record<string, string>): boolean {
    const value = tags[EXEMPT_TAG];
    return value !== undefined && exemptPolicyNames(value).includes(policy) && (tags[EXEMPT_REASON_TAG] ?? "").trim() === "";
}

export function missingReasonMessage(policy: string, resourceName: string): string {
    return (
        `Resource "${resourceName}": its ${EXEMPT_TAG} tag names ${policy} but there is no ${EXEMPT_REASON_TAG} tag, so the exemption is ignored. ` +
        `Add ${EXEMPT_REASON_TAG} with who approved the exception and why.\n` +
        `资源“${resourceName}”：${EXEMPT_TAG} 标签列出了 ${policy}，但缺少 ${EXEMPT_REASON_TAG} 标签，豁免无效。请添加 ${EXEMPT_REASON_TAG}，说明审批人和理由。`
    );
}
