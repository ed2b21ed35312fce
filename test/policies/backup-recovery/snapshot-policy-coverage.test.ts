import { describe, expect, it } from "vitest";
import control from "../../../policies/backup-recovery/snapshot-policy-coverage";
import { type TestResource, levels, runStack, unknown, urnOf } from "../../helpers/harness";

const DISK = "alicloud:ecs/ecsDisk:EcsDisk";
const POLICY = "alicloud:ecs/autoSnapshotPolicy:AutoSnapshotPolicy";
const ATTACH = "alicloud:ecs/ecsAutoSnapshotPolicyAttachment:EcsAutoSnapshotPolicyAttachment";
const VOLUME = "aws:ebs/volume:Volume";
const EFS = "aws:efs/fileSystem:FileSystem";

const disk = (name: string, props: Record<string, unknown> = {}, type = DISK): TestResource => ({ type, name, props: { size: 50, ...props } });
const policy = (name: string, props: Record<string, unknown> = {}): TestResource => ({ type: POLICY, name, props: { retentionDays: 7, repeatWeekdays: ["1"], timePoints: ["1"], ...props } });
const attach = (diskName: string, props: Record<string, unknown> = { diskId: "d-1", autoSnapshotPolicyId: "sp-1" }, diskType = DISK): TestResource => ({
    type: ATTACH,
    name: `${diskName}-attach`,
    props,
    propertyDependencies: { diskId: [urnOf(diskType, diskName)] },
});

describe("snapshot-policy-coverage: Alibaba Cloud disks", () => {
    it("a disk no policy reaches is an advisory finding on the disk", async () => {
        const ds = await runStack(control, [disk("data")]);
        expect(levels(ds)).toEqual(["advisory"]);
        expect(ds[0]!.urn).toBe(urnOf(DISK, "data"));
        expect(ds[0]!.message).toContain('ECS cloud disk "data": found no snapshot or backup policy of this stack reaches it; required a scheduled snapshot or backup policy. Add an `alicloud.ecs.EcsAutoSnapshotPolicyAttachment` with `diskId` set.');
        expect(ds[0]!.message).toContain("ECS 云盘“data”：当前：本堆栈中没有覆盖它的快照或备份策略；要求：定期快照或备份策略。请添加 `alicloud.ecs.EcsAutoSnapshotPolicyAttachment` 并设置 `diskId`。");
    });

    it.each([
        ["attached", [disk("data"), policy("daily"), attach("data")], []],
        ["deprecated alicloud.ecs.Disk attached", [disk("data", {}, "alicloud:ecs/disk:Disk"), attach("data", undefined, "alicloud:ecs/disk:Disk")], []],
        ["attached by known disk id", [disk("data", { id: "d-123" }), { type: ATTACH, name: "a", props: { diskId: "d-123", autoSnapshotPolicyId: "sp" } }], []],
        ["attachment to another disk", [disk("data"), { type: ATTACH, name: "a", props: { diskId: "d-999", autoSnapshotPolicyId: "sp" } }], ["advisory"]],
        ["disk id unknown", [disk("data"), { type: ATTACH, name: "a", props: { diskId: unknown(), autoSnapshotPolicyId: "sp" } }], ["advisory"]],
        ["policy targetTags match", [disk("data", { tags: { backup: "daily" } }), policy("daily", { targetTags: [{ tagKey: "backup", tagValue: "daily" }] })], []],
        ["policy targetTags do not match", [disk("data", { tags: { backup: "weekly" } }), policy("daily", { targetTags: [{ tagKey: "backup", tagValue: "daily" }] })], ["advisory"]],
    ])("%s", async (_name, resources, expected) => {
        expect(levels(await runStack(control, resources))).toEqual(expected);
    });

    it("an unknown link is advisory with the unknown note, even when the policy is mandatory", async () => {
        const ds = await runStack(control, [disk("data"), { type: ATTACH, name: "a", props: { diskId: unknown() } }], { config: { enforcementLevel: "mandatory" } });
        expect(levels(ds)).toEqual(["advisory"]);
        expect(ds[0]!.message).toContain("unknown until deployment");
    });
});

describe("snapshot-policy-coverage: automatic snapshot policy retentionDays", () => {
    it.each([
        [-1, []],
        [7, []],
        [30, []],
        [3, ["advisory"]],
        ["soon", ["advisory"]],
    ])("%j", async (retentionDays, expected) => {
        expect(levels(await runStack(control, [policy("daily", { retentionDays })]))).toEqual(expected);
    });

    it("names the input and honours the configured minimum", async () => {
        const ds = await runStack(control, [policy("daily", { retentionDays: 7 })], { config: { minimumSnapshotRetentionDays: 30 } });
        expect(ds[0]!.message).toContain('ECS automatic snapshot policy "daily": found 7 days; required snapshots kept at least 30 days (or -1, until deleted). Change `retentionDays`.');
    });
});

describe("snapshot-policy-coverage: AWS volumes and file systems", () => {
    const dlm = (targetTags: unknown, resourceTypes: unknown = ["VOLUME"]): TestResource => ({
        type: "aws:dlm/lifecyclePolicy:LifecyclePolicy",
        name: "snapshots",
        props: { description: "d", executionRoleArn: "arn", policyDetails: { resourceTypes, targetTags } },
    });
    const selection = (props: Record<string, unknown>, deps: string[] = []): TestResource => ({
        type: "aws:backup/selection:Selection",
        name: "sel",
        props: { iamRoleArn: "arn", planId: "p", name: "sel", ...props },
        propertyDependencies: { resources: deps },
    });
    it.each([
        ["no policy", [disk("cache", {}, VOLUME)], ["advisory"]],
        ["DLM targetTags match", [disk("cache", { tags: { Snapshot: "daily" } }, VOLUME), dlm({ Snapshot: "daily" })], []],
        ["DLM for instances only", [disk("cache", { tags: { Snapshot: "daily" } }, VOLUME), dlm({ Snapshot: "daily" }, ["INSTANCE"])], ["advisory"]],
        ["DLM tags unknown", [disk("cache", { tags: { Snapshot: "daily" } }, VOLUME), dlm(unknown())], ["advisory"]],
        ["backup selection lists the volume", [disk("cache", {}, VOLUME), selection({ resources: ["arn:x"] }, [urnOf(VOLUME, "cache")])], []],
        ["backup selection of everything", [disk("cache", {}, VOLUME), selection({ resources: ["*"] })], []],
        ["backup selection by tag", [disk("cache", { tags: { backup: "yes" } }, VOLUME), selection({ selectionTags: [{ type: "STRINGEQUALS", key: "backup", value: "yes" }] })], []],
        ["EFS without backup policy", [disk("files", {}, EFS)], ["advisory"]],
        ["EFS backup policy ENABLED", [disk("files", {}, EFS), { type: "aws:efs/backupPolicy:BackupPolicy", name: "bp", props: { fileSystemId: "fs-1", backupPolicy: { status: "ENABLED" } }, propertyDependencies: { fileSystemId: [urnOf(EFS, "files")] } }], []],
        ["EFS backup policy DISABLED", [disk("files", {}, EFS), { type: "aws:efs/backupPolicy:BackupPolicy", name: "bp", props: { fileSystemId: "fs-1", backupPolicy: { status: "DISABLED" } }, propertyDependencies: { fileSystemId: [urnOf(EFS, "files")] } }], ["advisory"]],
    ])("%s", async (_name, resources, expected) => {
        expect(levels(await runStack(control, resources))).toEqual(expected);
    });
});

describe("snapshot-policy-coverage: EC2 instances' root and block-device volumes", () => {
    const INSTANCE = "aws:ec2/instance:Instance";
    const host = (props: Record<string, unknown> = {}): TestResource => ({ type: INSTANCE, name: "web", props: { ami: "ami-1", instanceType: "t3.micro", ...props } });
    const policyFor = (types: string[], targetTags: unknown): TestResource => ({ type: "aws:dlm/lifecyclePolicy:LifecyclePolicy", name: "dlm", props: { policyDetails: { resourceTypes: types, targetTags } } });

    it("an instance no policy reaches is an advisory naming the backup selection to add", async () => {
        const ds = await runStack(control, [host({ rootBlockDevice: { volumeSize: 20 } })]);
        expect(levels(ds)).toEqual(["advisory"]);
        expect(ds[0]!.message).toContain('EC2 instance (root and EBS block device volumes) "web": found no snapshot or backup policy of this stack reaches it; required a scheduled snapshot or backup policy. Add an `aws.backup.Selection` with `resources` set.');
        expect(ds[0]!.message).toContain("EC2 实例（根卷和 EBS 块设备卷）“web”：当前：本堆栈中没有覆盖它的快照或备份策略");
    });

    it.each([
        ["backup selection lists the instance", [host(), { type: "aws:backup/selection:Selection", name: "s", props: { resources: ["arn:i"] }, propertyDependencies: { resources: [urnOf(INSTANCE, "web")] } }], []],
        ["backup selection by instance tag", [host({ tags: { backup: "yes" } }), { type: "aws:backup/selection:Selection", name: "s", props: { selectionTags: [{ type: "STRINGEQUALS", key: "backup", value: "yes" }] } }], []],
        ["DLM INSTANCE policy matching the instance tags", [host({ tags: { Snapshot: "daily" } }), policyFor(["INSTANCE"], { Snapshot: "daily" })], []],
        ["DLM INSTANCE policy, other tags", [host({ tags: { Snapshot: "weekly" } }), policyFor(["INSTANCE"], { Snapshot: "daily" })], ["advisory"]],
        ["DLM VOLUME policy matching volumeTags (every volume)", [host({ volumeTags: { Snapshot: "daily" }, ebsBlockDevices: [{ deviceName: "/dev/sdf" }] }), policyFor(["VOLUME"], { Snapshot: "daily" })], []],
        ["DLM VOLUME policy matching the root volume only", [host({ rootBlockDevice: { tags: { Snapshot: "daily" } }, ebsBlockDevices: [{ deviceName: "/dev/sdf" }] }), policyFor(["VOLUME"], { Snapshot: "daily" })], ["advisory"]],
        ["DLM VOLUME policy matching the instance tags only", [host({ tags: { Snapshot: "daily" } }), policyFor(["VOLUME"], { Snapshot: "daily" })], ["advisory"]],
        ["DLM tags unknown", [host({ tags: { Snapshot: "daily" } }), policyFor(["INSTANCE"], unknown())], ["advisory"]],
        ["DLM resource types unknown", [host({ tags: { Snapshot: "daily" } }), { type: "aws:dlm/lifecyclePolicy:LifecyclePolicy", name: "dlm", props: { policyDetails: { resourceTypes: unknown(), targetTags: { Snapshot: "daily" } } } }], ["advisory"]],
    ])("%s", async (_name, resources, expected) => {
        expect(levels(await runStack(control, resources))).toEqual(expected);
    });

    it("is advisory even when mandatory is configured, if the policy's targets are unknown", async () => {
        const ds = await runStack(control, [host(), { type: "aws:backup/selection:Selection", name: "s", props: { resources: [unknown()] } }], { config: { enforcementLevel: "mandatory" } });
        expect(levels(ds)).toEqual(["advisory"]);
        expect(levels(await runStack(control, [host()], { config: { enforcementLevel: "mandatory" } }))).toEqual(["mandatory"]);
    });

    it.each([[null], ["x"], [[1]], [{ deep: { a: 1 } }]])("odd volume inputs %j never throw", async (v) => {
        await expect(runStack(control, [host({ volumeTags: v, rootBlockDevice: v, ebsBlockDevices: v }), policyFor(["VOLUME"], { a: "b" })])).resolves.toBeDefined();
    });
});

describe("snapshot-policy-coverage: odd input never throws", () => {
    it.each([[null], ["x"], [[1]], [{ deep: { a: 1 } }]])("%j", async (v) => {
        const resources: TestResource[] = [
            disk("d", { tags: v }),
            { type: POLICY, name: "p", props: { retentionDays: v, targetTags: v } },
            { type: ATTACH, name: "a", props: { diskId: v } },
            { type: "aws:dlm/lifecyclePolicy:LifecyclePolicy", name: "l", props: { policyDetails: v } },
            { type: "aws:backup/selection:Selection", name: "s", props: { resources: v, selectionTags: v } },
            disk("v", { tags: v }, VOLUME),
        ];
        await expect(runStack(control, resources)).resolves.toBeDefined();
    });
});
