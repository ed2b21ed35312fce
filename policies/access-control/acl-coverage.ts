// Which subnets / vSwitches of a stack are covered by a network ACL, through property
// dependencies (known during preview even when the IDs are not). Shared by the AWS and Alibaba
// Cloud network-ACL policies, which differ in level and in what counts as a real ACL.
import type { PolicyResource } from "@pulumi/policy";
import { knownIds } from "../logging/links";
import { Input } from "../shared/reader";
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
    /**
     * True when some binding names its subnets through a value unknown during preview that no
     * property dependency explains: this subnet may be among them, so no mandatory finding.
     */
    unresolved: boolean;
}

/** The known strings anywhere in a value, and whether any part of it is unknown during preview. */
function stringsAndUnknowns(input: Input): { strings: string[]; unknown: boolean } {
    const r = input.raw();
    if (r.kind === "unknown") return { strings: [], unknown: true };
    if (r.kind !== "value") return { strings: [], unknown: false };
    if (typeof r.value === "string") return { strings: r.value === "" ? [] : [r.value], unknown: false };
    const items = Array.isArray(r.value) ? input.items() : input.entries();
    if (items.kind === "unknown") return { strings: [], unknown: true };
    if (items.kind !== "value") return { strings: [], unknown: false };
    const parts = items.value.map((x) => stringsAndUnknowns(Array.isArray(x) ? x[1] : x));
    return { strings: parts.flatMap((p) => p.strings), unknown: parts.some((p) => p.unknown) };
}

/** Every subnet of `subnetTypes` not bound through a counting binding. */
export function uncovered(resources: readonly PolicyResource[], subnetTypes: readonly string[], bindings: Record<string, Binding>): Coverage[] {
    const index = StackIndex.of(resources);
    const covered = new Set<string>();
    const toDefault = new Set<string>();
    const subnets = index.ofType(...subnetTypes);
    const isSubnet = new Set(subnets.map((s) => s.urn));
    let unresolved = false;
    for (const [type, binding] of Object.entries(bindings)) {
        for (const binder of index.ofType(type)) {
            const counts = binding.counts(binder);
            const target = counts ? covered : toDefault;
            const deps = dependenciesVia(binder, binding.via);
            const viaDeps = deps.filter((d) => isSubnet.has(d.urn));
            for (const s of viaDeps) target.add(s.urn);
            // Beyond the subnets it depends on: known IDs, or a value from elsewhere (another
            // resource's output, unknown during preview) that may name any subnet.
            const { strings, unknown } = stringsAndUnknowns(Input.of(binder.props).get(binding.via));
            const ids = new Set(strings);
            for (const s of subnets) if (knownIds(s, []).some((id) => ids.has(id))) target.add(s.urn);
            const explained = viaDeps.length > 0 && deps.every((d) => isSubnet.has(d.urn));
            if (unknown && counts && !explained) unresolved = true;
        }
    }
    return subnets.filter((s) => !covered.has(s.urn)).map((subnet) => ({ subnet, defaultOnly: toDefault.has(subnet.urn), unresolved }));
}
