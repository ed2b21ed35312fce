// Reading resource inputs. Inputs are plain JSON after the SDK's deserialisation, wrapped in a
// proxy that throws UnknownValueError when an unknown value is read (the SDK turns that into an
// advisory). These helpers never catch that error, and never throw on odd shapes themselves.

/** A property read: absent (unset: the documented default applies), a usable value, or a value of the wrong shape. */
export type Read<T> = { kind: "absent" } | { kind: "value"; value: T } | { kind: "invalid"; raw: unknown };

export const ABSENT: Read<never> = { kind: "absent" };

export function isRecord(v: unknown): v is Record<string, unknown> {
    return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Returns the first of `names` that is set (current name first, then deprecated aliases). */
export function firstSet(props: unknown, names: readonly string[]): { name: string; value: unknown } | undefined {
    if (!isRecord(props)) {
        return undefined;
    }
    for (const name of names) {
        const value = props[name];
        if (value !== undefined && value !== null) {
            return { name, value };
        }
    }
    return undefined;
}

/** Reads a number; numeric strings count (some bridged inputs are typed string). */
export function readNumber(props: unknown, names: readonly string[]): Read<number> {
    const hit = firstSet(props, names);
    if (!hit) {
        return ABSENT;
    }
    const n = toNumber(hit.value);
    return n === undefined ? { kind: "invalid", raw: hit.value } : { kind: "value", value: n };
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

/** Reads a boolean; "true"/"false" strings count (aws LaunchTemplate and Redshift type them as strings). */
export function readBoolean(props: unknown, names: readonly string[]): Read<boolean> {
    const hit = firstSet(props, names);
    if (!hit) {
        return ABSENT;
    }
    const b = toBoolean(hit.value);
    return b === undefined ? { kind: "invalid", raw: hit.value } : { kind: "value", value: b };
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

export function readString(props: unknown, names: readonly string[]): Read<string> {
    const hit = firstSet(props, names);
    if (!hit) {
        return ABSENT;
    }
    return typeof hit.value === "string" ? { kind: "value", value: hit.value } : { kind: "invalid", raw: hit.value };
}

/** Reads a list; a non-list value is invalid, absent is absent. */
export function readList(props: unknown, names: readonly string[]): Read<unknown[]> {
    const hit = firstSet(props, names);
    if (!hit) {
        return ABSENT;
    }
    return Array.isArray(hit.value) ? { kind: "value", value: hit.value } : { kind: "invalid", raw: hit.value };
}

/** The value of a read, or the documented default when the input is unset. */
export function withDefault<T>(read: Read<T>, documentedDefault: T): Read<T> {
    return read.kind === "absent" ? { kind: "value", value: documentedDefault } : read;
}

/**
 * Names an input property, checked at compile time against the provider SDK's Args type
 * (imported with `import type`, so the SDK is never loaded at run time).
 */
export function inputName<TArgs>(name: keyof TArgs & string): string {
    return name;
}
