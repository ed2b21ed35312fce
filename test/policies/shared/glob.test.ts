import { describe, expect, it } from "vitest";
import { matchesAnyGlob, matchesGlob } from "../../../policies/shared/glob";

describe("matchesGlob", () => {
    it.each([
        ["cn-north-1", "cn-north-1", true],
        ["cn-north-1", "cn-*", true],
        ["cn-north-1", "*", true],
        ["eu-west-1", "cn-*", false],
        ["cn-north-1", "cn-north", false],
        ["xcn-north-1", "cn-*", false],
        ["cn-north-1", "*-1", true],
        ["a.b", "a.b", true],
        ["axb", "a.b", false],
        ["a+b", "a+b", true],
        ["urn:pulumi:dev::app::aws:ec2/instance:Instance::bastion", "*::bastion", true],
        ["urn:pulumi:dev::app::aws:ec2/instance:Instance::web", "*::bastion", false],
        ["", "*", true],
        ["", "a", false],
    ])("%j vs %j -> %s", (value, glob, expected) => {
        expect(matchesGlob(value, glob)).toBe(expected);
    });

    it("matchesAnyGlob is true when one glob matches", () => {
        expect(matchesAnyGlob("eu-west-1", ["cn-*", "eu-*"])).toBe(true);
        expect(matchesAnyGlob("us-east-1", ["cn-*", "eu-*"])).toBe(false);
        expect(matchesAnyGlob("us-east-1", [])).toBe(false);
    });
});
