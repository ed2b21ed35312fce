// tryRead skips stack traces while it reads (the cost of thousands of UnknownValueErrors in a first
// preview; docs/performance.md) and must leave the process's Error.stackTraceLimit as it found it.
import { describe, expect, it } from "vitest";
import { tryRead } from "../../policies/shared/stack";
import { sdkProps, unknown } from "../helpers/harness";

describe("tryRead and Error.stackTraceLimit", () => {
    it("an unknown read is {known: false}, and the limit is restored", () => {
        const before = Error.stackTraceLimit;
        expect(tryRead(() => sdkProps({ a: unknown() }).a)).toEqual({ known: false });
        expect(Error.stackTraceLimit).toBe(before);
    });

    it("another error is rethrown, and the limit is restored", () => {
        const before = Error.stackTraceLimit;
        expect(() =>
            tryRead(() => {
                throw new TypeError("boom");
            }),
        ).toThrow("boom");
        expect(Error.stackTraceLimit).toBe(before);
    });

    it("a known read is the value", () => {
        expect(tryRead(() => sdkProps({ a: 7 }).a)).toEqual({ known: true, value: 7 });
    });
});
