// No remediation may change a property whose change replaces a stateful resource (docs/design.md, "Configuration, exemptions, remediation"):
// every remediation runs over generated resources of every type its policy reads, and each
// property it changes must be on the in-place list (policies/shared/in-place-updates.ts).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { controls } from "../../../policies";
import { IN_PLACE_UPDATES, topLevelProperty, updatesInPlace } from "../../../policies/shared/in-place-updates";
import { runRemediation, secret, toWire, unknown } from "../../helpers/harness";

const TOKEN = /^[a-z0-9-]+:[A-Za-z0-9/]+:[A-Za-z0-9]+$/;
const remediating = controls.filter((c) => "remediateResource" in c.policy && c.policy.remediateResource !== undefined);

/** JSON with sorted keys: the wire round trip (protobuf Struct) reorders keys. */
function canonical(v: unknown): string {
    if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
    if (typeof v === "object" && v !== null) {
        return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(",")}}`;
    }
    return JSON.stringify(v) ?? "undefined";
}

/** Leaf paths of a wire value; arrays count as one leaf (a dropped element changes the list). */
function leaves(v: unknown, prefix = ""): Map<string, string> {
    const leaf = typeof v !== "object" || v === null || Array.isArray(v) || (Object.keys(v).length === 0 && prefix !== "");
    if (leaf) return new Map([[prefix, canonical(v)]]);
    return new Map(Object.entries(v).flatMap(([k, x]) => [...leaves(x, prefix ? `${prefix}.${k}` : k)]));
}

export function changedPaths(before: unknown, after: unknown): string[] {
    const a = leaves(before);
    const b = leaves(after);
    return [...new Set([...a.keys(), ...b.keys()])].filter((k) => a.get(k) !== b.get(k)).sort();
}

// Values and keys the remediations read, plus properties that must never move (encryption, names).
const GRANT = fc.record({
    type: fc.constantFrom("Group", "CanonicalUser"),
    uri: fc.constantFrom("http://acs.amazonaws.com/groups/global/AllUsers", "http://acs.amazonaws.com/groups/global/AuthenticatedUsers", "x"),
    permission: fc.constantFrom("READ", "FULL_CONTROL"),
    permissions: fc.constant(["READ"]),
    grantee: fc.record({ type: fc.constant("Group"), uri: fc.constantFrom("http://acs.amazonaws.com/groups/global/AllUsers", "y") }),
});
const leaf = fc.oneof(
    fc.constantFrom<unknown>(0, 1, 7, 30, 179, 180, 365, 2555, 3650, "7", "400", "abc", true, false, "true", "false", "private", "public-read", "public-read-write", "authenticated-read", "DELIVERY", "STANDARD", "Enabled", "Disabled", "365d", "SYMMETRIC_DEFAULT", "ENCRYPT_DECRYPT", "Aliyun_AES_256", "RSA_2048", "SOFTWARE", "Enable", "mysql", "postgres", "sqlserver-ee", "audit", null),
    fc.constant(unknown()),
    fc.constantFrom(7, "public-read", false).map((v) => secret(v)),
);
const value: fc.Arbitrary<unknown> = fc.oneof(
    { arbitrary: leaf, weight: 6 },
    { arbitrary: fc.array(fc.oneof(GRANT, leaf), { maxLength: 3 }), weight: 1 },
    { arbitrary: fc.record({ owner: fc.record({ id: fc.constant("o") }), grants: fc.array(fc.oneof(GRANT, leaf), { maxLength: 3 }) }), weight: 1 },
    { arbitrary: fc.dictionary(fc.constantFrom("vpc_flow_ttl", "oss_ttl", "oss_enabled", "sas_ttl", "other"), leaf, { maxKeys: 4 }), weight: 1 },
);
const KEYS = [
    "retentionInDays", "retentionPeriod", "logGroupClass", "variableMap", "acl", "grants", "accessControlPolicy",
    "blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets", "blockPublicAccess",
    "name", "bucket", "project", "kmsKeyId", "encrypted", "encryptConf", "storageEncrypted", "rootBlockDevice", "tags",
    // backup-recovery
    "backupRetentionPeriod", "retentionPeriod", "logBackupRetentionPeriod", "logRetentionPeriod", "enableBackupLog", "dataLevel1BackupRetentionPeriod",
    "dataLevel2BackupRetentionPeriod", "automatedSnapshotRetentionPeriod", "snapshotRetentionLimit", "pointInTimeRecovery", "replicateSourceDb",
    "deletionProtection", "deletionProtectionEnabled", "deletionLock", "dbInstanceReleaseProtection", "instanceReleaseProtection", "instanceChargeType", "payType",
    // keys-ready-for-crypto-erase (and the inputs that make a key non-rotatable, which must never move)
    "enableKeyRotation", "deletionWindowInDays", "automaticRotation", "rotationInterval", "pendingWindowInDays",
    "customerMasterKeySpec", "keySpec", "keyUsage", "origin", "protectionLevel", "customKeyStoreId",
    // database-audit-logs-kept
    "sqlCollectorStatus", "sqlCollectorConfigValue", "collectorStatus", "enabledCloudwatchLogsExports", "engine",
];
const props = fc.dictionary(fc.constantFrom(...KEYS), value, { maxKeys: 8 });
const config = fc.record({ minimumRetentionDays: fc.integer({ min: 1, max: 3650 }), minimumBackupRetentionDays: fc.integer({ min: 1, max: 35 }), minimumKeyDeletionWindowDays: fc.integer({ min: 7, max: 366 }) }, { requiredKeys: [] });

describe("the in-place list", () => {
    it("names a type token, a property and the provider source of every entry", () => {
        for (const u of IN_PLACE_UPDATES) {
            expect(u.type).toMatch(TOKEN);
            expect(u.property).toMatch(/^[a-z][A-Za-z0-9]*$/);
            expect(u.checkedAgainst).toMatch(/^(hashicorp\/terraform-provider-aws|aliyun\/terraform-provider-alicloud) \S+\.go /);
        }
    });

    it("holds no encryption, key, name or volume property (those replace stateful resources)", () => {
        expect(IN_PLACE_UPDATES.filter((u) => /encrypt|kms|name|volume|disk|device|bucket$/i.test(u.property))).toEqual([]);
    });

    it.each([
        ["aws:cloudwatch/logGroup:LogGroup", "retentionInDays", true],
        ["alicloud:log/audit:Audit", "variableMap.vpc_flow_ttl", true],
        ["aws:s3/bucketAcl:BucketAcl", "accessControlPolicy.grants", true],
        ["aws:cloudwatch/logGroup:LogGroup", "kmsKeyId", false],
        ["aws:ebs/volume:Volume", "encrypted", false],
        ["aws:s3/bucketAcl:BucketAcl", "bucket", false],
        ["alicloud:log/store:Store", "encryptConf.enable", false],
        ["aws:dynamodb/table:Table", "pointInTimeRecovery.enabled", true],
        ["aws:rds/instance:Instance", "storageEncrypted", false],
    ])("%s %s in place: %s", (type, p, expected) => {
        expect(updatesInPlace(type, p)).toBe(expected);
    });

    it("topLevelProperty", () => {
        expect(["a", "a.b", "a[0].b", "a.b[1]"].map(topLevelProperty)).toEqual(["a", "a", "a", "a"]);
    });

    it("finds a change outside the list (the check below can fail)", () => {
        const paths = changedPaths(toWire({ encrypted: false, acl: "public-read" }), toWire({ encrypted: true, acl: "private" }));
        expect(paths.filter((p) => !updatesInPlace("aws:s3/bucket:Bucket", p))).toEqual(["encrypted"]);
    });
});

describe.each(remediating.map((c) => [c.metadata.name, c] as const))("remediation of %s", (_name, control) => {
    it("exists for the in-place controls only", () => {
        expect(["log-retention-minimum", "no-public-buckets", "bucket-public-access-blocked", "database-backup-retention", "database-deletion-protection", "keys-ready-for-crypto-erase", "database-audit-logs-kept"]).toContain(control.metadata.name);
    });

    it.each(control.metadata.resourceTypes.map((t) => [t]))("changes only in-place properties of %s", async (type) => {
        await fc.assert(
            fc.asyncProperty(props, config, async (p, cfg) => {
                const after = await runRemediation(control, { type, props: p }, { config: cfg });
                if (after === undefined) return;
                const outside = changedPaths(toWire(p), after).filter((path) => !updatesInPlace(type, path));
                expect(outside).toEqual([]);
            }),
            { numRuns: 150 },
        );
    });
});

it("seven controls remediate", () => {
    expect(remediating.map((c) => c.metadata.name).sort()).toEqual(["bucket-public-access-blocked", "database-audit-logs-kept", "database-backup-retention", "database-deletion-protection", "keys-ready-for-crypto-erase", "log-retention-minimum", "no-public-buckets"]);
});
