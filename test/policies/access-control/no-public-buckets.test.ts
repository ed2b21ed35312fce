import { describe, expect, it } from "vitest";
import control from "../../../policies/access-control/no-public-buckets";
import { levels, runResource, secret, unknown } from "../../helpers/harness";

const S3 = "aws:s3/bucket:Bucket";
const S3_V2 = "aws:s3/bucketV2:BucketV2";
const S3_ACL = "aws:s3/bucketAcl:BucketAcl";
const S3_ACL_V2 = "aws:s3/bucketAclV2:BucketAclV2";
const OSS = "alicloud:oss/bucket:Bucket";
const OSS_ACL = "alicloud:oss/bucketAcl:BucketAcl";

const ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers";
const AUTH_USERS = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers";
const LOG_DELIVERY = "http://acs.amazonaws.com/groups/s3/LogDelivery";

describe("no-public-buckets: canned ACLs", () => {
    it.each([
        ["unset", undefined, []],
        ["private", "private", []],
        ["public-read", "public-read", ["mandatory"]],
        ["public-read-write", "public-read-write", ["mandatory"]],
        ["authenticated-read", "authenticated-read", ["mandatory"]],
        ["log-delivery-write", "log-delivery-write", []],
        ["bucket-owner-full-control", "bucket-owner-full-control", []],
        ["aws-exec-read", "aws-exec-read", []],
    ])("S3 %s", async (_n, acl, expected) => {
        for (const type of [S3, S3_V2]) expect(levels(await runResource(control, { type, props: { acl } }))).toEqual(expected);
        for (const type of [S3_ACL, S3_ACL_V2]) expect(levels(await runResource(control, { type, props: { bucket: "b", acl } }))).toEqual(expected);
    });

    it.each([
        ["unset = private", undefined, []],
        ["private", "private", []],
        ["public-read", "public-read", ["mandatory"]],
        ["public-read-write", "public-read-write", ["mandatory"]],
    ])("OSS %s", async (_n, acl, expected) => {
        expect(levels(await runResource(control, { type: OSS, props: { bucket: "b", acl } }))).toEqual(expected);
        if (acl) expect(levels(await runResource(control, { type: OSS_ACL, props: { bucket: "b", acl } }))).toEqual(expected);
    });

    it("names the ACL found in both languages", async () => {
        const [d] = await runResource(control, { type: OSS, name: "assets", props: { acl: "public-read" } });
        expect(d!.message).toContain('OSS bucket "assets": found ACL "public-read"; required private: no access for AllUsers or AuthenticatedUsers. Change `acl`.');
        expect(d!.message).toContain('OSS Bucket（存储空间）“assets”：当前：读写权限（ACL） "public-read"；');
        expect(d!.message).not.toContain("CIS");
    });

    it("calls an S3 canned ACL 标准 ACL in Chinese", async () => {
        const [d] = await runResource(control, { type: "aws:s3/bucketAclV2:BucketAclV2", name: "site", props: { bucket: "b", acl: "public-read" } });
        expect(d!.message).toContain('S3 bucket ACL (BucketAclV2) "site": found canned ACL "public-read"');
        expect(d!.message).toContain("CIS AWS Foundations Benchmark.");
        expect(d!.message).toContain('S3 存储桶 ACL（BucketAclV2）“site”：当前：标准 ACL "public-read"；要求：私有：不向 AllUsers 或 AuthenticatedUsers 开放。请修改 `acl`。');
    });
});

describe("no-public-buckets: grants", () => {
    it.each([
        ["READ to AllUsers", [{ type: "Group", uri: ALL_USERS, permissions: ["READ"] }], ["mandatory"]],
        ["to AuthenticatedUsers", [{ type: "Group", uri: AUTH_USERS, permissions: ["READ", "WRITE"] }], ["mandatory"]],
        ["https URI", [{ type: "Group", uri: ALL_USERS.replace("http:", "https:"), permissions: ["READ"] }], ["mandatory"]],
        ["to the owner and LogDelivery", [{ type: "CanonicalUser", id: "abc", permissions: ["FULL_CONTROL"] }, { type: "Group", uri: LOG_DELIVERY, permissions: ["WRITE"] }], []],
        ["public grant second", [{ type: "CanonicalUser", id: "abc", permissions: ["FULL_CONTROL"] }, { type: "Group", uri: ALL_USERS, permissions: ["READ"] }], ["mandatory"]],
    ])("bucket grants %s", async (_n, grants, expected) => {
        for (const type of [S3, S3_V2]) expect(levels(await runResource(control, { type, props: { grants } }))).toEqual(expected);
    });

    it("BucketAcl accessControlPolicy grants to AllUsers", async () => {
        const props = {
            bucket: "b",
            accessControlPolicy: {
                owner: { id: "owner" },
                grants: [
                    { grantee: { type: "CanonicalUser", id: "owner" }, permission: "FULL_CONTROL" },
                    { grantee: { type: "Group", uri: ALL_USERS }, permission: "READ" },
                ],
            },
        };
        for (const type of [S3_ACL, S3_ACL_V2]) {
            const ds = await runResource(control, { type, name: "site", props });
            expect(levels(ds)).toEqual(["mandatory"]);
            expect(ds[0]!.message).toContain('found a grant of "READ" to AllUsers (everyone)');
            expect(ds[0]!.message).toContain("Change `accessControlPolicy.grants[1].grantee.uri`.");
        }
    });

    it("a public ACL and a public grant are two findings", async () => {
        const ds = await runResource(control, { type: S3, props: { acl: "public-read", grants: [{ type: "Group", uri: ALL_USERS, permissions: ["READ"] }] } });
        expect(levels(ds)).toEqual(["mandatory", "mandatory"]);
    });
});

describe("no-public-buckets: unknowns, odd input, secrets", () => {
    it("an unknown ACL gives an advisory only", async () => {
        expect(levels(await runResource(control, { type: OSS_ACL, props: { bucket: "b", acl: unknown() } }))).toEqual(["advisory"]);
    });

    it("an unknown grantee does not hide a known public grant", async () => {
        const grants = [{ type: "Group", uri: unknown(), permissions: ["READ"] }, { type: "Group", uri: ALL_USERS, permissions: ["READ"] }];
        expect(levels(await runResource(control, { type: S3, props: { grants } }))).toEqual(["advisory", "mandatory"]);
    });

    it.each([[{ acl: 5 }], [{ acl: ["public-read"] }], [{ grants: "x" }], [{ grants: [null, 1, { uri: 7 }] }], [{ accessControlPolicy: { grants: [{ grantee: null }] } }]])("odd props %j never throw", async (props) => {
        for (const type of [S3, S3_ACL, OSS]) await expect(runResource(control, { type, props })).resolves.toBeDefined();
    });

    it("a secret never appears in the message", async () => {
        const ds = await runResource(control, { type: S3, props: { acl: secret("public-read"), grants: [{ type: "Group", uri: ALL_USERS, id: secret("TOP-SECRET-VALUE"), permissions: [secret("TOP-SECRET-VALUE")] }] } });
        expect(levels(ds)).toEqual(["mandatory", "mandatory"]);
        expect(ds.map((d) => d.message).join("\n")).not.toContain("TOP-SECRET-VALUE");
    });
});
