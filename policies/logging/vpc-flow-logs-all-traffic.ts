// Network behaviour logs (Cybersecurity Law Art. 23(3), GB/T 22239-2019 security audit): every VPC the stack
// creates has a flow log capturing all traffic, accepted and rejected, delivered to a store that
// keeps logs at least the minimum. A short destination is reported on the store itself
// (log-retention-minimum, log-bucket-lifecycle-minimum) and on the VPC whose logs it loses, naming
// the store; both use the same definition of "keeps logs long enough" (retentionShortfalls,
// lifecycleShortfalls).
import type * as alicloud from "@pulumi/alicloud";
import type * as aws from "@pulumi/aws";
import { type PolicyResource, type StackValidationArgs } from "@pulumi/policy";
import { readConfig } from "../shared/config";
import { type ControlMetadata, stackControl } from "../shared/control";
import { type Change, type Emit, resourceName } from "../shared/emit";
import { type Bilingual, bi } from "../shared/messages";
import { inputName } from "../shared/properties";
import { Input } from "../shared/reader";
import { type Cloud } from "../shared/regions";
import { StackIndex, refersTo } from "../shared/stack";
import { BUCKETS, BUCKET_KIND, type LifecycleShortfall, bucketCandidates, bucketIds, lifecycleShortfalls } from "./log-bucket-lifecycle-minimum";
import { RETENTION_SOURCES, config as retentionConfig, retentionShortfalls } from "./log-retention-minimum";
import { Candidates, type Link, type LinkSpec, knownIds, linkVia, programType, s3BucketNameFromArn } from "./links";

export const config = {
    // The same bound and default as log-retention-minimum: the flow log's destination must keep logs that long.
    minimumRetentionDays: retentionConfig.minimumRetentionDays,
};

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
    /** Where a flow log delivers: the store resources it may name and how. */
    destinations(fl: PolicyResource, stores: Stores): Destination[];
}

/** A store a flow log delivers to: a log store (retention) or a bucket (lifecycle). */
interface Destination {
    store: PolicyResource;
    kind: "log-store" | "bucket";
}

const AWS_FLOW_DESTINATION = inputName<aws.ec2.FlowLogArgs>("logDestination");
const AWS_FLOW_DESTINATION_TYPE = inputName<aws.ec2.FlowLogArgs>("logDestinationType");
const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
/** `arn:<partition>:logs:<region>:<account>:log-group:<name>[:*]` → `<name>`; anything else unchanged. */
const logGroupNameFromArn = (ref: string): string => /^arn:[^:]+:logs:[^:]*:[^:]*:log-group:(.+?)(?::\*)?$/.exec(ref)?.[1] ?? ref;
const logGroupIds = (r: PolicyResource): string[] => knownIds(r, [inputName<aws.cloudwatch.LogGroupArgs>("name"), "arn"]).map(logGroupNameFromArn);

/** An aws.ec2.FlowLog delivers to CloudWatch Logs (the default), S3 or Firehose (not a store checked here). */
function awsDestinations(fl: PolicyResource, stores: Stores): Destination[] {
    const t = Input.of(fl.props).get(AWS_FLOW_DESTINATION_TYPE).string();
    if (t.kind === "unknown" || t.kind === "invalid") return [];
    const type = t.kind === "value" ? t.value : "cloud-watch-logs";
    const ref: LinkSpec = { property: AWS_FLOW_DESTINATION, references: (p) => [p.get(AWS_FLOW_DESTINATION)] };
    if (type === "cloud-watch-logs") {
        return linkVia(fl, { ...ref, normalize: logGroupNameFromArn }, stores.logGroups, logGroupIds).targets.map((store) => ({ store, kind: "log-store" }));
    }
    if (type === "s3") {
        return linkVia(fl, { ...ref, normalize: s3BucketNameFromArn }, stores.buckets.aws, bucketIds).targets.map((store) => ({ store, kind: "bucket" }));
    }
    return [];
}

const ALI_FLOW_STORE = inputName<alicloud.vpc.FlowLogArgs>("logStoreName");
const ALI_FLOW_PROJECT = inputName<alicloud.vpc.FlowLogArgs>("projectName");
const LOG_STORE = "alicloud:log/store:Store";
// `name` and `project` are the deprecated spellings of `logstoreName` and `projectName`.
const storeIds = (r: PolicyResource): string[] => knownIds(r, [inputName<alicloud.log.StoreArgs>("logstoreName"), inputName<alicloud.log.StoreArgs>("name")]);

/** An alicloud.vpc.FlowLog delivers to the Logstore `logStoreName` of project `projectName`. */
function aliDestinations(fl: PolicyResource, stores: Stores): Destination[] {
    const ref: LinkSpec = { property: ALI_FLOW_STORE, references: (p) => [p.get(ALI_FLOW_STORE)] };
    const project = Input.of(fl.props).get(ALI_FLOW_PROJECT).string();
    const sameProject = (store: PolicyResource): boolean => {
        if (project.kind !== "value") return true;
        const p = Input.of(store.props).get(inputName<alicloud.log.StoreArgs>("projectName"), inputName<alicloud.log.StoreArgs>("project")).string();
        return p.kind !== "value" || p.value === project.value;
    };
    const link = linkVia(fl, ref, stores.logStores, storeIds);
    // A dependency names the store; a name match needs the same project too.
    const viaDeps = link.targets.some((t) => refersTo(fl, ALI_FLOW_STORE, t));
    return link.targets.filter((t) => viaDeps || sameProject(t)).map((store) => ({ store, kind: "log-store" }));
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
        destinations: awsDestinations,
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
        destinations: aliDestinations,
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
        "together also count. Send them to a store that keeps logs at least 180 days: a VPC whose flow log delivers to a CloudWatch log group, SLS Logstore or S3 bucket " +
        "that keeps logs less long is reported too, naming the store (the store itself is reported by log-retention-minimum or log-bucket-lifecycle-minimum).",
    zh: {
        description: "每个 VPC 都有采集全部流量（接受和拒绝）的流日志，以记录网络行为。",
        remediationSteps:
            '为每个 aws.ec2.Vpc 添加 aws.ec2.FlowLog，`vpcId` 指向该 VPC，`trafficType: "ALL"`；为每个 alicloud.vpc.Network 添加 alicloud.vpc.FlowLog，' +
            '`resourceType: "VPC"`、`resourceId` 指向该 VPC、`trafficType: "All"`（或以 `resourceType: "VSwitch"` 覆盖每个交换机）。分别采集 ACCEPT 和 REJECT 流量的两个流日志' +
            "合起来也满足要求。将流日志发送到日志保留至少 180 天的存储：流日志投递到保留期更短的 CloudWatch 日志组、日志服务（SLS）日志库（Logstore）或 S3 存储桶时，" +
            "该 VPC 也会被报告，并指明该存储（存储本身由 log-retention-minimum 或 log-bucket-lifecycle-minimum 报告）。",
    },
    resourceTypes: [
        ...new Set([
            ...Object.keys(NETWORKS),
            ...Object.values(NETWORKS).flatMap((n) => [...n.sameAs, n.flowLogType, ...n.switchTypes]),
            LOG_GROUP,
            LOG_STORE,
            ...BUCKETS.aws,
            // Standalone lifecycle configurations of a destination bucket.
            "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
            "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2",
        ]),
    ],
    config,
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

/** Everything a VPC check needs from the stack and the configuration. */
interface Context {
    idx: StackIndex;
    stores: Stores;
    minimum: number;
    emit: Emit;
}

/**
 * The stores flow logs deliver to, indexed once per stack, and each bucket's lifecycle
 * shortfalls worked out once: a stack's flow logs share them.
 */
class Stores {
    readonly logGroups: Candidates;
    readonly logStores: Candidates;
    readonly buckets: Record<Cloud, Candidates>;
    private readonly lifecycles = new Map<string, readonly LifecycleShortfall[]>();

    constructor(
        private readonly idx: StackIndex,
        private readonly minimum: number,
    ) {
        this.logGroups = new Candidates(idx.ofType(LOG_GROUP), logGroupIds);
        this.logStores = new Candidates(idx.ofType(LOG_STORE), storeIds);
        this.buckets = bucketCandidates(idx);
    }

    /** The lifecycle shortfalls of one bucket (lifecycleShortfalls for that bucket alone). */
    lifecycle(bucket: string): readonly LifecycleShortfall[] {
        let found = this.lifecycles.get(bucket);
        if (found === undefined) {
            found = lifecycleShortfalls(this.idx, new Set([bucket]), this.minimum, this.buckets).get(bucket) ?? [];
            this.lifecycles.set(bucket, found);
        }
        return found;
    }
}

/** The VPC's flow logs whose destination keeps logs less than the minimum: one finding on the VPC per short store. */
function checkDestinations(spec: NetworkSpec, ctx: Context, vpc: PolicyResource, flowLogs: readonly PolicyResource[]): void {
    const { stores, minimum, emit } = ctx;
    const required = bi(`a flow log destination that keeps logs at least ${minimum} days`, `流日志的投递目标至少保留日志 ${minimum} 天`);
    const seen = new Set<string>();
    for (const fl of flowLogs) {
        const flowLog = resourceName(spec.flowLogKind, fl.name);
        for (const d of spec.destinations(fl, stores)) {
            if (seen.has(`${fl.urn}\u0000${d.store.urn}`)) continue;
            seen.add(`${fl.urn}\u0000${d.store.urn}`);
            const on = { urn: vpc.urn, name: vpc.name };
            if (d.kind === "log-store") {
                const kind = RETENTION_SOURCES[d.store.type]?.kind ?? bi(d.store.type, d.store.type);
                const store = resourceName(kind, d.store.name);
                for (const s of retentionShortfalls(d.store.type, Input.of(d.store.props), minimum) ?? []) {
                    emit({
                        kind: spec.kind,
                        on,
                        found: bi(`${flowLog.en} delivers to ${store.en} (retention: ${s.found.en})`, `${flowLog.zh}投递到${store.zh}（日志保留期：${s.found.zh}）`),
                        required,
                        change: { type: programType(d.store.type), input: s.property },
                        ...(s.unknown ? { unknown: true } : {}),
                    });
                }
                continue;
            }
            const bucket = resourceName(BUCKET_KIND.aws, d.store.name);
            for (const s of stores.lifecycle(d.store.urn)) {
                const carrier = resourceName(s.kind, s.carrier.name);
                emit({
                    kind: spec.kind,
                    on,
                    found: bi(`${flowLog.en} delivers to ${bucket.en} (${carrier.en}: ${s.found.en})`, `${flowLog.zh}投递到${bucket.zh}（${carrier.zh}：${s.found.zh}）`),
                    required,
                    change: { type: programType(s.carrier.type), input: s.property },
                    ...(s.unknown ? { unknown: true } : {}),
                });
            }
        }
    }
}

function checkNetwork(spec: NetworkSpec, ctx: Context, vpcType: string): void {
    const { idx, emit } = ctx;
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
        const mine = switches.filter((s) => switchLinks.get(s.urn)!.targets.some((t) => t.urn === vpc.urn));
        const switchCov = mine.map((s) => bySwitch.get(s.urn)!);
        checkDestinations(spec, ctx, vpc, [...own.flowLogs, ...switchCov.flatMap((c) => c.flowLogs)]);
        if (complete(own.directions)) continue;
        // Flow logs on every vSwitch of the VPC (together with any VPC-level one) also cover it.
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
    const { minimumRetentionDays } = readConfig(config, args.getConfig());
    const idx = StackIndex.of(args.resources);
    const ctx: Context = { idx, stores: new Stores(idx, minimumRetentionDays), minimum: minimumRetentionDays, emit };
    for (const [vpcType, spec] of Object.entries(NETWORKS)) {
        checkNetwork(spec, ctx, vpcType);
    }
}

export default stackControl(metadata, validate);
