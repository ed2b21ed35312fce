import Ajv from "ajv";
import { describe, expect, it } from "vitest";
import { choiceList } from "../../../policies/shared/config";
import {
    ALICLOUD_REGIONS,
    AWS_REGIONS,
    KNOWN_REGIONS,
    MAINLAND_CHINA_REGIONS,
    cloudOf,
    effectiveRegion,
    globMatches,
    globMatchesSomeRegion,
    isKnownRegion,
    matchesAny,
    ossLocationToRegion,
    regionFamilies,
    supportedGlobPattern,
    zoneToRegion,
} from "../../../policies/shared/regions";
import { sdkProps, unknown } from "../../helpers/harness";

describe("region table", () => {
    it("has both clouds' regions, sorted and without duplicates", () => {
        expect(KNOWN_REGIONS).toEqual([...new Set(KNOWN_REGIONS)].sort());
        for (const r of [...AWS_REGIONS, ...ALICLOUD_REGIONS]) expect(KNOWN_REGIONS).toContain(r);
        expect(KNOWN_REGIONS.length).toBe(new Set<string>([...AWS_REGIONS, ...ALICLOUD_REGIONS]).size);
    });

    it.each([
        ["cn-north-1", true],
        ["cn-northwest-1", true],
        ["cn-hangzhou", true],
        ["cn-shanghai-finance-1", true],
        ["cn-north-2-gov-1", true],
        ["cn-hongkong", true],
        ["eu-central-1", true],
        ["eusc-de-east-1", true],
        // Alibaba Cloud Malaysia (Johor), missing from the table before.
        ["ap-southeast-8", true],
        ["cn-nrth-1", false],
        ["CN-NORTH-1", false],
        ["", false],
        [42, false],
        [null, false],
    ])("isKnownRegion(%j) = %s", (name, expected) => {
        expect(isKnownRegion(name)).toBe(expected);
    });

    it("mainland China: AWS China and every Alibaba Cloud cn-* region except cn-hongkong", () => {
        const alicloudCn = ALICLOUD_REGIONS.filter((r) => r.startsWith("cn-") && r !== "cn-hongkong");
        expect([...MAINLAND_CHINA_REGIONS].sort()).toEqual(["cn-north-1", "cn-northwest-1", ...alicloudCn].sort());
        expect(MAINLAND_CHINA_REGIONS).not.toContain("cn-hongkong");
        for (const r of ["cn-hangzhou-finance", "cn-shanghai-finance-1", "cn-shenzhen-finance-1", "cn-beijing-finance-1", "cn-north-2-gov-1"]) {
            expect(MAINLAND_CHINA_REGIONS).toContain(r);
        }
        expect(MAINLAND_CHINA_REGIONS.every((r) => !r.includes("*"))).toBe(true);
    });
});

describe("globMatches", () => {
    it.each([
        ["eu-*", "eu-west-1", true],
        ["eu-*", "eu-isoe-west-1", true],
        ["eu-*", "eusc-de-east-1", false],
        ["*", "anything", true],
        ["cn-*", "cn-hongkong", true],
        ["cn-north-1", "cn-north-1", true],
        ["cn-north-1", "cn-northwest-1", false],
        ["cn-north-*", "cn-northwest-1", false],
        ["cn-*-1", "cn-shanghai-finance-1", true],
        ["cn-*-1", "cn-hangzhou", false],
        ["us-east-1", "us-east-10", false],
        ["a.b", "axb", false],
        ["ap-southeast-*", "ap-southeast-7", true],
    ])("%s vs %s = %s", (pattern, region, expected) => {
        expect(globMatches(pattern, region)).toBe(expected);
    });

    it("matchesAny checks every pattern", () => {
        expect(matchesAny(["cn-north-1", "eu-*"], "eu-west-3")).toBe(true);
        expect(matchesAny(["cn-north-1", "eu-*"], "us-east-1")).toBe(false);
        expect(matchesAny([], "cn-north-1")).toBe(false);
    });

    it.each([
        ["eu-*", true],
        ["*", true],
        ["xx-*", false],
        ["cn-shanghai-finance-*", true],
        ["cn-*-1", true],
        ["zz*", false],
    ])("globMatchesSomeRegion(%s) = %s", (pattern, expected) => {
        expect(globMatchesSomeRegion(pattern)).toBe(expected);
    });
});

describe("supportedGlobPattern", () => {
    const re = new RegExp(supportedGlobPattern(), "u");

    it.each([
        ["*", true],
        ["eu-*", true],
        ["cn-*", true],
        ["ap-southeast-*", true],
        ["cn-shanghai-finance-*", true],
        ["us-gov-*", true],
        ["eusc-*", true],
        ["xx-*", false],
        ["eu*", false],
        ["eu-west-1-*", false],
        ["cn-*-1", false],
        ["**", false],
        ["eu-west-1", false],
        ["", false],
    ])("%j accepted = %s", (glob, expected) => {
        expect(re.test(glob)).toBe(expected);
    });

    it("accepts exactly the family globs that match some known region", () => {
        const families = regionFamilies();
        const candidates = [...families.map((f) => `${f}-*`), ...KNOWN_REGIONS.map((r) => `${r}-*`), "xx-*", "cn-nrth-*", "euu-*"];
        for (const g of candidates) {
            expect(re.test(g), g).toBe(globMatchesSomeRegion(g));
        }
        // Every family is a strict prefix of some region, so each family glob matches something.
        for (const f of families) expect(globMatchesSomeRegion(`${f}-*`), f).toBe(true);
    });

    it("uses no look-around or back-references (the Pulumi CLI validates with Go's RE2)", () => {
        expect(supportedGlobPattern()).not.toMatch(/\(\?[=!<]|\\[1-9]/);
    });
});

describe("allowedRegions schema (choiceList with the region table and the glob pattern), checked by ajv", () => {
    const prop = choiceList("regions", ["cn-north-1"], KNOWN_REGIONS, supportedGlobPattern());
    const validate = new Ajv({ strict: false }).compile({ type: "object", properties: { allowedRegions: prop } });

    it.each([
        [["eu-*"], true],
        [["*"], true],
        [["cn-north-1", "cn-hangzhou", "cn-shanghai-finance-1"], true],
        [["cn-nrth-1"], false],
        [["xx-*"], false],
        [["cn-north-1", "cn-nrth-1"], false],
        [["eu*"], false],
        [[""], false],
        [["cn-north-1", "cn-north-1"], false],
        [[1], false],
        ["cn-north-1", false],
    ])("%j valid = %s", (allowedRegions, expected) => {
        expect(validate({ allowedRegions })).toBe(expected);
    });

    it("the rejected item is located in ajv's errors", () => {
        validate({ allowedRegions: ["cn-north-1", "cn-nrth-1"] });
        expect((validate.errors ?? []).map((e) => e.instancePath)).toContain("/allowedRegions/1");
    });
});

describe("zoneToRegion", () => {
    it.each([
        ["cn-hangzhou-h", "cn-hangzhou"],
        ["cn-beijing-l", "cn-beijing"],
        ["cn-shanghai-finance-1a", "cn-shanghai-finance-1"],
        ["cn-shanghai-finance-1z", "cn-shanghai-finance-1"],
        ["cn-hangzhou-finance-b", "cn-hangzhou-finance"],
        ["cn-north-2-gov-1a", "cn-north-2-gov-1"],
        ["ap-southeast-1a", "ap-southeast-1"],
        ["cn-hongkong-b", "cn-hongkong"],
        ["us-east-1a", "us-east-1"],
        ["cn-north-1a", "cn-north-1"],
        ["cn-hangzhou", undefined],
        ["cn-hangzhouh", undefined],
        ["ap-southeast-1-a", undefined],
        ["cn-hangzhou-hh", undefined],
        ["xx-east-1a", undefined],
        ["", undefined],
        [7, undefined],
        [undefined, undefined],
    ])("%j → %j", (zone, expected) => {
        expect(zoneToRegion(zone)).toBe(expected);
    });
});

describe("ossLocationToRegion", () => {
    it.each([
        ["oss-eu-central-1", "eu-central-1"],
        ["oss-cn-beijing", "cn-beijing"],
        ["cn-beijing", "cn-beijing"],
        ["oss-cn-nowhere", undefined],
        ["oss-", undefined],
        [null, undefined],
    ])("%j → %j", (location, expected) => {
        expect(ossLocationToRegion(location)).toBe(expected);
    });
});

describe("cloudOf", () => {
    it.each([
        ["aws:s3/bucket:Bucket", "aws"],
        ["pulumi:providers:aws", "aws"],
        ["alicloud:oss/bucket:Bucket", "alicloud"],
        ["pulumi:providers:alicloud", "alicloud"],
        ["random:index/randomId:RandomId", undefined],
        ["pulumi:providers:random", undefined],
        ["pulumi:pulumi:Stack", undefined],
        ["awsx:ec2:Vpc", undefined],
        ["alicloudx:a:B", undefined],
        ["pulumi:providers:awsx", undefined],
        ["", undefined],
    ])("%s → %s", (type, expected) => {
        expect(cloudOf(type)).toBe(expected);
    });
});

describe("effectiveRegion", () => {
    const awsProvider = (region?: unknown) => ({ props: sdkProps(region === undefined ? {} : { region }) });
    it.each([
        ["AWS own region wins over the provider's", "aws:s3/bucket:Bucket", { region: "ap-southeast-1" }, awsProvider("cn-north-1"), { kind: "set", value: "ap-southeast-1", source: "region" }],
        ["AWS falls back to the provider's region", "aws:s3/bucket:Bucket", {}, awsProvider("cn-north-1"), { kind: "set", value: "cn-north-1", source: "provider" }],
        ["AWS with neither is unset", "aws:s3/bucket:Bucket", {}, awsProvider(), { kind: "unset" }],
        ["AWS without a provider is unset", "aws:s3/bucket:Bucket", {}, undefined, { kind: "unset" }],
        ["Alibaba ignores a `region` input: the provider places it", "alicloud:oss/bucket:Bucket", { region: "ap-southeast-1" }, awsProvider("cn-hangzhou"), { kind: "set", value: "cn-hangzhou", source: "provider" }],
        ["a provider resource: its own region", "pulumi:providers:aws", { region: "us-east-1" }, undefined, { kind: "set", value: "us-east-1", source: "provider" }],
        ["a provider resource without region is unset", "pulumi:providers:alicloud", {}, undefined, { kind: "unset" }],
        ["odd props never throw", "aws:s3/bucket:Bucket", null, awsProvider(["x"]), { kind: "set", value: ["x"], source: "provider" }],
    ])("%s", (_name, type, props, provider, expected) => {
        expect(effectiveRegion({ type, props: props === null ? null : sdkProps(props), provider })).toEqual(expected);
    });

    it.each([
        ["an unknown region input", "aws:s3/bucket:Bucket", { region: unknown() }, awsProvider("cn-north-1"), { kind: "unknown", source: "region" }],
        ["an unknown provider region", "aws:s3/bucket:Bucket", {}, awsProvider(unknown()), { kind: "unknown", source: "provider" }],
        ["an unknown provider resource region", "pulumi:providers:aws", { region: unknown() }, undefined, { kind: "unknown", source: "provider" }],
        ["an empty region input falls back to the provider's", "aws:s3/bucket:Bucket", { region: "" }, awsProvider("cn-north-1"), { kind: "set", value: "cn-north-1", source: "provider" }],
        ["an empty provider region is unset", "alicloud:oss/bucket:Bucket", {}, awsProvider(""), { kind: "unset" }],
    ])("%s: never throws, also on the SDK's proxy", (_name, type, props, provider, expected) => {
        expect(effectiveRegion({ type, props: sdkProps(props), provider })).toEqual(expected);
    });

    it("the cloud can be given for a type token of neither cloud (encryption's region matching)", () => {
        expect(effectiveRegion({ type: "t:a:A", props: sdkProps({ region: "cn-north-1" }), provider: awsProvider("cn-northwest-1") }, "aws")).toEqual({ kind: "set", value: "cn-north-1", source: "region" });
        expect(effectiveRegion({ type: "t:a:A", props: sdkProps({ region: "cn-north-1" }), provider: awsProvider("cn-northwest-1") }, "alicloud")).toEqual({ kind: "set", value: "cn-northwest-1", source: "provider" });
    });
});
