import { describe, expect, it } from "vitest";
import control, { DISK_SOURCES, metadata } from "../../../policies/encryption/disks-encrypted";
import { type Diagnostic, type TestResource, levels, runStack, secret, unknown, urnOf } from "../../helpers/harness";

const VOLUME = "aws:ebs/volume:Volume";
const EC2 = "aws:ec2/instance:Instance";
const AWS_LT = "aws:ec2/launchTemplate:LaunchTemplate";
const AWS_LC = "aws:ec2/launchConfiguration:LaunchConfiguration";
const EBD = "aws:ebs/encryptionByDefault:EncryptionByDefault";
const EBS_KEY = "aws:ebs/defaultKmsKey:DefaultKmsKey";
const ECS_DISK = "alicloud:ecs/ecsDisk:EcsDisk";
const OLD_DISK = "alicloud:ecs/disk:Disk";
const ECS = "alicloud:ecs/instance:Instance";
const ALI_LT = "alicloud:ecs/ecsLaunchTemplate:EcsLaunchTemplate";
const OLD_ALI_LT = "alicloud:ecs/launchTemplate:LaunchTemplate";
const ESS = "alicloud:ess/scalingConfiguration:ScalingConfiguration";
const SET = "alicloud:ecs/ecsInstanceSet:EcsInstanceSet";
const DEBD = "alicloud:ecs/diskEncryptionByDefault:DiskEncryptionByDefault";
const ALI_KEY = "alicloud:ecs/diskDefaultKmsKey:DiskDefaultKmsKey";

const CMK = { config: { requireCustomerManagedKeys: true } };

/** Runs the policy on one resource plus optional stack neighbours. */
async function run(r: TestResource, others: TestResource[] = [], opts = {}): Promise<Diagnostic[]> {
    return runStack(control, [{ name: "res", ...r }, ...others], opts);
}

/** Properties the findings name (the `Change \`x\`` part of the English line). */
function properties(ds: Diagnostic[]): string[] {
    return ds.map((d) => /Change `([^`]+)`/.exec(d.message)?.[1] ?? "?");
}

describe("disks-encrypted: metadata", () => {
    it("lists every disk type, the account-default types, and the CMK switch defaulting to false", () => {
        expect(metadata.resourceTypes).toEqual(expect.arrayContaining([VOLUME, EC2, AWS_LT, AWS_LC, ECS_DISK, OLD_DISK, ECS, ALI_LT, OLD_ALI_LT, ESS, SET, EBD, EBS_KEY, DEBD, ALI_KEY]));
        expect(metadata.config?.requireCustomerManagedKeys).toMatchObject({ type: "boolean", default: false });
        expect(Object.keys(DISK_SOURCES)).toHaveLength(11);
    });

    it("says there is no remediation because the disk is replaced", () => {
        expect(metadata.remediationSteps).toMatch(/no automatic remediation.*replaces the disk/);
        expect("remediateResource" in control.policy).toBe(false);
    });
});

describe("disks-encrypted: single-disk types, encrypted false / unset / true", () => {
    it.each([
        [VOLUME, "encrypted"],
        [ECS_DISK, "encrypted"],
        [OLD_DISK, "encrypted"],
    ])("%s", async (type, flag) => {
        expect(levels(await run({ type, props: { [flag]: false } }))).toEqual(["mandatory"]);
        expect(levels(await run({ type, props: {} }))).toEqual(["mandatory"]);
        expect(levels(await run({ type, props: { [flag]: true } }))).toEqual([]);
        expect(properties(await run({ type, props: {} }))).toEqual([flag]);
    });
});

describe("disks-encrypted: aws.ec2.Instance root and every EBS block device", () => {
    it.each([
        ["root unset (default false)", {}, ["rootBlockDevice.encrypted"]],
        ["root false", { rootBlockDevice: { encrypted: false } }, ["rootBlockDevice.encrypted"]],
        ["root true", { rootBlockDevice: { encrypted: true } }, []],
        [
            "one unencrypted EBS device among encrypted ones",
            { rootBlockDevice: { encrypted: true }, ebsBlockDevices: [{ deviceName: "/dev/sdf", encrypted: true }, { deviceName: "/dev/sdg" }, { deviceName: "/dev/sdh", encrypted: true }] },
            ["ebsBlockDevices[1].encrypted"],
        ],
        [
            "every device is evaluated, not only the first",
            { rootBlockDevice: { encrypted: true }, ebsBlockDevices: [{ deviceName: "a", encrypted: true }, { deviceName: "b", encrypted: false }, { deviceName: "c", encrypted: false }] },
            ["ebsBlockDevices[1].encrypted", "ebsBlockDevices[2].encrypted"],
        ],
    ])("%s", async (_n, props, expected) => {
        const ds = await run({ type: EC2, props });
        expect(properties(ds)).toEqual(expected);
        expect(levels(ds).every((l) => l === "mandatory")).toBe(true);
    });

    it("names the disk in the message", async () => {
        const [d] = await run({ type: EC2, name: "web", props: { rootBlockDevice: { encrypted: true }, ebsBlockDevices: [{ deviceName: "x", encrypted: true }, { deviceName: "y", encrypted: false }] } });
        expect(d!.message).toContain('EC2 instance "web", EBS block device ebsBlockDevices[1]: found encryption off (false); required encrypted at rest. Change `ebsBlockDevices[1].encrypted`.');
        expect(d!.message).toContain("EC2 实例“web”，EBS 块设备 ebsBlockDevices[1]：当前：未加密（false）");
        expect(d!.message).toContain("Compliance basis: Cybersecurity Law Art. 23(4) (Art. 21(4) before 2026-01-01); PIPL Art. 51(3); GB/T 22239-2019 level 3 8.1.4.8 b).");
        expect(d!.message).toContain("合规依据：《中华人民共和国网络安全法》第二十三条第四项；《中华人民共和国个人信息保护法》第五十一条第三项；GB/T 22239-2019《信息安全技术 网络安全等级保护基本要求》第三级 8.1.4.8 b)。");
        expect(d!.message).toContain("replaces the resource");
        expect(d!.urn).toBe(urnOf(EC2, "web"));
    });

    it("an instance launched from a launch template leaves unset flags to the template", async () => {
        expect(await run({ type: EC2, props: { launchTemplate: { id: unknown() } } })).toEqual([]);
        expect(await run({ type: EC2, props: { launchTemplate: { name: "web" } } })).toEqual([]);
        // An explicit false still overrides the template and is reported.
        expect(properties(await run({ type: EC2, props: { launchTemplate: { name: "web" }, rootBlockDevice: { encrypted: false } } }))).toEqual(["rootBlockDevice.encrypted"]);
    });
});

describe("disks-encrypted: aws.ec2.LaunchTemplate encrypted is a string", () => {
    it.each([
        ['"true"', "true", []],
        ['"false"', "false", ["mandatory"]],
        ["unset", undefined, ["mandatory"]],
        ["boolean true", true, []],
        ['"TRUE" (case-insensitive)', "TRUE", []],
        ['"yes" (not a boolean string)', "yes", ["mandatory"]],
    ])("%s", async (_n, encrypted, expected) => {
        const ds = await run({ type: AWS_LT, props: { blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted, volumeSize: 20 } }] } });
        expect(levels(ds)).toEqual(expected);
        if (expected.length) expect(properties(ds)).toEqual(["blockDeviceMappings[0].ebs.encrypted"]);
    });

    it('asks for the string "true" and names the failing mapping among several', async () => {
        const ds = await run({
            type: AWS_LT,
            props: {
                blockDeviceMappings: [
                    { deviceName: "/dev/xvda", ebs: { encrypted: "true" } },
                    { deviceName: "/dev/sdb", virtualName: "ephemeral0" },
                    { deviceName: "/dev/sdc", ebs: { encrypted: "false" } },
                ],
            },
        });
        expect(properties(ds)).toEqual(["blockDeviceMappings[2].ebs.encrypted"]);
        expect(ds[0]!.message).toContain('Set it to "true"');
        // A template only shapes future instances: no disk is replaced by editing it.
        expect(ds[0]!.message).toContain("only instances launched afterwards");
        expect(ds[0]!.message).not.toContain("replaces the resource");
    });

    it("a template with no EBS mapping leaves the AMI's root volume unencrypted", async () => {
        expect(properties(await run({ type: AWS_LT, props: { instanceType: "t3.micro" } }))).toEqual(["blockDeviceMappings"]);
        expect(await run({ type: AWS_LT, props: {} }, [{ type: EBD, name: "ebd", props: {} }])).toEqual([]);
    });
});

describe("disks-encrypted: aws.ec2.LaunchConfiguration", () => {
    it.each([
        ["root unset", {}, ["rootBlockDevice.encrypted"]],
        ["root true", { rootBlockDevice: { encrypted: true } }, []],
        ["root true, EBS device false", { rootBlockDevice: { encrypted: true }, ebsBlockDevices: [{ deviceName: "/dev/sdf", encrypted: false }] }, ["ebsBlockDevices[0].encrypted"]],
    ])("%s", async (_n, props, expected) => {
        expect(properties(await run({ type: AWS_LC, props: { imageId: "ami-1", instanceType: "t3.micro", ...props } }))).toEqual(expected);
    });
});

describe("disks-encrypted: alicloud.ecs.Instance system disk and every data disk", () => {
    it.each([
        ["system disk unset (default false)", {}, ["systemDiskEncrypted"]],
        ["system disk false", { systemDiskEncrypted: false }, ["systemDiskEncrypted"]],
        ["system disk true", { systemDiskEncrypted: true }, []],
        ["one unencrypted data disk among encrypted ones", { systemDiskEncrypted: true, dataDisks: [{ size: 40, encrypted: true }, { size: 40, encrypted: true }, { size: 40 }] }, ["dataDisks[2].encrypted"]],
        ["explicit false data disk", { systemDiskEncrypted: true, dataDisks: [{ size: 40, encrypted: false }] }, ["dataDisks[0].encrypted"]],
        ["all encrypted", { systemDiskEncrypted: true, dataDisks: [{ size: 40, encrypted: true }] }, []],
    ])("%s", async (_n, props, expected) => {
        expect(properties(await run({ type: ECS, props }))).toEqual(expected);
    });

    it("names the data disk in both languages", async () => {
        const [d] = await run({ type: ECS, name: "app", props: { systemDiskEncrypted: true, dataDisks: [{ size: 40, encrypted: true }, { size: 40, encrypted: true }, { size: 40 }] } });
        expect(d!.message).toContain('ECS instance "app", data disk dataDisks[2]: found unset (default: unencrypted)');
        expect(d!.message).toContain("ECS 实例“app”，数据盘 dataDisks[2]：当前：未设置（默认不加密）");
    });

    it("an instance launched from a launch template leaves unset flags to the template", async () => {
        expect(await run({ type: ECS, props: { launchTemplateId: "lt-123" } })).toEqual([]);
        expect(await run({ type: ECS, props: { launchTemplateName: unknown() } })).toEqual([]);
    });
});

describe("disks-encrypted: alicloud launch templates, scaling configurations, instance sets", () => {
    it.each([
        [ALI_LT, { systemDisk: { encrypted: true }, dataDisks: [{ encrypted: true }, { encrypted: false }] }, ["dataDisks[1].encrypted"]],
        [ALI_LT, {}, ["systemDisk.encrypted"]],
        [ALI_LT, { systemDisk: { encrypted: false } }, ["systemDisk.encrypted"]],
        [ALI_LT, { systemDisk: { encrypted: true }, dataDisks: [{ encrypted: true }] }, []],
        [OLD_ALI_LT, { systemDisk: { encrypted: true }, dataDisks: [{ size: 20 }] }, ["dataDisks[0].encrypted"]],
        [OLD_ALI_LT, { systemDisk: {} }, ["systemDisk.encrypted"]],
        [OLD_ALI_LT, { systemDisk: { encrypted: true } }, []],
        [ESS, { scalingGroupId: "sg" }, ["systemDiskEncrypted"]],
        [ESS, { systemDiskEncrypted: true, dataDisks: [{ encrypted: true }, { encrypted: false }] }, ["dataDisks[1].encrypted"]],
        [ESS, { systemDiskEncrypted: true, dataDisks: [{ encrypted: true }] }, []],
        [SET, { dataDisks: [{ diskSize: 40, encrypted: true }] }, ["launchTemplateId"]],
        [SET, { launchTemplateId: "lt-1", dataDisks: [{ diskSize: 40, encrypted: false }] }, ["dataDisks[0].encrypted"]],
        [SET, { launchTemplateId: "lt-1", dataDisks: [{ diskSize: 40, encrypted: true }] }, []],
    ])("%s %j", async (type, props, expected) => {
        expect(properties(await run({ type, props }))).toEqual(expected);
    });

    it("an instance set without a template explains it has no system-disk encryption input", async () => {
        const [d] = await run({ type: SET, props: {} });
        expect(d!.message).toContain("EcsInstanceSet has no system-disk encryption input");
        expect(d!.message).toContain("alicloud.ecs.DiskEncryptionByDefault");
        expect(await run({ type: SET, props: {} }, [{ type: DEBD, name: "d", props: { encrypted: true } }])).toEqual([]);
    });
});

describe("disks-encrypted: account default encryption in the stack", () => {
    const unsetDisks: TestResource[] = [
        { type: VOLUME, name: "vol", props: { availabilityZone: "cn-north-1a" } },
        { type: EC2, name: "vm", props: { ebsBlockDevices: [{ deviceName: "/dev/sdf" }] } },
        { type: AWS_LT, name: "lt", props: { blockDeviceMappings: [{ ebs: { volumeSize: 20 } }] } },
        { type: AWS_LC, name: "lc", props: { ebsBlockDevices: [{ deviceName: "/dev/sdf" }] } },
    ];

    it("without aws.ebs.EncryptionByDefault, unset flags are unencrypted", async () => {
        const ds = await runStack(control, unsetDisks);
        expect(ds.map((d) => d.urn)).toEqual([
            urnOf(VOLUME, "vol"),
            urnOf(EC2, "vm"),
            urnOf(EC2, "vm"),
            urnOf(AWS_LT, "lt"),
            urnOf(AWS_LC, "lc"),
            urnOf(AWS_LC, "lc"),
        ]);
    });

    it.each([
        ["enabled unset (default true)", {}],
        ["enabled true", { enabled: true }],
    ])("EncryptionByDefault %s makes unset flags compliant", async (_n, props) => {
        expect(await runStack(control, [...unsetDisks, { type: EBD, name: "ebd", props }])).toEqual([]);
    });

    it("EncryptionByDefault enabled false changes nothing", async () => {
        expect(await runStack(control, [...unsetDisks, { type: EBD, name: "ebd", props: { enabled: false } }])).toHaveLength(6);
    });

    it("an explicit false stays a violation and says the account default would encrypt it anyway", async () => {
        const ds = await run({ type: VOLUME, props: { encrypted: false } }, [{ type: EBD, name: "ebd", props: {} }]);
        expect(levels(ds)).toEqual(["mandatory"]);
        expect(ds[0]!.message).toContain("account default encryption is on");
        const lt = await run({ type: AWS_LT, props: { blockDeviceMappings: [{ ebs: { encrypted: "false" } }] } }, [{ type: EBD, name: "ebd", props: {} }]);
        expect(levels(lt)).toEqual(["mandatory"]);
    });

    it("EncryptionByDefault applies only to its own region", async () => {
        const east = { type: "pulumi:providers:aws", name: "east", props: { region: "cn-northwest-1" } };
        const north = { type: "pulumi:providers:aws", name: "north", props: { region: "cn-north-1" } };
        const vol = { type: VOLUME, name: "vol", props: {}, provider: north };
        expect(levels(await runStack(control, [vol, { type: EBD, name: "ebd", props: {}, provider: east }]))).toEqual(["mandatory"]);
        expect(await runStack(control, [vol, { type: EBD, name: "ebd", props: {}, provider: north }])).toEqual([]);
        // The resource's own region input wins over the provider's.
        expect(await runStack(control, [vol, { type: EBD, name: "ebd", props: { region: "cn-north-1" }, provider: east }])).toEqual([]);
    });

    it("an unknown EncryptionByDefault.enabled gives advisories for unset flags only", async () => {
        const ds = await runStack(control, [
            { type: VOLUME, name: "unset", props: {} },
            { type: VOLUME, name: "off", props: { encrypted: false } },
            { type: VOLUME, name: "on", props: { encrypted: true } },
            { type: EBD, name: "ebd", props: { enabled: unknown() } },
        ]);
        expect(ds.map((d) => [d.urn, d.enforcementLevel])).toEqual([
            [urnOf(VOLUME, "unset"), "advisory"],
            [urnOf(VOLUME, "off"), "mandatory"],
        ]);
    });

    it.each([
        ["encrypted true", { encrypted: true }, 0],
        ["encrypted unset (the provider does not enable anything)", {}, 4],
        ["encrypted false", { encrypted: false }, 4],
    ])("alicloud DiskEncryptionByDefault %s", async (_n, props, count) => {
        const ds = await runStack(control, [
            { type: ECS_DISK, name: "d", props: {} },
            { type: ECS, name: "vm", props: { dataDisks: [{ size: 20 }] } },
            { type: ESS, name: "ess", props: { systemDiskEncrypted: true } },
            { type: SET, name: "set", props: {} },
            { type: DEBD, name: "debd", props },
        ]);
        expect(ds).toHaveLength(count);
    });

    it("aws defaults do not cover alicloud disks and vice versa", async () => {
        expect(await run({ type: ECS_DISK, props: {} }, [{ type: EBD, name: "ebd", props: {} }])).toHaveLength(1);
        expect(await run({ type: VOLUME, props: {} }, [{ type: DEBD, name: "debd", props: { encrypted: true } }])).toHaveLength(1);
    });
});

describe("disks-encrypted: defaultDiskEncryptionInAnotherStack (a baseline stack turns on the account default)", () => {
    const north = { type: "pulumi:providers:aws", name: "north", props: { region: "cn-north-1" } };
    const beijing = { type: "pulumi:providers:alicloud", name: "beijing", props: { region: "cn-beijing" } };
    const disks: TestResource[] = [
        { type: VOLUME, name: "vol", props: {}, provider: north },
        { type: ECS, name: "vm", props: { dataDisks: [{ size: 20 }] }, provider: beijing },
    ];
    const cfg = (entries: string[]) => ({ config: { defaultDiskEncryptionInAnotherStack: entries } });

    it.each([
        ["unset (default [])", [], ["aws:ebs/volume:Volume::vol", "alicloud:ecs/instance:Instance::vm", "alicloud:ecs/instance:Instance::vm"]],
        ["both regions listed", ["aws:cn-north-1", "alicloud:cn-beijing"], []],
        ["every region of both clouds", ["aws:*", "alicloud:*"], []],
        ["only the AWS region", ["aws:cn-north-1"], ["alicloud:ecs/instance:Instance::vm", "alicloud:ecs/instance:Instance::vm"]],
        ["another AWS region: nothing covered", ["aws:cn-northwest-1"], ["aws:ebs/volume:Volume::vol", "alicloud:ecs/instance:Instance::vm", "alicloud:ecs/instance:Instance::vm"]],
        ["a region listed for the other cloud", ["alicloud:cn-north-1", "aws:cn-beijing"], ["aws:ebs/volume:Volume::vol", "alicloud:ecs/instance:Instance::vm", "alicloud:ecs/instance:Instance::vm"]],
    ])("%s", async (_n, entries, expected) => {
        const ds = await runStack(control, disks, cfg(entries));
        expect(ds.map((d) => (d.urn ?? "").split("::").slice(2).join("::"))).toEqual(expected);
    });

    it("an explicit false stays a violation; unset flags only are covered", async () => {
        const ds = await runStack(control, [{ type: VOLUME, name: "off", props: { encrypted: false }, provider: north }], cfg(["aws:*"]));
        expect(levels(ds)).toEqual(["mandatory"]);
    });

    it("a region unknown during preview gives an advisory, not a mandatory finding; a disk with no region is covered by <cloud>:* only", async () => {
        const unknownRegion = { type: VOLUME, name: "vol", props: { region: unknown() } };
        expect(levels(await runStack(control, [unknownRegion], cfg(["aws:cn-north-1"])))).toEqual(["advisory"]);
        expect(await runStack(control, [unknownRegion], cfg(["aws:*"]))).toEqual([]);
        const noRegion = { type: VOLUME, name: "vol", props: {} };
        expect(levels(await runStack(control, [noRegion], cfg(["aws:cn-north-1"])))).toEqual(["mandatory"]);
        expect(await runStack(control, [noRegion], cfg(["aws:*"]))).toEqual([]);
    });

    it("the default key is not assumed: with requireCustomerManagedKeys an unset disk still needs a key", async () => {
        const ds = await runStack(control, [{ type: VOLUME, name: "vol", props: {}, provider: north }], { config: { requireCustomerManagedKeys: true, defaultDiskEncryptionInAnotherStack: ["aws:*"] } });
        expect(levels(ds)).toEqual(["mandatory"]);
        expect(ds[0]!.message).toContain("customer-managed");
    });

    it("the schema accepts <cloud>:<region> and <cloud>:* only, default []", () => {
        const prop = control.policy.configSchema?.properties?.defaultDiskEncryptionInAnotherStack as { default: unknown; items: { pattern: string } };
        expect(prop.default).toEqual([]);
        const re = new RegExp(prop.items.pattern);
        expect(["aws:cn-north-1", "alicloud:cn-beijing", "aws:*", "alicloud:*"].every((e) => re.test(e))).toBe(true);
        expect(["cn-north-1", "gcp:us-east1", "aws:", "aws:CN-NORTH-1", "aws:cn-north-1 "].some((e) => re.test(e))).toBe(false);
    });
});

describe("disks-encrypted: unknown values during preview", () => {
    it("an unknown flag gives an advisory for that disk only, and other disks are still reported", async () => {
        const ds = await runStack(control, [
            { type: ECS, name: "vm", props: { systemDiskEncrypted: unknown(), dataDisks: [{ size: 20, encrypted: false }] } },
            { type: VOLUME, name: "vol", props: { encrypted: false } },
        ]);
        expect(ds.map((d) => [d.urn, d.enforcementLevel, properties([d])[0]])).toEqual([
            [urnOf(ECS, "vm"), "advisory", "systemDiskEncrypted"],
            [urnOf(ECS, "vm"), "mandatory", "dataDisks[0].encrypted"],
            [urnOf(VOLUME, "vol"), "mandatory", "encrypted"],
        ]);
    });

    it("a string flag that is unknown gives an advisory", async () => {
        expect(levels(await run({ type: AWS_LT, props: { blockDeviceMappings: [{ ebs: { encrypted: unknown() } }] } }))).toEqual(["advisory"]);
    });

    it("an unknown disk list gives one advisory for the resource", async () => {
        const ds = await run({ type: ECS, name: "vm", props: { systemDiskEncrypted: true, dataDisks: unknown() } });
        expect(levels(ds)).toEqual(["advisory"]);
        expect(properties(ds)).toEqual(["dataDisks"]);
    });

    it("a disk created from a snapshot with the flag unset inherits the snapshot's encryption: advisory", async () => {
        expect(levels(await run({ type: VOLUME, props: { snapshotId: "snap-1" } }))).toEqual(["advisory"]);
        expect(levels(await run({ type: ECS_DISK, props: { snapshotId: unknown() } }))).toEqual(["advisory"]);
        expect(levels(await run({ type: VOLUME, props: { snapshotId: "snap-1", encrypted: false } }))).toEqual(["mandatory"]);
    });
});

describe("disks-encrypted: requireCustomerManagedKeys", () => {
    it.each([
        [VOLUME, { encrypted: true }, ["kmsKeyId"]],
        [VOLUME, { encrypted: true, kmsKeyId: "arn:aws:kms:cn-north-1:1:key/x" }, []],
        [VOLUME, { encrypted: true, kmsKeyId: unknown() }, []],
        [VOLUME, { encrypted: true, kmsKeyId: "" }, ["kmsKeyId"]],
        [EC2, { rootBlockDevice: { encrypted: true, kmsKeyId: "k" }, ebsBlockDevices: [{ deviceName: "a", encrypted: true }] }, ["ebsBlockDevices[0].kmsKeyId"]],
        [AWS_LT, { blockDeviceMappings: [{ ebs: { encrypted: "true" } }] }, ["blockDeviceMappings[0].ebs.kmsKeyId"]],
        [ECS, { systemDiskEncrypted: true, systemDiskKmsKeyId: "key-1", dataDisks: [{ size: 20, encrypted: true }] }, ["dataDisks[0].kmsKeyId"]],
        [ALI_LT, { systemDisk: { encrypted: true } }, ["systemDisk.kmsKeyId"]],
        [ECS_DISK, { encrypted: true, kmsKeyId: "key-1" }, []],
        [OLD_DISK, { encrypted: true }, ["kmsKeyId"]],
    ])("%s %j", async (type, props, expected) => {
        expect(properties(await run({ type, props }, [], CMK))).toEqual(expected);
    });

    it("a stack default KMS key covers encrypted disks that name none, in the same region", async () => {
        expect(await run({ type: VOLUME, props: { encrypted: true } }, [{ type: EBS_KEY, name: "k", props: { keyArn: unknown() } }], CMK)).toEqual([]);
        expect(await run({ type: AWS_LC, props: { rootBlockDevice: { encrypted: true } } }, [{ type: EBS_KEY, name: "k", props: { keyArn: "arn" } }], CMK)).toEqual([]);
        expect(await run({ type: ECS_DISK, props: { encrypted: true } }, [{ type: ALI_KEY, name: "k", props: { kmsKeyId: "key-1" } }], CMK)).toEqual([]);
        expect(await run({ type: VOLUME, props: {} }, [{ type: EBD, name: "e", props: {} }, { type: EBS_KEY, name: "k", props: { keyArn: "arn" } }], CMK)).toEqual([]);
        const elsewhere = { type: EBS_KEY, name: "k", props: { keyArn: "arn", region: "cn-northwest-1" } };
        expect(levels(await run({ type: VOLUME, props: { encrypted: true, region: "cn-north-1" } }, [elsewhere], CMK))).toEqual(["mandatory"]);
    });

    it("a launch configuration, which cannot name a key, is told to use a default key or a launch template", async () => {
        const [d] = await run({ type: AWS_LC, props: { rootBlockDevice: { encrypted: true } } }, [], CMK);
        expect(d!.message).toContain("Add an `aws.ebs.DefaultKmsKey` with `keyArn` set.");
        expect(d!.message).toContain("请添加 `aws.ebs.DefaultKmsKey` 并设置 `keyArn`。");
        expect(d!.message).toContain("customer-managed KMS key");
        expect(d!.message).toContain("GB/T 22239-2019 level 3 8.2.4.5 d)");
    });

    it("is off by default: encrypted disks without a key pass", async () => {
        expect(await run({ type: VOLUME, props: { encrypted: true } })).toEqual([]);
    });
});

describe("disks-encrypted: odd input", () => {
    it.each([
        [VOLUME, { encrypted: "maybe" }],
        [VOLUME, { encrypted: 1 }],
        [EC2, { rootBlockDevice: "x", ebsBlockDevices: "not-a-list" }],
        [EC2, { rootBlockDevice: { encrypted: true }, ebsBlockDevices: [null, 3, "x", { encrypted: { deep: [1] } }] }],
        [AWS_LT, { blockDeviceMappings: [null, { ebs: null }, { ebs: "x" }, { ebs: { encrypted: ["true"] } }] }],
        [ECS, { dataDisks: { 0: { encrypted: true } } }],
        [SET, { dataDisks: [[]] }],
    ])("%s %j never throws", async (type, props) => {
        await expect(run({ type, props })).resolves.toBeDefined();
        await expect(run({ type, props }, [{ type: EBD, name: "e", props: { enabled: "garbage", region: 5 } }], CMK)).resolves.toBeDefined();
    });

    it("a secret flag value is never echoed", async () => {
        const ds = await run({ type: VOLUME, props: { encrypted: secret("TOP-SECRET-VALUE"), kmsKeyId: secret("arn:aws:kms:secret-key") } }, [], CMK);
        expect(levels(ds)).toEqual(["mandatory"]);
        const text = ds.map((d) => d.message).join("\n");
        expect(text).not.toContain("TOP-SECRET-VALUE");
        expect(text).not.toContain("secret-key");
    });

    it("other resource types are ignored", async () => {
        expect(await run({ type: "aws:ec2/vpc:Vpc", props: { encrypted: false } })).toEqual([]);
    });
});
