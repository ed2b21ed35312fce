import { describe, expect, it } from "vitest";
import subnetControl from "../../../policies/access-control/subnet-network-acl-associated";
import { type TestResource, runStack, unknown, urnOf } from "../../helpers/harness";

const SUBNET = "aws:ec2/subnet:Subnet";
const DEFAULT_SUBNET = "aws:ec2/defaultSubnet:DefaultSubnet";
const NACL = "aws:ec2/networkAcl:NetworkAcl";
const ASSOC = "aws:ec2/networkAclAssociation:NetworkAclAssociation";
const DEFAULT_NACL = "aws:ec2/defaultNetworkAcl:DefaultNetworkAcl";
const VPC = "aws:ec2/vpc:Vpc";

const u = urnOf;
const names = (ds: { urn?: string }[]) => ds.map((d) => d.urn?.split("::").pop());

describe("subnet-network-acl-associated", () => {
    const vpc: TestResource = { type: VPC, name: "vpc" };
    const a: TestResource = { type: SUBNET, name: "public-a" };
    const b: TestResource = { type: SUBNET, name: "private-a" };

    it("is advisory by default and reports each subnet left on the default ACL", async () => {
        const ds = await runStack(subnetControl, [vpc, a, b]);
        expect(names(ds)).toEqual(["public-a", "private-a"]);
        expect(ds.map((d) => d.enforcementLevel)).toEqual(["advisory", "advisory"]);
        expect(ds[0]!.message).toContain('subnet "public-a": found no network ACL association (the VPC\'s default network ACL applies)');
        expect(ds[0]!.message).toContain("Add an `aws.ec2.NetworkAclAssociation` with `subnetId` set. Or list the subnet in the `subnetIds` of an aws.ec2.NetworkAcl.");
        expect(ds[0]!.message).toContain("子网“public-a”：当前：未关联网络 ACL（使用 VPC 默认网络 ACL）；要求：关联为其定义的网络 ACL。请添加 `aws.ec2.NetworkAclAssociation` 并设置 `subnetId`。");
        expect(ds[0]!.message).not.toContain("aws.ec2.NetworkAcl.subnetIds");
    });

    it("NetworkAcl subnetIds covers the subnets it lists", async () => {
        const acl: TestResource = { type: NACL, name: "acl", props: { subnetIds: [unknown()] }, propertyDependencies: { subnetIds: [u(SUBNET, "public-a")] } };
        expect(names(await runStack(subnetControl, [vpc, a, b, acl]))).toEqual(["private-a"]);
    });

    it.each([
        ["a NetworkAcl in the stack", { networkAclId: [u(NACL, "acl")], subnetId: [u(SUBNET, "public-a")] }, ["private-a"]],
        ["a literal ACL ID from another stack", { subnetId: [u(SUBNET, "public-a")] }, ["private-a"]],
        ["the VPC's defaultNetworkAclId", { networkAclId: [u(VPC, "vpc")], subnetId: [u(SUBNET, "public-a")] }, ["public-a", "private-a"]],
        ["a DefaultNetworkAcl", { networkAclId: [u(DEFAULT_NACL, "default")], subnetId: [u(SUBNET, "public-a")] }, ["public-a", "private-a"]],
    ])("NetworkAclAssociation to %s", async (_n, deps, expected) => {
        const acl: TestResource = { type: NACL, name: "acl" };
        const dflt: TestResource = { type: DEFAULT_NACL, name: "default" };
        const assoc: TestResource = { type: ASSOC, name: "assoc", propertyDependencies: deps };
        expect(names(await runStack(subnetControl, [vpc, a, b, acl, dflt, assoc]))).toEqual(expected);
    });

    it("a subnet listed only on the DefaultNetworkAcl says so", async () => {
        const dflt: TestResource = { type: DEFAULT_NACL, name: "default", propertyDependencies: { subnetIds: [u(SUBNET, "public-a")] } };
        const ds = await runStack(subnetControl, [vpc, a, dflt]);
        expect(names(ds)).toEqual(["public-a"]);
        expect(ds[0]!.message).toContain("found only the VPC's default network ACL");
    });

    it("covers default subnets", async () => {
        expect(names(await runStack(subnetControl, [{ type: DEFAULT_SUBNET, name: "dflt" }]))).toEqual(["dflt"]);
    });

    it("can be made mandatory", async () => {
        const ds = await runStack(subnetControl, [a], { config: { enforcementLevel: "mandatory" } });
        expect(ds.map((d) => d.enforcementLevel)).toEqual(["mandatory"]);
    });
});
