import { describe, expect, it } from "vitest";
import vswitchControl from "../../../policies/access-control/vswitch-network-acl-bound";
import { type TestResource, runStack, unknown, urnOf } from "../../helpers/harness";

const SWITCH = "alicloud:vpc/switch:Switch";
const OLD_SUBNET = "alicloud:vpc/subnet:Subnet";
const ALI_ACL = "alicloud:vpc/networkAcl:NetworkAcl";
const ALI_ATTACH = "alicloud:vpc/vpcNetworkAclAttachment:VpcNetworkAclAttachment";
const ALI_ATTACH_OLD = "alicloud:vpc/networkAclAttachment:NetworkAclAttachment";
const ALI_VPC = "alicloud:vpc/network:Network";

const u = urnOf;
const names = (ds: { urn?: string }[]) => ds.map((d) => d.urn?.split("::").pop());

describe("vswitch-network-acl-bound", () => {
    const vpc: TestResource = { type: ALI_VPC, name: "vpc" };
    const web: TestResource = { type: SWITCH, name: "web", propertyDependencies: { vpcId: [u(ALI_VPC, "vpc")] } };
    const data: TestResource = { type: SWITCH, name: "data", propertyDependencies: { vpcId: [u(ALI_VPC, "vpc")] } };

    it("reports every vSwitch when there is no ACL, on the vSwitch's URN, mandatory", async () => {
        const ds = await runStack(vswitchControl, [vpc, web, data]);
        expect(names(ds)).toEqual(["web", "data"]);
        expect(ds.map((d) => d.enforcementLevel)).toEqual(["mandatory", "mandatory"]);
        expect(ds[0]!.message).toContain('vSwitch "web": found no network ACL bound; required bound to a network ACL.');
        expect(ds[0]!.message).toContain("交换机“web”：当前：未绑定网络 ACL");
        // The fix is on another resource: say which one to add, never an input of the vSwitch.
        expect(ds[0]!.message).toContain("Add an `alicloud.vpc.VpcNetworkAclAttachment` with `resourceId` set. Or list the vSwitch in the `resources` of an alicloud.vpc.NetworkAcl.");
        expect(ds[0]!.message).toContain("请添加 `alicloud.vpc.VpcNetworkAclAttachment` 并设置 `resourceId`。或将该交换机加入 alicloud.vpc.NetworkAcl 的 `resources`。");
    });

    it.each([
        ["NetworkAcl resources", { type: ALI_ACL, name: "acl", props: { vpcId: unknown(), resources: [{ resourceId: unknown(), resourceType: "VSwitch" }] }, propertyDependencies: { vpcId: [u(ALI_VPC, "vpc")], resources: [u(SWITCH, "web")] } }],
        ["VpcNetworkAclAttachment", { type: ALI_ATTACH, name: "att", props: { networkAclId: unknown(), resourceId: unknown(), resourceType: "VSwitch" }, propertyDependencies: { resourceId: [u(SWITCH, "web")] } }],
        ["deprecated NetworkAclAttachment", { type: ALI_ATTACH_OLD, name: "att", props: { resources: unknown() }, propertyDependencies: { resources: [u(SWITCH, "web")] } }],
    ])("a vSwitch bound through %s is covered (IDs unknown in preview)", async (_n, binder) => {
        expect(names(await runStack(vswitchControl, [vpc, web, data, binder as TestResource]))).toEqual(["data"]);
    });

    it("an ACL in the same VPC that does not list the vSwitch does not cover it", async () => {
        const acl: TestResource = { type: ALI_ACL, name: "acl", propertyDependencies: { vpcId: [u(ALI_VPC, "vpc")] } };
        expect(names(await runStack(vswitchControl, [vpc, web, acl]))).toEqual(["web"]);
    });

    it("a binding through another resource's output (unknown in preview, no dependency on a vSwitch) makes uncovered vSwitches advisory, never mandatory", async () => {
        // resources[].resourceId comes from another resource (here the VPC), not from the vSwitch.
        const acl: TestResource = {
            type: ALI_ACL,
            name: "acl",
            props: { vpcId: unknown(), resources: [{ resourceId: unknown(), resourceType: "VSwitch" }] },
            propertyDependencies: { vpcId: [u(ALI_VPC, "vpc")], resources: [u("alicloud:vpc/network:Network", "vpc")] },
        };
        const ds = await runStack(vswitchControl, [vpc, web, acl]);
        expect(names(ds)).toEqual(["web"]);
        expect(ds.map((d) => d.enforcementLevel)).toEqual(["advisory"]);
        // A wholly unknown attachment target, with no dependency at all: advisory too.
        const att: TestResource = { type: ALI_ATTACH, name: "att", props: { networkAclId: unknown(), resourceId: unknown(), resourceType: "VSwitch" } };
        expect((await runStack(vswitchControl, [vpc, web, att])).map((d) => d.enforcementLevel)).toEqual(["advisory"]);
    });

    it("a binding by a known vSwitch ID covers it; other vSwitches stay mandatory", async () => {
        const known: TestResource = { type: SWITCH, name: "known", props: { id: "vsw-123" } };
        const att: TestResource = { type: ALI_ATTACH, name: "att", props: { networkAclId: unknown(), resourceId: "vsw-123", resourceType: "VSwitch" } };
        const ds = await runStack(vswitchControl, [vpc, web, known, att]);
        expect(names(ds)).toEqual(["web"]);
        expect(ds.map((d) => d.enforcementLevel)).toEqual(["mandatory"]);
    });

    it("covers the deprecated vpc.Subnet class", async () => {
        expect(names(await runStack(vswitchControl, [{ type: OLD_SUBNET, name: "old" }]))).toEqual(["old"]);
    });

    it("a stack without vSwitches has no findings", async () => {
        expect(await runStack(vswitchControl, [vpc])).toEqual([]);
    });
});
