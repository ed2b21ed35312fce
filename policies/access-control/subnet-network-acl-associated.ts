// Every AWS subnet is associated with a network ACL the stack defines, not left on the VPC's
// default ACL (MLPS 2.0 L3 boundary protection). Advisory by default: on AWS, security groups
// already filter traffic and many teams keep the default ACL on purpose.
import type * as aws from "@pulumi/aws";
import { type PolicyResource, type StackValidationArgs } from "@pulumi/policy";
import { type ControlMetadata, stackControl } from "../shared/control";
import { type Emit } from "../shared/emit";
import { bi } from "../shared/messages";
import { inputName } from "../shared/properties";
import { dependenciesVia } from "../shared/stack";
import { type Binding, uncovered } from "./acl-coverage";

export const SUBNET_TYPES = ["aws:ec2/subnet:Subnet", "aws:ec2/defaultSubnet:DefaultSubnet"] as const;

const NETWORK_ACL = "aws:ec2/networkAcl:NetworkAcl";

/**
 * An association counts unless its `networkAclId` comes from the VPC (`vpc.defaultNetworkAclId`) or
 * a DefaultNetworkAcl. A literal ID (an ACL from another stack) counts: we cannot tell, and
 * associating a subnet explicitly is what a default ACL does not need.
 */
function associationCounts(assoc: PolicyResource): boolean {
    const sources = dependenciesVia(assoc, inputName<aws.ec2.NetworkAclAssociationArgs>("networkAclId"));
    return sources.length === 0 || sources.some((s) => s.type === NETWORK_ACL);
}

export const BINDINGS: Record<string, Binding> = {
    [NETWORK_ACL]: { via: inputName<aws.ec2.NetworkAclArgs>("subnetIds"), counts: () => true },
    "aws:ec2/networkAclAssociation:NetworkAclAssociation": { via: inputName<aws.ec2.NetworkAclAssociationArgs>("subnetId"), counts: associationCounts },
    // Managing the default ACL does not make it a subnet-specific boundary.
    "aws:ec2/defaultNetworkAcl:DefaultNetworkAcl": { via: inputName<aws.ec2.DefaultNetworkAclArgs>("subnetIds"), counts: () => false },
};

export const metadata: ControlMetadata = {
    name: "subnet-network-acl-associated",
    description: "Every AWS subnet is associated with a network ACL the stack defines rather than the VPC's default network ACL.",
    category: "access-control",
    bases: ["csl-23-2", "mlps-8.1.3.2", "mlps-8.2.3.1", "cis-aws"],
    severity: "medium",
    enforcementLevel: "advisory",
    remediationSteps:
        "Create an aws.ec2.NetworkAcl for the subnet's tier with only the inbound rules it needs and list the subnet in its `subnetIds` " +
        "(or add an aws.ec2.NetworkAclAssociation).",
    zh: {
        description: "每个 AWS 子网都关联由堆栈定义的网络 ACL，而不是使用 VPC 的默认网络 ACL。",
        remediationSteps:
            "为子网所在的层级创建只包含所需入站规则的 aws.ec2.NetworkAcl，并将子网加入其 `subnetIds`" +
            "（或添加 aws.ec2.NetworkAclAssociation）。",
    },
    resourceTypes: [...SUBNET_TYPES, ...Object.keys(BINDINGS)],
};

function validate(args: StackValidationArgs, emit: Emit): void {
    for (const { subnet, defaultOnly, unresolved } of uncovered(args.resources, SUBNET_TYPES, BINDINGS)) {
        // The fix is on another resource: an association to add, or the ACL's subnet list.
        emit({
            kind: bi("subnet", "子网"),
            on: { urn: subnet.urn, name: subnet.name },
            found: defaultOnly ? bi("only the VPC's default network ACL", "仅关联 VPC 默认网络 ACL") : bi("no network ACL association (the VPC's default network ACL applies)", "未关联网络 ACL（使用 VPC 默认网络 ACL）"),
            required: bi("associated with a network ACL defined for it", "关联为其定义的网络 ACL"),
            change: { type: "aws.ec2.NetworkAclAssociation", input: "subnetId", add: true },
            fix: bi("Or list the subnet in the `subnetIds` of an aws.ec2.NetworkAcl.", "或将该子网加入 aws.ec2.NetworkAcl 的 `subnetIds`。"),
            ...(unresolved ? { unknown: true } : {}),
        });
    }
}

export default stackControl(metadata, validate);
