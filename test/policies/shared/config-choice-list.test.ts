import Ajv from "ajv";
import { describe, expect, it } from "vitest";
import { choiceList, readConfig, schema } from "../../../policies/shared/config";

describe("choiceList", () => {
    it("builds an array of strings, each one of the values or matching the pattern", () => {
        expect(choiceList("d", ["a"], ["a", "b"], "^x-\\*$")).toEqual({
            type: "array",
            description: "d",
            items: { type: "string", minLength: 1, anyOf: [{ enum: ["a", "b"] }, { pattern: "^x-\\*$" }] },
            default: ["a"],
            uniqueItems: true,
            maxItems: 500,
        });
    });

    it("without a pattern allows only the values", () => {
        expect(choiceList("d", [], ["a"]).items.anyOf).toEqual([{ enum: ["a"] }]);
    });

    it("copies the values, so later changes to the caller's array do not alter the schema", () => {
        const values = ["a"];
        const p = choiceList("d", [], values);
        values.push("b");
        expect(p.items.anyOf[0]).toEqual({ enum: ["a"] });
    });

    const props = { list: choiceList("d", ["a"], ["a", "b"], "^x-\\*$") };

    it.each([
        [{ list: ["b", "x-*"] }, true],
        [{ list: ["c"] }, false],
        [{ list: ["x-y"] }, false],
        [{ list: [] }, true],
    ])("ajv validates %j = %s", (config, expected) => {
        const validate = new Ajv({ strict: false }).compile({ type: "object", ...schema(props) });
        expect(validate(config)).toBe(expected);
    });

    it.each([
        [{}, { list: ["a"] }],
        [{ list: ["b"] }, { list: ["b"] }],
        [{ list: "b" }, { list: ["a"] }],
        [{ list: [1] }, { list: ["a"] }],
    ])("readConfig(%j) = %j", (given, expected) => {
        expect(readConfig(props, given)).toEqual(expected);
    });
});
