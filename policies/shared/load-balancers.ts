// Load balancers: which type tokens are load balancers, and whether one faces the internet. One
// definition for the controls that care about entry points (access-logs-enabled,
// public-entry-intrusion-prevention), each input read with its documented default.
import type * as alicloud from "@pulumi/alicloud";
import type * as aws from "@pulumi/aws";
import type { PolicyResource } from "@pulumi/policy";
import { inputName } from "./properties";
import { Input, type Read, orDefault } from "./reader";

export const AWS_LOAD_BALANCERS: readonly string[] = ["aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer"];
export const ALI_ALB = "alicloud:alb/loadBalancer:LoadBalancer";
export const ALI_SLBS: readonly string[] = ["alicloud:slb/loadBalancer:LoadBalancer", "alicloud:slb/applicationLoadBalancer:ApplicationLoadBalancer"];

export const AWS_LB_TYPE = inputName<aws.lb.LoadBalancerArgs>("loadBalancerType");
const AWS_LB_INTERNAL = inputName<aws.lb.LoadBalancerArgs>("internal");
const ALB_ADDRESS = inputName<alicloud.alb.LoadBalancerArgs>("addressType");
const SLB_ADDRESS = inputName<alicloud.slb.LoadBalancerArgs>("addressType");
const SLB_VSWITCH = inputName<alicloud.slb.LoadBalancerArgs>("vswitchId");

export type Exposure = "public" | "private" | "unknown";

/** An AWS load balancer's `loadBalancerType`, "application" when unset (the provider's default). */
export function awsLoadBalancerType(r: PolicyResource): Read<string> {
    return orDefault(Input.of(r.props).get(AWS_LB_TYPE).string(), "application");
}

/**
 * Whether a load balancer faces the internet, per type. AWS: `internal` unset is false
 * (internet-facing). ALB: `addressType` "Internet" (it is required). SLB: `addressType`
 * "internet"; unset, an SLB in a vSwitch is intranet and one without is a classic-network
 * internet instance.
 */
const EXPOSURE: Readonly<Record<string, (props: Input) => Exposure>> = {
    ...Object.fromEntries(
        AWS_LOAD_BALANCERS.map((t) => [
            t,
            (p: Input): Exposure => {
                const internal = p.get(AWS_LB_INTERNAL).boolean();
                return internal.kind === "unknown" ? "unknown" : internal.kind === "value" && internal.value ? "private" : "public";
            },
        ]),
    ),
    [ALI_ALB]: (p) => {
        const address = p.get(ALB_ADDRESS).string();
        return address.kind === "unknown" ? "unknown" : address.kind === "value" && address.value === "Internet" ? "public" : "private";
    },
    ...Object.fromEntries(
        ALI_SLBS.map((t) => [
            t,
            (p: Input): Exposure => {
                const address = p.get(SLB_ADDRESS).string();
                if (address.kind === "unknown") return "unknown";
                if (address.kind === "value") return address.value === "internet" ? "public" : "private";
                const vswitch = p.get(SLB_VSWITCH).raw();
                return vswitch.kind === "unknown" ? "unknown" : vswitch.kind === "value" ? "private" : "public";
            },
        ]),
    ),
};

/** Whether a load balancer faces the internet; "private" for a type that is not a load balancer. */
export function loadBalancerExposure(r: PolicyResource): Exposure {
    return EXPOSURE[r.type]?.(Input.of(r.props)) ?? "private";
}
