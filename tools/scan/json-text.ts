// The JSON reports (json, sarif, codequality) as pieces, so that a large one is never one string:
// 20,000 resources make about 25 MB of JSON, twice that in memory (the messages' Chinese makes the
// string two bytes a character), and a copy when it is flattened for writing. The pieces joined
// are JSON.stringify(value, null, 2) + "\n", byte for byte (test/tools/json-text.test.ts compares
// them): containers near the top are written member by member, deeper values by JSON.stringify.

/** Container levels written member by member; below them each value is one JSON.stringify. */
const SPLIT_LEVELS = 3;
const STEP = "  ";

/** Arrays and plain objects without a toJSON of their own are written as JSON.stringify walks them. */
function splittable(v: unknown): v is Record<string, unknown> | unknown[] {
    if (Array.isArray(v)) return true;
    if (typeof v !== "object" || v === null || typeof (v as { toJSON?: unknown }).toJSON === "function") return false;
    const proto: unknown = Object.getPrototypeOf(v);
    return proto === Object.prototype || proto === null;
}

/** JSON.stringify leaves these out of an object and writes null for them in an array. */
const omitted = (v: unknown): boolean => v === undefined || typeof v === "function" || typeof v === "symbol";

function* pieces(value: unknown, indent: string, levels: number): Generator<string> {
    if (levels === 0 || !splittable(value)) {
        // Strings are escaped in JSON text, so every newline in it is indentation.
        yield (JSON.stringify(value, null, STEP) ?? "null").replaceAll("\n", `\n${indent}`);
        return;
    }
    const inner = indent + STEP;
    if (Array.isArray(value)) {
        if (value.length === 0) {
            yield "[]";
            return;
        }
        yield "[";
        for (let i = 0; i < value.length; i++) {
            yield `${i === 0 ? "" : ","}\n${inner}`;
            const v: unknown = value[i];
            if (omitted(v)) yield "null";
            else yield* pieces(v, inner, levels - 1);
        }
        yield `\n${indent}]`;
        return;
    }
    const entries = Object.entries(value).filter(([, v]) => !omitted(v));
    if (entries.length === 0) {
        yield "{}";
        return;
    }
    yield "{";
    for (const [i, [key, v]] of entries.entries()) {
        yield `${i === 0 ? "" : ","}\n${inner}${JSON.stringify(key)}: `;
        yield* pieces(v, inner, levels - 1);
    }
    yield `\n${indent}}`;
}

/** `JSON.stringify(value, null, 2) + "\n"` as pieces, for a value with a JSON form. */
export function* jsonText(value: unknown): Generator<string> {
    yield* pieces(value, "", SPLIT_LEVELS);
    yield "\n";
}
