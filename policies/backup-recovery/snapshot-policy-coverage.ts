// Disks and file systems are backed up on a schedule (GB/T 22239-2019 8.1.4.9): every cloud disk,
// EBS volume (also the root and block-device volumes of an EC2 instance) and EFS file system the stack creates is reached by a snapshot or backup policy of
// the same stack, and Alibaba Cloud automatic snapshot policies keep their snapshots at least
// `minimumSnapshotRetentionDays`. A stack policy, because the policy and its attachment are
// separate resources. Advisory by default: the policy may live in another stack.
import type * as alicloud from "@pulumi/alicloud";
import type * as aws from "@pulumi/aws";
import type { PolicyResource, StackValidationArgs } from "@pulumi/policy";
import { knownIds, referenceVia } from "../logging/links";
import { integer, readConfig } from "../shared/config";
import { type ControlMetadata, stackControl } from "../shared/control";
import { type Emit, shown } from "../shared/emit";
import { readTags } from "../shared/exemptions";
import { type Bilingual, bi } from "../shared/messages";
import { inputName } from "../shared/properties";
import { Input } from "../shared/reader";
import { StackIndex } from "../shared/stack";

export const config = {
    minimumSnapshotRetentionDays: integer("Minimum number of days an Alibaba Cloud automatic snapshot policy keeps its snapshots (-1, keep until deleted, always passes).", 7, 1, 65535),
};

export type Coverage = true | false | "unknown";

/** A disk or file system to cover, with what the coverers compare read on first use. */
class TargetView {
    private cache: { tags?: Record<string, string>; ids?: string[]; volumeTags?: Record<string, string>[] } = {};

    constructor(readonly resource: PolicyResource) {}

    get tags(): Record<string, string> {
        return (this.cache.tags ??= readTags(this.resource.props, this.resource.type));
    }

    get ids(): string[] {
        return (this.cache.ids ??= knownIds(this.resource, []));
    }

    /** The tags of each EBS volume of an EC2 instance (root, then ebsBlockDevices). */
    get volumeTags(): Record<string, string>[] {
        return (this.cache.volumeTags ??= instanceVolumeTags(this.resource));
    }
}

/**
 * A resource type that can put a disk or file system under a schedule. `prepare` reads one
 * resource of it once; what it returns says whether that resource reaches a target.
 */
interface Coverer {
    type: string;
    prepare(coverer: PolicyResource): (target: TargetView) => Coverage;
}

export interface Target {
    kind: Bilingual;
    coverers: readonly Coverer[];
    /** What to add, for the finding. */
    add: { type: string; input: string };
}

/**
 * The `{key → value}` pairs `wanted` asks for, read once: the returned function says whether
 * every pair (a map) or one pair (a list of `keyName`/`valueName` items) is on `tags`; unknown
 * when the wanted pairs are, in the order they are written.
 */
function tagsWanted(wanted: Input, keyName?: string, valueName?: string): (tags: Readonly<Record<string, string>>) => Coverage {
    if (keyName && valueName) {
        const list = wanted.items();
        if (list.kind === "unknown") return () => "unknown";
        if (list.kind !== "value" || list.value.length === 0) return () => false;
        const items = list.value.map((item) => {
            const k = item.get(keyName).string();
            const v = item.get(valueName).string();
            return k.kind === "unknown" || v.kind === "unknown" ? ("unknown" as const) : { key: k.kind === "value" ? k.value : undefined, value: v.kind === "value" ? v.value : "" };
        });
        return (tags) => {
            for (const item of items) {
                if (item === "unknown") return "unknown";
                if (item.key !== undefined && tags[item.key] === item.value) return true;
            }
            return false;
        };
    }
    const entries = wanted.entries();
    if (entries.kind === "unknown") return () => "unknown";
    if (entries.kind !== "value" || entries.value.length === 0) return () => false;
    const pairs = entries.value.map(([key, input]) => {
        const v = input.string();
        return { key, value: v.kind === "unknown" ? ("unknown" as const) : v.kind === "value" ? v.value : undefined };
    });
    return (tags) => {
        for (const { key, value } of pairs) {
            if (value === "unknown") return "unknown";
            if (value === undefined || tags[key] !== value) return false;
        }
        return true;
    };
}

/** `coverer` names a target through `property` (dependency or known id); unknown when the reference is. */
function naming(coverer: PolicyResource, property: string): (target: TargetView) => Coverage {
    const ref = referenceVia(coverer, { property, references: (p) => [p.get(property)] });
    return (t) => (ref.reaches(t.resource, t.ids) ? true : ref.unresolved ? "unknown" : false);
}

const ALI_ATTACHMENT: Coverer = { type: "alicloud:ecs/ecsAutoSnapshotPolicyAttachment:EcsAutoSnapshotPolicyAttachment", prepare: (c) => naming(c, inputName<alicloud.ecs.EcsAutoSnapshotPolicyAttachmentArgs>("diskId")) };
const ALI_POLICY_TAGS: Coverer = {
    type: "alicloud:ecs/autoSnapshotPolicy:AutoSnapshotPolicy",
    prepare: (c) => {
        const match = tagsWanted(Input.of(c.props).get(inputName<alicloud.ecs.AutoSnapshotPolicyArgs>("targetTags")), "tagKey", "tagValue");
        return (t) => match(t.tags);
    },
};
const EC2_INSTANCE = "aws:ec2/instance:Instance";

/**
 * The tags of each EBS volume of an EC2 instance (root, then ebsBlockDevices): `volumeTags`,
 * which the provider puts on every volume at launch, and the device's own `tags`.
 */
function instanceVolumeTags(instance: PolicyResource): Record<string, string>[] {
    const props = Input.of(instance.props);
    const volumeTags = props.get(inputName<aws.ec2.InstanceArgs>("volumeTags")).raw();
    const common = volumeTags.kind === "value" ? readTags({ tags: volumeTags.value }) : {};
    const own = (device: Input): Record<string, string> => {
        const t = device.get("tags").raw();
        return { ...common, ...(t.kind === "value" ? readTags({ tags: t.value }) : {}) };
    };
    const devices = props.get(inputName<aws.ec2.InstanceArgs>("ebsBlockDevices")).items();
    return [own(props.get(inputName<aws.ec2.InstanceArgs>("rootBlockDevice"))), ...(devices.kind === "value" ? devices.value.map(own) : [])];
}

/** All true → true; any false → false; else unknown. */
function every(results: readonly Coverage[]): Coverage {
    return results.reduce<Coverage>((a, b) => (a === false || b === false ? false : a === "unknown" || b === "unknown" ? "unknown" : true), true);
}

const DLM: Coverer = {
    type: "aws:dlm/lifecyclePolicy:LifecyclePolicy",
    prepare: (c) => {
        const details = Input.of(c.props).get(inputName<aws.dlm.LifecyclePolicyArgs>("policyDetails"));
        const types = details.get("resourceTypes").items();
        if (types.kind === "unknown") return () => "unknown";
        const has = (wanted: string): boolean => types.kind === "value" && types.value.some((i) => { const s = i.string(); return s.kind === "value" && s.value === wanted; });
        const instances = has("INSTANCE");
        const volumes = has("VOLUME");
        const match = tagsWanted(details.get("targetTags"));
        return (t) => {
            if (t.resource.type === EC2_INSTANCE) {
                // An INSTANCE policy snapshots every volume of the instances it matches by instance tags;
                // a VOLUME policy must match every volume of the instance by its volume tags.
                const byInstance = instances ? match(t.tags) : false;
                if (byInstance === true) return true;
                const byVolume: Coverage = volumes ? every(t.volumeTags.map(match)) : false;
                return byVolume === true ? true : byInstance === "unknown" || byVolume === "unknown" ? "unknown" : false;
            }
            if (t.resource.type !== "aws:ebs/volume:Volume" || !volumes) return false;
            return match(t.tags);
        };
    },
};
const BACKUP_SELECTION: Coverer = {
    type: "aws:backup/selection:Selection",
    prepare: (c) => {
        const props = Input.of(c.props);
        const byResource = naming(c, inputName<aws.backup.SelectionArgs>("resources"));
        const list = props.get(inputName<aws.backup.SelectionArgs>("resources")).items();
        const everything = list.kind === "value" && list.value.some((i) => { const s = i.string(); return s.kind === "value" && s.value === "*"; });
        const byTags = tagsWanted(props.get(inputName<aws.backup.SelectionArgs>("selectionTags")), "key", "value");
        return (t) => {
            const named = byResource(t);
            if (named === true || everything) return true;
            const byTag = byTags(t.tags);
            return byTag === true ? true : named === "unknown" || byTag === "unknown" ? "unknown" : false;
        };
    },
};
const EFS_BACKUP_POLICY: Coverer = {
    type: "aws:efs/backupPolicy:BackupPolicy",
    prepare: (c) => {
        const linked = naming(c, inputName<aws.efs.BackupPolicyArgs>("fileSystemId"));
        const status = Input.of(c.props).get(inputName<aws.efs.BackupPolicyArgs>("backupPolicy")).get("status").string();
        const enabled: Coverage = status.kind === "unknown" ? "unknown" : status.kind === "value" && status.value === "ENABLED";
        return (t) => {
            const named = linked(t);
            return named === true ? enabled : named;
        };
    },
};

const ALI_DISK: Target = { kind: bi("ECS cloud disk", "ECS 云盘"), coverers: [ALI_ATTACHMENT, ALI_POLICY_TAGS], add: { type: "alicloud.ecs.EcsAutoSnapshotPolicyAttachment", input: "diskId" } };

export const TARGETS: Record<string, Target> = {
    "alicloud:ecs/ecsDisk:EcsDisk": ALI_DISK,
    // Deprecated class of the same disk.
    "alicloud:ecs/disk:Disk": ALI_DISK,
    "aws:ebs/volume:Volume": { kind: bi("EBS volume", "EBS 卷"), coverers: [DLM, BACKUP_SELECTION], add: { type: "aws.dlm.LifecyclePolicy", input: "policyDetails.targetTags" } },
    // The root volume and EBS block devices an instance creates are volumes of their own, backed up with the instance.
    [EC2_INSTANCE]: {
        kind: bi("EC2 instance (root and EBS block device volumes)", "EC2 实例（根卷和 EBS 块设备卷）"),
        coverers: [DLM, BACKUP_SELECTION],
        add: { type: "aws.backup.Selection", input: "resources" },
    },
    "aws:efs/fileSystem:FileSystem": { kind: bi("EFS file system", "EFS 文件系统"), coverers: [EFS_BACKUP_POLICY, BACKUP_SELECTION], add: { type: "aws.efs.BackupPolicy", input: "fileSystemId" } },
};

const SNAPSHOT_POLICY = "alicloud:ecs/autoSnapshotPolicy:AutoSnapshotPolicy";
const COVERER_TYPES = [...new Set(Object.values(TARGETS).flatMap((t) => t.coverers.map((c) => c.type)))];

export const metadata: ControlMetadata = {
    name: "snapshot-policy-coverage",
    description: "Disks and file systems are covered by a snapshot or backup policy of the stack, and automatic snapshots are kept at least the minimum retention (default 7 days).",
    category: "backup-recovery",
    bases: ["mlps-8.1.4.9", "csl-23-4"],
    severity: "medium",
    enforcementLevel: "advisory",
    remediationSteps:
        "Alibaba Cloud: attach an alicloud.ecs.AutoSnapshotPolicy to each disk with an alicloud.ecs.EcsAutoSnapshotPolicyAttachment (`diskId`), or give the policy `targetTags` the disk carries; " +
        "set the policy's `retentionDays` to at least the minimum (-1 keeps snapshots until deleted). AWS: an aws.dlm.LifecyclePolicy with `policyDetails.resourceTypes` [\"VOLUME\"] " +
        "and `targetTags` the volume carries (for an EC2 instance: [\"INSTANCE\"] with its tags, or VOLUME with `volumeTags` / the devices' `tags`), or an aws.backup.Selection listing the volume, instance or file system in `resources` or matching it by `selectionTags`; for EFS, an aws.efs.BackupPolicy " +
        'with `backupPolicy.status` "ENABLED". Adding a policy changes no disk.',
    zh: {
        description: "云盘、卷和文件系统由本堆栈中的快照策略或备份策略覆盖，自动快照保留时间不短于最短保留期限（默认 7 天）。",
        remediationSteps:
            "阿里云：用 alicloud.ecs.EcsAutoSnapshotPolicyAttachment（`diskId`）为每块云盘关联 alicloud.ecs.AutoSnapshotPolicy，或为策略设置云盘所带的 `targetTags`；" +
            "将策略的 `retentionDays` 设为不低于最短期限（-1 表示永久保留直至删除）。AWS：添加 `policyDetails.resourceTypes` 为 [\"VOLUME\"] 且 `targetTags` 与卷标签一致的 " +
            "aws.dlm.LifecyclePolicy（EC2 实例：resourceTypes 为 [\"INSTANCE\"] 并匹配实例标签，或 VOLUME 并匹配 `volumeTags` / 块设备的 `tags`），或在 aws.backup.Selection 的 `resources` 中列出该卷、实例或文件系统、或以 `selectionTags` 匹配；EFS 可添加 `backupPolicy.status` 为 " +
            '"ENABLED" 的 aws.efs.BackupPolicy。添加策略不会改动云盘。',
    },
    resourceTypes: [...Object.keys(TARGETS), ...COVERER_TYPES],
    config,
};

/**
 * Whether a snapshot or backup policy of the stack covers a target: true when one does, unknown
 * when none does but one's target is unknown. Each coverer is read once per stack, on first use.
 */
export function coverageIn(index: StackIndex): (target: PolicyResource, spec: Target) => Coverage {
    const prepared = new Map<Coverer, ((t: TargetView) => Coverage)[]>();
    return (target, spec) => {
        const view = new TargetView(target);
        let result: Coverage = false;
        for (const coverer of spec.coverers) {
            let matchers = prepared.get(coverer);
            if (matchers === undefined) {
                matchers = index.ofType(coverer.type).map((c) => coverer.prepare(c));
                prepared.set(coverer, matchers);
            }
            for (const covers of matchers) {
                const covered = covers(view);
                if (covered === true) return true;
                if (covered === "unknown") result = "unknown";
            }
        }
        return result;
    };
}

function validate(args: StackValidationArgs, emit: Emit): void {
    const index = StackIndex.of(args.resources);
    const { minimumSnapshotRetentionDays: minimum } = readConfig(config, args.getConfig());
    const coverage = coverageIn(index);
    for (const target of index.ofType(...Object.keys(TARGETS))) {
        const spec = TARGETS[target.type]!;
        const covered = coverage(target, spec);
        if (covered === true) continue;
        emit({
            kind: spec.kind,
            on: { urn: target.urn, name: target.name },
            found: covered === "unknown" ? bi("a snapshot or backup policy whose target is unknown until deployment", "目标在部署前未知的快照或备份策略") : bi("no snapshot or backup policy of this stack reaches it", "本堆栈中没有覆盖它的快照或备份策略"),
            required: bi("a scheduled snapshot or backup policy", "定期快照或备份策略"),
            change: { ...spec.add, add: true },
            unknown: covered === "unknown",
        });
    }
    for (const policy of index.ofType(SNAPSHOT_POLICY)) {
        const read = Input.of(policy.props).get(inputName<alicloud.ecs.AutoSnapshotPolicyArgs>("retentionDays")).number();
        if (read.kind === "absent" || (read.kind === "value" && (read.value === -1 || read.value >= minimum))) continue;
        emit({
            kind: bi("ECS automatic snapshot policy", "ECS 自动快照策略"),
            on: { urn: policy.urn, name: policy.name },
            found: read.kind === "value" ? bi(`${read.value} days`, `${read.value} 天`) : shown(read),
            required: bi(`snapshots kept at least ${minimum} days (or -1, until deleted)`, `快照至少保留 ${minimum} 天（或 -1，保留至删除）`),
            change: read,
            unknown: read.kind === "unknown",
        });
    }
}

export default stackControl(metadata, validate);
