// Helpers for Pulumi's wire form of property values (see types.ts).
import { SECRET_SIG, SIG_KEY, UNKNOWN, type WireProperties, type WireValue } from "./types";

/** Signature of a resource reference (sdk/go/common/resource/sig). */
export const RESOURCE_REF_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
/** Signature of an output value; the SDK sends these only to monitors that support them. */
export const OUTPUT_VALUE_SIG = "d0e6a833031e9bbcd3f4e8bde6ca49a4";

export function secret(value: WireValue): WireValue {
    return { [SIG_KEY]: SECRET_SIG, value };
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
    return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function isSecret(v: unknown): v is { value: WireValue } {
    return isPlainObject(v) && v[SIG_KEY] === SECRET_SIG;
}

export function isUnknown(v: unknown): boolean {
    return v === UNKNOWN;
}

/**
 * Rewrites a value the way the CLI marshals properties for analyzers (KeepUnknowns, KeepSecrets,
 * but not KeepResources): a resource reference becomes its ID when it has one (unknown during a
 * first preview), else its URN; an output value becomes its plain value, secret or unknown.
 */
export function toAnalyzerWire(v: WireValue): WireValue {
    if (Array.isArray(v)) return v.map(toAnalyzerWire);
    if (!isPlainObject(v)) return v;
    const sig = v[SIG_KEY];
    if (sig === RESOURCE_REF_SIG) {
        return "id" in v ? (v.id === "" ? UNKNOWN : toAnalyzerWire(v.id)) : v.urn;
    }
    if (sig === OUTPUT_VALUE_SIG) {
        const inner = "value" in v ? toAnalyzerWire(v.value) : UNKNOWN;
        return v.secret === true ? secret(inner) : inner;
    }
    if (sig === SECRET_SIG) return secret(toAnalyzerWire(v.value));
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toAnalyzerWire(x)]));
}

/**
 * The CLI marshals properties for Analyze, AnalyzeStack and every provider with
 * SkipInternalKeys: keys starting with `__` are dropped at every depth (`__defaults` a provider's
 * Check adds, `__internal` the engine keeps on providers). Remediate gets them.
 */
export function withoutInternalKeys(v: WireValue): WireValue {
    if (Array.isArray(v)) return v.map(withoutInternalKeys);
    if (!isPlainObject(v)) return v;
    const out: Record<string, WireValue> = {};
    for (const [k, x] of Object.entries(v)) {
        if (!k.startsWith("__")) out[k] = withoutInternalKeys(x);
    }
    return out;
}

/**
 * google-protobuf's Struct.fromJavaScript rejects `undefined`; the CLI drops absent properties,
 * so do the same (null stays: it is a value on the wire).
 */
export function dropUndefined(v: WireValue): WireValue {
    if (Array.isArray(v)) return v.map((x) => (x === undefined ? null : dropUndefined(x)));
    if (!isPlainObject(v)) return v;
    const out: Record<string, WireValue> = {};
    for (const [k, x] of Object.entries(v)) {
        if (x !== undefined) out[k] = dropUndefined(x);
    }
    return out;
}

export function wireProperties(props: WireProperties): Record<string, WireValue> {
    return dropUndefined(props) as Record<string, WireValue>;
}
