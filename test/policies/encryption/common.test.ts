import type { PolicyResource } from "@pulumi/policy";
import { describe, expect, it } from "vitest";
import { allOf, anyOf, describeFlag, isNamed, readFlag, sameRegion } from "../../../policies/encryption/common";
import { bi } from "../../../policies/shared/messages";
import { Input } from "../../../policies/shared/reader";
import { type TestResource, sdkProps, secret, stackArgs, unknown } from "../../helpers/harness";

describe("readFlag", () => {
    it.each([
        [true, "on"],
        [false, "off"],
        ["true", "on"],
        ["false", "off"],
        [" TRUE ", "on"],
        [undefined, "unset"],
        [null, "unset"],
        ["yes", "invalid"],
        [1, "invalid"],
        [{}, "invalid"],
    ])("%j -> %s", (v, kind) => {
        const p = sdkProps({ v });
        expect(readFlag(Input.of(p).get("v")).kind).toBe(kind);
    });

    it("an unknown value is `unknown`, not a throw", () => {
        const p = sdkProps({ v: unknown() });
        expect(readFlag(Input.of(p).get("v"))).toEqual({ kind: "unknown" });
    });
});

describe("isNamed", () => {
    it.each([
        ["arn:aws:kms:cn-north-1:1:key/x", true],
        ["", false],
        ["   ", false],
        [undefined, false],
        [null, false],
        [{ id: "lt-1" }, true],
        [{}, false],
        [5, false],
    ])("%j -> %s", (v, expected) => {
        const p = sdkProps({ v });
        expect(isNamed(Input.of(p).get("v"))).toBe(expected);
    });

    it("an unknown value (an output of a key resource) counts as named", () => {
        const p = sdkProps({ v: unknown() });
        expect(isNamed(Input.of(p).get("v"))).toBe(true);
    });
});

describe("describeFlag never echoes values outside true/false", () => {
    it("renders a secret string by its type only", () => {
        const p = sdkProps({ v: secret("TOP-SECRET-VALUE") });
        const d = describeFlag(readFlag(Input.of(p).get("v")), bi("unset", "未设置"));
        expect(d.en).toBe("encryption flag a string value");
    });
});

describe("anyOf / allOf", () => {
    it.each([
        [[], "no", "yes"],
        [["yes"], "yes", "yes"],
        [["no", "unknown"], "unknown", "no"],
        [["unknown", "yes"], "yes", "unknown"],
        [["no", "no"], "no", "no"],
    ] as const)("%j -> any %s, all %s", (values, any, all) => {
        expect(anyOf(values)).toBe(any);
        expect(allOf(values)).toBe(all);
    });
});

describe("sameRegion", () => {
    const provider = (region: unknown) => ({ type: "pulumi:providers:aws", name: String(region), props: { region } });
    const resources = (a: TestResource, b: TestResource): PolicyResource[] => {
        const policy = { name: "p", description: "probe policy", validateStack: () => undefined };
        return (stackArgs(policy, [a, b])).resources;
    };
    it.each([
        ["same provider region", { provider: provider("cn-north-1") }, { provider: provider("cn-north-1") }, "aws", "yes"],
        ["different provider regions", { provider: provider("cn-north-1") }, { provider: provider("cn-northwest-1") }, "aws", "no"],
        ["own region input wins (aws)", { props: { region: "cn-north-1" }, provider: provider("cn-northwest-1") }, { provider: provider("cn-north-1") }, "aws", "yes"],
        ["alicloud ignores a region input", { props: { region: "cn-beijing" }, provider: provider("cn-hangzhou") }, { provider: provider("cn-hangzhou") }, "alicloud", "yes"],
        ["neither has a region (ambient default)", {}, {}, "aws", "yes"],
        ["unknown region input", { props: { region: unknown() } }, {}, "aws", "unknown"],
    ] as const)("%s -> %s", (_n, a, b, cloud, expected) => {
        const [ra, rb] = resources({ type: "t:a:A", name: "a", ...a }, { type: "t:b:B", name: "b", ...b });
        expect(sameRegion(ra!, rb!, cloud)).toBe(expected);
    });
});
