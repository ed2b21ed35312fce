// The backup-copy rows (backup-copies.ts) as copy-destination-allowed-regions reports them.
import { describe, expect, it } from "vitest";
import { BACKUP_COPY_DESTINATIONS } from "../../../policies/data-residency/backup-copies";
import { arnRegion } from "../../../policies/shared/arn";
import control, { COPY_DESTINATIONS, metadata } from "../../../policies/data-residency/copy-destination-allowed-regions";
import { type TestResource, levels, runResource, secret, unknown } from "../../helpers/harness";

const AWS_CN = { type: "pulumi:providers:aws", props: { region: "cn-north-1" } };
const ALI_CN = { type: "pulumi:providers:alicloud", props: { region: "cn-hangzhou" } };
const run = (r: TestResource) => runResource(control, r);

const PLAN = "aws:backup/plan:Plan";
const vault = (region: string) => `arn:aws-cn:backup:${region}:123456789012:backup-vault:dr`;
const plan = (...arns: unknown[]) => ({ name: "daily", rules: [{ ruleName: "daily", targetVaultName: "main", schedule: "cron(0 5 * * ? *)", copyActions: arns.map((a) => ({ destinationVaultArn: a })) }] });

describe("backup copies are rows of copy-destination-allowed-regions", () => {
    it("every row is in the copy table and its resource types", () => {
        for (const type of Object.keys(BACKUP_COPY_DESTINATIONS)) {
            expect(COPY_DESTINATIONS[type]).toBe(BACKUP_COPY_DESTINATIONS[type]);
            expect(metadata.resourceTypes).toContain(type);
        }
    });

    it("arnRegion", () => {
        expect(arnRegion(vault("cn-northwest-1"))).toBe("cn-northwest-1");
        expect(arnRegion("arn:aws:backup::1:backup-vault:x")).toBeUndefined();
        expect(arnRegion("not-an-arn")).toBeUndefined();
        expect(arnRegion(42)).toBeUndefined();
    });
});

describe("aws.backup.Plan rules[].copyActions[].destinationVaultArn", () => {
    it.each([
        ["a vault in another mainland region", [vault("cn-northwest-1")], []],
        ["a vault abroad", [vault("ap-southeast-1")], ["mandatory"]],
        ["one of two abroad", [vault("cn-northwest-1"), vault("eu-west-1")], ["mandatory"]],
        ["not an ARN", ["dr-vault"], ["advisory"]],
        ["unknown ARN", [unknown()], ["advisory"]],
        ["no copy actions", [], []],
    ])("%s", async (_name, arns, expected) => {
        expect(levels(await run({ type: PLAN, name: "daily", props: plan(...arns), provider: AWS_CN }))).toEqual(expected);
    });

    it("names the copy action's input", async () => {
        const [d] = await run({ type: PLAN, name: "daily", props: plan(vault("cn-northwest-1"), vault("ap-southeast-1")), provider: AWS_CN });
        expect(d!.message).toContain('"ap-southeast-1"');
        expect(d!.message).toContain("Change `rules[0].copyActions[1].destinationVaultArn`.");
    });

    it("a secret ARN of an unknown shape is never echoed", async () => {
        const ds = await run({ type: PLAN, props: plan(secret("TOP-SECRET-VAULT")), provider: AWS_CN });
        expect(ds.map((d) => d.message).join("\n")).not.toContain("TOP-SECRET-VAULT");
    });

    it("rules that are not a list never throw", async () => {
        await expect(run({ type: PLAN, props: { rules: "x" }, provider: AWS_CN })).resolves.toBeDefined();
        await expect(run({ type: PLAN, props: { rules: [{ copyActions: "x" }] }, provider: AWS_CN })).resolves.toBeDefined();
    });
});

describe("Alibaba Cloud DTS, DBS and HBR", () => {
    it.each([
        ["alicloud:dts/synchronizationInstance:SynchronizationInstance", { sourceEndpointRegion: "cn-hangzhou", destinationEndpointRegion: "ap-southeast-1" }, ["mandatory"]],
        ["alicloud:dts/synchronizationInstance:SynchronizationInstance", { sourceEndpointRegion: "cn-hangzhou", destinationEndpointRegion: "cn-beijing" }, []],
        ["alicloud:dts/migrationInstance:MigrationInstance", { destinationEndpointRegion: "eu-central-1" }, ["mandatory"]],
        ["alicloud:dts/instance:Instance", { destinationRegion: "cn-hongkong" }, ["mandatory"]],
        ["alicloud:dts/synchronizationJob:SynchronizationJob", { destinationEndpointRegion: "us-west-1" }, ["mandatory"]],
        ["alicloud:dts/migrationJob:MigrationJob", { destinationEndpointRegion: "cn-shanghai" }, []],
        ["alicloud:dbs/backupPlan:BackupPlan", { storageRegion: "ap-northeast-1" }, ["mandatory"]],
        ["alicloud:dbs/backupPlan:BackupPlan", { storageRegion: unknown() }, ["advisory"]],
    ])("%s %j", async (type, props, expected) => {
        expect(levels(await run({ type, props, provider: ALI_CN }))).toEqual(expected);
    });

    it("an HBR replication vault is created in its provider's region", async () => {
        const props = { replicationSourceRegionId: "cn-hangzhou", replicationSourceVaultId: "v-1", vaultName: "dr" };
        expect(await run({ type: "alicloud:hbr/replicationVault:ReplicationVault", props, provider: ALI_CN })).toEqual([]);
        const ds = await run({ type: "alicloud:hbr/replicationVault:ReplicationVault", props, provider: { type: "pulumi:providers:alicloud", props: { region: "ap-southeast-1" } } });
        expect(levels(ds)).toEqual(["mandatory"]);
        expect(ds[0]!.message).toContain("set `region` on that provider");
    });
});
