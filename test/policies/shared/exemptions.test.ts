import { describe, expect, it } from "vitest";
import { configExemption, exemptPolicyNames, exemptionNote, readExemptionRules, readTags, tagExemption } from "../../../policies/shared/exemptions";
import { sdkProps, unknown } from "../../helpers/harness";

describe("exemptPolicyNames", () => {
    it.each([
        ["a", ["a"]],
        ["a,b", ["a", "b"]],
        [" a , b ,", ["a", "b"]],
        ["", []],
    ])("%j", (v, expected) => expect(exemptPolicyNames(v)).toEqual(expected));
});

describe("tagExemption", () => {
    it.each([
        ["listed with reason", { "compliance:exempt": "p,q", "compliance:exempt-reason": "bastion" }, { source: "tag", reason: "bastion" }],
        ["wildcard with reason", { "compliance:exempt": "*", "compliance:exempt-reason": "lab" }, { source: "tag", reason: "lab" }],
        ["other policy", { "compliance:exempt": "q", "compliance:exempt-reason": "x" }, undefined],
        ["no reason exempts nothing", { "compliance:exempt": "p" }, undefined],
        ["blank reason exempts nothing", { "compliance:exempt": "p", "compliance:exempt-reason": "  " }, undefined],
        ["no tag", {}, undefined],
    ])("%s", (_n, tags, expected) => expect(tagExemption("p", tags)).toEqual(expected));
});

describe("configExemption", () => {
    const rules = [{ pattern: "*::bastion*", reason: "jump host" }, { pattern: "legacy-db", reason: "migrating in Q3" }];
    it.each([
        ["URN glob", "urn:pulumi:dev::app::aws:ec2/instance:Instance::bastion-1", "bastion-1", { source: "config", reason: "jump host", pattern: "*::bastion*" }],
        ["name", "urn:pulumi:dev::app::aws:rds/instance:Instance::legacy-db", "legacy-db", { source: "config", reason: "migrating in Q3", pattern: "legacy-db" }],
        ["no match", "urn:pulumi:dev::app::aws:ec2/instance:Instance::web", "web", undefined],
    ])("%s", (_n, urn, name, expected) => expect(configExemption(urn, name, rules)).toEqual(expected));
});

describe("readExemptionRules", () => {
    it.each([
        [{}, []],
        [{ exemptResources: "x" }, []],
        [{ exemptResources: [{ pattern: "a", reason: "because" }, { pattern: 1 }, null] }, [{ pattern: "a", reason: "because" }]],
    ])("%j", (config, expected) => expect(readExemptionRules(config)).toEqual(expected));
});

describe("readTags", () => {
    it.each([
        ["plain", { tags: { a: "1" } }, { a: "1" }],
        ["unknown tags", { tags: unknown() }, {}],
        ["one unknown value", { tags: { a: unknown(), b: "2" } }, { b: "2" }],
        ["non-string values dropped", { tags: { a: 1, b: "2" } }, { b: "2" }],
        ["no tags", {}, {}],
        ["tags not a map", { tags: ["a"] }, {}],
    ])("%s", (_n, props, expected) => expect(readTags(sdkProps(props))).toEqual(expected));

    it.each([
        ["alicloud EcsLaunchTemplate: its own templateTags count, and win over instance tags", "alicloud:ecs/ecsLaunchTemplate:EcsLaunchTemplate", { tags: { a: "1", b: "2" }, templateTags: { b: "3" } }, { a: "1", b: "3" }],
        ["deprecated alicloud LaunchTemplate too", "alicloud:ecs/launchTemplate:LaunchTemplate", { templateTags: { c: "4" } }, { c: "4" }],
        ["any other type reads tags only", "aws:ec2/launchTemplate:LaunchTemplate", { tags: { a: "1" }, templateTags: { b: "2" } }, { a: "1" }],
        ["unknown templateTags count as none", "alicloud:ecs/ecsLaunchTemplate:EcsLaunchTemplate", { tags: { a: "1" }, templateTags: unknown() }, { a: "1" }],
    ])("%s", (_n, type, props, expected) => expect(readTags(sdkProps(props), type)).toEqual(expected));
});

describe("exemptionNote", () => {
    it("says who exempted and why, in both languages", () => {
        const note = exemptionNote({ source: "tag", reason: "bastion host" });
        expect(note).toContain("compliance:exempt tag; reason: bastion host");
        expect(note).toContain("已豁免");
        expect(exemptionNote({ source: "config", reason: "r", pattern: "*::x" })).toContain('exemptResources pattern "*::x"');
    });
});
