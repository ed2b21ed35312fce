// Remediations (enforcementLevel `remediate`), run as the SDK's Remediate runs them (harness
// runRemediation: secrets kept, result serialised). Results are compared in wire form.
import { describe, expect, it } from "vitest";
import bucketPublicAccessBlocked from "../../policies/access-control/bucket-public-access-blocked";
import noPublicBuckets from "../../policies/access-control/no-public-buckets";
import logRetentionMinimum, { CLOUDWATCH_RETENTION_DAYS, RETENTION_TARGETS } from "../../policies/logging/log-retention-minimum";
import { type TestResource, runRemediation, runResource, secret, toWire, unknown } from "../helpers/harness";

const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
const EVENT_DATA_STORE = "aws:cloudtrail/eventDataStore:EventDataStore";
const LOG_STORE = "alicloud:log/store:Store";
const LOG_AUDIT = "alicloud:log/audit:Audit";
const S3_BUCKET = "aws:s3/bucket:Bucket";
const S3_BUCKET_ACL = "aws:s3/bucketAcl:BucketAcl";
const S3_BUCKET_ACL_V2 = "aws:s3/bucketAclV2:BucketAclV2";
const OSS_BUCKET = "alicloud:oss/bucket:Bucket";
const OSS_BUCKET_ACL = "alicloud:oss/bucketAcl:BucketAcl";
const S3_BLOCK = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock";
const S3_ACCOUNT_BLOCK = "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock";
const OSS_BLOCK = "alicloud:oss/bucketPublicAccessBlock:BucketPublicAccessBlock";

const ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers";
const AUTH_USERS = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers";
const OWNER_GRANT = { grantee: { type: "CanonicalUser", id: "abc123" }, permission: "FULL_CONTROL" };

type Row = [string, string, Record<string, unknown>, Record<string, unknown> | undefined, Record<string, unknown>?];

describe("log-retention-minimum remediation", () => {
    it("targets the smallest allowed CloudWatch retention at or above the minimum", () => {
        const target = RETENTION_TARGETS[LOG_GROUP]!;
        expect([1, 2, 180, 181, 366, 3650].map(target)).toEqual([1, 3, 180, 365, 400, 3653]);
        // Every configurable minimum (1..3650) has an allowed CloudWatch value.
        expect(Math.max(...CLOUDWATCH_RETENTION_DAYS)).toBeGreaterThanOrEqual(3650);
    });

    it.each<Row>([
        ["log group 7 → 180", LOG_GROUP, { retentionInDays: 7, name: "app" }, { retentionInDays: 180, name: "app" }],
        ["log group 7, minimum 200 → 365 (CloudWatch has no 200)", LOG_GROUP, { retentionInDays: 7 }, { retentionInDays: 365 }, { minimumRetentionDays: 200 }],
        ["log group 0 (never expires) stays", LOG_GROUP, { retentionInDays: 0 }, undefined],
        ["log group unset (never expires) stays", LOG_GROUP, {}, undefined],
        ["log group 365 stays", LOG_GROUP, { retentionInDays: 365 }, undefined],
        ["log group of class DELIVERY: pinned to 2 days, changing the class replaces it", LOG_GROUP, { retentionInDays: 7, logGroupClass: "DELIVERY" }, undefined],
        ["log group with an unknown class is left alone", LOG_GROUP, { retentionInDays: 7, logGroupClass: unknown() }, undefined],
        ["unknown retention is left alone (it may already be longer)", LOG_GROUP, { retentionInDays: unknown(), name: "app" }, undefined],
        ["a retention of the wrong shape is left for the user", LOG_GROUP, { retentionInDays: "forever" }, undefined],
        ["unknown unrelated inputs pass through unchanged", LOG_GROUP, { retentionInDays: 30, kmsKeyId: unknown() }, { retentionInDays: 180, kmsKeyId: unknown() }],
        ["a secret retention stays secret", LOG_GROUP, { retentionInDays: secret(7) }, { retentionInDays: secret(180) }],
        ["event data store 30 → 180", EVENT_DATA_STORE, { retentionPeriod: 30 }, { retentionPeriod: 180 }],
        ["event data store unset (2555) stays", EVENT_DATA_STORE, {}, undefined],
        ["event data store cannot reach a minimum above 2555: left as is", EVENT_DATA_STORE, { retentionPeriod: 30 }, undefined, { minimumRetentionDays: 3000 }],
        ["logstore unset (30 days) → 180", LOG_STORE, { name: "app" }, { name: "app", retentionPeriod: 180 }],
        ["logstore 30 → 180", LOG_STORE, { retentionPeriod: 30 }, { retentionPeriod: 180 }],
        ["logstore 400 → 3650 under a 3650 minimum", LOG_STORE, { retentionPeriod: 400 }, { retentionPeriod: 3650 }, { minimumRetentionDays: 3650 }],
        ["logstore 3650 (permanent) stays", LOG_STORE, { retentionPeriod: 3650 }, undefined],
        [
            "log audit: each short ttl → minimum, as a string; disabled and long ones stay",
            LOG_AUDIT,
            { variableMap: { vpc_flow_ttl: "7", actiontrail_ttl: "365", oss_ttl: "30", oss_enabled: "false", vpc_flow_enabled: "true" } },
            { variableMap: { vpc_flow_ttl: "180", actiontrail_ttl: "365", oss_ttl: "30", oss_enabled: "false", vpc_flow_enabled: "true" } },
        ],
        ["log audit with an unknown map is left alone", LOG_AUDIT, { variableMap: unknown() }, undefined],
        ["log audit with an unknown ttl is left alone", LOG_AUDIT, { variableMap: { vpc_flow_ttl: unknown(), oss_ttl: "7" } }, undefined],
        ["log audit secret map: the new ttl stays inside the secret", LOG_AUDIT, { variableMap: secret({ vpc_flow_ttl: "7" }) }, { variableMap: secret({ vpc_flow_ttl: "180" }) }],
        ["other types are not touched", S3_BUCKET, { acl: "public-read" }, undefined],
    ])("%s", async (_n, type, props, expected, config) => {
        expect(await runRemediation(logRetentionMinimum, { type, props }, { config })).toEqual(expected && toWire(expected));
    });

    it.each<[string, TestResource]>([
        ["log group", { type: LOG_GROUP, props: { retentionInDays: 7 } }],
        ["logstore", { type: LOG_STORE, props: {} }],
        ["log audit", { type: LOG_AUDIT, props: { variableMap: { vpc_flow_ttl: "1" } } }],
    ])("the remediated %s passes the validation", async (_n, r) => {
        const fixed = await runRemediation(logRetentionMinimum, r);
        expect(await runResource(logRetentionMinimum, { ...r, props: fixed })).toEqual([]);
    });
});

describe("no-public-buckets remediation", () => {
    const acp = (...grants: unknown[]) => ({ owner: { id: "abc123" }, grants });
    it.each<Row>([
        ["S3 BucketAcl public-read → private", S3_BUCKET_ACL, { bucket: "b", acl: "public-read" }, { bucket: "b", acl: "private" }],
        ["S3 BucketAclV2 authenticated-read → private", S3_BUCKET_ACL_V2, { acl: "authenticated-read" }, { acl: "private" }],
        ["S3 BucketAcl log-delivery-write is not public: stays", S3_BUCKET_ACL, { acl: "log-delivery-write" }, undefined],
        [
            "S3 BucketAcl grants to AllUsers dropped, owner grant kept",
            S3_BUCKET_ACL,
            { accessControlPolicy: acp({ grantee: { type: "Group", uri: ALL_USERS }, permission: "READ" }, OWNER_GRANT) },
            { accessControlPolicy: acp(OWNER_GRANT) },
        ],
        [
            "a grant whose grantee is unknown is kept; the public one goes",
            S3_BUCKET_ACL,
            { accessControlPolicy: acp({ grantee: { type: "Group", uri: unknown() }, permission: "READ" }, { grantee: { type: "Group", uri: AUTH_USERS }, permission: "WRITE" }) },
            { accessControlPolicy: acp({ grantee: { type: "Group", uri: unknown() }, permission: "READ" }) },
        ],
        ["a grant unknown as a whole: the list is left alone", S3_BUCKET_ACL, { accessControlPolicy: acp(unknown(), { grantee: { type: "Group", uri: ALL_USERS }, permission: "READ" }) }, undefined],
        ["unknown grants are left alone", S3_BUCKET_ACL, { accessControlPolicy: unknown() }, undefined],
        ["S3 bucket inline grant to AuthenticatedUsers dropped", S3_BUCKET, { bucket: "b", grants: [{ type: "Group", uri: AUTH_USERS, permissions: ["READ"] }] }, { bucket: "b", grants: [] }],
        ["S3 bucket inline public-read-write → private", S3_BUCKET, { acl: "public-read-write" }, { acl: "private" }],
        ["OSS bucket public-read → private", OSS_BUCKET, { bucket: "b", acl: "public-read" }, { bucket: "b", acl: "private" }],
        ["OSS BucketAcl public-read-write → private", OSS_BUCKET_ACL, { bucket: "b", acl: "public-read-write" }, { bucket: "b", acl: "private" }],
        ["private stays", OSS_BUCKET_ACL, { acl: "private" }, undefined],
        ["unset (private by default) stays", OSS_BUCKET, {}, undefined],
        ["unknown ACL is left alone", OSS_BUCKET_ACL, { acl: unknown() }, undefined],
        ["a secret ACL stays secret", OSS_BUCKET_ACL, { acl: secret("public-read") }, { acl: secret("private") }],
    ])("%s", async (_n, type, props, expected) => {
        expect(await runRemediation(noPublicBuckets, { type, props })).toEqual(expected && toWire(expected));
    });

    it("does not remediate a resource exempted by tag or by config: the owner chose the setting", async () => {
        const tagged = { "compliance:exempt": "no-public-buckets", "compliance:exempt-reason": "public website, approved by CISO" };
        expect(await runRemediation(noPublicBuckets, { type: OSS_BUCKET, props: { acl: "public-read", tags: tagged } })).toBeUndefined();
        const config = { exemptResources: [{ pattern: "site-*", reason: "static website" }] };
        expect(await runRemediation(noPublicBuckets, { type: OSS_BUCKET_ACL, name: "site-acl", props: { acl: "public-read" } }, { config })).toBeUndefined();
        // A tag without a reason exempts nothing: the bucket is fixed.
        expect(await runRemediation(noPublicBuckets, { type: OSS_BUCKET, props: { acl: "public-read", tags: { "compliance:exempt": "no-public-buckets" } } })).toEqual(
            toWire({ acl: "private", tags: { "compliance:exempt": "no-public-buckets" } }),
        );
    });
});

describe("bucket-public-access-blocked remediation", () => {
    const ALL_ON = { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true };
    it.each<Row>([
        ["S3 block with every flag unset → all four true", S3_BLOCK, { bucket: "b" }, { bucket: "b", ...ALL_ON }],
        ["S3 block with flags off (boolean or string) → all true", S3_BLOCK, { blockPublicAcls: true, blockPublicPolicy: false, ignorePublicAcls: "false", restrictPublicBuckets: true }, ALL_ON],
        ["an unknown flag is left alone, the others are switched on", S3_BLOCK, { blockPublicAcls: unknown() }, { ...ALL_ON, blockPublicAcls: unknown() }],
        ["all on stays", S3_BLOCK, ALL_ON, undefined],
        ["OSS block off → on", OSS_BLOCK, { bucket: "b", blockPublicAccess: false }, { bucket: "b", blockPublicAccess: true }],
        ["a secret flag stays secret", OSS_BLOCK, { blockPublicAccess: secret(false) }, { blockPublicAccess: secret(true) }],
        ["account-level blocks are for the account owner: not remediated", S3_ACCOUNT_BLOCK, {}, undefined],
    ])("%s", async (_n, type, props, expected) => {
        expect(await runRemediation(bucketPublicAccessBlocked, { type, props })).toEqual(expected && toWire(expected));
    });
});
