// Network behaviour logs (Cybersecurity Law Art. 23(3), GB/T 22239-2019 security audit): every VPC the stack
// creates has a flow log capturing all traffic, accepted and rejected. The destination's
// retention is checked where it is set: log-retention-minimum (log group, logstore) and
// log-bucket-lifecycle-minimum (S3 bucket), so a short store is reported once, on the store.
import type * as alicloud from "@pulumi/alicloud";
import type * as aws from "@pulumi/aws";
import { type PolicyResource, type StackValidationArgs } from "@pulumi/policy";
import { type ControlMetadata, stackControl } from "../shared/control";
import { type Change, type Emit } from "../shared/emit";
import { type Bilingual, bi } from "../shared/messages";
import { inputName } from "../shared/properties";
import { Input } from "../shared/reader";
import { StackIndex } from "../shared/stack";
import { type Link, knownIds, linkVia } from "./links";

type Direction = "accept" | "reject";
const BOTH: readonly Direction[] = ["accept", "reject"];

interface NetworkSpec {
    kind: Bilingual;
    /** Classes that adopt the same network (aws.ec2.DefaultVpc manages the default VPC): the same check. */
    sameAs: readonly string[];
    flowLogType: string;
    /** The flow log type as written in a program, for "Add a `<type>`" / "Change `x` of the `<type>`". */
    flowLogProgram: string;
    flowLogKind: Bilingual;
    /** Subnet-like resources a flow log may cover instead of the whole VPC (Alibaba vSwitches). */
    switchTypes: readonly string[];
    /** Input of the flow log naming what it watches. */
    targetProperty: string;
    /** Input of a switch naming its VPC. */
    switchVpcProperty: string;
    trafficProperty: string;
    /** Traffic type value → directions captured. */
    traffic: Readonly<Record<string, readonly Direction[]>>;
    allValue: string;
    /** What a known-string flow log target refers to: "vpc", "switch" or "other" (ENI, subnet…). */
    scope(props: Input): "vpc" | "switch" | "other" | "unknown";
    /** Status input and the value that switches the flow log off. */
    status?: { property: string; off: string };
    fix: Bilingual;
}

const AWS_FLOW_VPC = inputName<aws.ec2.FlowLogArgs>("vpcId");
const ALI_FLOW_TARGET = inputName<alicloud.vpc.FlowLogArgs>("resourceId");
const ALI_FLOW_SCOPE = inputName<alicloud.vpc.FlowLogArgs>("resourceType");
const ALI_FLOW_STATUS = inputName<alicloud.vpc.FlowLogArgs>("status");

export const NETWORKS: Record<string, NetworkSpec> = {
    "aws:ec2/vpc:Vpc": {
        kind: bi("VPC", "VPC"),
        sameAs: ["aws:ec2/defaultVpc:DefaultVpc"],
        flowLogType: "aws:ec2/flowLog:FlowLog",
        flowLogProgram: "aws.ec2.FlowLog",
        flowLogKind: bi("VPC flow log", "VPC 流日志"),
        switchTypes: [],
        targetProperty: AWS_FLOW_VPC,
        switchVpcProperty: inputName<aws.ec2.SubnetArgs>("vpcId"),
        trafficProperty: inputName<aws.ec2.FlowLogArgs>("trafficType"),
        traffic: { ALL: BOTH, ACCEPT: ["accept"], REJECT: ["reject"] },
        allValue: "ALL",
        // Only flow logs with `vpcId` watch a VPC; subnet/ENI flow logs have no vpcId.
        scope: () => "vpc",
        fix: bi("Point its `vpcId` at this VPC and set `trafficType: \"ALL\"` so it captures all traffic.", "将其 `vpcId` 指向该 VPC，并将 `trafficType` 设为 \"ALL\"，以采集全部流量。"),
    },
    "alicloud:vpc/network:Network": {
        kind: bi("VPC", "专有网络 VPC"),
        sameAs: [],
        flowLogType: "alicloud:vpc/flowLog:FlowLog",
        flowLogProgram: "alicloud.vpc.FlowLog",
        flowLogKind: bi("VPC flow log", "VPC 流日志"),
        // vpc.Subnet is the deprecated name of vpc.Switch.
        switchTypes: ["alicloud:vpc/switch:Switch", "alicloud:vpc/subnet:Subnet"],
        targetProperty: ALI_FLOW_TARGET,
        switchVpcProperty: inputName<alicloud.vpc.SwitchArgs>("vpcId"),
        trafficProperty: inputName<alicloud.vpc.FlowLogArgs>("trafficType"),
        traffic: { All: BOTH, Allow: ["accept"], Drop: ["reject"] },
        allValue: "All",
        scope: (props) => {
            const t = props.get(ALI_FLOW_SCOPE).raw();
            if (t.kind === "unknown") return "unknown";
            const v = t.kind === "value" ? t.value : undefined;
            return v === "VPC" ? "vpc" : v === "VSwitch" ? "switch" : "other";
        },
        // Status defaults to Active; Inactive captures nothing.
        status: { property: ALI_FLOW_STATUS, off: "Inactive" },
        fix: bi(
            "Give it `resourceType: \"VPC\"`, `resourceId` set to this VPC and `trafficType: \"All\"` (or add one per vSwitch of the VPC).",
            "将其 `resourceType` 设为 \"VPC\"、`resourceId` 指向该 VPC、`trafficType` 设为 \"All\"（或为该 VPC 的每个交换机各添加一个），以采集全部流量。",
        ),
    },
};

export const metadata: ControlMetadata = {
    name: "vpc-flow-logs-all-traffic",
    description: "Every VPC has a flow log that captures all traffic (accepted and rejected), so network behaviour is recorded.",
    category: "logging",
    bases: ["csl-23-3", "mlps-8.1.3.5", "mlps-8.1.4.3"],
    severity: "high",
    enforcementLevel: "mandatory",
    remediationSteps:
        "For each aws.ec2.Vpc add an aws.ec2.FlowLog with `vpcId` = the VPC and `trafficType: \"ALL\"`; for each alicloud.vpc.Network add an alicloud.vpc.FlowLog with " +
        "`resourceType: \"VPC\"`, `resourceId` = the VPC and `trafficType: \"All\"` (or cover every vSwitch with `resourceType: \"VSwitch\"`). Separate ACCEPT and REJECT flow logs " +
        "together also count. Send them to a store that keeps logs at least 180 days (checked by log-retention-minimum and log-bucket-lifecycle-minimum).",
    zh: {
        description: "每个 VPC 都有采集全部流量（接受和拒绝）的流日志，以记录网络行为。",
        remediationSteps:
            '为每个 aws.ec2.Vpc 添加 aws.ec2.FlowLog，`vpcId` 指向该 VPC，`trafficType: "ALL"`；为每个 alicloud.vpc.Network 添加 alicloud.vpc.FlowLog，' +
            '`resourceType: "VPC"`、`resourceId` 指向该 VPC、`trafficType: "All"`（或以 `resourceType: "VSwitch"` 覆盖每个交换机）。分别采集 ACCEPT 和 REJECT 流量的两个流日志' +
            "合起来也满足要求。将流日志发送到日志保留至少 180 天的存储（由 log-retention-minimum 和 log-bucket-lifecycle-minimum 检查）。",
    },
    resourceTypes: [...Object.keys(NETWORKS), ...Object.values(NETWORKS).flatMap((n) => [...n.sameAs, n.flowLogType, ...n.switchTypes])],
};

/** What a flow log captures: the directions, or unknown during preview. */
type Capture = { known: true; directions: readonly Direction[] } | { known: false };

function captureOf(spec: NetworkSpec, fl: PolicyResource): Capture {
    const props = Input.of(fl.props);
    const traffic = props.get(spec.trafficProperty).raw();
    const status = spec.status ? props.get(spec.status.property).raw() : undefined;
    if (traffic.kind === "unknown" || status?.kind === "unknown") return { known: false };
    if (spec.status && status?.kind === "value" && status.value === spec.status.off) return { known: true, directions: [] };
    const t = traffic.kind === "value" ? traffic.value : undefined;
    return { known: true, directions: typeof t === "string" ? (spec.traffic[t] ?? []) : [] };
}

interface Coverage {
    directions: Set<Direction>;
    unknown: boolean;
    flowLogs: PolicyResource[];
}

const empty = (): Coverage => ({ directions: new Set(), unknown: false, flowLogs: [] });

function add(c: Coverage, fl: PolicyResource, cap: Capture): void {
    c.flowLogs.push(fl);
    if (!cap.known) c.unknown = true;
    else cap.directions.forEach((d) => c.directions.add(d));
}

const complete = (dirs: ReadonlySet<Direction>): boolean => BOTH.every((d) => dirs.has(d));
const idsOf = (r: PolicyResource): string[] => knownIds(r, []);

/** What a flow log watches: dependencies first (they also tell VPC from vSwitch), else resourceType + known ID. */
function flowLogTargets(spec: NetworkSpec, fl: PolicyResource, vpcs: PolicyResource[], switches: PolicyResource[]): Link {
    const ref = { property: spec.targetProperty, references: (p: Input) => [p.get(spec.targetProperty)] };
    const byDeps = linkVia(fl, { ...ref, references: () => [] }, [...vpcs, ...switches], idsOf);
    if (byDeps.targets.length > 0) return byDeps;
    const scope = spec.scope(Input.of(fl.props));
    if (scope === "unknown") return { targets: [], unresolved: true };
    const candidates = scope === "vpc" ? vpcs : scope === "switch" ? switches : [];
    return linkVia(fl, ref, candidates, idsOf);
}

function checkNetwork(spec: NetworkSpec, idx: StackIndex, vpcType: string, emit: Emit): void {
    const vpcs = idx.ofType(vpcType, ...spec.sameAs);
    if (vpcs.length === 0) return;
    const switches = idx.ofType(...spec.switchTypes);
    const byVpc = new Map(vpcs.map((v) => [v.urn, empty()]));
    const bySwitch = new Map(switches.map((s) => [s.urn, empty()]));
    let unresolved = false;

    for (const fl of idx.ofType(spec.flowLogType)) {
        const link = flowLogTargets(spec, fl, vpcs, switches);
        unresolved ||= link.unresolved;
        const cap = captureOf(spec, fl);
        for (const t of link.targets) add(byVpc.get(t.urn) ?? bySwitch.get(t.urn)!, fl, cap);
    }

    const switchVpc = { property: spec.switchVpcProperty, references: (p: Input) => [p.get(spec.switchVpcProperty)] };
    const switchLinks = new Map(switches.map((s) => [s.urn, linkVia(s, switchVpc, vpcs, idsOf)]));
    unresolved ||= [...switchLinks.values()].some((l) => l.unresolved);

    for (const vpc of vpcs) {
        const own = byVpc.get(vpc.urn)!;
        if (complete(own.directions)) continue;
        const mine = switches.filter((s) => switchLinks.get(s.urn)!.targets.some((t) => t.urn === vpc.urn));
        // Flow logs on every vSwitch of the VPC (together with any VPC-level one) also cover it.
        const switchCov = mine.map((s) => bySwitch.get(s.urn)!);
        if (mine.length > 0 && switchCov.every((c) => complete(new Set([...own.directions, ...c.directions])))) continue;

        const anyUnknown = unresolved || own.unknown || switchCov.some((c) => c.unknown);
        const anyFlowLog = [own, ...switchCov].some((c) => c.flowLogs.length > 0);
        // With no flow log at all, one has to be added; otherwise the existing ones capture too little.
        const change: Change = anyFlowLog ? { type: spec.flowLogProgram, input: spec.trafficProperty } : { type: spec.flowLogProgram, input: spec.targetProperty, add: true };
        emit({
            kind: spec.kind,
            on: { urn: vpc.urn, name: vpc.name },
            found: describeFound(spec, own, switchCov),
            required: bi(`a flow log capturing all traffic (\`${spec.trafficProperty}\` "${spec.allValue}")`, `采集全部流量的流日志（\`${spec.trafficProperty}\` 为 "${spec.allValue}"）`),
            change,
            fix: spec.fix,
            ...(anyUnknown ? { unknown: true } : {}),
        });
    }
}

function describeFound(spec: NetworkSpec, own: Coverage, switches: readonly Coverage[]): Bilingual {
    const all = [own, ...switches];
    if (all.every((c) => c.flowLogs.length === 0)) {
        return bi("no flow log", "没有流日志");
    }
    const dirs = new Set([...own.directions]);
    const name = (d: Direction) => Object.entries(spec.traffic).find(([, v]) => v.length === 1 && v[0] === d)?.[0] ?? d;
    if (own.flowLogs.length > 0 && own.unknown && dirs.size === 0) {
        return bi("flow logs whose traffic type or status is unknown until deployment", "流日志的流量类型或状态在部署前未知");
    }
    if (own.flowLogs.length > 0) {
        const captured = [...dirs].map(name).join(" + ");
        return captured
            ? bi(`flow logs capturing only ${captured} traffic`, `流日志仅采集 ${captured} 流量`)
            : bi("flow logs capturing no traffic (inactive or no traffic type)", "流日志未采集任何流量（未激活或未设置流量类型）");
    }
    return bi("flow logs that do not cover every vSwitch with all traffic", "流日志未对所有交换机采集全部流量");
}

function validate(args: StackValidationArgs, emit: Emit): void {
    const idx = new StackIndex(args.resources);
    for (const [vpcType, spec] of Object.entries(NETWORKS)) {
        checkNetwork(spec, idx, vpcType, emit);
    }
}

export default stackControl(metadata, validate);
