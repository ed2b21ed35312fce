// Value conversions shared by the reader (reader.ts) and the remediations, and `inputName`, which
// checks an input's name against the provider SDK's Args type at compile time.

export function isRecord(v: unknown): v is Record<string, unknown> {
    return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function toNumber(v: unknown): number | undefined {
    if (typeof v === "number" && Number.isFinite(v)) {
        return v;
    }
    if (typeof v === "string" && /^\s*-?\d+(\.\d+)?\s*$/.test(v)) {
        return Number(v);
    }
    return undefined;
}

export function toBoolean(v: unknown): boolean | undefined {
    if (typeof v === "boolean") {
        return v;
    }
    if (typeof v === "string") {
        const s = v.trim().toLowerCase();
        if (s === "true") return true;
        if (s === "false") return false;
    }
    return undefined;
}

/**
 * Names an input property, checked at compile time against the provider SDK's Args type
 * (imported with `import type`, so the SDK is never loaded at run time).
 */
export function inputName<TArgs>(name: keyof TArgs & string): string {
    return name;
}
