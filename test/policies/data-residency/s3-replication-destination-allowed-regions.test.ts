import { describe, expect, it } from "vitest";
import control, { bucketNameFromArn } from "../../../policies/data-residency/s3-replication-destination-allowed-regions";
import { type TestResource, levels, runStack, secret, unknown, urnOf } from "../../helpers/harness";

const BUCKET = "aws:s3/bucket:Bucket";
const BUCKET_V2 = "aws:s3/bucketV2:BucketV2";
const REPLICATION = "aws:s3/bucketReplicationConfig:BucketReplicationConfig";
const awsProvider = (region?: unknown, name = "default") => ({ type: "pulumi:providers:aws", name, props: region === undefined ? {} : { region } });
const CN = awsProvider("cn-north-1");

function bucket(name: string, props: Record<string, unknown> = {}, provider = CN, type = BUCKET): TestResource {
    return { type, name, urn: urnOf(type, name), props, provider };
}

function replication(name: string, destinations: unknown[], deps: string[], extra: Partial<TestResource> = {}, status: unknown = "Enabled"): TestResource {
    return {
        type: REPLICATION,
        name,
        urn: urnOf(REPLICATION, name),
        props: { bucket: "src", role: "arn:aws-cn:iam::1:role/r", rules: destinations.map((bucket, i) => ({ id: `r${i}`, status, destination: { bucket } })) },
        provider: CN,
        propertyDependencies: { rules: deps, bucket: [urnOf(BUCKET, "src")] },
        ...extra,
    };
}

const source = bucket("src", { bucket: "src" });
const run = (resources: TestResource[], config?: Record<string, unknown>) => runStack(control, resources, config ? { config } : {});

describe("s3-replication-destination-allowed-regions: destination resolved through property dependencies", () => {
    it.each([
        ["destination bucket on a provider abroad", bucket("dst", {}, awsProvider("ap-southeast-1", "sg")), ["mandatory"]],
        ["destination bucket with `region` abroad", bucket("dst", { region: "us-east-1" }), ["mandatory"]],
        ["destination bucket in Ningxia", bucket("dst", { region: "cn-northwest-1" }), []],
        ["destination bucket on the same mainland provider", bucket("dst", {}), []],
        ["destination bucket in a region missing from the table", bucket("dst", { region: "cn-south-9" }), ["advisory"]],
        ["destination bucket whose region is not set anywhere", bucket("dst", {}, awsProvider()), ["advisory"]],
        ["destination bucket whose region can't be known during preview", bucket("dst", { region: unknown() }), ["advisory"]],
        ["deprecated BucketV2 destination abroad", bucket("dst", { region: "eu-west-1" }, CN, BUCKET_V2), ["mandatory"]],
    ])("%s → %j", async (_name, dst, expected) => {
        const ds = await run([source, dst, replication("repl", [unknown()], [dst.urn!])]);
        expect(levels(ds)).toEqual(expected);
        for (const d of ds) expect(d.urn).toBe(urnOf(REPLICATION, "repl"));
    });

    it("names the destination bucket, its region and the rule to change", async () => {
        const dst = bucket("dr-copy", {}, awsProvider("us-east-1", "virginia"));
        const [d] = await run([source, dst, replication("repl", [unknown()], [dst.urn!])]);
        expect(d!.message).toContain('resource `aws:s3/bucketReplicationConfig:BucketReplicationConfig` "repl": found replication to bucket "dr-copy" in region "us-east-1"');
        expect(d!.message).toContain("Change `rules[0].destination.bucket`.");
        expect(d!.message).toContain("《数据出境安全评估办法》");
    });

    it("other dependencies of `rules` (a KMS key) are not destinations", async () => {
        const key = { type: "aws:kms/key:Key", name: "k", urn: urnOf("aws:kms/key:Key", "k"), props: { region: "us-east-1" }, provider: CN };
        const dst = bucket("dst", {});
        expect(await run([source, key, dst, replication("repl", [unknown()], [key.urn, dst.urn!])])).toEqual([]);
    });

    it("evaluates every rule: one rule to Ningxia, one to Virginia, each bucket named in its ARN", async () => {
        const ok = bucket("ok", { bucket: "ok-bucket", region: "cn-northwest-1" });
        const bad = bucket("bad", { bucket: "bad-bucket", region: "us-east-1" });
        const ds = await run([source, ok, bad, replication("repl", ["arn:aws-cn:s3:::ok-bucket", "arn:aws:s3:::bad-bucket"], [])]);
        expect(levels(ds)).toEqual(["mandatory"]);
        expect(ds[0]!.message).toContain("rules[1].destination.bucket");
    });

    it("two unknown ARNs and two dependency buckets, one abroad: can't tell which rule goes where → advisory per rule", async () => {
        const ok = bucket("ok", { region: "cn-northwest-1" });
        const bad = bucket("bad", { region: "us-east-1" });
        const ds = await run([source, ok, bad, replication("repl", [unknown(), unknown()], [ok.urn!, bad.urn!])]);
        expect(levels(ds)).toEqual(["advisory", "advisory"]);
        expect(ds[0]!.message).toContain("replication possibly to");
    });

    it("two unknown ARNs and two dependency buckets, both abroad → mandatory per rule", async () => {
        const a = bucket("a", { region: "us-east-1" });
        const b = bucket("b", { region: "eu-west-1" });
        expect(levels(await run([source, a, b, replication("repl", [unknown(), unknown()], [a.urn!, b.urn!])]))).toEqual(["mandatory", "mandatory"]);
    });

    it("one unknown does not hide other findings", async () => {
        const unknownDst = bucket("u", { region: unknown() });
        const bad = bucket("bad", { region: "us-east-1" });
        const ds = await run([source, unknownDst, bad, replication("r1", [unknown()], [unknownDst.urn!]), replication("r2", [unknown()], [bad.urn!])]);
        expect(ds.map((d) => [d.urn, d.enforcementLevel])).toEqual([
            [urnOf(REPLICATION, "r1"), "advisory"],
            [urnOf(REPLICATION, "r2"), "mandatory"],
        ]);
    });
});

describe("s3-replication-destination-allowed-regions: unresolvable destinations are advisory, not silent", () => {
    it("a known ARN of a bucket outside the stack", async () => {
        const ds = await run([source, replication("repl", ["arn:aws:s3:::someone-elses-bucket"], [])]);
        expect(levels(ds)).toEqual(["advisory"]);
        expect(ds[0]!.message).toContain("not in this stack or cannot be identified");
        expect(ds[0]!.message).not.toContain("someone-elses-bucket");
    });

    it("an unknown ARN without property dependencies", async () => {
        expect(levels(await run([source, replication("repl", [unknown()], [])]))).toEqual(["advisory"]);
    });

    it("rules that can't be known during preview", async () => {
        const r = replication("repl", [], []);
        r.props = { bucket: "src", rules: unknown() };
        expect(levels(await run([source, r]))).toEqual(["advisory"]);
    });

    it("a rule whose status can't be known, to a bucket abroad: advisory", async () => {
        const bad = bucket("bad", { region: "us-east-1" });
        expect(levels(await run([source, bad, replication("repl", [unknown()], [bad.urn!], {}, unknown())]))).toEqual(["advisory"]);
    });

    it("a secret ARN is never echoed", async () => {
        const ds = await run([source, replication("repl", [secret("arn:aws:s3:::TOP-SECRET-VALUE")], [])]);
        expect(ds.map((d) => d.message).join("\n")).not.toContain("TOP-SECRET-VALUE");
    });
});

describe("s3-replication-destination-allowed-regions: rules, config, other classes", () => {
    it("a Disabled rule is ignored", async () => {
        const bad = bucket("bad", { region: "us-east-1" });
        expect(await run([source, bad, replication("repl", [unknown()], [bad.urn!], {}, "Disabled")])).toEqual([]);
    });

    it("eu-* in config allows replication to Ireland and forbids Ningxia", async () => {
        const eu = bucket("eu", { region: "eu-west-1" });
        expect(await run([source, eu, replication("repl", [unknown()], [eu.urn!])], { allowedRegions: ["eu-*"] })).toEqual([]);
        const cn = bucket("cn", { region: "cn-northwest-1" });
        expect(levels(await run([source, cn, replication("repl", [unknown()], [cn.urn!])], { allowedRegions: ["eu-*"] }))).toEqual(["mandatory"]);
    });

    it("exemptResourceTypes: advisory that says so", async () => {
        const bad = bucket("bad", { region: "us-east-1" });
        const ds = await run([source, bad, replication("repl", [unknown()], [bad.urn!])], { exemptResourceTypes: [REPLICATION] });
        expect(levels(ds)).toEqual(["advisory"]);
        expect(ds[0]!.message).toContain("exemptResourceTypes");
    });

    it("deprecated inline replicationConfiguration on aws.s3.Bucket", async () => {
        const bad = bucket("bad", { region: "ap-southeast-1" });
        const src: TestResource = {
            ...bucket("legacy", { replicationConfiguration: { role: "r", rules: [{ status: "Enabled", destination: { bucket: unknown() } }] } }),
            propertyDependencies: { replicationConfiguration: [bad.urn!] },
        };
        const ds = await run([bad, src]);
        expect(levels(ds)).toEqual(["mandatory"]);
        expect(ds[0]!.message).toContain("replicationConfiguration.rules[0].destination.bucket");
        expect(ds[0]!.urn).toBe(src.urn);
    });

    it("deprecated BucketV2 replicationConfigurations: every destination", async () => {
        const ok = bucket("ok", { bucket: "ok-b", region: "cn-northwest-1" });
        const bad = bucket("bad", { bucket: "bad-b", region: "us-west-2" });
        const src = bucket(
            "legacy",
            { replicationConfigurations: [{ role: "r", rules: [{ status: "Enabled", destinations: [{ bucket: "arn:aws-cn:s3:::ok-b" }] }, { status: "Enabled", destinations: [{ bucket: "arn:aws:s3:::bad-b" }] }] }] },
            CN,
            BUCKET_V2,
        );
        const ds = await run([ok, bad, src]);
        expect(levels(ds)).toEqual(["mandatory"]);
        expect(ds[0]!.message).toContain("replicationConfigurations[0].rules[1].destinations[0].bucket");
    });

    it("a bucket without replication is not a finding", async () => {
        expect(await run([bucket("plain", { region: "us-east-1" })])).toEqual([]);
    });

    it.each([[null], ["str"], [[1, 2]], [{ nested: [{ deep: true }] }], [[{ destination: "x", status: "Enabled" }]]])("odd rules %j never throw", async (rules) => {
        const r = replication("repl", [], []);
        r.props = { rules };
        await expect(run([source, r])).resolves.toBeDefined();
    });
});

describe("bucketNameFromArn", () => {
    it.each([
        ["arn:aws:s3:::my-bucket", "my-bucket"],
        ["arn:aws-cn:s3:::logs.example", "logs.example"],
        ["arn:aws-us-gov:s3:::b1", "b1"],
        ["arn:aws:s3:::my-bucket/key", undefined],
        ["arn:aws:s3:us-east-1::b", undefined],
        ["my-bucket", undefined],
        [7, undefined],
    ])("%j → %j", (arn, expected) => {
        expect(bucketNameFromArn(arn)).toBe(expected);
    });
});

describe("s3-replication-destination-allowed-regions: alicloud.oss.BucketReplication whose location is unknown during preview", () => {
    const OSS_BUCKET = "alicloud:oss/bucket:Bucket";
    const OSS_REPLICATION = "alicloud:oss/bucketReplication:BucketReplication";
    const ali = (region: unknown, name: string) => ({ type: "pulumi:providers:alicloud", name, props: { region } });
    const HZ = ali("cn-hangzhou", "hz");
    const ossBucket = (name: string, provider = HZ, props: Record<string, unknown> = { bucket: name }): TestResource => ({ type: OSS_BUCKET, name, props, provider });
    const ossReplication = (destination: unknown, deps: string[] = []): TestResource => ({
        type: OSS_REPLICATION,
        name: "rep",
        props: { bucket: "src", destination },
        provider: HZ,
        propertyDependencies: deps.length > 0 ? { destination: deps } : {},
    });

    it.each([
        ["destination bucket on a provider in Frankfurt", ali("eu-central-1", "fra"), ["mandatory"]],
        ["destination bucket in Shanghai", ali("cn-shanghai", "sh"), []],
        ["destination bucket in Hong Kong", ali("cn-hongkong", "hk"), ["mandatory"]],
        ["destination bucket's provider region unknown", ali(unknown(), "x"), ["advisory"]],
    ])("through the dependency: %s → %j", async (_n, provider, expected) => {
        const ds = await runStack(control, [ossBucket("src"), ossBucket("dst", provider), ossReplication({ bucket: unknown(), location: unknown() }, [urnOf(OSS_BUCKET, "dst")])]);
        expect(levels(ds)).toEqual(expected);
        for (const d of ds) expect(d.urn).toBe(urnOf(OSS_REPLICATION, "rep"));
    });

    it("names the destination bucket and its region, and says the fix", async () => {
        const ds = await runStack(control, [ossBucket("dst", ali("eu-central-1", "fra")), ossReplication({ bucket: "dst", location: unknown() })]);
        expect(levels(ds)).toEqual(["mandatory"]);
        expect(ds[0]!.message).toContain('found replication to OSS bucket "dst" in region "eu-central-1"');
        expect(ds[0]!.message).toContain("Change `destination.location`.");
        expect(ds[0]!.message).toContain("复制到OSS Bucket（存储空间）“dst”，位于地域 \"eu-central-1\"");
    });

    it("a destination bucket found by its known name, not in the stack, or the whole destination unknown", async () => {
        expect(levels(await runStack(control, [ossBucket("dst", ali("us-west-1", "us")), ossReplication({ bucket: "dst", location: unknown() })]))).toEqual(["mandatory"]);
        expect(levels(await runStack(control, [ossBucket("other", ali("us-west-1", "us")), ossReplication({ bucket: "dst", location: unknown() })]))).toEqual(["advisory"]);
        expect(levels(await runStack(control, [ossReplication(unknown())]))).toEqual(["advisory"]);
        expect(levels(await runStack(control, [ossBucket("dst", ali("us-west-1", "us")), ossReplication(unknown(), [urnOf(OSS_BUCKET, "dst")])]))).toEqual(["mandatory"]);
    });

    it("a known location is left to copy-destination-allowed-regions (one finding per replication)", async () => {
        expect(await runStack(control, [ossBucket("dst", ali("eu-central-1", "fra")), ossReplication({ bucket: "dst", location: "oss-eu-central-1" }, [urnOf(OSS_BUCKET, "dst")])])).toEqual([]);
    });
});
