// Every vSwitch is bound to a network ACL (MLPS 2.0 L3 boundary protection: access control at
// every network boundary). Checked across the stack through property dependencies.
import type * as alicloud from "@pulumi/alicloud";
import { type StackValidationArgs } from "@pulumi/policy";
import { type ControlMetadata, stackControl } from "../shared/control";
import { type Emit } from "../shared/emit";
import { bi } from "../shared/messages";
import { inputName } from "../shared/properties";
import { type Binding, uncovered } from "./acl-coverage";

export const VSWITCH_TYPES = ["alicloud:vpc/switch:Switch", "alicloud:vpc/subnet:Subnet"] as const;

const always = () => true;

export const BINDINGS: Record<string, Binding> = {
    "alicloud:vpc/networkAcl:NetworkAcl": { via: inputName<alicloud.vpc.NetworkAclArgs>("resources"), counts: always },
    "alicloud:vpc/vpcNetworkAclAttachment:VpcNetworkAclAttachment": { via: inputName<alicloud.vpc.VpcNetworkAclAttachmentArgs>("resourceId"), counts: always },
    // Deprecated since provider 1.124.0, still emits its own token.
    "alicloud:vpc/networkAclAttachment:NetworkAclAttachment": { via: inputName<alicloud.vpc.NetworkAclAttachmentArgs>("resources"), counts: always },
};

export const metadata: ControlMetadata = {
    name: "vswitch-network-acl-bound",
    description: "Every Alibaba Cloud vSwitch is bound to a network ACL.",
    category: "access-control",
    bases: ["csl-23-2", "mlps-8.1.3.2", "mlps-8.2.3.1"],
    severity: "medium",
    enforcementLevel: "mandatory",
    remediationSteps:
        "Bind each vSwitch to a network ACL: list it in alicloud.vpc.NetworkAcl `resources` ({resourceId: vswitch.id, resourceType: \"VSwitch\"}) " +
        "or create an alicloud.vpc.VpcNetworkAclAttachment for it.",
    zh: {
        description: "每个阿里云交换机（vSwitch）都绑定了网络 ACL。",
        remediationSteps:
            '将每个交换机绑定到网络 ACL：在 alicloud.vpc.NetworkAcl 的 `resources` 中列出它（{resourceId: vswitch.id, resourceType: "VSwitch"}），' +
            "或为其创建 alicloud.vpc.VpcNetworkAclAttachment。",
    },
    resourceTypes: [...VSWITCH_TYPES, ...Object.keys(BINDINGS)],
};

function validate(args: StackValidationArgs, emit: Emit): void {
    for (const { subnet, unresolved } of uncovered(args.resources, VSWITCH_TYPES, BINDINGS)) {
        // The fix is on another resource: an attachment to add, or the ACL's resource list.
        emit({
            kind: bi("vSwitch", "交换机"),
            on: { urn: subnet.urn, name: subnet.name },
            found: bi("no network ACL bound", "未绑定网络 ACL"),
            required: bi("bound to a network ACL", "绑定网络 ACL"),
            change: { type: "alicloud.vpc.VpcNetworkAclAttachment", input: "resourceId", add: true },
            fix: bi("Or list the vSwitch in the `resources` of an alicloud.vpc.NetworkAcl.", "或将该交换机加入 alicloud.vpc.NetworkAcl 的 `resources`。"),
            // A binding whose target is unknown until deployment may be this vSwitch's.
            ...(unresolved ? { unknown: true } : {}),
        });
    }
}

export default stackControl(metadata, validate);
