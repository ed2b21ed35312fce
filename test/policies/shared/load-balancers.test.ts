import type { PolicyResource } from "@pulumi/policy";
import { describe, expect, it } from "vitest";
import { awsLoadBalancerType, loadBalancerExposure } from "../../../policies/shared/load-balancers";
import { sdkProps, unknown } from "../../helpers/harness";

const resource = (type: string, props: Record<string, unknown>): PolicyResource =>
    ({ type, urn: `urn:pulumi:dev::p::${type}::lb`, name: "lb", props: sdkProps(props), dependencies: [], propertyDependencies: {}, isComponent: false }) as unknown as PolicyResource;

const AWS_LB = "aws:lb/loadBalancer:LoadBalancer";
const AWS_ALB = "aws:alb/loadBalancer:LoadBalancer";
const ALI_ALB = "alicloud:alb/loadBalancer:LoadBalancer";
const SLB = "alicloud:slb/loadBalancer:LoadBalancer";
const SLB_APP = "alicloud:slb/applicationLoadBalancer:ApplicationLoadBalancer";

describe("loadBalancerExposure", () => {
    it.each([
        ["AWS internal unset means internet-facing (default false)", AWS_LB, {}, "public"],
        ["AWS internal false", AWS_ALB, { internal: false }, "public"],
        ["AWS internal true", AWS_LB, { internal: true }, "private"],
        ["AWS internal unknown", AWS_LB, { internal: unknown() }, "unknown"],
        ["ALB Internet", ALI_ALB, { addressType: "Internet" }, "public"],
        ["ALB Intranet", ALI_ALB, { addressType: "Intranet" }, "private"],
        ["ALB address unknown", ALI_ALB, { addressType: unknown() }, "unknown"],
        ["SLB internet", SLB, { addressType: "internet" }, "public"],
        ["SLB intranet", SLB, { addressType: "intranet" }, "private"],
        ["SLB unset in a vSwitch is intranet", SLB, { vswitchId: "vsw-1" }, "private"],
        ["SLB unset without a vSwitch is classic internet", SLB_APP, {}, "public"],
        ["SLB unset with an unknown vSwitch", SLB, { vswitchId: unknown() }, "unknown"],
        ["SLB address unknown", SLB_APP, { addressType: unknown() }, "unknown"],
        ["not a load balancer", "aws:ec2/instance:Instance", {}, "private"],
    ])("%s", (_n, type, props, expected) => expect(loadBalancerExposure(resource(type, props))).toBe(expected));
});

describe("awsLoadBalancerType", () => {
    it("is application when unset (the provider default), the value when set, unknown when unknown", () => {
        expect(awsLoadBalancerType(resource(AWS_LB, {}))).toMatchObject({ kind: "value", value: "application", defaulted: true });
        expect(awsLoadBalancerType(resource(AWS_LB, { loadBalancerType: "network" }))).toMatchObject({ kind: "value", value: "network" });
        expect(awsLoadBalancerType(resource(AWS_LB, { loadBalancerType: unknown() })).kind).toBe("unknown");
    });
});
