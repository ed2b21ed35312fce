// Reads the ingress rules of security groups and network ACLs on both clouds into one shape, and
// finds the rules that admit traffic from anywhere on the internet. Shared by the admin-port and
// database-port policies, which differ only in which ports they care about.
//
// Every rule of a resource is evaluated on its own: a value unknown during preview makes only
// that rule "unknown" (reported as advisory), so it never hides a known open rule next to it.
import type * as alicloud from "@pulumi/alicloud";
import type * as aws from "@pulumi/aws";
import { type BasisId } from "../shared/bases";
import { type Change, type Emit } from "../shared/emit";
import { type Bilingual, bi } from "../shared/messages";
import { type Cidr, type PortExposure, alicloudPortExposure, anywhereText, awsPortExposure, isAnywhere, parseCidr } from "../shared/network";
import { inputName, toBoolean } from "../shared/properties";
import { type Input } from "../shared/reader";

/** The known values of some inputs of one rule, by input name (undefined = unset). */
type Values = Readonly<Record<string, unknown>>;

/** How one cloud resource type writes its ingress rules. */
export interface RuleFormat {
    kind: Bilingual;
    /** Input holding the list of rules; absent when the resource is itself one rule. */
    list?: string;
    /** Inputs of a rule holding source CIDRs (a string or a list of strings). Other sources (security groups, prefix lists, self) never reach the internet. */
    sources: readonly string[];
    /** Inputs describing protocol and ports. */
    portInputs: readonly string[];
    /** Inputs deciding direction and action. */
    admitInputs: readonly string[];
    /** True when the rule admits inbound traffic: ingress (not egress) and allow/accept (not deny/drop). */
    admits(v: Values): boolean;
    /** What the rule lets through; undefined when protocol or ports are unreadable. */
    exposure(v: Values): PortExposure | undefined;
    /** What the cloud's console calls the rule's source, for the fix text. */
    source: Bilingual;
    /** What the source may be narrowed to (a network ACL takes only CIDRs). */
    narrowTo: Bilingual;
}

function lower(v: Values, name: string): string | undefined {
    const s = v[name];
    return typeof s === "string" ? s.trim().toLowerCase() : undefined;
}

// A deny/drop rule never admits anything; anything else (including an unreadable action) is read as allow.
const notDenied = (name: string) => (v: Values) => lower(v, name) !== "deny";
const notDropped = (name: string) => (v: Values) => lower(v, name) !== "drop";

const AWS_SOURCE = bi("source", "来源");
const GROUP_SOURCES = bi("a private CIDR, a security group or a prefix list", "私有网段、安全组或前缀列表");
const CIDR_SOURCES = bi("a private CIDR", "私有网段");
// Alibaba Cloud's console: a security-group rule's source is its 授权对象, a network-ACL entry's its 源地址.
const ALI_SG_SOURCE = bi("authorization object (source)", "授权对象");
const ALI_NACL_SOURCE = bi("source address", "源地址");

const awsPorts = (v: Values) => awsPortExposure(v["protocol"], v["fromPort"], v["toPort"]);

const awsSgInline = (kind: Bilingual): RuleFormat => ({
    kind,
    list: inputName<aws.ec2.SecurityGroupArgs>("ingress"),
    sources: ["cidrBlocks", "ipv6CidrBlocks"] satisfies (keyof aws.types.input.ec2.SecurityGroupIngress)[],
    portInputs: ["protocol", "fromPort", "toPort"],
    admitInputs: [],
    admits: () => true,
    exposure: awsPorts,
    source: AWS_SOURCE,
    narrowTo: GROUP_SOURCES,
});

const awsNaclInline = (kind: Bilingual): RuleFormat => ({
    kind,
    list: inputName<aws.ec2.NetworkAclArgs>("ingress"),
    sources: ["cidrBlock", "ipv6CidrBlock"] satisfies (keyof aws.types.input.ec2.NetworkAclIngress)[],
    portInputs: ["protocol", "fromPort", "toPort"],
    admitInputs: ["action"],
    admits: notDenied("action"),
    exposure: awsPorts,
    source: AWS_SOURCE,
    narrowTo: CIDR_SOURCES,
});

const alicloudNaclEntries = (kind: Bilingual, list: string): RuleFormat => ({
    kind,
    list,
    sources: ["sourceCidrIp"] satisfies (keyof alicloud.types.input.vpc.NetworkAclIngressAclEntry)[],
    portInputs: ["protocol", "port"],
    admitInputs: ["policy"],
    admits: notDropped("policy"),
    exposure: (v) => alicloudPortExposure(v["protocol"], v["port"]),
    source: ALI_NACL_SOURCE,
    narrowTo: CIDR_SOURCES,
});

const NACL_RULE_EGRESS = inputName<aws.ec2.NetworkAclRuleArgs>("egress");
const NACL_RULE_ACTION = inputName<aws.ec2.NetworkAclRuleArgs>("ruleAction");
const ALI_SG_TYPE = inputName<alicloud.ecs.SecurityGroupRuleArgs>("type");
const ALI_SG_POLICY = inputName<alicloud.ecs.SecurityGroupRuleArgs>("policy");
const ALI_SG_PROTOCOL = inputName<alicloud.ecs.SecurityGroupRuleArgs>("ipProtocol");
const ALI_SG_PORTS = inputName<alicloud.ecs.SecurityGroupRuleArgs>("portRange");

export const RULE_FORMATS: Record<string, RuleFormat> = {
    "aws:ec2/securityGroup:SecurityGroup": awsSgInline(bi("security group", "安全组")),
    "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": awsSgInline(bi("default security group", "默认安全组")),
    "aws:ec2/securityGroupRule:SecurityGroupRule": {
        kind: bi("security group rule", "安全组规则"),
        sources: [inputName<aws.ec2.SecurityGroupRuleArgs>("cidrBlocks"), inputName<aws.ec2.SecurityGroupRuleArgs>("ipv6CidrBlocks")],
        portInputs: ["protocol", "fromPort", "toPort"],
        admitInputs: [inputName<aws.ec2.SecurityGroupRuleArgs>("type")],
        admits: (v) => lower(v, "type") === "ingress",
        exposure: awsPorts,
        source: AWS_SOURCE,
        narrowTo: GROUP_SOURCES,
    },
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": {
        kind: bi("security group ingress rule", "安全组入站规则"),
        sources: [inputName<aws.vpc.SecurityGroupIngressRuleArgs>("cidrIpv4"), inputName<aws.vpc.SecurityGroupIngressRuleArgs>("cidrIpv6")],
        portInputs: [inputName<aws.vpc.SecurityGroupIngressRuleArgs>("ipProtocol"), "fromPort", "toPort"],
        admitInputs: [],
        admits: () => true,
        exposure: (v) => awsPortExposure(v["ipProtocol"], v["fromPort"], v["toPort"]),
        source: AWS_SOURCE,
        narrowTo: GROUP_SOURCES,
    },
    "aws:ec2/networkAcl:NetworkAcl": awsNaclInline(bi("network ACL", "网络 ACL")),
    "aws:ec2/defaultNetworkAcl:DefaultNetworkAcl": awsNaclInline(bi("default network ACL", "默认网络 ACL")),
    "aws:ec2/networkAclRule:NetworkAclRule": {
        kind: bi("network ACL rule", "网络 ACL 规则"),
        sources: [inputName<aws.ec2.NetworkAclRuleArgs>("cidrBlock"), inputName<aws.ec2.NetworkAclRuleArgs>("ipv6CidrBlock")],
        portInputs: ["protocol", "fromPort", "toPort"],
        admitInputs: [NACL_RULE_EGRESS, NACL_RULE_ACTION],
        // `egress` defaults to false: an unset flag is an ingress rule.
        admits: (v) => toBoolean(v[NACL_RULE_EGRESS]) !== true && notDenied(NACL_RULE_ACTION)(v),
        exposure: awsPorts,
        source: AWS_SOURCE,
        narrowTo: CIDR_SOURCES,
    },
    "alicloud:ecs/securityGroupRule:SecurityGroupRule": {
        kind: bi("security group rule", "安全组规则"),
        sources: [inputName<alicloud.ecs.SecurityGroupRuleArgs>("cidrIp"), inputName<alicloud.ecs.SecurityGroupRuleArgs>("ipv6CidrIp")],
        portInputs: [ALI_SG_PROTOCOL, ALI_SG_PORTS],
        admitInputs: [ALI_SG_TYPE, ALI_SG_POLICY],
        // `policy` defaults to accept.
        admits: (v) => lower(v, ALI_SG_TYPE) === "ingress" && notDropped(ALI_SG_POLICY)(v),
        // `portRange` defaults to "-1/-1": every port.
        exposure: (v) => alicloudPortExposure(v[ALI_SG_PROTOCOL], v[ALI_SG_PORTS]),
        source: ALI_SG_SOURCE,
        narrowTo: GROUP_SOURCES,
    },
    "alicloud:vpc/networkAcl:NetworkAcl": alicloudNaclEntries(bi("network ACL", "网络 ACL"), inputName<alicloud.vpc.NetworkAclArgs>("ingressAclEntries")),
    "alicloud:vpc/networkAclEntries:NetworkAclEntries": alicloudNaclEntries(bi("network ACL entries", "网络 ACL 条目"), inputName<alicloud.vpc.NetworkAclEntriesArgs>("ingresses")),
};

/** One rule's verdict: not reachable from the internet, unknown during preview, or open to anywhere. */
export type RuleVerdict =
    | { kind: "closed" }
    /** `inputs`: the paths of the inputs whose values are unknown. */
    | { kind: "unknown"; inputs: readonly string[] }
    | {
          kind: "open";
          /** The rule's path, e.g. `ingress[2]`, or "" when the resource is one rule. */
          rule: string;
          /** The source input that reaches anywhere, e.g. `ingress[2].cidrBlocks[0]`. */
          source: string;
          cidr: Cidr;
          /** Undefined when protocol or ports are unreadable. */
          exposure: PortExposure | undefined;
          /** The paths of the protocol and port inputs. */
          portInputs: readonly string[];
      };

/** The values of `names` on a rule, or the paths of those unknown during preview. */
function valuesOf(rule: Input, names: readonly string[]): { values: Values } | { unknown: string[] } {
    const values: Record<string, unknown> = {};
    const unknown: string[] = [];
    for (const name of names) {
        const read = rule.get(name).raw();
        if (read.kind === "unknown") unknown.push(read.path);
        else values[name] = read.kind === "value" ? read.value : undefined;
    }
    return unknown.length > 0 ? { unknown } : { values };
}

/** The first source that reaches anywhere, else the first unknown source. */
function firstAnywhere(format: RuleFormat, rule: Input): { open?: { source: string; cidr: Cidr }; unknownAt?: string } {
    let unknownAt: string | undefined;
    for (const name of format.sources) {
        const input = rule.get(name);
        const items = input.items();
        // A single CIDR string, or a list of them.
        const candidates = items.kind === "value" ? items.value : items.kind === "invalid" ? [input] : [];
        if (items.kind === "unknown") unknownAt ??= input.path;
        for (const item of candidates) {
            const read = item.raw();
            if (read.kind === "unknown") {
                unknownAt ??= read.path;
                continue;
            }
            const cidr = read.kind === "value" ? parseCidr(read.value) : undefined;
            if (cidr && isAnywhere(cidr)) return { open: { source: read.path, cidr } };
        }
    }
    return unknownAt ? { unknownAt } : {};
}

function evaluateRule(format: RuleFormat, rule: Input): RuleVerdict {
    if (rule.unknown) return { kind: "unknown", inputs: [rule.path] };
    // Sources first: a rule from a private CIDR or another group is fine whatever else is unknown.
    const { open, unknownAt } = firstAnywhere(format, rule);
    if (!open) return unknownAt ? { kind: "unknown", inputs: [unknownAt] } : { kind: "closed" };
    const admit = valuesOf(rule, format.admitInputs);
    if ("unknown" in admit) return { kind: "unknown", inputs: admit.unknown };
    if (!format.admits(admit.values)) return { kind: "closed" };
    const portInputs = format.portInputs.map((p) => rule.get(p).path);
    const ports = valuesOf(rule, format.portInputs);
    if ("unknown" in ports) return { kind: "unknown", inputs: ports.unknown };
    return { kind: "open", rule: rule.path, source: open.source, cidr: open.cidr, exposure: format.exposure(ports.values), portInputs };
}

/** Verdicts for every ingress rule of the resource; undefined when the type has no ingress rules. */
export function evaluateIngress(type: string, props: Input): { format: RuleFormat; verdicts: RuleVerdict[] } | undefined {
    const format = RULE_FORMATS[type];
    if (!format) return undefined;
    if (format.list === undefined) return { format, verdicts: [evaluateRule(format, props)] };
    const rules = props.get(format.list).items();
    if (rules.kind === "unknown") return { format, verdicts: [{ kind: "unknown", inputs: [rules.path] }] };
    return { format, verdicts: rules.kind === "value" ? rules.value.map((rule) => evaluateRule(format, rule)) : [] };
}

/** A list of ports in a message: `22, 3389` / `22、3389`. */
export function portsText(ports: readonly number[]): Bilingual {
    return bi(ports.join(", "), ports.join("、"));
}

/** One input, or several inputs of one resource, as the "change" of a finding (a Chinese list takes 、). */
export function changeInputs(paths: readonly string[]): Change {
    if (paths.length === 1) return paths[0]!;
    const en = paths.map((p) => `\`${p}\``).join(", ");
    const zh = paths.map((p) => `\`${p}\``).join("、");
    return { text: bi(`Change ${en}.`, `请修改 ${zh}。`) };
}

/** Reports an open rule: which rule, what it opens, from where. Only computed values are echoed. */
export function emitOpenRule(emit: Emit, format: RuleFormat, v: Extract<RuleVerdict, { kind: "open" }>, opened: Bilingual, required: Bilingual, bases: readonly BasisId[]): void {
    const where = anywhereText(v.cidr);
    const rule = v.rule ? `${v.rule} ` : "";
    emit({
        kind: format.kind,
        found: bi(`${rule}admits ${opened.en} from ${where} (anywhere on the internet)`, `${rule}允许来自 ${where}（整个互联网）的流量访问${opened.zh}`),
        required,
        change: v.source,
        fix: bi(
            `Restrict the ${format.source.en} to ${format.narrowTo.en}, or remove the rule.`,
            `请将${format.source.zh}限制为${format.narrowTo.zh}，或删除该规则。`,
        ),
        bases,
    });
}

/** Reports a rule whose source, direction or ports are unknown during preview: advisory. */
export function emitUnknownRule(emit: Emit, format: RuleFormat, v: Extract<RuleVerdict, { kind: "unknown" }>, required: Bilingual, bases: readonly BasisId[]): void {
    emit({
        kind: format.kind,
        found: bi("a value that is unknown until deployment", "部署前未知的值"),
        required,
        change: changeInputs(v.inputs),
        fix: bi("The rule is checked again when the value is known.", "值确定后将再次检查该规则。"),
        unknown: true,
        bases,
    });
}

/** The unreadable protocol or port inputs of an open rule, for the finding. */
export function unreadablePorts(v: Extract<RuleVerdict, { kind: "open" }>): Bilingual {
    const en = v.portInputs.map((p) => `\`${p}\``).join(", ");
    const zh = v.portInputs.map((p) => `\`${p}\``).join("、");
    return bi(`traffic on an unreadable protocol or port range (${en})`, `无法识别的协议或端口范围（${zh}）`);
}
