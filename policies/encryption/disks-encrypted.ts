// Disks encrypted at rest (Cybersecurity Law Art. 23(4), PIPL Art. 51(3), GB/T 22239-2019
// 8.1.4.8 b); customer-managed keys 8.2.4.5 d)): every block volume a stack creates — standalone
// disks, instance system/root and data disks, and the disks launch templates and scaling
// configurations will create — is encrypted. A stack policy, because an unset flag is compliant
// when the same stack turns on account-level default encryption for the region
// (aws.ebs.EncryptionByDefault, alicloud.ecs.DiskEncryptionByDefault), which a resource policy
// cannot see.
import type * as alicloud from "@pulumi/alicloud";
import type * as aws from "@pulumi/aws";
import type { PolicyResource, StackValidationArgs } from "@pulumi/policy";
import { readConfig, stringList } from "../shared/config";
import { type ControlMetadata, stackControl } from "../shared/control";
import { type Emit } from "../shared/emit";
import { type Bilingual, bi } from "../shared/messages";
import { inputName } from "../shared/properties";
import { Input } from "../shared/reader";
import { StackIndex } from "../shared/stack";
import {
    CMK_BASES,
    CMK_CONFIG,
    type Cloud,
    ENCRYPTION_BASES,
    FOUND_SERVICE_KEY,
    REPLACES,
    REQUIRED_CMK,
    REQUIRED_ENCRYPTED,
    type Tri,
    allOf,
    anyOf,
    describeFlag,
    isNamed,
    readFlag,
    regionOf,
} from "./common";

/** `<cloud>:<region>` or `<cloud>:*` (every region of that cloud). */
const ACCOUNT_DEFAULT_ENTRY = "^(aws|alicloud):([a-z0-9-]+|\\*)$";

export const config = {
    ...CMK_CONFIG,
    // Account-level default encryption usually lives in a baseline (landing-zone) stack, invisible here.
    defaultDiskEncryptionInAnotherStack: stringList(
        'Clouds and regions whose account-level default disk encryption (aws.ebs.EncryptionByDefault, alicloud.ecs.DiskEncryptionByDefault) is managed in another stack, as "<cloud>:<region>" or "<cloud>:*": an unset encryption flag there counts as encrypted. The default key is not assumed: with requireCustomerManagedKeys a disk still names a key or the stack sets the default key.',
        [],
        ACCOUNT_DEFAULT_ENTRY,
    ),
};

/** Whether another stack turns on default disk encryption where `r` is: per the config entries, by cloud and region. */
function elsewhere(entries: readonly string[], cloud: Cloud, region: Region): Tri {
    const mine = entries.filter((e) => e.startsWith(`${cloud}:`)).map((e) => e.slice(cloud.length + 1));
    if (mine.includes("*")) return "yes";
    if (mine.length === 0) return "no";
    if (!region.known) return "unknown";
    return region.value !== undefined && mine.includes(region.value) ? "yes" : "no";
}

/** One disk of a resource: its encryption flag and key inputs (each with its path), and how to name it. */
export interface DiskSlot {
    /** Names the disk inside its resource, e.g. `data disk dataDisks[2]`; absent when the resource is the disk. */
    label?: Bilingual;
    /** The flag to change, e.g. `dataDisks[2].encrypted`; for a whole list unknown during preview, the list itself. */
    flag: Input;
    /** The flag is typed string ("true"/"false"). */
    stringFlag?: boolean;
    /** The KMS key input; absent when the type has none. */
    key?: Input;
    /** The snapshot the disk is created from: an unset flag then inherits the snapshot's encryption. */
    snapshot?: Input;
    /** Replaces the default "set the flag" advice where the type has no flag to set. */
    fix?: Bilingual;
}

export interface DiskSource {
    cloud: Cloud;
    kind: Bilingual;
    /** Describes disks of instances launched later (templates, scaling configurations): changing it replaces no disk. */
    future?: boolean;
    /** Inputs naming a launch template; when one is set, unset flags are governed by that template. */
    launchTemplateInputs?: readonly string[];
    /** Lists the disks; never throws (an unknown list is one slot whose flag is unknown). */
    slots(props: Input): DiskSlot[];
}

interface SlotNames {
    flag: string;
    key?: string;
    snapshot?: string;
}

/** A disk described by an object (the resource's props, or a nested block). */
function slotAt(obj: Input, names: SlotNames, label?: Bilingual, stringFlag = false): DiskSlot {
    const slot: DiskSlot = { flag: obj.get(names.flag) };
    if (label) slot.label = label;
    if (stringFlag) slot.stringFlag = true;
    if (names.key) slot.key = obj.get(names.key);
    if (names.snapshot) slot.snapshot = obj.get(names.snapshot);
    return slot;
}

/** Every element of a list of disks, each named by its index path; an unknown list is one unknown slot. */
function slotsOfList(props: Input, listName: string, names: SlotNames, label: (i: number) => Bilingual, inner?: string, stringFlag = false): DiskSlot[] {
    const list = props.get(listName);
    const items = list.items();
    if (items.kind === "unknown") return [{ flag: list }];
    if (items.kind !== "value") return [];
    return items.value.flatMap((el, i) => {
        if (inner === undefined) {
            return [slotAt(el, names, label(i), stringFlag)];
        }
        // aws LaunchTemplate: only mappings with an `ebs` block are EBS volumes (others are instance store or suppressions).
        const innerObj = el.get(inner);
        return innerObj.unknown || innerObj.isSet ? [slotAt(innerObj, names, label(i), stringFlag)] : [];
    });
}

const ROOT = bi("root volume", "根卷");
const SYSTEM_DISK = bi("system disk", "系统盘");
const ebsDevice = (i: number): Bilingual => bi(`EBS block device ebsBlockDevices[${i}]`, `EBS 块设备 ebsBlockDevices[${i}]`);
const dataDisk = (i: number): Bilingual => bi(`data disk dataDisks[${i}]`, `数据盘 dataDisks[${i}]`);

type AwsEbsDevice = aws.types.input.ec2.InstanceEbsBlockDevice;
type AwsLtEbs = aws.types.input.ec2.LaunchTemplateBlockDeviceMappingEbs;
type AwsLcDevice = aws.types.input.ec2.LaunchConfigurationEbsBlockDevice;
type AliInstanceDisk = alicloud.types.input.ecs.InstanceDataDisk;
type AliLtDisk = alicloud.types.input.ecs.EcsLaunchTemplateDataDisk;
type AliLtSystem = alicloud.types.input.ecs.EcsLaunchTemplateSystemDisk;
type AliOldLtDisk = alicloud.types.input.ecs.LaunchTemplateDataDisk;
type AliOldLtSystem = alicloud.types.input.ecs.LaunchTemplateSystemDisk;
type AliEssDisk = alicloud.types.input.ess.ScalingConfigurationDataDisk;
type AliSetDisk = alicloud.types.input.ecs.EcsInstanceSetDataDisk;

/** Disk, instance and template encryption inputs by type token (names checked against the SDK types). */
export const DISK_SOURCES: Record<string, DiskSource> = {
    "aws:ebs/volume:Volume": {
        cloud: "aws",
        kind: bi("EBS volume", "EBS 卷"),
        slots: (p) => [
            slotAt(p, {
                flag: inputName<aws.ebs.VolumeArgs>("encrypted"),
                key: inputName<aws.ebs.VolumeArgs>("kmsKeyId"),
                snapshot: inputName<aws.ebs.VolumeArgs>("snapshotId"),
            }),
        ],
    },
    "aws:ec2/instance:Instance": {
        cloud: "aws",
        kind: bi("EC2 instance", "EC2 实例"),
        launchTemplateInputs: [inputName<aws.ec2.InstanceArgs>("launchTemplate")],
        slots: (p) => [
            // rootBlockDevice unset = the AMI's root volume with encrypted default false.
            slotAt(
                p.get(inputName<aws.ec2.InstanceArgs>("rootBlockDevice")),
                { flag: inputName<aws.types.input.ec2.InstanceRootBlockDevice>("encrypted"), key: inputName<aws.types.input.ec2.InstanceRootBlockDevice>("kmsKeyId") },
                ROOT,
            ),
            ...slotsOfList(
                p,
                inputName<aws.ec2.InstanceArgs>("ebsBlockDevices"),
                { flag: inputName<AwsEbsDevice>("encrypted"), key: inputName<AwsEbsDevice>("kmsKeyId"), snapshot: inputName<AwsEbsDevice>("snapshotId") },
                ebsDevice,
            ),
        ],
    },
    "aws:ec2/launchTemplate:LaunchTemplate": {
        cloud: "aws",
        kind: bi("EC2 launch template", "EC2 启动模板"),
        future: true,
        slots: (p) => {
            const mappings = slotsOfList(
                p,
                inputName<aws.ec2.LaunchTemplateArgs>("blockDeviceMappings"),
                { flag: inputName<AwsLtEbs>("encrypted"), key: inputName<AwsLtEbs>("kmsKeyId"), snapshot: inputName<AwsLtEbs>("snapshotId") },
                (i) => bi(`block device mapping blockDeviceMappings[${i}]`, `块设备映射 blockDeviceMappings[${i}]`),
                "ebs",
                true,
            );
            if (mappings.length > 0) {
                return mappings;
            }
            // No EBS mapping: instances get the AMI's root volume, unencrypted unless the account default is on.
            return [
                {
                    label: bi("root volume (no EBS block device mapping)", "根卷（无 EBS 块设备映射）"),
                    // Nothing to read: the mapping to add is the change.
                    flag: Input.of(undefined, inputName<aws.ec2.LaunchTemplateArgs>("blockDeviceMappings")),
                    fix: bi(
                        'Add a block device mapping for the root device with `ebs.encrypted: "true"` (or enable aws.ebs.EncryptionByDefault in this stack).',
                        "为根设备添加块设备映射并设置 `ebs.encrypted: \"true\"`（或在本堆栈中启用 aws.ebs.EncryptionByDefault）。",
                    ),
                },
            ];
        },
    },
    "aws:ec2/launchConfiguration:LaunchConfiguration": {
        cloud: "aws",
        kind: bi("EC2 launch configuration", "EC2 启动配置"),
        future: true,
        slots: (p) => [
            // Launch configurations have no KMS key input: a customer key can only come from aws.ebs.DefaultKmsKey.
            slotAt(p.get(inputName<aws.ec2.LaunchConfigurationArgs>("rootBlockDevice")), { flag: inputName<aws.types.input.ec2.LaunchConfigurationRootBlockDevice>("encrypted") }, ROOT),
            ...slotsOfList(
                p,
                inputName<aws.ec2.LaunchConfigurationArgs>("ebsBlockDevices"),
                { flag: inputName<AwsLcDevice>("encrypted"), snapshot: inputName<AwsLcDevice>("snapshotId") },
                ebsDevice,
            ),
        ],
    },
    "alicloud:ecs/ecsDisk:EcsDisk": {
        cloud: "alicloud",
        kind: bi("ECS disk", "ECS 云盘"),
        slots: (p) => [
            slotAt(p, {
                flag: inputName<alicloud.ecs.EcsDiskArgs>("encrypted"),
                key: inputName<alicloud.ecs.EcsDiskArgs>("kmsKeyId"),
                snapshot: inputName<alicloud.ecs.EcsDiskArgs>("snapshotId"),
            }),
        ],
    },
    "alicloud:ecs/disk:Disk": {
        cloud: "alicloud",
        kind: bi("ECS disk (deprecated ecs.Disk)", "ECS 云盘（已弃用的 ecs.Disk）"),
        slots: (p) => [
            slotAt(p, {
                flag: inputName<alicloud.ecs.DiskArgs>("encrypted"),
                key: inputName<alicloud.ecs.DiskArgs>("kmsKeyId"),
                snapshot: inputName<alicloud.ecs.DiskArgs>("snapshotId"),
            }),
        ],
    },
    "alicloud:ecs/instance:Instance": {
        cloud: "alicloud",
        kind: bi("ECS instance", "ECS 实例"),
        launchTemplateInputs: [inputName<alicloud.ecs.InstanceArgs>("launchTemplateId"), inputName<alicloud.ecs.InstanceArgs>("launchTemplateName")],
        slots: (p) => [
            slotAt(p, { flag: inputName<alicloud.ecs.InstanceArgs>("systemDiskEncrypted"), key: inputName<alicloud.ecs.InstanceArgs>("systemDiskKmsKeyId") }, SYSTEM_DISK),
            ...slotsOfList(
                p,
                inputName<alicloud.ecs.InstanceArgs>("dataDisks"),
                { flag: inputName<AliInstanceDisk>("encrypted"), key: inputName<AliInstanceDisk>("kmsKeyId"), snapshot: inputName<AliInstanceDisk>("snapshotId") },
                dataDisk,
            ),
        ],
    },
    "alicloud:ecs/ecsLaunchTemplate:EcsLaunchTemplate": {
        cloud: "alicloud",
        kind: bi("ECS launch template", "ECS 启动模板"),
        future: true,
        slots: (p) => [
            slotAt(p.get(inputName<alicloud.ecs.EcsLaunchTemplateArgs>("systemDisk")), { flag: inputName<AliLtSystem>("encrypted"), key: inputName<AliLtSystem>("kmsKeyId") }, SYSTEM_DISK),
            ...slotsOfList(
                p,
                inputName<alicloud.ecs.EcsLaunchTemplateArgs>("dataDisks"),
                { flag: inputName<AliLtDisk>("encrypted"), key: inputName<AliLtDisk>("kmsKeyId"), snapshot: inputName<AliLtDisk>("snapshotId") },
                dataDisk,
            ),
        ],
    },
    "alicloud:ecs/launchTemplate:LaunchTemplate": {
        cloud: "alicloud",
        kind: bi("ECS launch template (deprecated ecs.LaunchTemplate)", "ECS 启动模板（已弃用的 ecs.LaunchTemplate）"),
        future: true,
        slots: (p) => [
            slotAt(p.get(inputName<alicloud.ecs.LaunchTemplateArgs>("systemDisk")), { flag: inputName<AliOldLtSystem>("encrypted"), key: inputName<AliOldLtSystem>("kmsKeyId") }, SYSTEM_DISK),
            ...slotsOfList(
                p,
                inputName<alicloud.ecs.LaunchTemplateArgs>("dataDisks"),
                { flag: inputName<AliOldLtDisk>("encrypted"), key: inputName<AliOldLtDisk>("kmsKeyId"), snapshot: inputName<AliOldLtDisk>("snapshotId") },
                dataDisk,
            ),
        ],
    },
    "alicloud:ess/scalingConfiguration:ScalingConfiguration": {
        cloud: "alicloud",
        kind: bi("ESS scaling configuration", "弹性伸缩配置"),
        future: true,
        slots: (p) => [
            slotAt(
                p,
                { flag: inputName<alicloud.ess.ScalingConfigurationArgs>("systemDiskEncrypted"), key: inputName<alicloud.ess.ScalingConfigurationArgs>("systemDiskKmsKeyId") },
                SYSTEM_DISK,
            ),
            ...slotsOfList(
                p,
                inputName<alicloud.ess.ScalingConfigurationArgs>("dataDisks"),
                { flag: inputName<AliEssDisk>("encrypted"), key: inputName<AliEssDisk>("kmsKeyId"), snapshot: inputName<AliEssDisk>("snapshotId") },
                dataDisk,
            ),
        ],
    },
    "alicloud:ecs/ecsInstanceSet:EcsInstanceSet": {
        cloud: "alicloud",
        kind: bi("ECS instance set", "ECS 实例集"),
        launchTemplateInputs: [inputName<alicloud.ecs.EcsInstanceSetArgs>("launchTemplateId"), inputName<alicloud.ecs.EcsInstanceSetArgs>("launchTemplateName")],
        slots: (p) => [
            // EcsInstanceSet has no system-disk encryption input: only a launch template or the account default can encrypt it.
            {
                label: bi("system disk (EcsInstanceSet has no system-disk encryption input)", "系统盘（EcsInstanceSet 没有系统盘加密参数）"),
                flag: Input.of(undefined, inputName<alicloud.ecs.EcsInstanceSetArgs>("launchTemplateId")),
                fix: bi(
                    "Launch the set from an alicloud.ecs.EcsLaunchTemplate whose `systemDisk.encrypted` is true, or enable alicloud.ecs.DiskEncryptionByDefault (encrypted: true) in this stack.",
                    "请基于 `systemDisk.encrypted` 为 true 的 alicloud.ecs.EcsLaunchTemplate 创建实例集，或在本堆栈中启用 alicloud.ecs.DiskEncryptionByDefault（encrypted: true）。",
                ),
            },
            ...slotsOfList(
                p,
                inputName<alicloud.ecs.EcsInstanceSetArgs>("dataDisks"),
                { flag: inputName<AliSetDisk>("encrypted"), key: inputName<AliSetDisk>("kmsKeyId"), snapshot: inputName<AliSetDisk>("snapshotId") },
                dataDisk,
            ),
        ],
    },
};

/** Account-level settings, per cloud, that encrypt new disks and pick their default key in a region. */
export const ACCOUNT_DEFAULTS: Record<Cloud, { encryptionType: string; flag: string; unsetEnables: boolean; keyType: string; keyInput: string; encryptionName: Bilingual }> = {
    aws: {
        encryptionType: "aws:ebs/encryptionByDefault:EncryptionByDefault",
        flag: inputName<aws.ebs.EncryptionByDefaultArgs>("enabled"),
        // Documented default: true.
        unsetEnables: true,
        keyType: "aws:ebs/defaultKmsKey:DefaultKmsKey",
        keyInput: inputName<aws.ebs.DefaultKmsKeyArgs>("keyArn"),
        encryptionName: bi("aws.ebs.EncryptionByDefault", "aws.ebs.EncryptionByDefault"),
    },
    alicloud: {
        encryptionType: "alicloud:ecs/diskEncryptionByDefault:DiskEncryptionByDefault",
        flag: inputName<alicloud.ecs.DiskEncryptionByDefaultArgs>("encrypted"),
        // No documented default; the provider only calls EnableDiskEncryptionByDefault when `encrypted` is true.
        unsetEnables: false,
        keyType: "alicloud:ecs/diskDefaultKmsKey:DiskDefaultKmsKey",
        keyInput: inputName<alicloud.ecs.DiskDefaultKmsKeyArgs>("kmsKeyId"),
        encryptionName: bi("alicloud.ecs.DiskEncryptionByDefault (encrypted: true)", "alicloud.ecs.DiskEncryptionByDefault（encrypted: true）"),
    },
};

export interface AccountDefaults {
    /** New disks in the resource's region are encrypted by default. */
    encryption: Tri;
    /** Disks encrypted without a named key use a customer-managed default key. */
    key: Tri;
}

type Region = ReturnType<typeof regionOf>;

/** One account-level setting of the stack: what it says, and the region it applies to. */
interface AccountSetting {
    says: Tri;
    region: Region;
}

/** Same region, as `sameRegion`: unknown when either region is unknown during preview. */
function regionMatch(a: Region, b: Region): Tri {
    if (!a.known || !b.known) return "unknown";
    return a.value === b.value ? "yes" : "no";
}

/**
 * The account defaults the stack sets, per cloud, each setting read once (its flag and region),
 * so that a stack with many disks and many regions' settings costs disks + settings, not their product.
 */
export class AccountDefaultsIndex {
    private readonly settings = new Map<Cloud, { encryption: AccountSetting[]; key: AccountSetting[] }>();

    constructor(
        private readonly idx: StackIndex,
        /** `defaultDiskEncryptionInAnotherStack` entries. */
        private readonly inAnotherStack: readonly string[] = [],
    ) {}

    private of(cloud: Cloud): { encryption: AccountSetting[]; key: AccountSetting[] } {
        let s = this.settings.get(cloud);
        if (!s) {
            const d = ACCOUNT_DEFAULTS[cloud];
            const enabled = (e: PolicyResource): Tri => {
                const f = readFlag(Input.of(e.props).get(d.flag));
                switch (f.kind) {
                    case "on":
                        return "yes";
                    case "unset":
                        return d.unsetEnables ? "yes" : "no";
                    case "unknown":
                        return "unknown";
                    default:
                        return "no";
                }
            };
            s = {
                encryption: this.idx.ofType(d.encryptionType).map((e) => ({ says: enabled(e), region: regionOf(e, cloud) })),
                key: this.idx.ofType(d.keyType).map((k) => ({ says: isNamed(Input.of(k.props).get(d.keyInput)) ? "yes" : "no", region: regionOf(k, cloud) })),
            };
            this.settings.set(cloud, s);
        }
        return s;
    }

    /** The account defaults the stack sets for the region of `r`. */
    for(r: PolicyResource, cloud: Cloud): AccountDefaults {
        const s = this.of(cloud);
        if (s.encryption.length === 0 && s.key.length === 0 && this.inAnotherStack.length === 0) return { encryption: "no", key: "no" };
        const region = regionOf(r, cloud);
        const inRegion = (settings: readonly AccountSetting[]): Tri => anyOf(settings.map((e) => allOf([e.says, regionMatch(e.region, region)])));
        return { encryption: anyOf([inRegion(s.encryption), elsewhere(this.inAnotherStack, cloud, region)]), key: inRegion(s.key) };
    }
}

/** The change of a finding: an input of the disk's resource, or a resource to add. */
type DiskChange = Input | { type: string; input: string; add: true };

export type Outcome =
    | { kind: "ok" }
    | { kind: "unknown"; found: Bilingual; change: DiskChange }
    | { kind: "advisory"; found: Bilingual; change: DiskChange }
    | { kind: "violation"; found: Bilingual; required: Bilingual; change: DiskChange; fix: Bilingual };

const OK: Outcome = { kind: "ok" };
const FUTURE = bi(
    "This changes only instances launched afterwards; replace the disks of running instances through an encrypted snapshot.",
    "该修改只影响此后启动的实例；运行中实例的磁盘需通过加密快照替换。",
);
const UNSET_UNENCRYPTED = bi("unset (default: unencrypted)", "未设置（默认不加密）");

function encryptFix(slot: DiskSlot, source: DiskSource): Bilingual {
    const consequence = source.future ? FUTURE : REPLACES;
    if (slot.fix) {
        return bi(`${slot.fix.en} ${consequence.en}`, `${slot.fix.zh}${consequence.zh}`);
    }
    const value = slot.stringFlag ? '"true"' : "true";
    const def = ACCOUNT_DEFAULTS[source.cloud].encryptionName;
    return bi(
        `Set it to ${value} (or enable ${def.en} in this stack and leave it unset). ${consequence.en}`,
        `请设置为 ${value}（或在本堆栈中启用 ${def.zh} 并保持未设置）。${consequence.zh}`,
    );
}

const DEFAULT_KEYS: Record<Cloud, { type: string; input: string }> = {
    aws: { type: "aws.ebs.DefaultKmsKey", input: inputName<aws.ebs.DefaultKmsKeyArgs>("keyArn") },
    alicloud: { type: "alicloud.ecs.DiskDefaultKmsKey", input: inputName<alicloud.ecs.DiskDefaultKmsKeyArgs>("kmsKeyId") },
};

function keyFix(slot: DiskSlot, source: DiskSource): Bilingual {
    const consequence = source.future ? FUTURE : REPLACES;
    const defaultKey = DEFAULT_KEYS[source.cloud].type;
    if (!slot.key) {
        return bi(
            `This type cannot name a KMS key: add ${defaultKey} to this stack, or use an aws.ec2.LaunchTemplate. ${consequence.en}`,
            `该类型无法指定 KMS 密钥：请在本堆栈中添加 ${defaultKey}，或改用 aws.ec2.LaunchTemplate。${consequence.zh}`,
        );
    }
    return bi(`Name a customer-managed KMS key (or add ${defaultKey} to this stack). ${consequence.en}`, `请指定客户托管密钥（CMK）（或在本堆栈中添加 ${defaultKey}）。${consequence.zh}`);
}

/** Decides one disk: encrypted (by its flag or the account default), then, if asked, keyed with a customer-managed key. */
export function evaluateDisk(slot: DiskSlot, source: DiskSource, governedByTemplate: boolean, defaults: AccountDefaults, requireCustomerManagedKeys: boolean): Outcome {
    const flag = readFlag(slot.flag);
    const change = slot.flag;
    switch (flag.kind) {
        case "unknown":
            return { kind: "unknown", found: describeFlag(flag, UNSET_UNENCRYPTED), change };
        case "invalid":
            return { kind: "violation", found: describeFlag(flag, UNSET_UNENCRYPTED), required: REQUIRED_ENCRYPTED, change, fix: encryptFix(slot, source) };
        case "off": {
            // Kept a violation even when the account default is on: the cloud then encrypts the disk anyway,
            // but the program declares an unencrypted disk (a permanent diff) that silently becomes one if
            // the default-encryption resource is removed.
            const found = describeFlag(flag, UNSET_UNENCRYPTED);
            const note =
                defaults.encryption === "yes"
                    ? bi(" (account default encryption is on, so the cloud encrypts it anyway, but the program asks for an unencrypted disk)", "（账号级默认加密已开启，云平台仍会加密，但程序声明了不加密的磁盘）")
                    : bi("", "");
            return { kind: "violation", found: bi(found.en + note.en, found.zh + note.zh), required: REQUIRED_ENCRYPTED, change, fix: encryptFix(slot, source) };
        }
        case "unset":
            if (governedByTemplate) {
                // The launch template decides; it is checked on its own when it is in the stack.
                return OK;
            }
            if (defaults.encryption === "unknown") {
                return { kind: "unknown", found: bi("unset, and whether account default encryption is on is unknown until deployment", "未设置，且账号级默认加密是否开启在部署前未知"), change };
            }
            if (defaults.encryption === "no") {
                if (slot.snapshot && isNamed(slot.snapshot)) {
                    return { kind: "advisory", found: bi("unset: the disk inherits its snapshot's encryption, which cannot be checked here", "未设置：磁盘继承快照的加密状态，此处无法检查"), change };
                }
                return { kind: "violation", found: UNSET_UNENCRYPTED, required: REQUIRED_ENCRYPTED, change, fix: encryptFix(slot, source) };
            }
            break;
        case "on":
            break;
    }
    if (!requireCustomerManagedKeys || (slot.key && isNamed(slot.key)) || defaults.key === "yes") {
        return OK;
    }
    // Without a key input on the disk, the only fix is a default key for the region.
    const keyChange: DiskChange = slot.key ?? { ...DEFAULT_KEYS[source.cloud], add: true };
    if (defaults.key === "unknown") {
        return { kind: "unknown", found: bi("no KMS key named, and the stack's default disk key is unknown until deployment", "未指定 KMS 密钥，且本堆栈的默认磁盘密钥在部署前未知"), change: keyChange };
    }
    return { kind: "violation", found: FOUND_SERVICE_KEY, required: REQUIRED_CMK, change: keyChange, fix: keyFix(slot, source) };
}

export const metadata: ControlMetadata = {
    name: "disks-encrypted",
    description:
        "Block storage is encrypted at rest: EBS volumes, EC2 root and EBS block devices, launch templates and configurations, ECS disks, ECS instance system and data disks, ECS launch templates, ESS scaling configurations and ECS instance sets. An unset flag counts as encrypted only when the stack enables account default disk encryption in that region.",
    category: "encryption",
    bases: [...ENCRYPTION_BASES, "mlps-8.2.4.5-d"],
    severity: "high",
    enforcementLevel: "mandatory",
    remediationSteps:
        'Set the disk\'s encryption flag: aws `encrypted: true` (aws.ec2.LaunchTemplate `blockDeviceMappings[].ebs.encrypted: "true"`), alicloud `encrypted: true` / `systemDiskEncrypted: true` / `dataDisks[].encrypted: true`, ' +
        "or enable aws.ebs.EncryptionByDefault / alicloud.ecs.DiskEncryptionByDefault (encrypted: true) in the same stack and region; if a baseline stack enables it, list the cloud and region " +
        'in this policy\'s `defaultDiskEncryptionInAnotherStack` (e.g. "aws:cn-north-1", "alicloud:*"). ' +
        "With requireCustomerManagedKeys, also name a KMS key (`kmsKeyId`, `systemDiskKmsKeyId`) or set aws.ebs.DefaultKmsKey / alicloud.ecs.DiskDefaultKmsKey. " +
        "There is no automatic remediation: changing disk encryption replaces the disk and would destroy its data; migrate through an encrypted snapshot.",
    zh: {
        description: "块存储静态加密：EBS 卷、EC2 根卷和 EBS 块设备、启动模板和启动配置、ECS 云盘、ECS 实例系统盘和数据盘、ECS 启动模板、ESS 伸缩配置和 ECS 实例集。仅当堆栈在该区域（地域）启用了账号级默认云盘加密时，未设置的加密开关才视为已加密。",
        remediationSteps:
            '设置磁盘的加密开关：AWS `encrypted: true`（aws.ec2.LaunchTemplate 为 `blockDeviceMappings[].ebs.encrypted: "true"`），阿里云 `encrypted: true` / `systemDiskEncrypted: true` / `dataDisks[].encrypted: true`，' +
            "或在同一堆栈和区域（地域）中启用 aws.ebs.EncryptionByDefault / alicloud.ecs.DiskEncryptionByDefault（encrypted: true）；若由基线堆栈启用，请在本策略的 `defaultDiskEncryptionInAnotherStack` 中列出云平台和区域（地域）（如 \"aws:cn-north-1\"、\"alicloud:*\"）。启用 requireCustomerManagedKeys 时，还须指定客户托管密钥（CMK）（`kmsKeyId`、`systemDiskKmsKeyId`），或设置 aws.ebs.DefaultKmsKey / alicloud.ecs.DiskDefaultKmsKey。" +
            "不提供自动修复：修改磁盘加密会替换磁盘并销毁其数据；请通过加密快照迁移。",
    },
    resourceTypes: [...Object.keys(DISK_SOURCES), ...Object.values(ACCOUNT_DEFAULTS).flatMap((d) => [d.encryptionType, d.keyType])],
    config,
};

function validateStack(args: StackValidationArgs, emit: Emit): void {
    const { requireCustomerManagedKeys, defaultDiskEncryptionInAnotherStack } = readConfig(config, args.getConfig());
    const defaultsIndex = new AccountDefaultsIndex(StackIndex.of(args.resources), defaultDiskEncryptionInAnotherStack);
    const required = requireCustomerManagedKeys ? REQUIRED_CMK : REQUIRED_ENCRYPTED;
    for (const r of args.resources) {
        const source = DISK_SOURCES[r.type];
        if (!source) {
            continue;
        }
        const props = Input.of(r.props);
        const governed = (source.launchTemplateInputs ?? []).some((n) => isNamed(props.get(n)));
        const defaults = defaultsIndex.for(r, source.cloud);
        for (const slot of source.slots(props)) {
            const o = evaluateDisk(slot, source, governed, defaults, requireCustomerManagedKeys);
            if (o.kind === "ok") continue;
            const label = slot.label
                ? bi(`${source.kind.en} "${r.name}", ${slot.label.en}`, `${source.kind.zh}“${r.name}”，${slot.label.zh}`)
                : bi(`${source.kind.en} "${r.name}"`, `${source.kind.zh}“${r.name}”`);
            const keyFinding = o.kind !== "violation" ? o.change !== slot.flag : o.required === REQUIRED_CMK;
            emit({
                kind: source.kind,
                on: { urn: r.urn, name: r.name },
                label,
                found: o.found,
                required: o.kind === "violation" ? o.required : required,
                change: o.change,
                ...(o.kind === "violation" ? { fix: o.fix } : {}),
                ...(o.kind === "unknown" ? { unknown: true } : {}),
                ...(o.kind === "advisory" ? { advisory: true } : {}),
                bases: keyFinding ? CMK_BASES : ENCRYPTION_BASES,
            });
        }
    }
}

export default stackControl(metadata, validateStack);
