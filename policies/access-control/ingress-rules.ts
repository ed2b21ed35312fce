// Reads the ingress rules of security groups and network ACLs on both clouds into one shape, and
// finds the rules that admit traffic from anywhere on the internet. Shared by the admin-port and
// database-port policies, which differ only in which ports they care about.
//
// Every rule of a resource is evaluated on its own: a value unknown during preview makes only
// that rule "unknown" (reported as advisory), so it never hides a known open rule next to it.
import type * as alicloud from "@pulumi/alicloud";
import type * as aws from "@pulumi/aws";
import { type Bilingual, PREVIEW_UNKNOWN, bi, findingMessage, resourceLabel } from "../shared/messages";
import { LEGAL } from "../shared/legal";
import { type Cidr, type PortExposure, alicloudPortExposure, anywhereText, awsPortExposure, isAnywhere, parseCidr } from "../shared/network";
import { inputName, isRecord, readBoolean, readString } from "../shared/properties";
import { tryRead } from "../shared/stack";

/** How one cloud resource type writes its ingress rules. */
export interface RuleFormat {
    kind: Bilingual;
    /** Input holding the list of rules; absent when the resource is itself one rule. */
    list?: string;
    /** Inputs of a rule holding source CIDRs (a string or a list of strings). Other sources (security groups, prefix lists, self) never reach the internet. */
    sources: readonly string[];
    /** Inputs describing protocol and ports, named in messages. */
    portInputs: readonly string[];
    /** Inputs deciding direction and action, named in messages. */
    admitInputs: readonly string[];
    /** True when the rule admits inbound traffic: ingress (not egress) and allow/accept (not deny/drop). */
    admits(rule: unknown): boolean;
    /** What the rule lets through; undefined when protocol or ports are unreadable. */
    exposure(rule: unknown): PortExposure | undefined;
}

function raw(rule: unknown, name: string): unknown {
    return isRecord(rule) ? rule[name] : undefined;
}

function lower(rule: unknown, name: string): string | undefined {
    const r = readString(rule, [name]);
    return r.kind === "value" ? r.value.trim().toLowerCase() : undefined;
}

// A deny/drop rule never admits anything; anything else (including an unreadable action) is read as allow.
const notDenied = (name: string) => (rule: unknown) => lower(rule, name) !== "deny";
const notDropped = (name: string) => (rule: unknown) => lower(rule, name) !== "drop";

const awsSgInline = (kind: Bilingual): RuleFormat => ({
    kind,
    list: inputName<aws.ec2.SecurityGroupArgs>("ingress"),
    sources: ["cidrBlocks", "ipv6CidrBlocks"] satisfies (keyof aws.types.input.ec2.SecurityGroupIngress)[],
    portInputs: ["protocol", "fromPort", "toPort"],
    admitInputs: [],
    admits: () => true,
    exposure: (r) => awsPortExposure(raw(r, "protocol"), raw(r, "fromPort"), raw(r, "toPort")),
});

const awsNaclInline = (kind: Bilingual): RuleFormat => ({
    kind,
    list: inputName<aws.ec2.NetworkAclArgs>("ingress"),
    sources: ["cidrBlock", "ipv6CidrBlock"] satisfies (keyof aws.types.input.ec2.NetworkAclIngress)[],
    portInputs: ["protocol", "fromPort", "toPort"],
    admitInputs: ["action"],
    admits: notDenied("action"),
    exposure: (r) => awsPortExposure(raw(r, "protocol"), raw(r, "fromPort"), raw(r, "toPort")),
});

const alicloudNaclEntries = (kind: Bilingual, list: string): RuleFormat => ({
    kind,
    list,
    sources: ["sourceCidrIp"] satisfies (keyof alicloud.types.input.vpc.NetworkAclIngressAclEntry)[],
    portInputs: ["protocol", "port"],
    admitInputs: ["policy"],
    admits: notDropped("policy"),
    exposure: (r) => alicloudPortExposure(raw(r, "protocol"), raw(r, "port")),
});

export const RULE_FORMATS: Record<string, RuleFormat> = {
    "aws:ec2/securityGroup:SecurityGroup": awsSgInline(bi("security group", "安全组")),
    "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": awsSgInline(bi("default security group", "默认安全组")),
    "aws:ec2/securityGroupRule:SecurityGroupRule": {
        kind: bi("security group rule", "安全组规则"),
        sources: [inputName<aws.ec2.SecurityGroupRuleArgs>("cidrBlocks"), inputName<aws.ec2.SecurityGroupRuleArgs>("ipv6CidrBlocks")],
        portInputs: ["protocol", "fromPort", "toPort"],
        admitInputs: ["type"],
        admits: (r) => lower(r, inputName<aws.ec2.SecurityGroupRuleArgs>("type")) === "ingress",
        exposure: (r) => awsPortExposure(raw(r, "protocol"), raw(r, "fromPort"), raw(r, "toPort")),
    },
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": {
        kind: bi("security group ingress rule", "安全组入方向规则"),
        sources: [inputName<aws.vpc.SecurityGroupIngressRuleArgs>("cidrIpv4"), inputName<aws.vpc.SecurityGroupIngressRuleArgs>("cidrIpv6")],
        portInputs: ["ipProtocol", "fromPort", "toPort"],
        admitInputs: [],
        admits: () => true,
        exposure: (r) => awsPortExposure(raw(r, inputName<aws.vpc.SecurityGroupIngressRuleArgs>("ipProtocol")), raw(r, "fromPort"), raw(r, "toPort")),
    },
    "aws:ec2/networkAcl:NetworkAcl": awsNaclInline(bi("network ACL", "网络 ACL")),
    "aws:ec2/defaultNetworkAcl:DefaultNetworkAcl": awsNaclInline(bi("default network ACL", "默认网络 ACL")),
    "aws:ec2/networkAclRule:NetworkAclRule": {
        kind: bi("network ACL rule", "网络 ACL 规则"),
        sources: [inputName<aws.ec2.NetworkAclRuleArgs>("cidrBlock"), inputName<aws.ec2.NetworkAclRuleArgs>("ipv6CidrBlock")],
        portInputs: ["protocol", "fromPort", "toPort"],
        admitInputs: ["egress", "ruleAction"],
        // `egress` defaults to false: an unset flag is an ingress rule.
        admits: (r) => {
            const egress = readBoolean(r, [inputName<aws.ec2.NetworkAclRuleArgs>("egress")]);
            return !(egress.kind === "value" && egress.value) && notDenied(inputName<aws.ec2.NetworkAclRuleArgs>("ruleAction"))(r);
        },
        exposure: (r) => awsPortExposure(raw(r, "protocol"), raw(r, "fromPort"), raw(r, "toPort")),
    },
    "alicloud:ecs/securityGroupRule:SecurityGroupRule": {
        kind: bi("security group rule", "安全组规则"),
        sources: [inputName<alicloud.ecs.SecurityGroupRuleArgs>("cidrIp"), inputName<alicloud.ecs.SecurityGroupRuleArgs>("ipv6CidrIp")],
        portInputs: ["ipProtocol", "portRange"],
        admitInputs: ["type", "policy"],
        // `policy` defaults to accept.
        admits: (r) => lower(r, inputName<alicloud.ecs.SecurityGroupRuleArgs>("type")) === "ingress" && notDropped(inputName<alicloud.ecs.SecurityGroupRuleArgs>("policy"))(r),
        // `portRange` defaults to "-1/-1": every port.
        exposure: (r) => alicloudPortExposure(raw(r, inputName<alicloud.ecs.SecurityGroupRuleArgs>("ipProtocol")), raw(r, inputName<alicloud.ecs.SecurityGroupRuleArgs>("portRange"))),
    },
    "alicloud:vpc/networkAcl:NetworkAcl": alicloudNaclEntries(bi("network ACL", "网络 ACL"), inputName<alicloud.vpc.NetworkAclArgs>("ingressAclEntries")),
    "alicloud:vpc/networkAclEntries:NetworkAclEntries": alicloudNaclEntries(bi("network ACL entries", "网络 ACL 条目"), inputName<alicloud.vpc.NetworkAclEntriesArgs>("ingresses")),
};

/** One rule's verdict: not reachable from the internet, unknown during preview, or open to anywhere. */
export type RuleVerdict =
    | { kind: "closed" }
    | { kind: "unknown"; property: string }
    | {
          kind: "open";
          /** The rule's path, e.g. `ingress[2]`, or "" when the resource is one rule. */
          rule: string;
          /** The source input that reaches anywhere, e.g. `ingress[2].cidrBlocks[0]`. */
          source: string;
          cidr: Cidr;
          /** Undefined when protocol or ports are unreadable. */
          exposure: PortExposure | undefined;
          portInputs: string;
      };

function firstAnywhere(format: RuleFormat, rule: unknown, prefix: string): { open?: { source: string; cidr: Cidr }; unknownAt?: string } {
    let unknownAt: string | undefined;
    for (const name of format.sources) {
        const value = tryRead(() => raw(rule, name));
        if (!value.known) {
            unknownAt ??= prefix + name;
            continue;
        }
        const list = Array.isArray(value.value) ? value.value : [value.value];
        for (let i = 0; i < list.length; i++) {
            const path = Array.isArray(value.value) ? `${prefix}${name}[${i}]` : prefix + name;
            const item = tryRead(() => list[i]);
            if (!item.known) {
                unknownAt ??= path;
                continue;
            }
            const cidr = parseCidr(item.value);
            if (cidr && isAnywhere(cidr)) {
                return { open: { source: path, cidr } };
            }
        }
    }
    return unknownAt ? { unknownAt } : {};
}

function evaluateRule(format: RuleFormat, rule: unknown, path: string): RuleVerdict {
    const prefix = path ? `${path}.` : "";
    // Sources first: a rule from a private CIDR or another group is fine whatever else is unknown.
    const { open, unknownAt } = firstAnywhere(format, rule, prefix);
    if (!open) {
        return unknownAt ? { kind: "unknown", property: unknownAt } : { kind: "closed" };
    }
    const admits = tryRead(() => format.admits(rule));
    if (!admits.known) {
        return { kind: "unknown", property: format.admitInputs.map((p) => prefix + p).join("`, `") };
    }
    if (!admits.value) {
        return { kind: "closed" };
    }
    const portInputs = format.portInputs.map((p) => prefix + p).join("`, `");
    const exposure = tryRead(() => format.exposure(rule));
    if (!exposure.known) {
        return { kind: "unknown", property: portInputs };
    }
    return { kind: "open", rule: path, source: open.source, cidr: open.cidr, exposure: exposure.value, portInputs };
}

/** Verdicts for every ingress rule of the resource; undefined when the type has no ingress rules. */
export function evaluateIngress(type: string, props: unknown): { format: RuleFormat; verdicts: RuleVerdict[] } | undefined {
    const format = RULE_FORMATS[type];
    if (!format) {
        return undefined;
    }
    if (format.list === undefined) {
        return { format, verdicts: [evaluateRule(format, props, "")] };
    }
    const name = format.list;
    const list = tryRead(() => raw(props, name));
    if (!list.known) {
        return { format, verdicts: [{ kind: "unknown", property: name }] };
    }
    const rules = Array.isArray(list.value) ? list.value : [];
    const verdicts = rules.map((_r, i): RuleVerdict => {
        const rule = tryRead(() => rules[i]);
        return rule.known ? evaluateRule(format, rule.value, `${name}[${i}]`) : { kind: "unknown", property: `${name}[${i}]` };
    });
    return { format, verdicts };
}

export function portsText(ports: readonly number[]): string {
    return ports.join(", ");
}

/** The message for an open rule: which rule, what it opens, from where. Only computed values are echoed. */
export function openRuleMessage(format: RuleFormat, name: string, v: Extract<RuleVerdict, { kind: "open" }>, opened: Bilingual, required: Bilingual): string {
    const where = anywhereText(v.cidr);
    const rule = v.rule ? `${v.rule} ` : "";
    return findingMessage({
        resource: resourceLabel(format.kind, name),
        found: bi(`${rule}admits ${opened.en} from ${where} (anywhere on the internet)`, `${rule}允许来自 ${where}（整个互联网）的${opened.zh}`),
        required,
        property: v.source,
        fix: bi(
            "Restrict the source to a private CIDR, a security group or a prefix list, or remove the rule.",
            "请将来源限制为私有网段、安全组或前缀列表，或删除该规则。",
        ),
        basis: [LEGAL["mlps2-l3"]],
    });
}

/** The advisory for a rule whose source, direction or ports are unknown during preview. */
export function unknownRuleMessage(format: RuleFormat, name: string, property: string, required: Bilingual): string {
    return findingMessage({
        resource: resourceLabel(format.kind, name),
        found: PREVIEW_UNKNOWN,
        required,
        property,
        fix: bi("The rule is checked again when the value is known.", "值确定后将再次检查该规则。"),
        basis: [LEGAL["mlps2-l3"]],
    });
}
