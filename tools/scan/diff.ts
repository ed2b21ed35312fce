// What a remediation changed, as property paths with old and new values. Values are Pulumi wire
// form: a secret shows as "[secret]" (no secret value ever reaches the output), an unknown as
// "(unknown)". Lists are compared whole, by content with keys sorted (the wire round trip
// reorders object keys), so a dropped grant shows as the list before and after.
import { SECRET_SIG, SIG_KEY, UNKNOWN } from "../engine/types";

export interface PropertyChange {
    /** `retentionInDays`, `variableMap.vpc_flow_ttl`, `accessControlPolicy.grants`. */
    path: string;
    kind: "changed" | "added" | "removed";
    /** Absent when added. */
    before?: unknown;
    /** Absent when removed. */
    after?: unknown;
}

export const SECRET_SHOWN = "[secret]";
export const UNKNOWN_SHOWN = "(unknown)";

function isSecret(v: unknown): v is { value: unknown } {
    return typeof v === "object" && v !== null && (v as Record<string, unknown>)[SIG_KEY] === SECRET_SIG;
}

/** A wire value fit for output: secrets masked, unknowns named. */
export function displayValue(v: unknown): unknown {
    if (isSecret(v)) return SECRET_SHOWN;
    if (v === UNKNOWN) return UNKNOWN_SHOWN;
    if (Array.isArray(v)) return v.map(displayValue);
    if (typeof v === "object" && v !== null) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, displayValue(x)]));
    return v;
}

function canonical(v: unknown): string {
    if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
    if (typeof v === "object" && v !== null) {
        const o = v as Record<string, unknown>;
        return `{${Object.keys(o).sort().map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(",")}}`;
    }
    return JSON.stringify(v) ?? "undefined";
}

/** Leaf paths of a value: `{a: {b: 1}}` → a.b; lists, secrets and empty objects are leaves. */
function leaves(v: unknown, prefix: string, out: Map<string, unknown>): Map<string, unknown> {
    const leaf = typeof v !== "object" || v === null || Array.isArray(v) || isSecret(v) || (Object.keys(v).length === 0 && prefix !== "");
    if (leaf) {
        out.set(prefix, v);
        return out;
    }
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) leaves(x, prefix ? `${prefix}.${k}` : k, out);
    return out;
}

/** Every leaf that differs between two wire property maps, sorted by path. */
export function propertyChanges(before: Record<string, unknown>, after: Record<string, unknown>): PropertyChange[] {
    const a = leaves(before, "", new Map());
    const b = leaves(after, "", new Map());
    const paths = [...new Set([...a.keys(), ...b.keys()])].filter((p) => p !== "").sort();
    return paths.flatMap((path): PropertyChange[] => {
        if (!a.has(path)) return [{ path, kind: "added", after: displayValue(b.get(path)) }];
        if (!b.has(path)) return [{ path, kind: "removed", before: displayValue(a.get(path)) }];
        if (canonical(a.get(path)) === canonical(b.get(path))) return [];
        return [{ path, kind: "changed", before: displayValue(a.get(path)), after: displayValue(b.get(path)) }];
    });
}
