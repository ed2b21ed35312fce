import { describe, expect, it } from "vitest";
import { boolean, integer, integerList, readConfig, schema, stringList } from "../../../policies/shared/config";

const props = {
    days: integer("d", 180, 1, 3650),
    on: boolean("b", false),
    regions: stringList("r", ["cn-north-1"]),
    ports: integerList("p", [22, 3389], 0, 65535),
};

describe("readConfig", () => {
    it.each([
        ["empty config gives every default", {}, { days: 180, on: false, regions: ["cn-north-1"], ports: [22, 3389] }],
        ["given values win", { days: 365, on: true, regions: ["eu-*"], ports: [22] }, { days: 365, on: true, regions: ["eu-*"], ports: [22] }],
        ["wrong types fall back to defaults", { days: "365", on: "yes", regions: [1], ports: ["22"] }, { days: 180, on: false, regions: ["cn-north-1"], ports: [22, 3389] }],
        ["non-integer falls back", { days: 1.5 }, { days: 180, on: false, regions: ["cn-north-1"], ports: [22, 3389] }],
        ["unknown keys are ignored", { other: 1 }, { days: 180, on: false, regions: ["cn-north-1"], ports: [22, 3389] }],
    ])("%s", (_name, given, expected) => {
        expect(readConfig(props, given)).toEqual(expected);
    });
});

describe("schema helpers", () => {
    it("produce JSON-schema properties with type, bounds and default", () => {
        expect(schema(props)).toEqual({
            properties: {
                days: { type: "integer", description: "d", default: 180, minimum: 1, maximum: 3650 },
                on: { type: "boolean", description: "b", default: false },
                regions: { type: "array", description: "r", items: { type: "string", minLength: 1 }, default: ["cn-north-1"], uniqueItems: true, maxItems: 500 },
                ports: { type: "array", description: "p", items: { type: "integer", minimum: 0, maximum: 65535 }, default: [22, 3389], uniqueItems: true, maxItems: 500 },
            },
        });
    });
    it("adds a pattern to string items when given", () => {
        expect(stringList("r", [], "^[a-z*-]+$").items).toEqual({ type: "string", minLength: 1, pattern: "^[a-z*-]+$" });
    });
});
