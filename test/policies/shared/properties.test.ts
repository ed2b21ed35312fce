import { describe, expect, it } from "vitest";
import { toBoolean, toNumber } from "../../../policies/shared/properties";

describe("toNumber", () => {
    it.each([
        [180, 180],
        [0, 0],
        ["180", 180],
        [" 7 ", 7],
        ["-1", -1],
        ["1.5", 1.5],
        ["abc", undefined],
        ["", undefined],
        [NaN, undefined],
        [Infinity, undefined],
        [true, undefined],
        [null, undefined],
        [{}, undefined],
    ])("%j -> %j", (input, expected) => {
        expect(toNumber(input)).toBe(expected);
    });
});

describe("toBoolean", () => {
    it.each([
        [true, true],
        [false, false],
        ["true", true],
        ["false", false],
        [" TRUE ", true],
        ["yes", undefined],
        [1, undefined],
        [null, undefined],
    ])("%j -> %j", (input, expected) => {
        expect(toBoolean(input)).toBe(expected);
    });
});
