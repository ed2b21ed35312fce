import { describe, expect, it } from "vitest";
import control from "../../../policies/logging/vpc-flow-logs-all-traffic";
import { type TestResource, levels, runStack, secret, unknown, urnOf } from "../../helpers/harness";

const VPC = "aws:ec2/vpc:Vpc";
const FLOW = "aws:ec2/flowLog:FlowLog";
const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
const NET = "alicloud:vpc/network:Network";
const SWITCH = "alicloud:vpc/switch:Switch";
const ALI_FLOW = "alicloud:vpc/flowLog:FlowLog";

const vpc = (name = "vpc", props: Record<string, unknown> = { cidrBlock: "10.0.0.0/16" }): TestResource => ({ type: VPC, name, props });
const flow = (name: string, vpcName: string | undefined, trafficType: unknown, vpcId: unknown = unknown()): TestResource => ({
    type: FLOW,
    name,
    props: { vpcId, trafficType },
    propertyDependencies: vpcName ? { vpcId: [urnOf(VPC, vpcName)] } : {},
});

describe("vpc-flow-logs-all-traffic: aws.ec2.Vpc", () => {
    it("a VPC without a flow log violates, on the VPC's URN", async () => {
        const ds = await runStack(control, [vpc("app")]);
        expect(levels(ds)).toEqual(["mandatory"]);
        expect(ds[0]!.urn).toBe(urnOf(VPC, "app"));
        expect(ds[0]!.message).toContain('VPC "app": found no flow log; required a flow log capturing all traffic (`trafficType` "ALL"). Add an `aws.ec2.FlowLog` with `vpcId` set.');
        expect(ds[0]!.message).toContain("Cybersecurity Law Art. 23(3) (Art. 21(3) before 2026-01-01)");
        expect(ds[0]!.message).toContain("VPC“app”：当前：没有流日志；要求：采集全部流量的流日志（`trafficType` 为 \"ALL\"）。请添加 `aws.ec2.FlowLog` 并设置 `vpcId`。");
    });

    it("a flow log whose vpcId is unknown but whose property dependency points at the VPC is compliant", async () => {
        expect(await runStack(control, [vpc(), flow("fl", "vpc", "ALL")])).toEqual([]);
    });

    it("a flow log pointing at a different VPC leaves the first VPC in violation", async () => {
        const ds = await runStack(control, [vpc("first"), vpc("second"), flow("fl", "second", "ALL")]);
        expect(levels(ds)).toEqual(["mandatory"]);
        expect(ds[0]!.urn).toBe(urnOf(VPC, "first"));
    });

    it.each([
        ["ACCEPT only", ["ACCEPT"], ["mandatory"]],
        ["REJECT only", ["REJECT"], ["mandatory"]],
        ["ALL", ["ALL"], []],
        ["ACCEPT and REJECT together", ["ACCEPT", "REJECT"], []],
        ["traffic type unset", [undefined], ["mandatory"]],
        ["a value outside the vocabulary", ["EVERYTHING"], ["mandatory"]],
    ])("%s", async (_n, types, expected) => {
        const ds = await runStack(control, [vpc(), ...types.map((t, i) => flow(`fl${i}`, "vpc", t))]);
        expect(levels(ds)).toEqual(expected);
    });

    it("says what the flow logs capture", async () => {
        const [d] = await runStack(control, [vpc("app"), flow("fl", "app", "REJECT")]);
        expect(d!.message).toContain('found flow logs capturing only REJECT traffic; required a flow log capturing all traffic (`trafficType` "ALL"). Change `trafficType` of the `aws.ec2.FlowLog`.');
    });

    it("falls back to a known VPC id when there is no property dependency", async () => {
        const known = vpc("app", { id: "vpc-0abc", cidrBlock: "10.0.0.0/16" });
        expect(await runStack(control, [known, flow("fl", undefined, "ALL", "vpc-0abc")])).toEqual([]);
        expect(levels(await runStack(control, [known, flow("fl", undefined, "ALL", "vpc-other")]))).toEqual(["mandatory"]);
    });

    it("an unknown traffic type gives an advisory on the VPC, never a mandatory", async () => {
        const ds = await runStack(control, [vpc("app"), flow("fl", "app", unknown())]);
        expect(levels(ds)).toEqual(["advisory"]);
        expect(ds[0]!.urn).toBe(urnOf(VPC, "app"));
    });

    it("a flow log that can't be linked during preview makes uncovered VPCs advisory only", async () => {
        const ds = await runStack(control, [vpc("app"), flow("fl", undefined, "ALL", unknown())]);
        expect(levels(ds)).toEqual(["advisory"]);
    });

    it("one unknown flow log does not hide another VPC's violation", async () => {
        const ds = await runStack(control, [vpc("a"), vpc("b"), flow("fa", "a", unknown()), flow("fb", "b", "ACCEPT")]);
        expect(ds.map((d) => [d.urn, d.enforcementLevel])).toEqual([
            [urnOf(VPC, "a"), "advisory"],
            [urnOf(VPC, "b"), "mandatory"],
        ]);
    });

    it("a flow log into a short-retention log group is reported on the VPC too, naming the log group (the spec: report on the VPC's URN)", async () => {
        const lg: TestResource = { type: LOG_GROUP, name: "flow-logs", props: { retentionInDays: 30 } };
        const fl = { ...flow("fl", "vpc", "ALL"), props: { vpcId: unknown(), trafficType: "ALL", logDestination: unknown() } };
        fl.propertyDependencies = { vpcId: [urnOf(VPC, "vpc")], logDestination: [urnOf(LOG_GROUP, "flow-logs")] };
        const ds = await runStack(control, [vpc(), lg, fl]);
        expect(levels(ds)).toEqual(["mandatory"]);
        expect(ds[0]!.urn).toBe(urnOf(VPC, "vpc"));
        expect(ds[0]!.message).toContain(
            'VPC "vpc": found VPC flow log "fl" delivers to CloudWatch log group "flow-logs" (retention: 30 days); required a flow log destination that keeps logs at least 180 days. Change `retentionInDays` of the `aws.cloudwatch.LogGroup`.',
        );
        expect(ds[0]!.message).toContain("VPC“vpc”：当前：VPC 流日志“fl”投递到CloudWatch 日志组“flow-logs”（日志保留期：30 天）；要求：流日志的投递目标至少保留日志 180 天。请修改 `aws.cloudwatch.LogGroup` 的 `retentionInDays`。");
    });

    const toGroup = (lgProps: Record<string, unknown>, flowProps: Record<string, unknown> = {}, deps = true): TestResource[] => [
        vpc(),
        { type: LOG_GROUP, name: "flow-logs", props: lgProps },
        {
            type: FLOW,
            name: "fl",
            props: { vpcId: unknown(), trafficType: "ALL", logDestination: unknown(), ...flowProps },
            propertyDependencies: { vpcId: [urnOf(VPC, "vpc")], ...(deps ? { logDestination: [urnOf(LOG_GROUP, "flow-logs")] } : {}) },
        },
    ];

    it.each([
        ["180 days", { retentionInDays: 180 }, {}, []],
        ["unset (never expires)", {}, {}, []],
        ["0 (never expires)", { retentionInDays: 0 }, {}, []],
        ["90 days", { retentionInDays: 90 }, {}, ["mandatory"]],
        ["DELIVERY class (2 days)", { retentionInDays: 365, logGroupClass: "DELIVERY" }, {}, ["mandatory"]],
        ["retention unknown until deployment", { retentionInDays: unknown() }, {}, ["advisory"]],
        ["30 days but the flow log delivers to S3", { retentionInDays: 30 }, { logDestinationType: "s3" }, []],
        ["30 days, destination type unknown", { retentionInDays: 30 }, { logDestinationType: unknown() }, []],
    ])("log group destination %s", async (_n, lgProps, flowProps, expected) => {
        expect(levels(await runStack(control, toGroup(lgProps, flowProps)))).toEqual(expected);
    });

    it("a log group named by a known ARN (no dependency) is found, with or without the :* suffix", async () => {
        for (const arn of ["arn:aws-cn:logs:cn-north-1:123456789012:log-group:vpc-flow", "arn:aws-cn:logs:cn-north-1:123456789012:log-group:vpc-flow:*"]) {
            const ds = await runStack(control, toGroup({ name: "vpc-flow", retentionInDays: 30 }, { logDestination: arn }, false));
            expect(levels(ds)).toEqual(["mandatory"]);
            expect(ds[0]!.message).toContain('delivers to CloudWatch log group "flow-logs"');
        }
        expect(await runStack(control, toGroup({ name: "other", retentionInDays: 30 }, { logDestination: "arn:aws-cn:logs:cn-north-1:1:log-group:vpc-flow" }, false))).toEqual([]);
    });

    it("minimumRetentionDays raises the bar for the destination", async () => {
        expect(levels(await runStack(control, toGroup({ retentionInDays: 180 }), { config: { minimumRetentionDays: 365 } }))).toEqual(["mandatory"]);
    });

    const BUCKET = "aws:s3/bucketV2:BucketV2";
    const LIFECYCLE = "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2";
    const toBucket = (days: unknown): TestResource[] => [
        vpc(),
        { type: BUCKET, name: "flow-bucket", props: { bucket: "flow-bucket-1" } },
        {
            type: LIFECYCLE,
            name: "flow-bucket-lifecycle",
            props: { bucket: unknown(), rules: [{ id: "expire", status: "Enabled", expiration: { days } }] },
            propertyDependencies: { bucket: [urnOf(BUCKET, "flow-bucket")] },
        },
        { type: FLOW, name: "fl", props: { vpcId: unknown(), trafficType: "ALL", logDestinationType: "s3", logDestination: "arn:aws-cn:s3:::flow-bucket-1/vpc/" }, propertyDependencies: { vpcId: [urnOf(VPC, "vpc")] } },
    ];

    it("an S3 destination whose lifecycle expires objects after 90 days is reported on the VPC, naming the bucket and the rule", async () => {
        const ds = await runStack(control, toBucket(90));
        expect(levels(ds)).toEqual(["mandatory"]);
        expect(ds[0]!.urn).toBe(urnOf(VPC, "vpc"));
        expect(ds[0]!.message).toContain(
            'found VPC flow log "fl" delivers to S3 bucket "flow-bucket" (S3 lifecycle configuration "flow-bucket-lifecycle": objects expire after 90 days); required a flow log destination that keeps logs at least 180 days. Change `rules[0].expiration.days` of the `aws.s3.BucketLifecycleConfigurationV2`.',
        );
        expect(await runStack(control, toBucket(365))).toEqual([]);
        expect(levels(await runStack(control, toBucket(unknown())))).toEqual(["advisory"]);
    });

    it("a secret traffic type is never echoed", async () => {
        const ds = await runStack(control, [vpc(), flow("fl", "vpc", secret("TOP-SECRET-TRAFFIC"))]);
        expect(levels(ds)).toEqual(["mandatory"]);
        expect(ds[0]!.message).not.toContain("TOP-SECRET");
    });

    it.each([[null], ["str"], [[1, 2]], [{ nested: { deep: [1] } }]])("odd trafficType/vpcId %j never throw", async (odd) => {
        await expect(runStack(control, [vpc(), flow("fl", "vpc", odd, odd), flow("g", undefined, odd, odd)])).resolves.toBeDefined();
    });

    it("a stack without VPCs has nothing to report", async () => {
        expect(await runStack(control, [flow("fl", undefined, "ALL", "vpc-1")])).toEqual([]);
    });

    it("an adopted default VPC (aws.ec2.DefaultVpc) is checked as a VPC: no flow log violates; one of its own covers it", async () => {
        const DEFAULT_VPC = "aws:ec2/defaultVpc:DefaultVpc";
        const adopted: TestResource = { type: DEFAULT_VPC, name: "default", props: {} };
        const ds = await runStack(control, [adopted, vpc("app"), flow("app-flow", "app", "ALL")]);
        expect(levels(ds)).toEqual(["mandatory"]);
        expect(ds[0]!.urn).toBe(urnOf(DEFAULT_VPC, "default"));
        expect(ds[0]!.message).toContain('VPC "default": found no flow log');
        const covered: TestResource = { type: FLOW, name: "default-flow", props: { vpcId: unknown(), trafficType: "ALL" }, propertyDependencies: { vpcId: [urnOf(DEFAULT_VPC, "default")] } };
        expect(await runStack(control, [adopted, covered, vpc("app"), flow("app-flow", "app", "ALL")])).toEqual([]);
    });
});

const net = (name = "net"): TestResource => ({ type: NET, name, props: { cidrBlock: "10.0.0.0/16" } });
const vsw = (name: string, netName: string): TestResource => ({ type: SWITCH, name, props: { vpcId: unknown() }, propertyDependencies: { vpcId: [urnOf(NET, netName)] } });
const aliFlow = (name: string, target: { type: string; name: string } | undefined, resourceType: unknown, trafficType: unknown, extra: Record<string, unknown> = {}): TestResource => ({
    type: ALI_FLOW,
    name,
    props: { resourceId: unknown(), resourceType, trafficType, projectName: "p", logStoreName: "s", ...extra },
    propertyDependencies: target ? { resourceId: [urnOf(target.type, target.name)] } : {},
});

describe("vpc-flow-logs-all-traffic: alicloud.vpc.Network", () => {
    const N = { type: NET, name: "net" };
    it.each([
        ["no flow log", [], ["mandatory"]],
        ["VPC flow log, All", [aliFlow("f", N, "VPC", "All")], []],
        ["VPC flow log, Allow only", [aliFlow("f", N, "VPC", "Allow")], ["mandatory"]],
        ["VPC flow log, Drop only", [aliFlow("f", N, "VPC", "Drop")], ["mandatory"]],
        ["Allow + Drop flow logs together", [aliFlow("f", N, "VPC", "Allow"), aliFlow("g", N, "VPC", "Drop")], []],
        ["VPC flow log, All but Inactive", [aliFlow("f", N, "VPC", "All", { status: "Inactive" })], ["mandatory"]],
        ["VPC flow log, All and Active", [aliFlow("f", N, "VPC", "All", { status: "Active" })], []],
        ["VPC flow log, unknown status", [aliFlow("f", N, "VPC", "All", { status: unknown() })], ["advisory"]],
    ])("%s", async (_n, flows, expected) => {
        const ds = await runStack(control, [net(), vsw("a", "net"), ...flows]);
        expect(levels(ds)).toEqual(expected);
        for (const d of ds) expect(d.urn).toBe(urnOf(NET, "net"));
    });

    it("vSwitch flow logs covering every vSwitch of the VPC count", async () => {
        const ds = await runStack(control, [net(), vsw("a", "net"), vsw("b", "net"), aliFlow("fa", { type: SWITCH, name: "a" }, "VSwitch", "All"), aliFlow("fb", { type: SWITCH, name: "b" }, "VSwitch", "All")]);
        expect(ds).toEqual([]);
    });

    it("vSwitch flow logs missing one vSwitch violate", async () => {
        const ds = await runStack(control, [net(), vsw("a", "net"), vsw("b", "net"), aliFlow("fa", { type: SWITCH, name: "a" }, "VSwitch", "All")]);
        expect(levels(ds)).toEqual(["mandatory"]);
        expect(ds[0]!.message).toContain("do not cover every vSwitch");
    });

    it("a vSwitch of another VPC does not count", async () => {
        const ds = await runStack(control, [net(), net("other"), vsw("a", "net"), vsw("x", "other"), aliFlow("fx", { type: SWITCH, name: "x" }, "VSwitch", "All")]);
        expect(ds.map((d) => [d.urn, d.enforcementLevel])).toEqual([[urnOf(NET, "net"), "mandatory"]]);
    });

    it("a flow log on a different VPC leaves the first in violation", async () => {
        const ds = await runStack(control, [net("first"), net("second"), aliFlow("f", { type: NET, name: "second" }, "VPC", "All")]);
        expect(ds.map((d) => d.urn)).toEqual([urnOf(NET, "first")]);
    });

    it("falls back to known ids with resourceType", async () => {
        const known: TestResource = { type: NET, name: "net", props: { id: "vpc-bp1", cidrBlock: "10.0.0.0/16" } };
        expect(await runStack(control, [known, aliFlow("f", undefined, "VPC", "All", { resourceId: "vpc-bp1" })])).toEqual([]);
        // A NetworkInterface flow log with the same id string does not cover the VPC.
        expect(levels(await runStack(control, [known, aliFlow("f", undefined, "NetworkInterface", "All", { resourceId: "vpc-bp1" })]))).toEqual(["mandatory"]);
    });

    it("a dependency on the VPC links even when resourceType is unknown", async () => {
        expect(await runStack(control, [net(), aliFlow("f", N, unknown(), "All")])).toEqual([]);
    });

    const STORE = "alicloud:log/store:Store";
    const store = (props: Record<string, unknown>): TestResource => ({ type: STORE, name: "flow-store", props: { projectName: "p", logstoreName: "s", ...props } });

    it("an SLS Logstore destination with retention unset (30 days) is reported on the VPC, naming the Logstore", async () => {
        const ds = await runStack(control, [net(), store({}), aliFlow("f", N, "VPC", "All")]);
        expect(levels(ds)).toEqual(["mandatory"]);
        expect(ds[0]!.urn).toBe(urnOf(NET, "net"));
        expect(ds[0]!.message).toContain(
            'VPC "net": found VPC flow log "f" delivers to SLS Logstore "flow-store" (retention: 30 days (unset: default 30)); required a flow log destination that keeps logs at least 180 days. Change `retentionPeriod` of the `alicloud.log.Store`.',
        );
        expect(ds[0]!.message).toContain("VPC 流日志“f”投递到日志服务（SLS）日志库（Logstore）“flow-store”（日志保留期：30 天（未设置：默认 30 天））");
    });

    it.each([
        ["180 days", store({ retentionPeriod: 180 }), []],
        ["the deprecated name/project spelling, 30 days", { type: STORE, name: "flow-store", props: { project: "p", name: "s", retentionPeriod: 30 } }, ["mandatory"]],
        ["a same-named Logstore of another project", store({ projectName: "other" }), []],
        ["retention unknown", store({ retentionPeriod: unknown() }), ["advisory"]],
    ])("Logstore destination: %s", async (_n, st, expected) => {
        expect(levels(await runStack(control, [net(), st, aliFlow("f", N, "VPC", "All")]))).toEqual(expected);
    });

    it("a Logstore named through a dependency is the destination whatever the names say; a vSwitch's flow log counts for its VPC", async () => {
        const dep = { ...aliFlow("f", { type: SWITCH, name: "a" }, "VSwitch", "All", { logStoreName: unknown() }) };
        dep.propertyDependencies = { ...dep.propertyDependencies, logStoreName: [urnOf(STORE, "flow-store")] };
        const ds = await runStack(control, [net(), vsw("a", "net"), store({ projectName: "x", logstoreName: "y" }), dep]);
        expect(levels(ds)).toEqual(["mandatory"]);
        expect(ds[0]!.urn).toBe(urnOf(NET, "net"));
    });

    it("names the Alibaba properties", async () => {
        const [d] = await runStack(control, [net("app"), aliFlow("f", { type: NET, name: "app" }, "VPC", "Drop")]);
        expect(d!.message).toContain('VPC "app": found flow logs capturing only Drop traffic; required a flow log capturing all traffic (`trafficType` "All"). Change `trafficType` of the `alicloud.vpc.FlowLog`.');
    });
});
