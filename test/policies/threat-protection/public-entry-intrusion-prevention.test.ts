import { describe, expect, it } from "vitest";
import control from "../../../policies/threat-protection/public-entry-intrusion-prevention";
import { type TestResource, levels, runStack, unknown, urnOf } from "../../helpers/harness";

const LB = "aws:lb/loadBalancer:LoadBalancer";
const STAGE = "aws:apigateway/stage:Stage";
const ASSOC = "aws:wafv2/webAclAssociation:WebAclAssociation";
const GUARDDUTY = "aws:guardduty/detector:Detector";
const ALI_ALB = "alicloud:alb/loadBalancer:LoadBalancer";
const ALI_SLB = "alicloud:slb/loadBalancer:LoadBalancer";
const WAF3 = "alicloud:wafv3/instance:Instance";
const CFW = "alicloud:cloudfirewall/instance:Instance";

const r = (type: string, props: Record<string, unknown> = {}, name = "r", extra: Partial<TestResource> = {}): TestResource => ({ type, name, props, ...extra });
const lb = (props: Record<string, unknown> = {}) => r(LB, props, "web-lb");
/** A WAF association whose resourceArn comes from the resource `target` (a property dependency, as during preview). */
const assocTo = (type: string, name: string) => r(ASSOC, { resourceArn: unknown(), webAclArn: "arn:aws:wafv2:cn-north-1:111122223333:regional/webacl/app/1" }, `${name}-waf`, { propertyDependencies: { resourceArn: [urnOf(type, name)] } });
const detector = r(GUARDDUTY, {}, "gd");

describe("public-entry-intrusion-prevention: AWS", () => {
    it.each<[string, TestResource[], string[]]>([
        ["internet-facing ALB (defaults) with WAF and GuardDuty", [lb(), assocTo(LB, "web-lb"), detector], []],
        ["internet-facing ALB without WAF", [lb(), detector], ["advisory"]],
        ["internet-facing ALB with WAF but no GuardDuty", [lb(), assocTo(LB, "web-lb")], ["advisory"]],
        ["internal ALB: not an entry point", [lb({ internal: true })], []],
        ["network load balancer: WAF cannot attach", [lb({ loadBalancerType: "network" })], []],
        ["gateway load balancer: WAF cannot attach", [lb({ loadBalancerType: "gateway" })], []],
        ["API stage without WAF", [r(STAGE, { restApi: "api", stageName: "prod", deployment: "d" }, "prod"), detector], ["advisory"]],
        ["API stage with WAF", [r(STAGE, {}, "prod"), assocTo(STAGE, "prod"), detector], []],
        ["a WAF association on another resource does not count", [lb(), assocTo(STAGE, "other"), detector], ["advisory"]],
        ["WAF association by known ARN", [r(LB, { arn: "arn:aws-cn:elasticloadbalancing:cn-north-1:1:loadbalancer/app/web/1" }, "web-lb"), r(ASSOC, { resourceArn: "arn:aws-cn:elasticloadbalancing:cn-north-1:1:loadbalancer/app/web/1" }), detector], []],
        ["GuardDuty suspended (enable false)", [lb(), assocTo(LB, "web-lb"), r(GUARDDUTY, { enable: false }, "gd")], ["advisory"]],
        ["no entry points: nothing", [r("aws:ec2/vpc:Vpc")], []],
    ])("%s", async (_n, resources, expected) => {
        expect(levels(await runStack(control, resources))).toEqual(expected);
    });

    it("names the load balancer and the association to add, in both languages", async () => {
        const [d] = await runStack(control, [lb(), detector]);
        expect(d!.urn).toBe(urnOf(LB, "web-lb"));
        expect(d!.message).toContain('Application load balancer "web-lb": found no WAF web ACL associated; required a WAF web ACL association. Add an `aws.wafv2.WebAclAssociation` with `resourceArn` set.');
        expect(d!.message).toContain("Compliance basis: GB/T 22239-2019 level 3 8.1.3.3, 8.1.4.5; Cybersecurity Law Art. 23(2) (Art. 21(2) before 2026-01-01).");
        expect(d!.message).toContain("应用型负载均衡“web-lb”：当前：未关联 WAF 的 Web 访问控制列表（Web ACL）；要求：关联 WAF 的 Web 访问控制列表（Web ACL）。请添加 `aws.wafv2.WebAclAssociation` 并设置 `resourceArn`。");
    });

    it("an unknown internal flag or unresolved association is advisory with the unknown note", async () => {
        const ds = await runStack(control, [lb({ internal: unknown() }), detector]);
        expect(ds[0]!.message).toContain("so it is advisory now");
        const unresolved = await runStack(control, [lb(), r(ASSOC, { resourceArn: unknown() }), detector]);
        expect(unresolved[0]!.message).toContain("so it is advisory now");
    });

    it("a configured mandatory level is followed, and the switch silences everything", async () => {
        expect(levels(await runStack(control, [lb(), detector], { config: { enforcementLevel: "mandatory" } }))).toEqual(["mandatory"]);
        expect(await runStack(control, [lb(), r(ALI_ALB, { addressType: "Internet" })], { config: { intrusionPreventionInAnotherStack: true } })).toEqual([]);
    });
});

describe("public-entry-intrusion-prevention: Alibaba Cloud", () => {
    it.each<[string, TestResource[], string[]]>([
        ["public ALB without WAF or Cloud Firewall", [r(ALI_ALB, { addressType: "Internet" }, "alb")], ["advisory"]],
        ["intranet ALB", [r(ALI_ALB, { addressType: "Intranet" }, "alb")], []],
        ["public ALB with WAF 3.0", [r(ALI_ALB, { addressType: "Internet" }, "alb"), r(WAF3)], []],
        ["public SLB with Cloud Firewall", [r(ALI_SLB, { addressType: "internet" }, "slb"), r(CFW)], []],
        ["public SLB without protection", [r(ALI_SLB, { addressType: "internet" }, "slb")], ["advisory"]],
        ["SLB unset in a vSwitch: intranet", [r(ALI_SLB, { vswitchId: "vsw-1" }, "slb")], []],
        ["SLB unset without a vSwitch: classic internet", [r(ALI_SLB, {}, "slb")], ["advisory"]],
        ["ALB addressType unknown", [r(ALI_ALB, { addressType: unknown() }, "alb")], ["advisory"]],
    ])("%s", async (_n, resources, expected) => {
        expect(levels(await runStack(control, resources))).toEqual(expected);
    });

    it("names the instance and the firewall to add", async () => {
        const [d] = await runStack(control, [r(ALI_ALB, { addressType: "Internet" }, "public-alb")]);
        expect(d!.message).toContain('ALB instance "public-alb": found an internet-facing instance with no WAF or Cloud Firewall in the stack; required WAF 3.0 or Cloud Firewall in front of it. Add an `alicloud.wafv3.Instance`.');
        expect(d!.message).toContain("应用型负载均衡（ALB）实例“public-alb”：当前：面向公网的实例，堆栈中没有 WAF 或云防火墙；要求：在其前部署 WAF 3.0 或云防火墙。请添加 `alicloud.wafv3.Instance`。");
    });
});

describe("public-entry-intrusion-prevention: GuardDuty when exposure is unknown", () => {
    it("a load balancer whose type is unknown during preview makes the missing detector advisory, not mandatory", async () => {
        // Property-suite counterexample: one ALB of unknown type, one load balancer that is not an application one.
        const ds = await runStack(
            control,
            [
                { type: "aws:alb/loadBalancer:LoadBalancer", name: "r0", props: { loadBalancerType: unknown() } },
                { type: "aws:lb/loadBalancer:LoadBalancer", name: "r1", props: { loadBalancerType: "network" } },
            ],
            { config: { enforcementLevel: "mandatory" } },
        );
        expect(ds.length).toBeGreaterThan(0);
        expect(ds.filter((d) => d.enforcementLevel === "mandatory")).toEqual([]);
    });

    it("a detector whose enable is unknown may be the one that is on: a suspended one beside it is advisory", async () => {
        // Property-suite counterexample: an API stage, one detector enable unknown, one enable false.
        const stage = { type: STAGE, name: "prod", props: {} };
        const opts = { config: { enforcementLevel: "mandatory" } } as const;
        const withUnknown = await runStack(control, [stage, assocTo(STAGE, "prod"), r(GUARDDUTY, { enable: unknown() }, "a"), r(GUARDDUTY, { enable: false }, "b")], opts);
        expect(withUnknown.length).toBe(2);
        expect(levels(withUnknown)).toEqual(["advisory", "advisory"]);
        // Known on both: the suspended pair stays mandatory under a mandatory config.
        const known = await runStack(control, [stage, assocTo(STAGE, "prod"), r(GUARDDUTY, { enable: false }, "a"), r(GUARDDUTY, { enable: false }, "b")], opts);
        expect(levels(known)).toEqual(["mandatory", "mandatory"]);
    });
});
