import { describe, expect, it } from "vitest";
import control from "../../../policies/logging/access-logs-enabled";
import { type TestResource, levels, runStack, unknown, urnOf } from "../../helpers/harness";

const LB = "aws:lb/loadBalancer:LoadBalancer";
const STAGE = "aws:apigateway/stage:Stage";
const STAGE_V2 = "aws:apigatewayv2/stage:Stage";
const ALB = "alicloud:alb/loadBalancer:LoadBalancer";
const ATTACH = "alicloud:alb/loadBalancerAccessLogConfigAttachment:LoadBalancerAccessLogConfigAttachment";
const r = (type: string, props: Record<string, unknown> = {}, name = "r", extra: Partial<TestResource> = {}): TestResource => ({ type, name, props, ...extra });
const logs = { destinationArn: "arn:aws-cn:logs:cn-north-1:1:log-group:api-access", format: "$context.requestId" };

describe("access-logs-enabled", () => {
    it.each<[string, TestResource[], string[]]>([
        ["ALB with access logs", [r(LB, { accessLogs: { enabled: true, bucket: "lb-logs" } })], []],
        ["ALB without access logs", [r(LB, {})], ["mandatory"]],
        ["a bucket alone does not enable them (enabled defaults to false)", [r(LB, { accessLogs: { bucket: "lb-logs" } })], ["mandatory"]],
        ["network load balancer without access logs", [r(LB, { loadBalancerType: "network" })], ["mandatory"]],
        ["gateway load balancer: no access logs to have", [r(LB, { loadBalancerType: "gateway" })], []],
        ["the alb alias type is read too", [r("aws:alb/loadBalancer:LoadBalancer", {})], ["mandatory"]],
        ["REST stage with access logs", [r(STAGE, { accessLogSettings: logs })], []],
        ["REST stage without", [r(STAGE, {})], ["mandatory"]],
        ["HTTP API stage without", [r(STAGE_V2, {})], ["mandatory"]],
        ["HTTP API stage with a destination unknown until deployment", [r(STAGE_V2, { accessLogSettings: { destinationArn: unknown(), format: "x" } })], []],
        ["Alibaba ALB with accessLogConfig", [r(ALB, { addressType: "Internet", accessLogConfig: { logProject: "p", logStore: "alb-access" } })], []],
        ["Alibaba ALB without", [r(ALB, { addressType: "Internet" }, "alb")], ["mandatory"]],
        ["Alibaba ALB with an attachment linked by dependency", [r(ALB, {}, "alb"), r(ATTACH, { loadBalancerId: unknown(), logProject: "p", logStore: "s" }, "a", { propertyDependencies: { loadBalancerId: [urnOf(ALB, "alb")] } })], []],
        ["Alibaba ALB with an attachment by known id", [r(ALB, { id: "alb-123" }, "alb"), r(ATTACH, { loadBalancerId: "alb-123", logProject: "p", logStore: "s" })], []],
        ["an attachment whose target is unknown: advisory", [r(ALB, {}, "alb"), r(ATTACH, { loadBalancerId: unknown(), logProject: "p", logStore: "s" })], ["advisory"]],
        ["an unknown enabled flag: advisory", [r(LB, { accessLogs: { enabled: unknown(), bucket: "b" } })], ["advisory"]],
    ])("%s", async (_n, resources, expected) => {
        expect(levels(await runStack(control, resources))).toEqual(expected);
    });

    it("names the input, the default and the bases in both languages", async () => {
        const [d] = await runStack(control, [r(LB, { accessLogs: { bucket: "lb-logs" } }, "web")]);
        expect(d!.urn).toBe(urnOf(LB, "web"));
        expect(d!.message).toContain('Load balancer "web": found unset (default false); required true, with a log bucket. Change `accessLogs.enabled`.');
        expect(d!.message).toContain("Compliance basis: Cybersecurity Law Art. 23(3) (Art. 21(3) before 2026-01-01); GB/T 22239-2019 level 3 8.1.3.5, 8.1.4.3 a)–d).");
        expect(d!.message).toContain("负载均衡“web”：当前：未设置（默认 false）；要求：true，并指定日志存储桶。请修改 `accessLogs.enabled`。");
    });

    it("an Alibaba ALB finding offers both fixes", async () => {
        const [d] = await runStack(control, [r(ALB, {}, "alb")]);
        expect(d!.message).toContain('ALB instance "alb": found no access logs; required access logs to an SLS Logstore. Change `accessLogConfig`. Or add an `alicloud.alb.LoadBalancerAccessLogConfigAttachment` for it.');
        expect(d!.message).toContain("请修改 `accessLogConfig`。或为其添加 `alicloud.alb.LoadBalancerAccessLogConfigAttachment`。");
    });
});
