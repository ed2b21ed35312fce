// Intrusion prevention at the network's public entry points (GB/T 22239-2019 8.1.3.3, 8.1.4.5;
// CSL Art. 23(2)). Internet-facing application load balancers and API stages sit behind a web
// application firewall, and an AWS stack with such entry points runs GuardDuty threat detection.
// WAF attaches only to application load balancers (not network or gateway ones) and REST API
// stages. On Alibaba Cloud, WAF 3.0 or Cloud Firewall protects public ALB and SLB instances; the
// protection is configured on the firewall side, so presence in the stack is what is checked.
// Advisory by default; `intrusionPreventionInAnotherStack` for firewalls managed centrally.
import type * as aws from "@pulumi/aws";
import { type PolicyResource, type StackValidationArgs } from "@pulumi/policy";
import { boolean, readConfig } from "../shared/config";
import { type ControlMetadata, stackControl } from "../shared/control";
import { type Emit, shown } from "../shared/emit";
import { type Bilingual, bi } from "../shared/messages";
import { ALI_ALB, ALI_SLBS, AWS_LOAD_BALANCERS as AWS_LBS, type Exposure, awsLoadBalancerType, loadBalancerExposure } from "../shared/load-balancers";
import { inputName } from "../shared/properties";
import { Input } from "../shared/reader";
import { knownIds, linkVia } from "../logging/links";

export const config = {
    intrusionPreventionInAnotherStack: boolean("WAF, GuardDuty or Cloud Firewall protection is managed in another stack: do not report public entry points here.", false),
};

const API_STAGE = "aws:apigateway/stage:Stage";
const WAF_ASSOCIATIONS = ["aws:wafv2/webAclAssociation:WebAclAssociation", "aws:wafregional/webAclAssociation:WebAclAssociation"];
const GUARDDUTY = "aws:guardduty/detector:Detector";
const ASSOCIATION_TARGET = inputName<aws.wafv2.WebAclAssociationArgs>("resourceArn");
const DETECTOR_ENABLE = inputName<aws.guardduty.DetectorArgs>("enable");

const ALI_FIREWALLS = ["alicloud:wafv3/instance:Instance", "alicloud:cloudfirewall/instance:Instance", "alicloud:cloudfirewall/instanceV2:InstanceV2"];

export const metadata: ControlMetadata = {
    name: "public-entry-intrusion-prevention",
    description: "Public entry points have intrusion prevention: internet-facing application load balancers and API stages behind a WAF, GuardDuty on in AWS, WAF or Cloud Firewall in front of public Alibaba Cloud load balancers.",
    category: "threat-protection",
    bases: ["mlps-8.1.3.3", "mlps-8.1.4.5", "csl-23-2"],
    severity: "medium",
    enforcementLevel: "advisory",
    remediationSteps:
        "AWS: associate each internet-facing application load balancer (aws.lb.LoadBalancer, `internal` false) and each aws.apigateway.Stage with a WAF web ACL (aws.wafv2.WebAclAssociation, `resourceArn`), " +
        "and add an aws.guardduty.Detector (`enable` true, the default). Alibaba Cloud: add a WAF 3.0 instance (alicloud.wafv3.Instance) or Cloud Firewall (alicloud.cloudfirewall.Instance / InstanceV2) " +
        'protecting public ALB (`addressType` "Internet") and SLB (`addressType` "internet") instances. Set `intrusionPreventionInAnotherStack` when protection is managed centrally.',
    zh: {
        description: "公网入口具备入侵防范：面向公网的应用型负载均衡和 API 阶段接入 WAF，AWS 开启 GuardDuty，阿里云公网负载均衡前部署 WAF 或云防火墙。",
        remediationSteps:
            "AWS：将每个面向公网的应用型负载均衡（aws.lb.LoadBalancer，`internal` 为 false）和每个 aws.apigateway.Stage 关联 WAF 的 Web 访问控制列表（Web ACL，aws.wafv2.WebAclAssociation 的 `resourceArn`），" +
            "并添加 aws.guardduty.Detector（`enable` 为 true，即默认值）。阿里云：添加 WAF 3.0 实例（alicloud.wafv3.Instance）或云防火墙（alicloud.cloudfirewall.Instance / InstanceV2），" +
            '保护公网 ALB（`addressType` 为 "Internet"）和 SLB（`addressType` 为 "internet"）实例。防护由其他堆栈集中管理时，请设置 `intrusionPreventionInAnotherStack`。',
    },
    resourceTypes: [...AWS_LBS, API_STAGE, ...WAF_ASSOCIATIONS, GUARDDUTY, ALI_ALB, ...ALI_SLBS, ...ALI_FIREWALLS],
    config,
};

/** An AWS load balancer WAF can protect: application type (the default) and internet-facing. */
function awsLbExposure(r: PolicyResource): Exposure {
    const type = awsLoadBalancerType(r);
    if (type.kind === "value" && type.value !== "application") return "private";
    const exposure = loadBalancerExposure(r);
    return exposure === "public" && type.kind === "unknown" ? "unknown" : exposure;
}

const on = (r: PolicyResource) => ({ urn: r.urn, name: r.name });

function kindOf(r: PolicyResource): Bilingual {
    if (r.type === API_STAGE) return bi("API Gateway stage", "API 网关阶段");
    if (AWS_LBS.includes(r.type)) return bi("Application load balancer", "应用型负载均衡");
    if (r.type === ALI_ALB) return bi("ALB instance", "应用型负载均衡（ALB）实例");
    return bi("SLB instance", "传统型负载均衡（SLB）实例");
}

function checkAws(resources: readonly PolicyResource[], emit: Emit): void {
    const lbs = resources.filter((r) => AWS_LBS.includes(r.type)).map((r) => [r, awsLbExposure(r)] as const);
    const entries = [...lbs.filter(([, e]) => e !== "private"), ...resources.filter((r) => r.type === API_STAGE).map((r) => [r, "public"] as const)];
    if (entries.length === 0) return;

    // Which entry points a WAF association names (property dependencies first, then known ARNs).
    const targets = entries.map(([r]) => r);
    const protectedUrns = new Set<string>();
    let unresolved = false;
    for (const a of resources.filter((r) => WAF_ASSOCIATIONS.includes(r.type))) {
        const link = linkVia(a, { property: ASSOCIATION_TARGET, references: (p) => [p.get(ASSOCIATION_TARGET)] }, targets, (t) => knownIds(t, ["arn"]));
        for (const t of link.targets) protectedUrns.add(t.urn);
        unresolved ||= link.unresolved;
    }
    for (const [r, exposure] of entries) {
        if (protectedUrns.has(r.urn)) continue;
        emit({
            kind: kindOf(r),
            on: on(r),
            found: bi("no WAF web ACL associated", "未关联 WAF 的 Web 访问控制列表（Web ACL）"),
            required: bi("a WAF web ACL association", "关联 WAF 的 Web 访问控制列表（Web ACL）"),
            change: { type: "aws.wafv2.WebAclAssociation", input: "resourceArn", add: true },
            // Whether it is internet-facing, or which resource an association names, is unknown.
            unknown: exposure === "unknown" || unresolved,
        });
    }

    // GuardDuty is asked for because of internet-facing entry points; if none is known to face the
    // internet yet (exposure unknown during preview), the finding cannot be mandatory.
    const exposureUnknown = entries.every(([, e]) => e === "unknown");
    const detectors = resources.filter((r) => r.type === GUARDDUTY);
    if (detectors.length === 0) {
        emit({
            kind: bi("Stack", "堆栈"),
            label: bi("This stack (has internet-facing entry points)", "本堆栈（有面向公网的入口）"),
            found: bi("no GuardDuty detector", "没有 GuardDuty 检测器"),
            required: bi("GuardDuty threat detection on", "开启 GuardDuty 威胁检测"),
            change: { type: "aws.guardduty.Detector", add: true },
            unknown: exposureUnknown,
        });
        return;
    }
    const reads = detectors.map((d) => [d, Input.of(d.props).get(DETECTOR_ENABLE).boolean()] as const);
    if (reads.some(([, e]) => e.kind === "absent" || (e.kind === "value" && e.value))) return;
    // One detector whose `enable` is unknown may turn out on, and then the stack has GuardDuty.
    const mayBeOn = reads.some(([, e]) => e.kind === "unknown");
    for (const [d, e] of reads) {
        emit({
            kind: bi("GuardDuty detector", "GuardDuty 检测器"),
            on: on(d),
            found: shown(e),
            required: bi("true (the default)", "true（默认值）"),
            change: e,
            unknown: mayBeOn || exposureUnknown,
        });
    }
}

function checkAlicloud(resources: readonly PolicyResource[], emit: Emit): void {
    if (resources.some((r) => ALI_FIREWALLS.includes(r.type))) return;
    for (const r of resources.filter((x) => x.type === ALI_ALB || ALI_SLBS.includes(x.type))) {
        const exposure = loadBalancerExposure(r);
        if (exposure === "private") continue;
        emit({
            kind: kindOf(r),
            on: on(r),
            found: bi("an internet-facing instance with no WAF or Cloud Firewall in the stack", "面向公网的实例，堆栈中没有 WAF 或云防火墙"),
            required: bi("WAF 3.0 or Cloud Firewall in front of it", "在其前部署 WAF 3.0 或云防火墙"),
            change: { type: "alicloud.wafv3.Instance", add: true },
            unknown: exposure === "unknown",
        });
    }
}

function validate(args: StackValidationArgs, emit: Emit): void {
    if (readConfig(config, args.getConfig()).intrusionPreventionInAnotherStack) return;
    checkAws(args.resources, emit);
    checkAlicloud(args.resources, emit);
}

export default stackControl(metadata, validate);
