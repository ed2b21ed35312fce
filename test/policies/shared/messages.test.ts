import { describe, expect, it } from "vitest";
import { safeValue } from "../../../policies/shared/messages";

describe("safeValue never echoes a value outside its vocabulary", () => {
    it.each([
        [7, {}, "7"],
        [true, {}, "true"],
        [undefined, {}, "unset"],
        [null, {}, "unset"],
        [NaN, {}, "a non-finite number"],
        ["public-read", { vocabulary: ["private", "public-read"] }, '"public-read"'],
        ["hunter2", { vocabulary: ["private", "public-read"] }, "a string value"],
        ["0.0.0.0/0", { shape: /^[0-9a-f.:/]+$/ }, '"0.0.0.0/0"'],
        ["s3cr3t value", { shape: /^[0-9a-f.:/]+$/ }, "a string value"],
        ["x".repeat(100), { shape: /^x+$/ }, "a string value"],
        [["a"], {}, "a list"],
        [{ a: 1 }, {}, "a value of type object"],
    ])("%j", (value, opts, expected) => {
        expect(safeValue(value, opts)).toBe(expected);
    });
});
