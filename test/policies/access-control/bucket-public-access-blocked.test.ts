import { describe, expect, it } from "vitest";
import control, { BLOCK_SOURCES, BUCKET_BLOCK_TYPES, blockFlags } from "../../../policies/access-control/bucket-public-access-blocked";
import { Input } from "../../../policies/shared/reader";
import { levels, runResource, sdkProps, unknown } from "../../helpers/harness";

const S3_PAB = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock";
const S3_ACCOUNT_PAB = "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock";
const OSS_PAB = "alicloud:oss/bucketPublicAccessBlock:BucketPublicAccessBlock";
const OSS_ACCOUNT_PAB = "alicloud:oss/accountPublicAccessBlock:AccountPublicAccessBlock";

const ALL_ON = { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true };

describe("bucket-public-access-blocked", () => {
    it.each([
        ["all four on", ALL_ON, []],
        ["all unset (each defaults to false)", {}, ["mandatory"]],
        ["blockPublicAcls off", { ...ALL_ON, blockPublicAcls: false }, ["mandatory"]],
        ["blockPublicPolicy off", { ...ALL_ON, blockPublicPolicy: false }, ["mandatory"]],
        ["ignorePublicAcls unset", { ...ALL_ON, ignorePublicAcls: undefined }, ["mandatory"]],
        ["restrictPublicBuckets off", { ...ALL_ON, restrictPublicBuckets: false }, ["mandatory"]],
        ["string \"true\" flags", { blockPublicAcls: "true", blockPublicPolicy: "true", ignorePublicAcls: "true", restrictPublicBuckets: "true" }, []],
    ])("S3 %s", async (_n, flags, expected) => {
        expect(levels(await runResource(control, { type: S3_PAB, props: { bucket: "b", ...flags } }))).toEqual(expected);
        expect(levels(await runResource(control, { type: S3_ACCOUNT_PAB, props: flags }))).toEqual(expected);
    });

    it("lists every flag that is off, in one finding", async () => {
        const [d] = await runResource(control, { type: S3_PAB, name: "logs", props: { bucket: "b", blockPublicAcls: true, blockPublicPolicy: false } });
        expect(d!.message).toContain(
            'S3 bucket public access block "logs": found blockPublicPolicy false, ignorePublicAcls unset (default false), restrictPublicBuckets unset (default false); required blockPublicAcls, blockPublicPolicy, ignorePublicAcls, restrictPublicBuckets all true. Change `blockPublicPolicy`, `ignorePublicAcls`, `restrictPublicBuckets`.',
        );
        expect(d!.message).toContain("S3 存储桶阻止公共访问“logs”：当前：blockPublicPolicy false、ignorePublicAcls 未设置（默认 false）、restrictPublicBuckets 未设置（默认 false）；要求：blockPublicAcls、blockPublicPolicy、ignorePublicAcls、restrictPublicBuckets 全部为 true。请修改 `blockPublicPolicy`、`ignorePublicAcls`、`restrictPublicBuckets`。");
    });

    it.each([
        ["on", true, []],
        ["off", false, ["mandatory"]],
        ["unset", undefined, ["mandatory"]],
    ])("OSS blockPublicAccess %s", async (_n, blockPublicAccess, expected) => {
        expect(levels(await runResource(control, { type: OSS_PAB, props: { bucket: "b", blockPublicAccess } }))).toEqual(expected);
        expect(levels(await runResource(control, { type: OSS_ACCOUNT_PAB, props: { blockPublicAccess } }))).toEqual(expected);
    });

    it("an unknown flag gives an advisory only", async () => {
        expect(levels(await runResource(control, { type: OSS_PAB, props: { bucket: "b", blockPublicAccess: unknown() } }))).toEqual(["advisory"]);
    });

    it("a flag of the wrong type is off and not echoed", async () => {
        const ds = await runResource(control, { type: OSS_PAB, props: { blockPublicAccess: "SECRET-ish" } });
        expect(levels(ds)).toEqual(["mandatory"]);
        expect(ds[0]!.message).not.toContain("SECRET-ish");
    });

    it("has a remediation (its cases are in test/policies/remediation.test.ts)", () => {
        expect("remediateResource" in control.policy).toBe(true);
    });
});

describe("bucket-public-access-blocked: the shared reading (classified-data-not-public uses it)", () => {
    it("bucket-level blocks are the two whose `bucket` input names one bucket", () => {
        expect([...BUCKET_BLOCK_TYPES].sort()).toEqual([OSS_PAB, S3_PAB].sort());
    });

    it.each([
        ["all on", ALL_ON, [], []],
        ["unset is off (default false)", { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true }, ["restrictPublicBuckets"], []],
        ["false and a string", { ...ALL_ON, blockPublicAcls: false, ignorePublicAcls: "false" }, ["blockPublicAcls", "ignorePublicAcls"], []],
        ['"true" counts as on', { ...ALL_ON, blockPublicPolicy: "true" }, [], []],
        ["unknown is neither off nor on", { ...ALL_ON, blockPublicPolicy: unknown(), restrictPublicBuckets: 0 }, ["restrictPublicBuckets"], ["blockPublicPolicy"]],
    ])("%s", (_n, props, off, unknownFlags) => {
        const flags = blockFlags(BLOCK_SOURCES[S3_PAB]!, Input.of(sdkProps(props)));
        expect(flags.off.map((r) => r.path)).toEqual(off);
        expect(flags.unknown.map((r) => r.path)).toEqual(unknownFlags);
    });
});
