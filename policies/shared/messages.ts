// Bilingual text, and how a value read from a resource may be echoed in a finding (emit.ts
// renders findings; this module only guarantees that no secret is printed).

export interface Bilingual {
    en: string;
    zh: string;
}

export function bi(en: string, zh: string): Bilingual {
    return { en, zh };
}

const SAFE_TOKEN = /^[A-Za-z0-9][A-Za-z0-9._:/*-]{0,63}$/;

/**
 * Renders a value read from a resource for a message. During Analyze the SDK unwraps secrets, so
 * a policy cannot tell a secret from a plain value: only values from a closed vocabulary are
 * echoed (finite numbers, booleans, strings from `vocabulary` or matching `shape`); anything else
 * is described by its type, never printed.
 */
export function safeValue(value: unknown, opts: { vocabulary?: readonly string[]; shape?: RegExp } = {}): string {
    if (value === undefined || value === null) {
        return "unset";
    }
    if (typeof value === "number") {
        return Number.isFinite(value) ? String(value) : "a non-finite number";
    }
    if (typeof value === "boolean") {
        return String(value);
    }
    if (typeof value === "string") {
        const known = opts.vocabulary?.includes(value) ?? false;
        const shaped = opts.shape !== undefined && opts.shape.test(value) && SAFE_TOKEN.test(value);
        return known || shaped ? JSON.stringify(value) : "a string value";
    }
    if (Array.isArray(value)) {
        return "a list";
    }
    return `a value of type ${typeof value}`;
}
