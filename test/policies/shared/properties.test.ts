import { describe, expect, it } from "vitest";
import { firstSet, readBoolean, readList, readNumber, readString, toBoolean, toNumber, withDefault } from "../../../policies/shared/properties";
import { sdkProps, unknown } from "../../helpers/harness";

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

describe("firstSet reads the current name before deprecated aliases", () => {
    it.each([
        [{ logstoreName: "a", name: "b" }, { name: "logstoreName", value: "a" }],
        [{ name: "b" }, { name: "name", value: "b" }],
        [{ logstoreName: null, name: "b" }, { name: "name", value: "b" }],
        [{}, undefined],
        [null, undefined],
        ["str", undefined],
        [[1, 2], undefined],
    ])("%j", (props, expected) => {
        expect(firstSet(props, ["logstoreName", "name"])).toEqual(expected);
    });
});

describe("typed reads", () => {
    it.each([
        ["number absent", () => readNumber({}, ["n"]), { kind: "absent" }],
        ["number value", () => readNumber({ n: 3 }, ["n"]), { kind: "value", value: 3 }],
        ["number invalid", () => readNumber({ n: "x" }, ["n"]), { kind: "invalid", raw: "x" }],
        ["boolean string", () => readBoolean({ b: "false" }, ["b"]), { kind: "value", value: false }],
        ["boolean invalid", () => readBoolean({ b: 0 }, ["b"]), { kind: "invalid", raw: 0 }],
        ["string value", () => readString({ s: "x" }, ["s"]), { kind: "value", value: "x" }],
        ["string invalid", () => readString({ s: 1 }, ["s"]), { kind: "invalid", raw: 1 }],
        ["list value", () => readList({ l: [1] }, ["l"]), { kind: "value", value: [1] }],
        ["list invalid", () => readList({ l: "x" }, ["l"]), { kind: "invalid", raw: "x" }],
        ["default applies when absent", () => withDefault(readNumber({}, ["n"]), 30), { kind: "value", value: 30 }],
        ["default ignored when set", () => withDefault(readNumber({ n: 7 }, ["n"]), 30), { kind: "value", value: 7 }],
    ])("%s", (_name, read, expected) => {
        expect(read()).toEqual(expected);
    });

    it("lets the SDK's UnknownValueError through instead of guessing", () => {
        const props = sdkProps({ n: unknown() });
        expect(() => readNumber(props, ["n"])).toThrow(/can't be known during preview/);
    });
});
