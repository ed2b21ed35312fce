import { describe, expect, it } from "vitest";
import type { PolicyResource } from "@pulumi/policy";
import { EXEMPTION_TAGS, configExemption, exemptPolicyNames, exemptTagged, exemptionNote, exemptionTags, isActive, readExemptionRules, readTags, tagExemption, withExpiry } from "../../../policies/shared/exemptions";
import { sdkProps, sdkProxy, unknown } from "../../helpers/harness";

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

describe("expiry", () => {
    const NOW = new Date("2026-12-01T23:30:00Z");
    const tags = (until: string) => ({ "compliance:exempt": "p", "compliance:exempt-reason": "lab", "compliance:exempt-until": until });
    it.each([
        ["the last day itself still holds", "2026-12-01", undefined],
        ["a later day holds", "2027-01-15", undefined],
        ["the day before has expired", "2026-11-30", "expired"],
        ["surrounding blanks are ignored", " 2026-11-30 ", "expired"],
        ["not a date", "soon", "invalid-date"],
        ["no such day", "2026-02-30", "invalid-date"],
        ["another format", "01/12/2027", "invalid-date"],
        ["empty", "", "invalid-date"],
    ])("tag: %s", (_n, until, lapsed) => {
        const e = tagExemption("p", tags(until), NOW)!;
        expect(e.lapsed).toBe(lapsed);
        expect(isActive(e)).toBe(lapsed === undefined);
        expect(e.until).toBe(until.trim());
    });

    it("config: until on the matching entry", () => {
        const rules = [{ pattern: "db*", reason: "migrating", until: "2026-06-30" }];
        expect(configExemption("urn:x::db1", "db1", rules, NOW)).toEqual({ source: "config", reason: "migrating", pattern: "db*", until: "2026-06-30", lapsed: "expired" });
    });

    it("without until nothing lapses", () => {
        expect(withExpiry({ source: "tag", reason: "r" }, undefined, NOW)).toEqual({ source: "tag", reason: "r" });
    });
});

describe("readExemptionRules", () => {
    it.each([
        [{}, []],
        [{ exemptResources: "x" }, []],
        [{ exemptResources: [{ pattern: "a", reason: "because" }, { pattern: 1 }, null] }, [{ pattern: "a", reason: "because" }]],
        [{ exemptResources: [{ pattern: "a", reason: "because", until: "2027-01-01" }] }, [{ pattern: "a", reason: "because", until: "2027-01-01" }]],
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

    const exempt = { "compliance:exempt": "p", "compliance:exempt-reason": "r", "compliance:exempt-until": "2999-01-01" };
    it.each([
        ["only the exemption tags", undefined, { tags: { a: "1", ...exempt } }, exempt],
        ["none of them", undefined, { tags: { a: "1" } }, {}],
        ["an unknown one dropped, the others kept", undefined, { tags: { ...exempt, "compliance:exempt-reason": unknown() } }, { "compliance:exempt": "p", "compliance:exempt-until": "2999-01-01" }],
        ["a non-string one dropped", undefined, { tags: { "compliance:exempt": 1, "compliance:exempt-reason": "r" } }, { "compliance:exempt-reason": "r" }],
        ["templateTags still win", "alicloud:ecs/ecsLaunchTemplate:EcsLaunchTemplate", { tags: { ...exempt, b: "2" }, templateTags: { "compliance:exempt": "q" } }, { ...exempt, "compliance:exempt": "q" }],
    ])("with only: %s", (_n, type, props, expected) => {
        expect(readTags(sdkProps(props), type, EXEMPTION_TAGS)).toEqual(expected);
        // exemptionTags is the same reading, kept per deserialised object.
        expect(exemptionTags(sdkProps(props), type ?? "aws:s3/bucket:Bucket")).toEqual(expected);
    });
});

describe("exemptionTags: one reading per deserialised props object", () => {
    const LT = "alicloud:ecs/ecsLaunchTemplate:EcsLaunchTemplate";
    const raw = { tags: { "compliance:exempt": "p", "compliance:exempt-reason": "r" }, templateTags: { "compliance:exempt": "q" } };

    it("two policies' proxies over the same object share the reading", () => {
        const first = exemptionTags(sdkProxy(raw), "aws:s3/bucket:Bucket");
        expect(first).toEqual({ "compliance:exempt": "p", "compliance:exempt-reason": "r" });
        expect(exemptionTags(sdkProxy(raw), "aws:s3/bucket:Bucket")).toBe(first);
    });

    it("another type over the same object reads anew (its tag inputs differ)", () => {
        expect(exemptionTags(sdkProxy(raw), "aws:s3/bucket:Bucket")["compliance:exempt"]).toBe("p");
        expect(exemptionTags(sdkProxy(raw), LT)["compliance:exempt"]).toBe("q");
    });

    it("props that are no SDK proxy are read every time", () => {
        const plain: Record<string, unknown> = { tags: { "compliance:exempt": "p" } };
        expect(exemptionTags(plain, "aws:s3/bucket:Bucket")).toEqual({ "compliance:exempt": "p" });
        plain["tags"] = { "compliance:exempt": "other" };
        expect(exemptionTags(plain, "aws:s3/bucket:Bucket")).toEqual({ "compliance:exempt": "other" });
        expect(exemptionTags(undefined, "aws:s3/bucket:Bucket")).toEqual({});
    });
});

describe("exemptTagged: the resources a stack policy checks for a void exemption", () => {
    const resource = (name: string, type: string, props: Record<string, unknown>): PolicyResource => ({ name, type, urn: `urn:${name}`, props: sdkProps(props) }) as unknown as PolicyResource;
    const list = [
        resource("none", "aws:s3/bucket:Bucket", { tags: { team: "a" } }),
        resource("exempt", "aws:s3/bucket:Bucket", { tags: { "compliance:exempt": "p" } }),
        resource("reason-only", "aws:s3/bucket:Bucket", { tags: { "compliance:exempt-reason": "r" } }),
        resource("unknown-tag", "aws:s3/bucket:Bucket", { tags: { "compliance:exempt": unknown() } }),
        resource("template", "alicloud:ecs/ecsLaunchTemplate:EcsLaunchTemplate", { templateTags: { "compliance:exempt": "*" } }),
        resource("untagged", "aws:s3/bucket:Bucket", {}),
    ];

    it("holds those with a known compliance:exempt tag, read from the type's own tag inputs", () => {
        expect(exemptTagged(list).map((r) => r.name)).toEqual(["exempt", "template"]);
    });

    it("is found once per list", () => {
        expect(exemptTagged(list)).toBe(exemptTagged(list));
        expect(exemptTagged([...list])).not.toBe(exemptTagged(list));
        expect(exemptTagged([])).toEqual([]);
    });
});

describe("exemptionNote", () => {
    it("says who exempted and why, in both languages", () => {
        const note = exemptionNote({ source: "tag", reason: "bastion host" });
        expect(note.en).toContain("compliance:exempt tag; reason: bastion host");
        expect(note.zh).toContain("已豁免");
        expect(note.zh).toContain("理由：bastion host");
        const config = exemptionNote({ source: "config", reason: "r", pattern: "*::x" });
        expect(config.en).toContain('exemptResources pattern "*::x"');
        expect(config.zh).toContain('exemptResources 规则 "*::x"');
    });

    it("names the last day, or says the exemption lapsed and the finding keeps its level", () => {
        expect(exemptionNote({ source: "tag", reason: "r", until: "2027-03-31" })).toEqual({
            en: "Exempted (reported as advisory) by the resource's compliance:exempt tag; reason: r; until 2027-03-31",
            zh: "已豁免（以建议级别报告），依据：资源标签 compliance:exempt；理由：r；有效期至 2027-03-31",
        });
        const expired = exemptionNote({ source: "config", reason: "r", pattern: "db*", until: "2026-06-30", lapsed: "expired" });
        expect(expired.en).toBe(
            'Exemption expired on 2026-06-30 (by policy config exemptResources pattern "db*"; reason: r): reported at the policy\'s own level. Fix the resource, or renew the exemption with a new until.',
        );
        expect(expired.en).not.toContain("reported as advisory");
        expect(expired.zh).toBe("豁免已于 2026-06-30 到期（依据：策略配置 exemptResources 规则 \"db*\"；理由：r），按策略本身的级别报告。请整改资源，或以新的 until 续期豁免。");
        expect(exemptionNote({ source: "tag", reason: "r", until: "May", lapsed: "invalid-date" }).en).toContain('its compliance:exempt-until "May" is not a date YYYY-MM-DD');
    });
});
