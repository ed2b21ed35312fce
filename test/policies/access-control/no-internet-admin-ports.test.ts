import { describe, expect, it } from "vitest";
import control from "../../../policies/access-control/no-internet-admin-ports";
import { levels, runResource, secret, unknown } from "../../helpers/harness";

const SG = "aws:ec2/securityGroup:SecurityGroup";
const DEFAULT_SG = "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup";
const SG_RULE = "aws:ec2/securityGroupRule:SecurityGroupRule";
const VPC_INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const NACL = "aws:ec2/networkAcl:NetworkAcl";
const DEFAULT_NACL = "aws:ec2/defaultNetworkAcl:DefaultNetworkAcl";
const NACL_RULE = "aws:ec2/networkAclRule:NetworkAclRule";
const ALI_SG_RULE = "alicloud:ecs/securityGroupRule:SecurityGroupRule";
const ALI_NACL = "alicloud:vpc/networkAcl:NetworkAcl";
const ALI_NACL_ENTRIES = "alicloud:vpc/networkAclEntries:NetworkAclEntries";

const tcp = (fromPort: number, toPort: number, extra: Record<string, unknown> = {}) => ({ protocol: "tcp", fromPort, toPort, ...extra });
const sg = (...ingress: Record<string, unknown>[]) => ({ type: SG, name: "web", props: { ingress } });

describe("no-internet-admin-ports: aws.ec2.SecurityGroup inline ingress", () => {
    it.each([
        ["22 from 0.0.0.0/0", tcp(22, 22, { cidrBlocks: ["0.0.0.0/0"] }), ["mandatory"]],
        ["3389 from 0.0.0.0/0", tcp(3389, 3389, { cidrBlocks: ["0.0.0.0/0"] }), ["mandatory"]],
        ["22 from ::/0 (ipv6CidrBlocks)", tcp(22, 22, { ipv6CidrBlocks: ["::/0"] }), ["mandatory"]],
        ["3389 from ::/0", tcp(3389, 3389, { ipv6CidrBlocks: ["::/0"] }), ["mandatory"]],
        ["22 from 0.0.0.0 without a prefix", tcp(22, 22, { cidrBlocks: ["0.0.0.0"] }), ["mandatory"]],
        ["the open CIDR second in the list", tcp(22, 22, { cidrBlocks: ["10.0.0.0/8", "0.0.0.0/0"] }), ["mandatory"]],
        ["a range 20-30 containing 22", tcp(20, 30, { cidrBlocks: ["0.0.0.0/0"] }), ["mandatory"]],
        ["a range 0-65535", tcp(0, 65535, { cidrBlocks: ["0.0.0.0/0"] }), ["mandatory"]],
        ["protocol -1 with ports 0", { protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }, ["mandatory"]],
        ["protocol all", { protocol: "all", fromPort: 0, toPort: 0, ipv6CidrBlocks: ["::/0"] }, ["mandatory"]],
        ["every udp port", { protocol: "udp", fromPort: 0, toPort: 65535, cidrBlocks: ["0.0.0.0/0"] }, ["mandatory"]],
        ["443 from anywhere", tcp(443, 443, { cidrBlocks: ["0.0.0.0/0"], ipv6CidrBlocks: ["::/0"] }), []],
        ["a range 23-3388 between the ports", tcp(23, 3388, { cidrBlocks: ["0.0.0.0/0"] }), []],
        ["icmp from anywhere", { protocol: "icmp", fromPort: 8, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }, []],
        ["22 from 10/8", tcp(22, 22, { cidrBlocks: ["10.0.0.0/8"] }), []],
        ["22 from 172.16/12", tcp(22, 22, { cidrBlocks: ["172.16.0.0/12"] }), []],
        ["22 from 192.168/16", tcp(22, 22, { cidrBlocks: ["192.168.0.0/16"] }), []],
        ["22 from a single office address", tcp(22, 22, { cidrBlocks: ["203.0.113.7/32"] }), []],
        ["22 from fd00::/8", tcp(22, 22, { ipv6CidrBlocks: ["fd00::/8"] }), []],
        ["22 from a security group", tcp(22, 22, { securityGroups: ["sg-0123"] }), []],
        ["22 from self", tcp(22, 22, { self: true }), []],
        ["22 from a prefix list", tcp(22, 22, { prefixListIds: ["pl-0123"] }), []],
        ["all protocols from a private CIDR", { protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["10.10.0.0/16"] }, []],
    ])("%s", async (_n, rule, expected) => {
        expect(levels(await runResource(control, sg(rule)))).toEqual(expected);
    });

    it("evaluates every rule: a harmless self rule before an open port-22 rule does not hide it", async () => {
        const ds = await runResource(control, sg(tcp(0, 65535, { self: true }), tcp(443, 443, { cidrBlocks: ["0.0.0.0/0"] }), tcp(22, 22, { cidrBlocks: ["0.0.0.0/0"] })));
        expect(levels(ds)).toEqual(["mandatory"]);
        expect(ds[0]!.message).toContain("Change `ingress[2].cidrBlocks[0]`");
    });

    it("reports each open rule once", async () => {
        const ds = await runResource(control, sg(tcp(22, 22, { cidrBlocks: ["0.0.0.0/0"] }), tcp(3389, 3389, { ipv6CidrBlocks: ["::/0"] })));
        expect(levels(ds)).toEqual(["mandatory", "mandatory"]);
        expect(ds[1]!.message).toContain("`ingress[1].ipv6CidrBlocks[0]`");
    });

    it("egress rules never violate", async () => {
        const ds = await runResource(control, { type: SG, props: { egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }] } });
        expect(ds).toEqual([]);
    });

    it("names the rule, the exposure, the requirement, the property and the law in both languages", async () => {
        const [d] = await runResource(control, sg(tcp(20, 30, { cidrBlocks: ["0.0.0.0/0"] })));
        expect(d!.message).toContain('security group "web": found ingress[0] admits restricted port 22 (tcp 20-30) from 0.0.0.0/0 (anywhere on the internet)');
        expect(d!.message).toContain("required no ingress from the internet to ports 22, 3389, every port or every protocol. Change `ingress[0].cidrBlocks[0]`.");
        expect(d!.message).toContain("Compliance basis: Cybersecurity Law Art. 23(2) (Art. 21(2) before 2026-01-01); GB/T 22239-2019 level 3 8.1.3.2, 8.1.4.4, 8.2.3.1; CIS AWS Foundations Benchmark.");
        expect(d!.message).toContain("安全组“web”：当前：ingress[0] 允许来自 0.0.0.0/0（整个互联网）的流量访问受限端口 22（tcp 20-30）");
        expect(d!.message).toContain("请将来源限制为私有网段、安全组或前缀列表，或删除该规则。");
        expect(d!.message).toContain("合规依据：《中华人民共和国网络安全法》第二十三条第二项；GB/T 22239-2019《信息安全技术 网络安全等级保护基本要求》第三级 8.1.3.2、8.1.4.4、8.2.3.1；CIS AWS 基础安全基准。");
    });

    it("says every port for all-protocol rules", async () => {
        const [d] = await runResource(control, sg({ protocol: "-1", fromPort: 0, toPort: 0, ipv6CidrBlocks: ["::/0"] }));
        expect(d!.message).toContain("admits every port (all protocols and ports) from ::/0");
    });

    it("honours configured restricted ports", async () => {
        const rule = tcp(5900, 5900, { cidrBlocks: ["0.0.0.0/0"] });
        expect(levels(await runResource(control, sg(rule)))).toEqual([]);
        expect(levels(await runResource(control, sg(rule), { config: { restrictedPorts: [22, 5900] } }))).toEqual(["mandatory"]);
        // With no restricted ports, every-port rules are still reported.
        expect(levels(await runResource(control, sg(tcp(22, 22, { cidrBlocks: ["0.0.0.0/0"] })), { config: { restrictedPorts: [] } }))).toEqual([]);
        expect(levels(await runResource(control, sg({ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }), { config: { restrictedPorts: [] } }))).toEqual(["mandatory"]);
    });

    it("the default security group's inline rules are checked too", async () => {
        const ds = await runResource(control, { type: DEFAULT_SG, props: { ingress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }] } });
        expect(levels(ds)).toEqual(["mandatory"]);
    });
});

describe("no-internet-admin-ports: unknown values during preview", () => {
    it("an unknown CIDR gives an advisory only", async () => {
        const ds = await runResource(control, sg(tcp(22, 22, { cidrBlocks: [unknown()] })));
        expect(levels(ds)).toEqual(["advisory"]);
        expect(ds[0]!.message).toContain("`ingress[0].cidrBlocks[0]`");
    });

    it("an unknown port range on an open rule gives an advisory only", async () => {
        const ds = await runResource(control, sg({ protocol: "tcp", fromPort: unknown(), toPort: unknown(), cidrBlocks: ["0.0.0.0/0"] }));
        expect(levels(ds)).toEqual(["advisory"]);
    });

    it("an unknown port range on a private rule is fine", async () => {
        expect(await runResource(control, sg({ protocol: "tcp", fromPort: unknown(), toPort: 22, cidrBlocks: ["10.0.0.0/8"] }))).toEqual([]);
    });

    it("an unknown security-group source is fine", async () => {
        expect(await runResource(control, sg(tcp(22, 22, { securityGroups: [unknown()] })))).toEqual([]);
    });

    it("an unknown rule does not hide a known open rule", async () => {
        const ds = await runResource(control, sg(tcp(22, 22, { cidrBlocks: [unknown()] }), tcp(3389, 3389, { cidrBlocks: ["0.0.0.0/0"] })));
        expect(levels(ds)).toEqual(["advisory", "mandatory"]);
    });

    it("an unknown CIDR next to a known open CIDR is a violation", async () => {
        expect(levels(await runResource(control, sg(tcp(22, 22, { cidrBlocks: [unknown(), "0.0.0.0/0"] }))))).toEqual(["mandatory"]);
    });

    it("an unknown ingress list gives an advisory", async () => {
        expect(levels(await runResource(control, { type: SG, props: { ingress: unknown() } }))).toEqual(["advisory"]);
    });

    it("an unknown rule type on an open standalone rule gives an advisory", async () => {
        const ds = await runResource(control, { type: SG_RULE, props: { type: unknown(), protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] } });
        expect(levels(ds)).toEqual(["advisory"]);
    });
});

describe("no-internet-admin-ports: aws.ec2.SecurityGroupRule", () => {
    const rule = (props: Record<string, unknown>) => ({ type: SG_RULE, props: { securityGroupId: "sg-1", ...props } });
    it.each([
        ["ingress 22 from 0.0.0.0/0", { type: "ingress", ...tcp(22, 22), cidrBlocks: ["0.0.0.0/0"] }, ["mandatory"]],
        ["ingress 3389 from ::/0", { type: "ingress", ...tcp(3389, 3389), ipv6CidrBlocks: ["::/0"] }, ["mandatory"]],
        ["protocol all with ports 80-80 opens every port", { type: "ingress", protocol: "all", fromPort: 80, toPort: 80, cidrBlocks: ["0.0.0.0/0"] }, ["mandatory"]],
        ["protocol -1", { type: "ingress", protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }, ["mandatory"]],
        ["protocol 6 = tcp", { type: "ingress", protocol: "6", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] }, ["mandatory"]],
        ["egress 22 to 0.0.0.0/0", { type: "egress", ...tcp(22, 22), cidrBlocks: ["0.0.0.0/0"] }, []],
        ["source security group", { type: "ingress", ...tcp(22, 22), sourceSecurityGroupId: "sg-2" }, []],
        ["self", { type: "ingress", ...tcp(22, 22), self: true }, []],
        ["prefix list", { type: "ingress", ...tcp(22, 22), prefixListIds: ["pl-1"] }, []],
        ["private CIDR", { type: "ingress", ...tcp(22, 22), cidrBlocks: ["192.168.0.0/16"] }, []],
    ])("%s", async (_n, props, expected) => {
        expect(levels(await runResource(control, rule(props)))).toEqual(expected);
    });

    it("names the standalone rule's source input", async () => {
        const [d] = await runResource(control, rule({ type: "ingress", ...tcp(22, 22), cidrBlocks: ["0.0.0.0/0"] }));
        expect(d!.message).toContain("found admits restricted port 22 (tcp 22) from 0.0.0.0/0");
        expect(d!.message).toContain("Change `cidrBlocks[0]`");
    });
});

describe("no-internet-admin-ports: aws.vpc.SecurityGroupIngressRule", () => {
    it.each([
        ["22 from cidrIpv4 0.0.0.0/0", { ipProtocol: "tcp", fromPort: 22, toPort: 22, cidrIpv4: "0.0.0.0/0" }, ["mandatory"]],
        ["3389 from cidrIpv6 ::/0", { ipProtocol: "tcp", fromPort: 3389, toPort: 3389, cidrIpv6: "::/0" }, ["mandatory"]],
        ["ipProtocol -1 without ports", { ipProtocol: "-1", cidrIpv4: "0.0.0.0/0" }, ["mandatory"]],
        ["tcp without ports is unreadable and open", { ipProtocol: "tcp", cidrIpv4: "0.0.0.0/0" }, ["mandatory"]],
        ["443", { ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "0.0.0.0/0" }, []],
        ["referenced group", { ipProtocol: "-1", referencedSecurityGroupId: "sg-1" }, []],
        ["prefix list", { ipProtocol: "-1", prefixListId: "pl-1" }, []],
        ["private", { ipProtocol: "-1", cidrIpv4: "10.0.0.0/8" }, []],
        ["ULA", { ipProtocol: "-1", cidrIpv6: "fd00::/8" }, []],
    ])("%s", async (_n, props, expected) => {
        expect(levels(await runResource(control, { type: VPC_INGRESS, props: { securityGroupId: "sg-1", ...props } }))).toEqual(expected);
    });

    it("an unknown cidrIpv4 gives an advisory only", async () => {
        expect(levels(await runResource(control, { type: VPC_INGRESS, props: { ipProtocol: "tcp", fromPort: 22, toPort: 22, cidrIpv4: unknown() } }))).toEqual(["advisory"]);
    });
});

describe("no-internet-admin-ports: AWS network ACLs", () => {
    const entry = (props: Record<string, unknown>) => ({ ruleNo: 100, action: "allow", protocol: "tcp", fromPort: 22, toPort: 22, cidrBlock: "0.0.0.0/0", ...props });
    it.each([
        ["allow 22 from 0.0.0.0/0", entry({}), ["mandatory"]],
        ["ALLOW in capitals", entry({ action: "ALLOW" }), ["mandatory"]],
        ["allow 3389 from ::/0", entry({ fromPort: 3389, toPort: 3389, cidrBlock: undefined, ipv6CidrBlock: "::/0" }), ["mandatory"]],
        ["protocol -1", entry({ protocol: "-1", fromPort: 0, toPort: 0 }), ["mandatory"]],
        ["protocol all", entry({ protocol: "all", fromPort: 0, toPort: 0 }), ["mandatory"]],
        ["protocol 6 over 1024-65535 contains 3389", entry({ protocol: "6", fromPort: 1024, toPort: 65535 }), ["mandatory"]],
        ["deny 22 from anywhere", entry({ action: "deny" }), []],
        ["deny all from anywhere", entry({ action: "deny", protocol: "-1", fromPort: 0, toPort: 0 }), []],
        ["allow 22 from the VPC", entry({ cidrBlock: "10.10.0.0/16" }), []],
        ["allow 443 from anywhere", entry({ fromPort: 443, toPort: 443 }), []],
        ["allow ephemeral 32768-65535", entry({ fromPort: 32768, toPort: 65535 }), []],
    ])("%s", async (_n, rule, expected) => {
        expect(levels(await runResource(control, { type: NACL, props: { vpcId: "vpc-1", ingress: [rule] } }))).toEqual(expected);
        expect(levels(await runResource(control, { type: DEFAULT_NACL, props: { defaultNetworkAclId: "acl-1", ingress: [rule] } }))).toEqual(expected);
    });

    it("egress entries never violate", async () => {
        expect(await runResource(control, { type: NACL, props: { vpcId: "v", egress: [entry({ protocol: "-1" })] } })).toEqual([]);
    });

    it.each([
        ["ingress allow 22", { ruleAction: "allow", protocol: "tcp", fromPort: 22, toPort: 22, cidrBlock: "0.0.0.0/0" }, ["mandatory"]],
        ["egress unset = ingress", { ruleAction: "allow", protocol: "-1", cidrBlock: "0.0.0.0/0" }, ["mandatory"]],
        ["protocol all ignores ports", { ruleAction: "allow", protocol: "all", fromPort: 80, toPort: 80, ipv6CidrBlock: "::/0" }, ["mandatory"]],
        ["egress true", { egress: true, ruleAction: "allow", protocol: "-1", cidrBlock: "0.0.0.0/0" }, []],
        ["deny", { ruleAction: "deny", protocol: "-1", cidrBlock: "0.0.0.0/0" }, []],
        ["private", { ruleAction: "allow", protocol: "-1", cidrBlock: "172.16.0.0/12" }, []],
    ])("aws.ec2.NetworkAclRule: %s", async (_n, props, expected) => {
        expect(levels(await runResource(control, { type: NACL_RULE, props: { networkAclId: "acl-1", ruleNumber: 100, ...props } }))).toEqual(expected);
    });
});

describe("no-internet-admin-ports: alicloud.ecs.SecurityGroupRule", () => {
    const rule = (props: Record<string, unknown>) => ({ type: ALI_SG_RULE, props: { securityGroupId: "sg-1", type: "ingress", ipProtocol: "tcp", ...props } });
    it.each([
        ["22/22 from 0.0.0.0/0", { portRange: "22/22", cidrIp: "0.0.0.0/0" }, ["mandatory"]],
        ["3389 from ::/0 (ipv6CidrIp)", { portRange: "3389/3389", ipv6CidrIp: "::/0" }, ["mandatory"]],
        ["0.0.0.0 without a prefix", { portRange: "22/22", cidrIp: "0.0.0.0" }, ["mandatory"]],
        ["range 20/30", { portRange: "20/30", cidrIp: "0.0.0.0/0" }, ["mandatory"]],
        ["range 1/65535", { portRange: "1/65535", cidrIp: "0.0.0.0/0" }, ["mandatory"]],
        ["tcp -1/-1 = all ports", { portRange: "-1/-1", cidrIp: "0.0.0.0/0" }, ["mandatory"]],
        ["tcp with the default portRange", { cidrIp: "0.0.0.0/0" }, ["mandatory"]],
        ["ipProtocol all", { ipProtocol: "all", portRange: "-1/-1", cidrIp: "0.0.0.0/0" }, ["mandatory"]],
        ["policy accept explicitly", { policy: "accept", portRange: "22/22", cidrIp: "0.0.0.0/0" }, ["mandatory"]],
        ["policy drop", { policy: "drop", portRange: "22/22", cidrIp: "0.0.0.0/0" }, []],
        ["egress", { type: "egress", portRange: "22/22", cidrIp: "0.0.0.0/0" }, []],
        ["source security group", { portRange: "22/22", sourceSecurityGroupId: "sg-2" }, []],
        ["prefix list", { portRange: "22/22", prefixListId: "pl-1" }, []],
        ["private CIDR", { portRange: "22/22", cidrIp: "10.0.0.0/8" }, []],
        ["80/443", { portRange: "80/443", cidrIp: "0.0.0.0/0" }, []],
        ["icmp", { ipProtocol: "icmp", portRange: "-1/-1", cidrIp: "0.0.0.0/0" }, []],
    ])("%s", async (_n, props, expected) => {
        expect(levels(await runResource(control, rule(props)))).toEqual(expected);
    });

    it("an unknown portRange on an open rule gives an advisory only", async () => {
        expect(levels(await runResource(control, rule({ portRange: unknown(), cidrIp: "0.0.0.0/0" })))).toEqual(["advisory"]);
    });

    it("names the source as Alibaba Cloud's console does (授权对象), and the ports with 、", async () => {
        const [d] = await runResource(control, { ...rule({ portRange: "1/4000", cidrIp: "0.0.0.0/0" }), name: "ssh" });
        expect(d!.message).toContain("Restrict the authorization object (source) to a private CIDR");
        expect(d!.message).toContain("安全组规则“ssh”：当前：允许来自 0.0.0.0/0（整个互联网）的流量访问受限端口 22、3389（tcp 1-4000）；要求：不允许来自互联网的流量访问端口 22、3389、全部端口或全部协议。请修改 `cidrIp`。请将授权对象限制为私有网段");
        // The CIS AWS benchmark is not a basis for an Alibaba Cloud resource.
        expect(d!.message).not.toContain("CIS");
        expect(d!.message).toMatch(/GB\/T 22239-2019 level 3 8\.1\.3\.2, 8\.1\.4\.4, 8\.2\.3\.1\.\n/);
    });
});

describe("no-internet-admin-ports: Alibaba Cloud network ACLs", () => {
    it("a network ACL entry's source can only be narrowed to a CIDR (源地址)", async () => {
        const entry = { protocol: "tcp", port: "22/22", sourceCidrIp: "0.0.0.0/0", policy: "accept" };
        const [d] = await runResource(control, { type: ALI_NACL, name: "acl", props: { vpcId: "v", ingressAclEntries: [entry] } });
        expect(d!.message).toContain("Restrict the source address to a private CIDR, or remove the rule.");
        expect(d!.message).toContain("请将源地址限制为私有网段，或删除该规则。");
    });

    const entry = (props: Record<string, unknown>) => ({ sourceCidrIp: "0.0.0.0/0", protocol: "tcp", port: "22/22", policy: "accept", ...props });
    it.each([
        ["accept 22", entry({}), ["mandatory"]],
        ["policy unset", entry({ policy: undefined }), ["mandatory"]],
        ["all -1/-1", entry({ protocol: "all", port: "-1/-1" }), ["mandatory"]],
        ["tcp -1/-1", entry({ port: "-1/-1" }), ["mandatory"]],
        ["::/0", entry({ sourceCidrIp: "::/0", port: "3389/3389" }), ["mandatory"]],
        ["drop", entry({ policy: "drop" }), []],
        ["private", entry({ sourceCidrIp: "192.168.0.0/16" }), []],
        ["prefix list id as source", entry({ sourceCidrIp: "pl-0123" }), []],
        ["80/80", entry({ port: "80/80" }), []],
    ])("%s", async (_n, e, expected) => {
        expect(levels(await runResource(control, { type: ALI_NACL, props: { vpcId: "v", ingressAclEntries: [e] } }))).toEqual(expected);
        expect(levels(await runResource(control, { type: ALI_NACL_ENTRIES, props: { networkAclId: "n", ingresses: [e] } }))).toEqual(expected);
    });

    it("egress entries never violate", async () => {
        const e = { destinationCidrIp: "0.0.0.0/0", protocol: "all", port: "-1/-1", policy: "accept" };
        expect(await runResource(control, { type: ALI_NACL, props: { vpcId: "v", egressAclEntries: [e] } })).toEqual([]);
        expect(await runResource(control, { type: ALI_NACL_ENTRIES, props: { networkAclId: "n", egresses: [e] } })).toEqual([]);
    });

    it("evaluates every entry", async () => {
        const ds = await runResource(control, { type: ALI_NACL, props: { vpcId: "v", ingressAclEntries: [entry({ sourceCidrIp: "10.0.0.0/8" }), entry({ port: "80/80" }), entry({})] } });
        expect(levels(ds)).toEqual(["mandatory"]);
        expect(ds[0]!.message).toContain("`ingressAclEntries[2].sourceCidrIp`");
    });
});

describe("no-internet-admin-ports: odd input and secrets", () => {
    it.each([
        [SG, { ingress: null }],
        [SG, { ingress: "x" }],
        [SG, { ingress: [null, 1, "x", [1], { cidrBlocks: "0.0.0.0/0" }] }],
        [SG, { ingress: [{ cidrBlocks: [{ a: 1 }], protocol: { x: 1 } }] }],
        [SG_RULE, { type: 5, cidrBlocks: 7 }],
        [ALI_SG_RULE, { type: ["ingress"], cidrIp: 0 }],
        [ALI_NACL, { ingressAclEntries: { a: 1 } }],
        [NACL_RULE, {}],
    ])("%s %j never throws", async (type, props) => {
        await expect(runResource(control, { type, props })).resolves.toBeDefined();
    });

    it("an unreadable protocol on an open rule is a violation that does not echo it", async () => {
        const ds = await runResource(control, sg({ protocol: "SECRET-PROTO-VALUE!", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] }));
        expect(levels(ds)).toEqual(["mandatory"]);
        expect(ds[0]!.message).not.toContain("SECRET-PROTO-VALUE");
    });

    it("a secret CIDR is evaluated but never echoed", async () => {
        const ds = await runResource(control, sg(tcp(22, 22, { cidrBlocks: [secret(" 0.0.0.0/0 ")] })));
        expect(levels(ds)).toEqual(["mandatory"]);
        const text = await runResource(control, sg(tcp(22, 22, { cidrBlocks: [secret("0.0.0.0/0")], description: secret("TOP-SECRET-VALUE") })));
        expect(text.map((d) => d.message).join("\n")).not.toContain("TOP-SECRET-VALUE");
    });

    it("other resource types are not checked", async () => {
        expect(await runResource(control, { type: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", props: { ipProtocol: "-1", cidrIpv4: "0.0.0.0/0" } })).toEqual([]);
    });
});
