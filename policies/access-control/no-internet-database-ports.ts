// Database ports not open to the whole internet (MLPS 2.0 L3 access control). Advisory by default:
// some teams expose a database deliberately behind other controls, admin ports never.
// Rules that open every port are left to no-internet-admin-ports (mandatory), so one rule never
// gets a mandatory and an advisory finding for the same exposure.
import { type ResourceValidationArgs } from "@pulumi/policy";
import { integerList, readConfig } from "../shared/config";
import { type ControlMetadata, resourceControl } from "../shared/control";
import { type Emit } from "../shared/emit";
import { bi } from "../shared/messages";
import { MAX_PORT, MIN_PORT, describeExposure, openedPorts, opensEveryPort } from "../shared/network";
import { Input } from "../shared/reader";
import { basesFor } from "./cloud-bases";
import { RULE_FORMATS, emitOpenRule, emitUnknownRule, evaluateIngress, portsText } from "./ingress-rules";

export const config = {
    databasePorts: integerList(
        "Database ports that should not be reachable from 0.0.0.0/0 or ::/0 (MySQL, PostgreSQL, SQL Server, Oracle, Redis, MongoDB, Elasticsearch).",
        [3306, 5432, 1433, 1521, 6379, 27017, 9200],
        MIN_PORT,
        MAX_PORT,
    ),
};

export const metadata: ControlMetadata = {
    name: "no-internet-database-ports",
    description: "No security-group or network-ACL rule admits traffic from anywhere (0.0.0.0/0, ::/0) to a database port.",
    category: "access-control",
    bases: ["csl-23-2", "mlps-8.1.3.2", "mlps-8.1.4.4", "mlps-8.2.3.1"],
    severity: "high",
    enforcementLevel: "advisory",
    remediationSteps:
        "Restrict the rule's source to the application's private CIDR or security group, or to a prefix list of known clients; " +
        "reach databases from the internet only through an application tier or a VPN.",
    zh: {
        description: "安全组或网络 ACL 规则不得允许来自任意地址（0.0.0.0/0、::/0）的流量访问数据库端口。",
        remediationSteps:
            "将规则的来源（阿里云安全组规则为授权对象）限制为应用的私有网段或安全组，或已知客户端的前缀列表；" +
            "如需从互联网访问数据库，只能经由应用层或 VPN。",
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
    const { databasePorts } = readConfig(config, args.getConfig());
    if (databasePorts.length === 0) {
        return;
    }
    const listed = portsText(databasePorts);
    const required = bi(`no ingress from the internet to database ports ${listed.en}`, `不允许来自互联网的流量访问数据库端口 ${listed.zh}`);
    for (const v of evaluated.verdicts) {
        if (v.kind === "unknown") {
            emitUnknownRule(emit, evaluated.format, v, required, bases);
            continue;
        }
        // Unreadable and every-port rules are no-internet-admin-ports' findings.
        if (v.kind === "closed" || v.exposure === undefined || opensEveryPort(v.exposure)) {
            continue;
        }
        const ports = openedPorts(v.exposure, databasePorts);
        if (ports.length > 0) {
            const what = describeExposure(v.exposure);
            const shown = portsText(ports);
            emitOpenRule(emit, evaluated.format, v, bi(`database ${ports.length > 1 ? "ports" : "port"} ${shown.en} (${what})`, `数据库端口 ${shown.zh}（${what}）`), required, bases);
        }
    }
}

export default resourceControl(metadata, validate);
