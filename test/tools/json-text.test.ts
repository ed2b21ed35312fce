// The JSON reports are written in pieces (tools/scan/json-text.ts); joined, the pieces must be
// exactly what JSON.stringify(value, null, 2) + "\n" writes, and no piece may hold a whole report.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { jsonText } from "../../tools/scan/json-text";

const joined = (v: unknown): string => [...jsonText(v)].join("");
const reference = (v: unknown): string => JSON.stringify(v, null, 2) + "\n";

// Every JSON value, and what JSON.stringify leaves out or rewrites: undefined, functions and
// symbols (dropped from objects, null in arrays), Dates and toJSON, boxed strings and Maps (not
// walked as objects), strings with newlines and quotes.
const odd = fc.constantFrom<unknown>(undefined, () => 1, Symbol("s"), new Date(0), "line\nbreak", 'quote " and \\', "网络日志", -0, 1e21, { toJSON: () => "mine" }, new String("ab"), new Map([[1, 2]]));
const value: fc.Arbitrary<unknown> = fc.letrec<{ v: unknown }>((tie) => ({
    v: fc.oneof({ depthSize: "small" }, fc.jsonValue({ maxDepth: 2 }), odd, fc.array(tie("v"), { maxLength: 4 }), fc.dictionary(fc.string({ maxLength: 4 }), tie("v"), { maxKeys: 4 })),
})).v;

describe("jsonText", () => {
    it("joins to JSON.stringify(value, null, 2) and a newline, on random values", () => {
        fc.assert(
            fc.property(value.filter((v) => JSON.stringify(v) !== undefined), (v) => {
                expect(joined(v)).toBe(reference(v));
            }),
            { numRuns: 1000 },
        );
    });

    it.each([
        { name: "empty containers", v: { a: [], b: {}, c: [[]], d: [{}] } },
        { name: "only left-out members", v: { a: undefined, b: () => 1, c: [undefined] } },
        { name: "deep nesting", v: { a: { b: { c: { d: { e: [1, { f: "g" }] } } } } } },
        { name: "a top-level array", v: [1, "two", null, true] },
        { name: "a string", v: "just text" },
        { name: "null-prototype object", v: Object.assign(Object.create(null) as object, { k: 1 }) },
    ])("joins to JSON.stringify's text: $name", ({ v }) => {
        expect(joined(v)).toBe(reference(v));
    });

    it("never holds a report whole: each finding is its own piece", () => {
        const report = { summary: { total: 3 }, findings: Array.from({ length: 3 }, (_, i) => ({ urn: `urn:${i}`, message: "x".repeat(1000) })) };
        const pieces = [...jsonText(report)];
        expect(pieces.join("")).toBe(reference(report));
        expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(1100);
        expect(pieces.filter((p) => p.includes("x".repeat(1000)))).toHaveLength(3);
    });
});
