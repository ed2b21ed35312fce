import { describe, expect, it } from "vitest";
import control, { BUCKET_SOURCES, checkRule, governingRules, metadata, missingRuleChange, ruleChange } from "../../../policies/encryption/object-storage-encrypted";
import { Input } from "../../../policies/shared/reader";
import { StackIndex } from "../../../policies/shared/stack";
import { type Diagnostic, type TestResource, levels, runStack, secret, stackArgs, unknown, urnOf } from "../../helpers/harness";

const OSS = "alicloud:oss/bucket:Bucket";
const OSS_SSE = "alicloud:oss/bucketServerSideEncryption:BucketServerSideEncryption";
const S3 = "aws:s3/bucket:Bucket";
const S3V2 = "aws:s3/bucketV2:BucketV2";
const S3_SSE = "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration";
const S3_SSE_V2 = "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2";

const CMK = { config: { requireCustomerManagedKeys: true } };

function properties(ds: Diagnostic[]): string[] {
    return ds.map((d) => /Change `([^`]+)`/.exec(d.message)?.[1] ?? "?");
}

const oss = (props: Record<string, unknown> = {}, name = "assets"): TestResource => ({ type: OSS, name, props: { bucket: `${name}-bucket`, ...props } });
const ossSse = (props: Record<string, unknown>, bucket?: string, name = "sse"): TestResource => ({
    type: OSS_SSE,
    name,
    props: { bucket: unknown(), ...props },
    ...(bucket ? { propertyDependencies: { bucket: [urnOf(OSS, bucket)] } } : {}),
});
const kmsRule = (alg = "aws:kms", key: unknown = "arn:aws:kms:cn-north-1:1:key/x") => ({ applyServerSideEncryptionByDefault: { sseAlgorithm: alg, kmsMasterKeyId: key } });

describe("object-storage-encrypted: metadata", () => {
    it("covers OSS and S3 buckets and their separate encryption resources", () => {
        expect([...metadata.resourceTypes].sort()).toEqual([OSS, OSS_SSE, S3, S3V2, S3_SSE, S3_SSE_V2].sort());
        expect(metadata.config?.requireCustomerManagedKeys).toMatchObject({ type: "boolean", default: false });
    });
});

describe("object-storage-encrypted: OSS inline rule", () => {
    it.each([
        ["no rule", {}, ["mandatory"]],
        ["AES256", { serverSideEncryptionRule: { sseAlgorithm: "AES256" } }, []],
        ["KMS", { serverSideEncryptionRule: { sseAlgorithm: "KMS" } }, []],
        ["SM4", { serverSideEncryptionRule: { sseAlgorithm: "SM4" } }, []],
        ["unknown algorithm", { serverSideEncryptionRule: { sseAlgorithm: "ROT13" } }, ["mandatory"]],
        ["rule unknown during preview", { serverSideEncryptionRule: unknown() }, ["advisory"]],
        ["algorithm unknown during preview", { serverSideEncryptionRule: { sseAlgorithm: unknown() } }, ["advisory"]],
    ])("%s", async (_n, props, expected) => {
        expect(levels(await runStack(control, [oss(props)]))).toEqual(expected);
    });

    it("names the bucket, what is missing and both ways to fix it", async () => {
        const [d] = await runStack(control, [oss({}, "assets")]);
        expect(d!.urn).toBe(urnOf(OSS, "assets"));
        expect(d!.message).toContain('OSS bucket "assets": found no server-side encryption rule; required encrypted at rest. Change `serverSideEncryptionRule`.');
        expect(d!.message).toContain("alicloud.oss.BucketServerSideEncryption");
        expect(d!.message).toContain("OSS Bucket（存储空间）“assets”：当前：没有服务器端加密规则");
        expect(d!.message).toContain("合规依据：《中华人民共和国网络安全法》第二十三条第四项；《中华人民共和国个人信息保护法》第五十一条第三项；GB/T 22239-2019《信息安全技术 网络安全等级保护基本要求》第三级 8.1.4.8 b)。");
    });

    it("never echoes an algorithm outside the vocabulary", async () => {
        const [d] = await runStack(control, [oss({ serverSideEncryptionRule: { sseAlgorithm: secret("TOP-SECRET-VALUE") } })]);
        expect(d!.message).not.toContain("TOP-SECRET-VALUE");
        expect(d!.message).toContain("sseAlgorithm a string value");
    });
});

describe("object-storage-encrypted: OSS separate BucketServerSideEncryption", () => {
    it("a linked resource encrypts a bucket with no inline rule", async () => {
        expect(await runStack(control, [oss({}, "assets"), ossSse({ sseAlgorithm: "KMS" }, "assets")])).toEqual([]);
    });

    it("links by bucket name when both names are known strings", async () => {
        expect(await runStack(control, [oss({}, "assets"), { type: OSS_SSE, name: "sse", props: { bucket: "assets-bucket", sseAlgorithm: "AES256" } }])).toEqual([]);
        expect(levels(await runStack(control, [oss({}, "assets"), { type: OSS_SSE, name: "sse", props: { bucket: "other", sseAlgorithm: "AES256" } }]))).toEqual(["mandatory"]);
    });

    it("a resource linked to another bucket does not cover this one", async () => {
        const ds = await runStack(control, [oss({}, "assets"), oss({}, "logs"), ossSse({ sseAlgorithm: "KMS" }, "logs")]);
        expect(ds.map((d) => d.urn)).toEqual([urnOf(OSS, "assets")]);
    });

    it("a linked resource with a bad algorithm is reported on the bucket, naming the resource", async () => {
        const ds = await runStack(control, [oss({ serverSideEncryptionRule: { sseAlgorithm: "AES256" } }, "assets"), ossSse({ sseAlgorithm: "NONE" }, "assets", "sse")]);
        expect(ds.map((d) => d.urn)).toEqual([urnOf(OSS, "assets")]);
        expect(ds[0]!.message).toContain('(via OSS bucket server-side encryption "sse")');
        expect(properties(ds)).toEqual(["sseAlgorithm"]);
    });

    it("a linked resource whose algorithm is unknown gives an advisory", async () => {
        expect(levels(await runStack(control, [oss({}, "assets"), ossSse({ sseAlgorithm: unknown() }, "assets")]))).toEqual(["advisory"]);
    });

    it("a resource for a bucket outside the stack is checked on its own", async () => {
        const ds = await runStack(control, [{ type: OSS_SSE, name: "ext", props: { bucket: "elsewhere", sseAlgorithm: "NONE" } }]);
        expect(ds.map((d) => [d.urn, d.enforcementLevel])).toEqual([[urnOf(OSS_SSE, "ext"), "mandatory"]]);
        expect(await runStack(control, [{ type: OSS_SSE, name: "ext", props: { bucket: "elsewhere", sseAlgorithm: "KMS" } }])).toEqual([]);
    });

    it("an encryption resource whose bucket is unknown and unlinked may be this bucket's: advisory, never mandatory", async () => {
        // Found by the property suite: both names unknown during preview, no dependency recorded.
        const ds = await runStack(control, [oss({ bucket: unknown() }, "assets"), { type: OSS_SSE, name: "sse", props: { bucket: unknown(), sseAlgorithm: "KMS" } }]);
        expect(levels(ds)).toEqual(["advisory"]);
        expect(ds[0]!.urn).toBe(urnOf(OSS, "assets"));
        // A known, different name on the resource and an unknown bucket name: still undecidable.
        expect(levels(await runStack(control, [oss({ bucket: unknown() }, "assets"), { type: OSS_SSE, name: "sse", props: { bucket: "other", sseAlgorithm: "KMS" } }]))).toEqual(["advisory"]);
        // A dependency on another bucket decides it: this one has no rule.
        expect(levels(await runStack(control, [oss({ bucket: unknown() }, "assets"), oss({}, "logs"), ossSse({ sseAlgorithm: "KMS" }, "logs")]))).toEqual(["mandatory"]);
    });

    it("one unknown bucket does not hide findings on the others", async () => {
        const ds = await runStack(control, [oss({ serverSideEncryptionRule: unknown() }, "a"), oss({}, "b")]);
        expect(ds.map((d) => [d.urn, d.enforcementLevel])).toEqual([
            [urnOf(OSS, "a"), "advisory"],
            [urnOf(OSS, "b"), "mandatory"],
        ]);
    });
});

describe("object-storage-encrypted: OSS with requireCustomerManagedKeys", () => {
    it.each([
        ["AES256", { serverSideEncryptionRule: { sseAlgorithm: "AES256" } }, ["serverSideEncryptionRule.sseAlgorithm"]],
        ["KMS without key", { serverSideEncryptionRule: { sseAlgorithm: "KMS" } }, ["serverSideEncryptionRule.kmsMasterKeyId"]],
        ["KMS with key", { serverSideEncryptionRule: { sseAlgorithm: "KMS", kmsMasterKeyId: "key-1" } }, []],
        ["KMS with a key unknown during preview", { serverSideEncryptionRule: { sseAlgorithm: "KMS", kmsMasterKeyId: unknown() } }, []],
    ])("%s", async (_n, props, expected) => {
        expect(properties(await runStack(control, [oss(props)], CMK))).toEqual(expected);
    });
});

describe("object-storage-encrypted: S3 only with requireCustomerManagedKeys", () => {
    it("S3 buckets are not checked by default (encrypted by default since 2023)", async () => {
        expect(await runStack(control, [{ type: S3, name: "b", props: {} }, { type: S3V2, name: "v2", props: {} }])).toEqual([]);
        expect(await runStack(control, [{ type: S3_SSE, name: "ext", props: { bucket: "x", rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] } }])).toEqual([]);
    });

    it.each([
        ["no configuration", [{ type: S3, name: "b", props: { bucket: "b" } }], ["mandatory"]],
        [
            "separate configuration with aws:kms and a key",
            [
                { type: S3, name: "b", props: {} },
                { type: S3_SSE, name: "sse", props: { bucket: unknown(), rules: [kmsRule()] }, propertyDependencies: { bucket: [urnOf(S3, "b")] } },
            ],
            [],
        ],
        [
            "deprecated V2 configuration with aws:kms:dsse and a key",
            [
                { type: S3V2, name: "b", props: { bucket: "b-name" } },
                { type: S3_SSE_V2, name: "sse", props: { bucket: "b-name", rules: [kmsRule("aws:kms:dsse")] } },
            ],
            [],
        ],
        [
            "separate configuration with AES256 (SSE-S3)",
            [
                { type: S3, name: "b", props: {} },
                { type: S3_SSE, name: "sse", props: { bucket: unknown(), rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] }, propertyDependencies: { bucket: [urnOf(S3, "b")] } },
            ],
            ["mandatory"],
        ],
        [
            "aws:kms with no key (the aws/s3 managed key)",
            [
                { type: S3, name: "b", props: {} },
                { type: S3_SSE, name: "sse", props: { bucket: unknown(), rules: [kmsRule("aws:kms", null)] }, propertyDependencies: { bucket: [urnOf(S3, "b")] } },
            ],
            ["mandatory"],
        ],
        [
            "inline deprecated configuration with aws:kms and a key",
            [{ type: S3, name: "b", props: { serverSideEncryptionConfiguration: { rule: kmsRule() } } }],
            [],
        ],
        [
            "inline V2 plural configuration, every rule evaluated",
            [
                {
                    type: S3V2,
                    name: "b",
                    props: {
                        serverSideEncryptionConfigurations: [
                            { rules: [{ applyServerSideEncryptionByDefaults: [{ sseAlgorithm: "aws:kms", kmsMasterKeyId: "k" }, { sseAlgorithm: "AES256" }] }] },
                        ],
                    },
                },
            ],
            ["mandatory"],
        ],
        ["configuration unknown during preview", [{ type: S3, name: "b", props: { serverSideEncryptionConfiguration: unknown() } }], ["advisory"]],
    ])("%s", async (_n, resources, expected) => {
        expect(levels(await runStack(control, resources as TestResource[], CMK))).toEqual(expected);
    });

    it("names the failing path inside the V2 plural block", async () => {
        const ds = await runStack(
            control,
            [{ type: S3V2, name: "b", props: { serverSideEncryptionConfigurations: [{ rules: [{ applyServerSideEncryptionByDefaults: [{ sseAlgorithm: "aws:kms", kmsMasterKeyId: "k" }, { sseAlgorithm: "AES256" }] }] }] } }],
            CMK,
        );
        expect(properties(ds)).toEqual(["serverSideEncryptionConfigurations[0].rules[0].applyServerSideEncryptionByDefaults[1].sseAlgorithm"]);
        expect(ds[0]!.message).toContain('found sseAlgorithm "AES256"');
    });

    it("an orphan S3 configuration without a key is reported on itself", async () => {
        const ds = await runStack(control, [{ type: S3_SSE, name: "ext", props: { bucket: "elsewhere", rules: [kmsRule("aws:kms", null)] } }], CMK);
        expect(ds.map((d) => d.urn)).toEqual([urnOf(S3_SSE, "ext")]);
        expect(properties(ds)).toEqual(["rules[0].applyServerSideEncryptionByDefault.kmsMasterKeyId"]);
    });
});

describe("object-storage-encrypted: checkRule", () => {
    const rule = (algorithm: unknown, key?: unknown) => ({ algorithm: Input.of(algorithm, "p.sseAlgorithm"), key: Input.of(key, "p.kmsMasterKeyId") });
    it.each([
        ["alicloud", false, "AES256", undefined, "ok"],
        ["alicloud", false, "KMS", undefined, "ok"],
        ["alicloud", false, "aws:kms", undefined, "fail"],
        ["alicloud", true, "KMS", "k", "ok"],
        ["alicloud", true, "KMS", "", "fail"],
        ["aws", true, "aws:kms", "k", "ok"],
        ["aws", true, "aws:kms:dsse", "k", "ok"],
        ["aws", true, "AES256", "k", "fail"],
        ["aws", true, "KMS", "k", "fail"],
        ["aws", true, undefined, undefined, "fail"],
    ] as const)("%s cmk=%s %j key=%j -> %s", (cloud, cmk, alg, key, expected) => {
        expect(checkRule(rule(alg, key), cloud, cmk).kind).toBe(expected);
    });
});

describe("object-storage-encrypted: governingRules (shared with classified-data-customer-key)", () => {
    /** The governing sets of the first resource, an OSS bucket, as [owner name or "inline", rule count or "unknown"], with `maybe`. */
    function governing(resources: TestResource[]) {
        const args = stackArgs({ name: "p", description: "probe policy", validateStack: () => undefined }, resources);
        const bucket = args.resources[0]!;
        const { sets, maybe } = governingRules(bucket, BUCKET_SOURCES[OSS]!, new StackIndex(args.resources));
        return { sets: sets.map((s) => [s.owner?.resource.name ?? "inline", s.rules.known ? s.rules.rules.length : "unknown"]), maybe, changes: sets.map((s) => [ruleChange(s, "sseAlgorithm"), missingRuleChange(s, BUCKET_SOURCES[OSS]!)]) };
    }
    it.each([
        ["no separate resource: the inline rule", [oss({ serverSideEncryptionRule: { sseAlgorithm: "KMS" } })], [["inline", 1]], false],
        ["no rule at all: an empty inline set", [oss()], [["inline", 0]], false],
        ["an unknown inline rule", [oss({ serverSideEncryptionRule: unknown() })], [["inline", "unknown"]], false],
        ["a linked resource overrides the inline rule", [oss({ serverSideEncryptionRule: { sseAlgorithm: "AES256" } }), ossSse({ sseAlgorithm: "KMS" }, "assets")], [["sse", 1]], false],
        ["two linked resources: both govern", [oss(), ossSse({ sseAlgorithm: "KMS" }, "assets", "a"), ossSse({ sseAlgorithm: "AES256" }, "assets", "b")], [["a", 1], ["b", 1]], false],
        ["linked by equal known names", [oss(), ossSse({ bucket: "assets-bucket", sseAlgorithm: "KMS" })], [["sse", 1]], false],
        ["another bucket's resource", [oss(), oss({}, "other"), ossSse({ sseAlgorithm: "KMS" }, "other")], [["inline", 0]], false],
        ["an unlinked resource whose bucket is unknown: maybe", [oss(), ossSse({ sseAlgorithm: "KMS" })], [["inline", 0]], true],
        ["maybe is moot when one resource names the bucket", [oss(), ossSse({ sseAlgorithm: "KMS" }), ossSse({ sseAlgorithm: "KMS" }, "assets", "linked")], [["linked", 1]], false],
    ] as const)("%s", (_n, resources, sets, maybe) => {
        const g = governing([...resources]);
        expect(g.sets).toEqual(sets);
        expect(g.maybe).toBe(maybe);
    });

    it("a finding on a separate resource's rule names that resource's input; the inline one the bucket's", () => {
        expect(governing([oss(), ossSse({ sseAlgorithm: "KMS" }, "assets")]).changes).toEqual([[{ type: "alicloud.oss.BucketServerSideEncryption", input: "sseAlgorithm" }, { type: "alicloud.oss.BucketServerSideEncryption", input: "rules" }]]);
        expect(governing([oss()]).changes).toEqual([["sseAlgorithm", "serverSideEncryptionRule"]]);
    });
});

describe("object-storage-encrypted: odd input", () => {
    it.each([
        [OSS, { serverSideEncryptionRule: "AES256" }],
        [OSS, { serverSideEncryptionRule: [{ sseAlgorithm: "AES256" }] }],
        [S3, { serverSideEncryptionConfiguration: { rule: [1, 2] } }],
        [S3V2, { serverSideEncryptionConfigurations: [null, { rules: "x" }, { rules: [{ applyServerSideEncryptionByDefaults: [null] }] }] }],
        [S3_SSE, { rules: { a: 1 } }],
        [OSS_SSE, { sseAlgorithm: 5 }],
    ])("%s %j never throws", async (type, props) => {
        await expect(runStack(control, [{ type, name: "x", props }])).resolves.toBeDefined();
        await expect(runStack(control, [{ type, name: "x", props }], CMK)).resolves.toBeDefined();
    });
});
