// No administration port (SSH, RDP, …) and no "every port / every protocol" rule open to the whole
// internet (MLPS 2.0 L3 access control): security groups and network ACLs on both clouds.
// A rule that opens every port is reported here, once and mandatory, rather than also by the
// database-port policy: it is the worse exposure, and one rule gets one finding.
import { type ResourceValidationArgs } from "@pulumi/policy";
import { integerList, readConfig } from "../shared/config";
import { type ControlMetadata, resourceControl } from "../shared/control";
import { type Emit } from "../shared/emit";
import { bi } from "../shared/messages";
import { MAX_PORT, MIN_PORT, describeExposure, openedPorts, opensEveryPort } from "../shared/network";
import { Input } from "../shared/reader";
import { basesFor } from "./cloud-bases";
import { RULE_FORMATS, emitOpenRule, emitUnknownRule, evaluateIngress, portsText, unreadablePorts } from "./ingress-rules";

export const config = {
    restrictedPorts: integerList("Ports that must never be reachable from 0.0.0.0/0 or ::/0 (administration ports).", [22, 3389], MIN_PORT, MAX_PORT),
};

export const metadata: ControlMetadata = {
    name: "no-internet-admin-ports",
    description: "No security-group or network-ACL rule admits traffic from anywhere (0.0.0.0/0, ::/0) to a restricted administration port, or to every port or protocol.",
    category: "access-control",
    bases: ["csl-23-2", "mlps-8.1.3.2", "mlps-8.1.4.4", "mlps-8.2.3.1", "cis-aws"],
    severity: "critical",
    enforcementLevel: "mandatory",
    remediationSteps:
        "Restrict the rule's source to a private CIDR (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16), a bastion security group or a prefix list, " +
        "narrow the protocol and ports to what the service needs, or change the network-ACL entry to deny/drop. Reach servers through a bastion host or VPN.",
    zh: {
        description: "安全组或网络 ACL 规则不得允许来自任意地址（0.0.0.0/0、::/0）的流量访问受限的管理端口，也不得放行全部端口或全部协议。",
        remediationSteps:
            "将规则的来源（阿里云安全组规则为授权对象）限制为私有网段（10.0.0.0/8、172.16.0.0/12、192.168.0.0/16）、堡垒机安全组或前缀列表，" +
            "把协议和端口收窄到服务实际需要的范围，或将网络 ACL 条目改为拒绝（`deny` / `drop`）。通过堡垒机或 VPN 访问服务器。",
    },
    resourceTypes: Object.keys(RULE_FORMATS),
    config,
};

function validate(args: ResourceValidationArgs, emit: Emit): void {
    const evaluated = evaluateIngress(args.type, Input.of(args.props));
    if (!evaluated) {
        return;
    }
    const bases = basesFor(metadata.bases, args.type);
    const { restrictedPorts } = readConfig(config, args.getConfig());
    const listed = portsText(restrictedPorts);
    const required = bi(
        `no ingress from the internet to ${restrictedPorts.length > 0 ? `ports ${listed.en}, ` : ""}every port or every protocol`,
        `不允许来自互联网的流量访问${restrictedPorts.length > 0 ? `端口 ${listed.zh}、` : ""}全部端口或全部协议`,
    );
    for (const v of evaluated.verdicts) {
        if (v.kind === "unknown") {
            emitUnknownRule(emit, evaluated.format, v, required, bases);
            continue;
        }
        if (v.kind === "closed") {
            continue;
        }
        const e = v.exposure;
        if (e === undefined) {
            // From anywhere with a protocol or port range we cannot read: it may open anything.
            emitOpenRule(emit, evaluated.format, v, unreadablePorts(v), required, bases);
        } else if (opensEveryPort(e)) {
            const zh = e.kind === "all-protocols" ? "全部协议和端口" : describeExposure(e);
            emitOpenRule(emit, evaluated.format, v, bi(`every port (${describeExposure(e)})`, `全部端口（${zh}）`), required, bases);
        } else {
            const ports = openedPorts(e, restrictedPorts);
            if (ports.length > 0) {
                const what = describeExposure(e);
                const shown = portsText(ports);
                emitOpenRule(emit, evaluated.format, v, bi(`restricted ${ports.length > 1 ? "ports" : "port"} ${shown.en} (${what})`, `受限端口 ${shown.zh}（${what}）`), required, bases);
            }
        }
    }
}

export default resourceControl(metadata, validate);
