import { describe, expect, it } from "vitest";
import control from "../../../policies/backup-recovery/bucket-versioning";
import { type TestResource, levels, runStack, unknown, urnOf } from "../../helpers/harness";

const S3 = "aws:s3/bucket:Bucket";
const S3V2 = "aws:s3/bucketV2:BucketV2";
const OSS = "alicloud:oss/bucket:Bucket";
const VERSIONING = "aws:s3/bucketVersioning:BucketVersioning";

const bucket = (type: string, name: string, props: Record<string, unknown> = {}): TestResource => ({ type, name, props: { bucket: name, ...props } });
const versioning = (type: string, name: string, target: string, props: Record<string, unknown>, bucketType = S3): TestResource => ({
    type,
    name,
    props: { bucket: target, ...props },
    propertyDependencies: { bucket: [urnOf(bucketType, target)] },
});

describe("bucket-versioning: AWS", () => {
    it("a bucket without versioning is an advisory finding on the bucket", async () => {
        const ds = await runStack(control, [bucket(S3, "reports")]);
        expect(levels(ds)).toEqual(["advisory"]);
        expect(ds[0]!.urn).toBe(urnOf(S3, "reports"));
        expect(ds[0]!.message).toContain('S3 bucket "reports": found unset (default: not versioned); required versioning Enabled. Add an `aws.s3.BucketVersioning` with `bucket` set.');
        expect(ds[0]!.message).toContain("S3 存储桶“reports”：当前：未设置（默认不开启版本控制）；要求：版本控制为 Enabled。请添加 `aws.s3.BucketVersioning` 并设置 `bucket`。");
    });

    it.each([
        ["aws.s3.BucketVersioning Enabled", [versioning(VERSIONING, "v", "reports", { versioningConfiguration: { status: "Enabled" } })], []],
        ["deprecated BucketVersioningV2 Enabled", [versioning("aws:s3/bucketVersioningV2:BucketVersioningV2", "v", "reports", { versioningConfiguration: { status: "Enabled" } })], []],
        ["linked by the known bucket name only", [{ type: VERSIONING, name: "v", props: { bucket: "reports", versioningConfiguration: { status: "Enabled" } } }], []],
        ["Suspended", [versioning(VERSIONING, "v", "reports", { versioningConfiguration: { status: "Suspended" } })], ["advisory"]],
        ["status unknown", [versioning(VERSIONING, "v", "reports", { versioningConfiguration: { status: unknown() } })], ["advisory"]],
        ["a versioning resource for another bucket", [versioning(VERSIONING, "v", "other", { versioningConfiguration: { status: "Enabled" } })], ["advisory"]],
    ])("%s", async (_name, extra, expected) => {
        expect(levels(await runStack(control, [bucket(S3, "reports"), ...extra]))).toEqual(expected);
    });

    it("an unknown status on a versioning resource names that resource's input, not the bucket's", async () => {
        // Before, the finding told the bucket to change `versioningConfiguration.status`, an input only the versioning resource has.
        const ds = await runStack(control, [bucket(S3, "reports"), versioning(VERSIONING, "v", "reports", { versioningConfiguration: { status: unknown() } })]);
        expect(ds[0]!.message).toContain("found a versioning status that is unknown until deployment");
        expect(ds[0]!.message).toContain("Change `versioningConfiguration.status` of the `aws.s3.BucketVersioning`.");
        const [inline] = await runStack(control, [bucket(S3, "reports", { versioning: { enabled: unknown() } })]);
        expect(inline!.message).toContain("Change `versioning.enabled`.");
    });

    it("a suspended versioning resource is named as the fix", async () => {
        const ds = await runStack(control, [bucket(S3, "reports"), versioning(VERSIONING, "v", "reports", { versioningConfiguration: { status: "Suspended" } })]);
        expect(ds[0]!.message).toContain('found aws.s3.BucketVersioning with status "Suspended"');
        expect(ds[0]!.message).toContain("Change `versioningConfiguration.status` of the `aws.s3.BucketVersioning`.");
    });

    it.each([
        ["deprecated inline versioning on", S3, { versioning: { enabled: true } }, []],
        ["deprecated inline versioning off", S3, { versioning: { enabled: false } }, ["advisory"]],
        ["BucketV2 versionings[] on", S3V2, { versionings: [{ enabled: true }] }, []],
        ["BucketV2 without versionings", S3V2, {}, ["advisory"]],
        ["BucketV2 versionings unknown", S3V2, { versionings: unknown() }, ["advisory"]],
    ])("%s", async (_name, type, props, expected) => {
        expect(levels(await runStack(control, [bucket(type, "reports", props)]))).toEqual(expected);
    });

    it("an unknown status is advisory even when the policy is mandatory", async () => {
        const ds = await runStack(control, [bucket(S3, "reports", { versioning: { enabled: unknown() } })], { config: { enforcementLevel: "mandatory" } });
        expect(levels(ds)).toEqual(["advisory"]);
        expect(levels(await runStack(control, [bucket(S3, "reports")], { config: { enforcementLevel: "mandatory" } }))).toEqual(["mandatory"]);
    });

    it("a versioning resource whose bucket is unknown, with no dependency saying which, may version any bucket (found by the property suite)", async () => {
        const mandatory = { config: { enforcementLevel: "mandatory" } };
        const unplaced = (status: unknown): TestResource => ({ type: "aws:s3/bucketVersioningV2:BucketVersioningV2", name: "v", props: { bucket: unknown(), versioningConfiguration: { status } } });
        const ds = await runStack(control, [bucket(S3V2, "r0", { bucket: unknown() }), unplaced(unknown())], mandatory);
        expect(levels(ds)).toEqual(["advisory"]);
        expect(ds[0]!.message).toContain("Change `bucket` of the `aws.s3.BucketVersioningV2`.");
        expect(levels(await runStack(control, [bucket(S3, "reports"), unplaced("Enabled")], mandatory))).toEqual(["advisory"]);
        // Suspended cannot version anything; an Alibaba Cloud bucket is not an S3 versioning's.
        expect(levels(await runStack(control, [bucket(S3, "reports"), unplaced("Suspended")], mandatory))).toEqual(["mandatory"]);
        expect(levels(await runStack(control, [bucket(OSS, "reports"), unplaced("Enabled")], mandatory))).toEqual(["mandatory"]);
        // A dependency says which bucket it is: the others stay mandatory.
        const linked = { ...unplaced(unknown()), propertyDependencies: { bucket: [urnOf(S3, "other")] } };
        expect(levels(await runStack(control, [bucket(S3, "reports"), bucket(S3, "other"), linked], mandatory))).toEqual(["mandatory", "advisory"]);
    });
});

describe("bucket-versioning: Alibaba Cloud", () => {
    it.each([
        ["inline Enabled", [bucket(OSS, "reports", { versioning: { status: "Enabled" } })], []],
        ["inline Suspended", [bucket(OSS, "reports", { versioning: { status: "Suspended" } })], ["advisory"]],
        ["unset", [bucket(OSS, "reports")], ["advisory"]],
        ["alicloud.oss.BucketVersioning Enabled", [bucket(OSS, "reports"), versioning("alicloud:oss/bucketVersioning:BucketVersioning", "v", "reports", { status: "Enabled" }, OSS)], []],
    ])("%s", async (_name, resources, expected) => {
        expect(levels(await runStack(control, resources))).toEqual(expected);
    });

    it("the fix is the bucket's own versioning.status", async () => {
        const [d] = await runStack(control, [bucket(OSS, "reports")]);
        expect(d!.message).toContain('OSS Bucket "reports": found unset (default: not versioned); required versioning Enabled. Change `versioning.status`.');
        expect(d!.message).toContain("OSS Bucket（存储空间）“reports”");
    });
});

describe("bucket-versioning: odd input never throws", () => {
    it.each([[null], ["x"], [[1]], [{ status: { deep: 1 } }]])("%j", async (v) => {
        const resources = [bucket(S3, "a", { versioning: v }), bucket(S3V2, "b", { versionings: v }), bucket(OSS, "c", { versioning: v }), { type: VERSIONING, name: "v", props: { bucket: v, versioningConfiguration: v } }];
        await expect(runStack(control, resources)).resolves.toBeDefined();
    });
});
