import { describe, expect, it } from "vitest";
import control, { cloudTrailManagementAccess } from "../../../policies/logging/audit-trail-configuration";
import { Input } from "../../../policies/shared/reader";
import { levels, runResource, sdkProps, secret, unknown } from "../../helpers/harness";

const TRAIL = "aws:cloudtrail/trail:Trail";
const AT = "alicloud:actiontrail/trail:Trail";
const AT_OLD = "alicloud:actiontrail/trailDeprecated:TrailDeprecated";
const goodAws = { s3BucketName: "logs", isMultiRegionTrail: true, enableLogFileValidation: true };

describe("audit-trail-configuration: aws.cloudtrail.Trail", () => {
    it.each([
        ["multi-region, validation on", {}, []],
        ["single-region (explicit)", { isMultiRegionTrail: false }, ["mandatory"]],
        ["single-region (unset: default false)", { isMultiRegionTrail: undefined }, ["mandatory"]],
        ["logging off", { enableLogging: false }, ["mandatory"]],
        ["logging on explicitly", { enableLogging: true }, []],
        ["write-only management events", { eventSelectors: [{ readWriteType: "WriteOnly" }] }, ["mandatory"]],
        ["read-only management events", { eventSelectors: [{ readWriteType: "ReadOnly" }] }, ["mandatory"]],
        ["ReadOnly + WriteOnly selectors together", { eventSelectors: [{ readWriteType: "ReadOnly" }, { readWriteType: "WriteOnly" }] }, []],
        ["selector without readWriteType = All", { eventSelectors: [{ includeManagementEvents: true }] }, []],
        ["management events excluded", { eventSelectors: [{ includeManagementEvents: false, readWriteType: "All" }] }, ["mandatory"]],
        ["log file validation off: advisory", { enableLogFileValidation: false }, ["advisory"]],
        ["log file validation unset (default false): advisory", { enableLogFileValidation: undefined }, ["advisory"]],
        ["wrong-typed isMultiRegionTrail", { isMultiRegionTrail: "yes" }, ["mandatory"]],
        ['string "true" is read as true', { isMultiRegionTrail: "true" }, []],
    ])("%s", async (_n, over, expected) => {
        const ds = await runResource(control, { type: TRAIL, name: "trail", props: { ...goodAws, ...over } });
        expect(levels(ds)).toEqual(expected);
    });

    it("reports each failed setting with its property", async () => {
        const ds = await runResource(control, { type: TRAIL, name: "trail", props: { s3BucketName: "logs", enableLogging: false, eventSelectors: [{ readWriteType: "WriteOnly" }] } });
        expect(levels(ds)).toEqual(["mandatory", "mandatory", "mandatory", "advisory"]);
        expect(ds[0]!.message).toContain('CloudTrail trail "trail": found `enableLogging` false; required logging enabled (true). Change `enableLogging`.');
        expect(ds[1]!.message).toContain("found `isMultiRegionTrail` unset (default false); required a multi-region trail (true). Change `isMultiRegionTrail`.");
        expect(ds[2]!.message).toContain("found write-only management events");
        expect(ds[3]!.message).toContain("Change `enableLogFileValidation`.");
        expect(ds[0]!.message).toContain("CloudTrail 跟踪“trail”");
    });

    it("an unknown setting gives an advisory, never a mandatory", async () => {
        const ds = await runResource(control, { type: TRAIL, props: { ...goodAws, isMultiRegionTrail: unknown() } });
        expect(levels(ds)).toEqual(["advisory"]);
    });

    it("an unknown event selector is advisory: it may be the one that records management events", async () => {
        // Found by the property suite ({"eventSelectors":[<unknown>],"isMultiRegionTrail":"true"} was mandatory).
        const ds = await runResource(control, { type: TRAIL, props: { ...goodAws, eventSelectors: [unknown()] } });
        expect(levels(ds)).toEqual(["advisory"]);
        expect(ds[0]!.message).toMatch(/found a value that is unknown until deployment; required read and write management events/);
    });

    it("an unknown bucket name does not matter", async () => {
        expect(await runResource(control, { type: TRAIL, props: { ...goodAws, s3BucketName: unknown() } })).toEqual([]);
    });

    it("a secret value is never echoed", async () => {
        const ds = await runResource(control, { type: TRAIL, props: { ...goodAws, enableLogging: secret("TOP-SECRET-FLAG") } });
        expect(levels(ds)).toEqual(["mandatory"]);
        expect(ds[0]!.message).not.toContain("TOP-SECRET");
    });

    it.each([[null], ["str"], [[1, 2]], [{ nested: { deep: [1] } }]])("odd selectors %j never throw", async (odd) => {
        await expect(runResource(control, { type: TRAIL, props: { ...goodAws, eventSelectors: odd, advancedEventSelectors: odd } })).resolves.toBeDefined();
    });
});

describe("cloudTrailManagementAccess", () => {
    const mgmt = (extra: Record<string, unknown>[] = []) => ({ fieldSelectors: [{ field: "eventCategory", equals: ["Management"] }, ...extra] });
    it.each([
        ["no selectors: all management events", {}, ["read", "write"]],
        ["advanced: Management, no readOnly", { advancedEventSelectors: [mgmt()] }, ["read", "write"]],
        ["advanced: readOnly equals true", { advancedEventSelectors: [mgmt([{ field: "readOnly", equals: ["true"] }])] }, ["read"]],
        ["advanced: readOnly equals false", { advancedEventSelectors: [mgmt([{ field: "readOnly", equals: ["false"] }])] }, ["write"]],
        ["advanced: readOnly notEquals true", { advancedEventSelectors: [mgmt([{ field: "readOnly", notEquals: ["true"] }])] }, ["write"]],
        ["advanced: data events only", { advancedEventSelectors: [{ fieldSelectors: [{ field: "eventCategory", equals: ["Data"] }] }] }, []],
        ["advanced: read + write selectors", { advancedEventSelectors: [mgmt([{ field: "readOnly", equals: ["true"] }]), mgmt([{ field: "readOnly", equals: ["false"] }])] }, ["read", "write"]],
        ["basic: WriteOnly", { eventSelectors: [{ readWriteType: "WriteOnly" }] }, ["write"]],
    ])("%s", (_n, props, expected) => {
        const access = cloudTrailManagementAccess(Input.of(sdkProps(props)));
        expect(access.kind === "value" ? [...access.value].sort() : access.kind).toEqual(expected);
    });

    it("a trail with only write-only advanced selectors violates", async () => {
        const ds = await runResource(control, { type: TRAIL, props: { ...goodAws, advancedEventSelectors: [mgmt([{ field: "readOnly", equals: ["false"] }])] } });
        expect(levels(ds)).toEqual(["mandatory"]);
    });
});

describe("audit-trail-configuration: alicloud.actiontrail.Trail", () => {
    const good = { trailName: "audit", ossBucketName: "audit-logs" };
    it.each([
        ["defaults (Enable, All regions, All events) with an OSS destination", {}, []],
        ["status Disable", { status: "Disable" }, ["mandatory"]],
        ["single region", { trailRegion: "cn-hangzhou" }, ["mandatory"]],
        ["trailRegion All", { trailRegion: "All" }, []],
        ["write events only", { eventRw: "Write" }, ["mandatory"]],
        ["read events only", { eventRw: "Read" }, ["mandatory"]],
        ["no destination", { ossBucketName: undefined }, ["mandatory"]],
        ["SLS destination only", { ossBucketName: undefined, slsProjectArn: "acs:log:cn-hangzhou:1:project/p", slsWriteRoleArn: "r" }, []],
        ["destination unknown during preview counts as set", { ossBucketName: unknown() }, []],
        ["unknown eventRw: advisory only", { eventRw: unknown() }, ["advisory"]],
    ])("%s", async (_n, over, expected) => {
        const ds = await runResource(control, { type: AT, name: "at", props: { ...good, ...over } });
        expect(levels(ds)).toEqual(expected);
    });

    it("names the values from the vocabulary and never echoes others", async () => {
        const [a] = await runResource(control, { type: AT, name: "at", props: { ...good, eventRw: "Write" } });
        expect(a!.message).toContain('ActionTrail trail "at": found `eventRw` "Write"; required read and write events ("All"). Change `eventRw`.');
        const [b] = await runResource(control, { type: AT, name: "at", props: { ...good, status: "TOP-SECRET-STATUS" } });
        expect(b!.message).not.toContain("TOP-SECRET");
        const [c] = await runResource(control, { type: AT, name: "at", props: { ...good, trailRegion: "cn-hangzhou" } });
        expect(c!.message).toContain('found `trailRegion` "cn-hangzhou"');
    });

    it("the deprecated class defaults eventRw to Write", async () => {
        const ds = await runResource(control, { type: AT_OLD, name: "old", props: { name: "old", ossBucketName: "b" } });
        expect(levels(ds)).toEqual(["mandatory"]);
        expect(ds[0]!.message).toContain('found `eventRw` unset (default "Write")');
        expect(await runResource(control, { type: AT_OLD, props: { name: "old", ossBucketName: "b", eventRw: "All" } })).toEqual([]);
    });

    it.each([[null], [[1]], [{ deep: { x: 1 } }]])("odd values %j never throw", async (odd) => {
        await expect(runResource(control, { type: AT, props: { status: odd, eventRw: odd, trailRegion: odd, ossBucketName: odd } })).resolves.toBeDefined();
    });

    it("other types are not checked", async () => {
        expect(await runResource(control, { type: "aws:s3/bucket:Bucket", props: { isMultiRegionTrail: false } })).toEqual([]);
    });
});
