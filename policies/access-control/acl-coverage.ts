// Which subnets / vSwitches of a stack are covered by a network ACL, through property
// dependencies (known during preview even when the IDs are not). Shared by the AWS and Alibaba
// Cloud network-ACL policies, which differ in level and in what counts as a real ACL.
import type { PolicyResource } from "@pulumi/policy";
import { StackIndex, dependenciesVia } from "../shared/stack";

/** A resource type that binds subnets to a network ACL through one of its inputs. */
export interface Binding {
    /** Input naming the subnets (`subnetIds`, `resources`, `resourceId`). */
    via: string;
    /** Whether this binding puts the subnet under an ACL the stack governs (false for the VPC's default ACL). */
    counts(binder: PolicyResource): boolean;
}

export interface Coverage {
    subnet: PolicyResource;
    /** True when the only bindings found are to the default ACL. */
    defaultOnly: boolean;
}

/** Every subnet of `subnetTypes` not bound through a counting binding. */
export function uncovered(resources: readonly PolicyResource[], subnetTypes: readonly string[], bindings: Record<string, Binding>): Coverage[] {
    const index = new StackIndex(resources);
    const covered = new Set<string>();
    const toDefault = new Set<string>();
    for (const [type, binding] of Object.entries(bindings)) {
        for (const binder of index.ofType(type)) {
            const target = binding.counts(binder) ? covered : toDefault;
            for (const s of dependenciesVia(binder, binding.via)) target.add(s.urn);
        }
    }
    return index
        .ofType(...subnetTypes)
        .filter((s) => !covered.has(s.urn))
        .map((subnet) => ({ subnet, defaultOnly: toDefault.has(subnet.urn) }));
}
