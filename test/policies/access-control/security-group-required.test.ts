import { describe, expect, it } from "vitest";
import control from "../../../policies/access-control/security-group-required";
import { levels, runResource, secret, unknown } from "../../helpers/harness";

const EC2 = "aws:ec2/instance:Instance";
const LT = "aws:ec2/launchTemplate:LaunchTemplate";
const RDS = "aws:rds/instance:Instance";
const ECS = "alicloud:ecs/instance:Instance";
const ECS_LT = "alicloud:ecs/ecsLaunchTemplate:EcsLaunchTemplate";
const ECS_LT_OLD = "alicloud:ecs/launchTemplate:LaunchTemplate";
const ECS_SET = "alicloud:ecs/ecsInstanceSet:EcsInstanceSet";

describe("security-group-required", () => {
    it.each([
        [EC2, "vpcSecurityGroupIds set", { vpcSecurityGroupIds: ["sg-1"] }, []],
        [EC2, "deprecated securityGroups set", { securityGroups: ["web"] }, []],
        [EC2, "no groups: the VPC default applies", {}, ["mandatory"]],
        [EC2, "an empty list", { vpcSecurityGroupIds: [] }, ["mandatory"]],
        [EC2, "a list of empty strings", { vpcSecurityGroupIds: [""] }, ["mandatory"]],
        [EC2, "a group ID unknown during preview", { vpcSecurityGroupIds: [unknown()] }, []],
        [EC2, "network interfaces carry the groups", { networkInterfaces: [{ deviceIndex: 0, networkInterfaceId: "eni-1" }] }, []],
        [EC2, "a primary network interface carries the groups", { primaryNetworkInterface: { networkInterfaceId: "eni-1" } }, []],
        [EC2, "groups from the launch template", { launchTemplate: { id: "lt-1" } }, []],
        [LT, "vpcSecurityGroupIds", { vpcSecurityGroupIds: ["sg-1"] }, []],
        [LT, "securityGroupNames", { securityGroupNames: ["web"] }, []],
        [LT, "groups on a network interface", { networkInterfaces: [{ deviceIndex: 0, securityGroups: ["sg-1"] }] }, []],
        [LT, "an existing network interface", { networkInterfaces: [{ networkInterfaceId: "eni-1" }] }, []],
        [LT, "a network interface without groups", { networkInterfaces: [{ deviceIndex: 0, associatePublicIpAddress: "false" }] }, ["mandatory"]],
        [LT, "nothing", {}, ["mandatory"]],
        [RDS, "vpcSecurityGroupIds", { vpcSecurityGroupIds: ["sg-1"] }, []],
        [RDS, "absent: the VPC default group", { instanceClass: "db.t3.micro" }, ["mandatory"]],
        [RDS, "empty", { vpcSecurityGroupIds: [] }, ["mandatory"]],
        [ECS, "securityGroups", { securityGroups: ["sg-1"] }, []],
        [ECS, "absent", {}, ["mandatory"]],
        [ECS, "empty", { securityGroups: [] }, ["mandatory"]],
        [ECS, "launch template by ID", { launchTemplateId: "lt-1" }, []],
        [ECS, "launch template by name", { launchTemplateName: "web" }, []],
        [ECS_LT, "securityGroupIds", { securityGroupIds: ["sg-1"] }, []],
        [ECS_LT, "securityGroupId", { securityGroupId: "sg-1" }, []],
        [ECS_LT, "neither", {}, ["mandatory"]],
        [ECS_LT, "an empty ID", { securityGroupId: " " }, ["mandatory"]],
        [ECS_LT_OLD, "deprecated class with securityGroupId", { securityGroupId: "sg-1" }, []],
        [ECS_LT_OLD, "deprecated class without groups", {}, ["mandatory"]],
        [ECS_SET, "securityGroupIds", { securityGroupIds: ["sg-1"] }, []],
        [ECS_SET, "empty", { securityGroupIds: [] }, ["mandatory"]],
    ])("%s: %s", async (type, _n, props, expected) => {
        expect(levels(await runResource(control, { type, props }))).toEqual(expected);
    });

    it("names the resource, what was found, the requirement, the property and the law", async () => {
        const [d] = await runResource(control, { type: EC2, name: "web", props: {} });
        expect(d!.message).toContain('EC2 instance "web": found no security group (the VPC\'s default security group applies); required at least one security group. Change `vpcSecurityGroupIds`.');
        expect(d!.message).toContain("EC2 实例“web”：当前：未指定安全组（将使用 VPC 默认安全组）；要求：至少一个安全组。请修改 `vpcSecurityGroupIds`。");
        expect(d!.message).toContain("GB/T 22239-2019");
        const [e] = await runResource(control, { type: ECS_SET, name: "batch", props: { securityGroupIds: [] } });
        expect(e!.message).toContain('ECS instance set "batch": found an empty security group list or ID');
    });

    it("an unknown group list gives an advisory only", async () => {
        expect(levels(await runResource(control, { type: EC2, props: { vpcSecurityGroupIds: unknown() } }))).toEqual(["advisory"]);
        expect(levels(await runResource(control, { type: ECS, props: { securityGroups: unknown() } }))).toEqual(["advisory"]);
    });

    it.each([[{ vpcSecurityGroupIds: "sg-1" }], [{ vpcSecurityGroupIds: { a: 1 } }], [{ networkInterfaces: "x" }], [{ vpcSecurityGroupIds: [null, 3] }]])("odd input %j never throws", async (props) => {
        await expect(runResource(control, { type: EC2, props })).resolves.toBeDefined();
        await expect(runResource(control, { type: LT, props: { networkInterfaces: [null, 1, props] } })).resolves.toBeDefined();
    });

    it("a secret never appears in the message", async () => {
        const ds = await runResource(control, { type: ECS_LT, props: { securityGroupId: secret(""), userData: secret("TOP-SECRET-VALUE") } });
        expect(levels(ds)).toEqual(["mandatory"]);
        expect(ds[0]!.message).not.toContain("TOP-SECRET-VALUE");
    });

    it("other types are not checked", async () => {
        expect(await runResource(control, { type: "aws:rds/cluster:Cluster", props: {} })).toEqual([]);
    });
});
