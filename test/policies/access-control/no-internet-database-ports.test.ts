import { describe, expect, it } from "vitest";
import control from "../../../policies/access-control/no-internet-database-ports";
import { levels, runResource, unknown } from "../../helpers/harness";

const SG = "aws:ec2/securityGroup:SecurityGroup";
const ALI_SG_RULE = "alicloud:ecs/securityGroupRule:SecurityGroupRule";
const VPC_INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";

const open = (fromPort: number, toPort: number) => ({ protocol: "tcp", fromPort, toPort, cidrBlocks: ["0.0.0.0/0"] });

describe("no-internet-database-ports", () => {
    it("is advisory by default", () => {
        expect(control.policy.enforcementLevel).toBe("advisory");
    });

    it.each([
        ["3306", open(3306, 3306), ["advisory"]],
        ["5432", open(5432, 5432), ["advisory"]],
        ["1433", open(1433, 1433), ["advisory"]],
        ["1521", open(1521, 1521), ["advisory"]],
        ["6379", open(6379, 6379), ["advisory"]],
        ["27017", open(27017, 27017), ["advisory"]],
        ["9200", open(9200, 9200), ["advisory"]],
        ["a range 3000-4000 containing 3306", open(3000, 4000), ["advisory"]],
        ["3306 from ::/0", { protocol: "tcp", fromPort: 3306, toPort: 3306, ipv6CidrBlocks: ["::/0"] }, ["advisory"]],
        ["3306 from a private CIDR", { protocol: "tcp", fromPort: 3306, toPort: 3306, cidrBlocks: ["10.0.0.0/8"] }, []],
        ["3306 from a security group", { protocol: "tcp", fromPort: 3306, toPort: 3306, securityGroups: ["sg-app"] }, []],
        ["22 (an admin port, not a database port)", open(22, 22), []],
        // Every-port rules are no-internet-admin-ports' (mandatory) finding; not repeated here.
        ["every port", open(0, 65535), []],
        ["all protocols", { protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }, []],
    ])("%s", async (_n, rule, expected) => {
        expect(levels(await runResource(control, { type: SG, props: { ingress: [rule] } }))).toEqual(expected);
    });

    it("names the database port found", async () => {
        const [d] = await runResource(control, { type: SG, name: "db", props: { ingress: [open(3000, 6000)] } });
        expect(d!.message).toContain('security group "db": found ingress[0] admits database ports 3306, 5432 (tcp 3000-6000) from 0.0.0.0/0');
        expect(d!.message).toContain("数据库端口 3306、5432");
    });

    it("honours configured database ports", async () => {
        const rule = { type: SG, props: { ingress: [open(8086, 8086)] } };
        expect(await runResource(control, rule)).toEqual([]);
        expect(levels(await runResource(control, rule, { config: { databasePorts: [8086] } }))).toEqual(["advisory"]);
        expect(await runResource(control, { type: SG, props: { ingress: [open(3306, 3306)] } }, { config: { databasePorts: [] } })).toEqual([]);
    });

    it("reports mandatory when an organisation raises the level", async () => {
        expect(levels(await runResource(control, { type: SG, props: { ingress: [open(3306, 3306)] } }, { config: { enforcementLevel: "mandatory" } }))).toEqual(["mandatory"]);
    });

    it("covers Alibaba Cloud rules and the vpc ingress rule", async () => {
        expect(levels(await runResource(control, { type: ALI_SG_RULE, props: { type: "ingress", ipProtocol: "tcp", portRange: "6379/6379", cidrIp: "0.0.0.0/0" } }))).toEqual(["advisory"]);
        expect(levels(await runResource(control, { type: VPC_INGRESS, props: { ipProtocol: "tcp", fromPort: 5432, toPort: 5432, cidrIpv6: "::/0" } }))).toEqual(["advisory"]);
    });

    it("an unknown source gives an advisory, a known open rule next to it is still reported", async () => {
        const ds = await runResource(control, { type: SG, props: { ingress: [{ protocol: "tcp", fromPort: 3306, toPort: 3306, cidrBlocks: [unknown()] }, open(5432, 5432)] } });
        expect(ds.map((d) => d.message.includes("unknown until"))).toEqual([true, false]);
    });
});
