// The reader answers absent / value / invalid / unknown with the input path, and never throws,
// including on the SDK's unknown-checking proxy.
import { describe, expect, it } from "vitest";
import { Input, orDefault } from "../../../policies/shared/reader";
import { sdkProps, unknown } from "../../helpers/harness";

const props = sdkProps({
    n: 30,
    s: "30",
    b: "true",
    list: [{ cidr: "0.0.0.0/0" }, { cidr: unknown() }],
    map: { k: "v" },
    u: unknown(),
    old: 7,
    odd: { x: 1 },
});
const root = Input.of(props);

describe("Input reads", () => {
    it.each([
        ["a number", root.get("n").number(), { kind: "value", value: 30, path: "n" }],
        ["a numeric string as a number", root.get("s").number(), { kind: "value", value: 30, path: "s" }],
        ["a boolean string", root.get("b").boolean(), { kind: "value", value: true, path: "b" }],
        ["an unset input", root.get("missing").number(), { kind: "absent", path: "missing" }],
        ["an unknown input", root.get("u").number(), { kind: "unknown", path: "u" }],
        ["a child of an unknown", root.get("u").get("deeper").string(), { kind: "unknown", path: "u.deeper" }],
        ["the wrong shape", root.get("odd").number(), { kind: "invalid", raw: { x: 1 }, path: "odd" }],
        ["a list item's field", root.get("list").item(0).get("cidr").string(), { kind: "value", value: "0.0.0.0/0", path: "list[0].cidr" }],
        ["an unknown list item field", root.get("list").item(1).get("cidr").string(), { kind: "unknown", path: "list[1].cidr" }],
        ["a path", root.at("map", "k").string(), { kind: "value", value: "v", path: "map.k" }],
        ["a child of a non-object", root.get("n").get("x").raw(), { kind: "absent", path: "n.x" }],
        ["the current name first, then an alias", root.get("new", "old").number(), { kind: "value", value: 7, path: "old" }],
        ["an alias after an unknown name is unknown", root.get("u", "old").number(), { kind: "unknown", path: "u" }],
        ["no alias set: the current name's path", root.get("new", "older").number(), { kind: "absent", path: "new" }],
    ])("%s", (_n, read, expected) => {
        expect(read).toEqual(expected);
    });

    it("lists items with their paths", () => {
        const items = root.get("list").items();
        expect(items.kind).toBe("value");
        if (items.kind === "value") expect(items.value.map((i) => i.path)).toEqual(["list[0]", "list[1]"]);
        expect(root.get("u").items().kind).toBe("unknown");
        expect(root.get("map").items()).toEqual({ kind: "invalid", raw: { k: "v" }, path: "map" });
    });

    it("lists map entries", () => {
        const e = root.get("map").entries();
        expect(e.kind === "value" ? e.value.map(([k, i]) => [k, i.path]) : e).toEqual([["k", "map.k"]]);
    });

    it("knows whether a place is set or unknown", () => {
        expect([root.get("n").isSet, root.get("missing").isSet, root.get("u").unknown, root.get("n").unknown]).toEqual([true, false, true, false]);
    });

    it("fills the documented default for an unset input only", () => {
        expect(orDefault(root.get("missing").number(), 30)).toEqual({ kind: "value", value: 30, path: "missing", defaulted: true });
        expect(orDefault(root.get("u").number(), 30)).toEqual({ kind: "unknown", path: "u" });
    });
});

describe("aliases and odd props (what firstSet covered before the reader)", () => {
    it.each<[string, unknown, unknown]>([
        ["the current name wins", { logstoreName: "a", name: "b" }, { kind: "value", value: "a", path: "logstoreName" }],
        ["the alias when the current name is unset", { name: "b" }, { kind: "value", value: "b", path: "name" }],
        ["null counts as unset", { logstoreName: null, name: "b" }, { kind: "value", value: "b", path: "name" }],
        ["neither set", {}, { kind: "absent", path: "logstoreName" }],
        ["props null", null, { kind: "absent", path: "logstoreName" }],
        ["props a string", "str", { kind: "absent", path: "logstoreName" }],
        ["props a list", [1, 2], { kind: "absent", path: "logstoreName" }],
    ])("%s", (_n, p, expected) => {
        expect(Input.of(p).get("logstoreName", "name").raw()).toEqual(expected);
    });

    it.each<[string, () => unknown, unknown]>([
        ["a boolean false string", () => Input.of({ b: "false" }).get("b").boolean(), { kind: "value", value: false, path: "b" }],
        ["a number is not a boolean", () => Input.of({ b: 0 }).get("b").boolean(), { kind: "invalid", raw: 0, path: "b" }],
        ["a number is not a string", () => Input.of({ s: 1 }).get("s").string(), { kind: "invalid", raw: 1, path: "s" }],
        ["a string is not a list", () => Input.of({ l: "x" }).get("l").items(), { kind: "invalid", raw: "x", path: "l" }],
        ["a list is not a record", () => Input.of({ r: [1] }).get("r").record(), { kind: "invalid", raw: [1], path: "r" }],
        ["the default is ignored when set", () => orDefault(Input.of({ n: 7 }).get("n").number(), 30), { kind: "value", value: 7, path: "n" }],
    ])("%s", (_n, read, expected) => {
        expect(read()).toEqual(expected);
    });
});
