// Every instance, launch template, instance set and database names its own security group (MLPS 2.0
// L3 access control). With none, AWS attaches the VPC's default group, which the stack does not
// govern; Alibaba Cloud refuses to start an instance without one.
import type * as alicloud from "@pulumi/alicloud";
import type * as aws from "@pulumi/aws";
import { type ResourceValidationArgs } from "@pulumi/policy";
import { type ControlMetadata, resourceControl } from "../shared/control";
import { type Emit } from "../shared/emit";
import { type Bilingual, bi } from "../shared/messages";
import { inputName } from "../shared/properties";
import { Input } from "../shared/reader";

/** What a resource says about its security groups. */
type Groups =
    | { kind: "present" }
    /** Groups come from elsewhere (a launch template, a network interface): not checkable here. */
    | { kind: "elsewhere" }
    /** The group input is unknown during preview (`path`). */
    | { kind: "unknown"; path: string }
    | { kind: "missing"; found: Bilingual };

interface GroupSource {
    kind: Bilingual;
    /** Inputs that name security groups, current first; the first is the one to set. */
    inputs: readonly string[];
    read(props: Input): Groups;
}

const UNSET_DEFAULT = bi("no security group (the VPC's default security group applies)", "未指定安全组（将使用 VPC 默认安全组）");
const UNSET = bi("no security group", "未指定安全组");
const EMPTY = bi("an empty security group list or ID", "空的安全组列表或 ID");

/** True when the input names at least one group: a non-empty string, or a list with one (an element unknown during preview counts: it is a group ID yet to be created). */
function namesGroup(input: Input): boolean {
    const single = input.string();
    if (single.kind === "value") {
        return single.value.trim() !== "";
    }
    const items = input.items();
    if (items.kind !== "value") {
        return false;
    }
    return items.value.some((item) => {
        const r = item.string();
        return r.kind === "unknown" || (r.kind === "value" && r.value.trim() !== "");
    });
}

/** Reads the group inputs: present if any names a group, unknown if one is unknown, else "missing" (unset or empty). */
function groupsIn(props: Input, inputs: readonly string[], unset: Bilingual): Groups {
    let anySet = false;
    for (const name of inputs) {
        const input = props.get(name);
        if (input.unknown) return { kind: "unknown", path: input.path };
        if (!input.isSet) continue;
        anySet = true;
        if (namesGroup(input)) return { kind: "present" };
    }
    return { kind: "missing", found: anySet ? EMPTY : unset };
}

/** Set, or unknown during preview (which is set once deployed). */
const isSet = (props: Input, names: readonly string[]) => names.some((n) => props.get(n).unknown || props.get(n).isSet);

function nonEmptyList(input: Input): boolean {
    const items = input.items();
    return items.kind === "unknown" || (items.kind === "value" && items.value.length > 0);
}

const AWS_INSTANCE = [inputName<aws.ec2.InstanceArgs>("vpcSecurityGroupIds"), inputName<aws.ec2.InstanceArgs>("securityGroups")];
const AWS_LAUNCH_TEMPLATE = [inputName<aws.ec2.LaunchTemplateArgs>("vpcSecurityGroupIds"), inputName<aws.ec2.LaunchTemplateArgs>("securityGroupNames")];
const ALI_LAUNCH_TEMPLATE = [inputName<alicloud.ecs.EcsLaunchTemplateArgs>("securityGroupIds"), inputName<alicloud.ecs.EcsLaunchTemplateArgs>("securityGroupId")];

const aliLaunchTemplate = (kind: Bilingual): GroupSource => ({ kind, inputs: ALI_LAUNCH_TEMPLATE, read: (p) => groupsIn(p, ALI_LAUNCH_TEMPLATE, UNSET) });

export const GROUP_SOURCES: Record<string, GroupSource> = {
    "aws:ec2/instance:Instance": {
        kind: bi("EC2 instance", "EC2 实例"),
        inputs: AWS_INSTANCE,
        read(p) {
            // Network interfaces carry their own groups on the ENI, which this resource does not show.
            if (nonEmptyList(p.get(inputName<aws.ec2.InstanceArgs>("networkInterfaces"))) || isSet(p, [inputName<aws.ec2.InstanceArgs>("primaryNetworkInterface")])) {
                return { kind: "elsewhere" };
            }
            const groups = groupsIn(p, AWS_INSTANCE, UNSET_DEFAULT);
            // Without groups of its own, an instance launched from a template takes the template's (checked there).
            return groups.kind === "missing" && isSet(p, [inputName<aws.ec2.InstanceArgs>("launchTemplate")]) ? { kind: "elsewhere" } : groups;
        },
    },
    "aws:ec2/launchTemplate:LaunchTemplate": {
        kind: bi("EC2 launch template", "EC2 启动模板"),
        inputs: AWS_LAUNCH_TEMPLATE,
        read(p) {
            const groups = groupsIn(p, AWS_LAUNCH_TEMPLATE, UNSET_DEFAULT);
            if (groups.kind === "present") return groups;
            const nics = p.get(inputName<aws.ec2.LaunchTemplateArgs>("networkInterfaces")).items();
            // Interfaces unknown during preview may carry the groups: not checkable here.
            if (nics.kind === "unknown") return { kind: "elsewhere" };
            for (const nic of nics.kind === "value" ? nics.value : []) {
                const own = groupsIn(nic, ["securityGroups"], UNSET);
                if (own.kind === "present" || own.kind === "unknown") return own;
                if (isSet(nic, ["networkInterfaceId"])) return { kind: "elsewhere" };
            }
            return groups;
        },
    },
    "aws:rds/instance:Instance": {
        kind: bi("RDS instance", "RDS 实例"),
        inputs: [inputName<aws.rds.InstanceArgs>("vpcSecurityGroupIds")],
        read: (p) => groupsIn(p, [inputName<aws.rds.InstanceArgs>("vpcSecurityGroupIds")], UNSET_DEFAULT),
    },
    "alicloud:ecs/instance:Instance": {
        kind: bi("ECS instance", "ECS 实例"),
        inputs: [inputName<alicloud.ecs.InstanceArgs>("securityGroups")],
        read(p) {
            const groups = groupsIn(p, [inputName<alicloud.ecs.InstanceArgs>("securityGroups")], UNSET);
            const fromTemplate = isSet(p, [inputName<alicloud.ecs.InstanceArgs>("launchTemplateId"), inputName<alicloud.ecs.InstanceArgs>("launchTemplateName")]);
            return groups.kind === "missing" && fromTemplate ? { kind: "elsewhere" } : groups;
        },
    },
    "alicloud:ecs/ecsLaunchTemplate:EcsLaunchTemplate": aliLaunchTemplate(bi("ECS launch template", "ECS 启动模板")),
    "alicloud:ecs/launchTemplate:LaunchTemplate": aliLaunchTemplate(bi("ECS launch template (deprecated class)", "ECS 启动模板（已弃用的类）")),
    "alicloud:ecs/ecsInstanceSet:EcsInstanceSet": {
        kind: bi("ECS instance set", "ECS 实例集"),
        inputs: [inputName<alicloud.ecs.EcsInstanceSetArgs>("securityGroupIds")],
        read: (p) => groupsIn(p, [inputName<alicloud.ecs.EcsInstanceSetArgs>("securityGroupIds")], UNSET),
    },
};

export const metadata: ControlMetadata = {
    name: "security-group-required",
    description: "Every instance, launch template, instance set and database is placed in at least one security group the stack names.",
    category: "access-control",
    bases: ["csl-23-2", "mlps-8.1.3.1", "mlps-8.1.3.2", "mlps-8.2.3.1"],
    severity: "high",
    enforcementLevel: "mandatory",
    remediationSteps:
        "Create a security group with only the ingress the workload needs and attach it: aws.ec2.Instance / LaunchTemplate / aws.rds.Instance `vpcSecurityGroupIds`; " +
        "alicloud.ecs.Instance `securityGroups`; alicloud.ecs.EcsLaunchTemplate `securityGroupIds`; alicloud.ecs.EcsInstanceSet `securityGroupIds`.",
    zh: {
        description: "每个实例、启动模板、实例集和数据库都至少加入一个由堆栈指定的安全组。",
        remediationSteps:
            "创建只放行工作负载所需入方向流量的安全组并绑定：aws.ec2.Instance / LaunchTemplate / aws.rds.Instance 的 `vpcSecurityGroupIds`；" +
            "alicloud.ecs.Instance 的 `securityGroups`；alicloud.ecs.EcsLaunchTemplate 的 `securityGroupIds`；alicloud.ecs.EcsInstanceSet 的 `securityGroupIds`。",
    },
    resourceTypes: Object.keys(GROUP_SOURCES),
};

function validate(args: ResourceValidationArgs, emit: Emit): void {
    const source = GROUP_SOURCES[args.type];
    if (!source) {
        return;
    }
    const groups = source.read(Input.of(args.props));
    if (groups.kind === "present" || groups.kind === "elsewhere") {
        return;
    }
    const required = bi("at least one security group", "至少一个安全组");
    if (groups.kind === "unknown") {
        emit({ kind: source.kind, found: bi("a value that is unknown until deployment", "部署前未知的值"), required, change: groups.path, unknown: true });
        return;
    }
    emit({
        kind: source.kind,
        found: groups.found,
        required,
        change: source.inputs[0]!,
        fix: bi("Attach a security group that admits only the traffic the workload needs.", "请绑定仅放行业务所需流量的安全组。"),
    });
}

export default resourceControl(metadata, validate);
