// Per stack policy cost of AnalyzeStack, in process: the resources are built as the SDK's
// AnalyzeStack builds them for each policy (wrapped in the unknown-checking proxy, dependencies
// linked; the wire props deserialised once for all policies, as the pack makes the SDK do,
// policies/shared/deserialise-once.ts), then each policy's validateStack is timed on its own. The
// build is the SDK's per-policy cost, reported once as the floor; what a policy adds on top of
// it is its own work.
import type { PolicyResource, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { controls } from "../policies";
import type { EngineResource } from "../tools/engine/types";
import { median } from "./stats";

const { deserializeProperties } = require("@pulumi/policy/deserialize") as { deserializeProperties: (s: unknown, keepSecrets: boolean) => Record<string, unknown> };
const { unknownCheckingProxy } = require("@pulumi/policy/proxy") as { unknownCheckingProxy: <T>(v: T) => T };
const { Struct } = require("google-protobuf/google/protobuf/struct_pb") as { Struct: { fromJavaScript(v: unknown): unknown } };

const OPTS: PolicyResource["opts"] = { protect: false, ignoreChanges: [], aliases: [], customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 }, additionalSecretOutputs: [] };

/** The resources of one policy's pass, as the SDK builds them (outputs instead of inputs where known, as AnalyzeStack sends). */
export function sdkResources(wire: readonly { r: EngineResource; deserialised: Record<string, unknown> }[]): PolicyResource[] {
    const built = wire.map(({ r, deserialised }) => {
        const props = unknownCheckingProxy(deserialised);
        const type = r.type;
        const resource: PolicyResource = {
            type,
            props,
            urn: r.urn,
            name: r.name,
            opts: OPTS,
            dependencies: [],
            propertyDependencies: {},
            isType: (cls) => (cls as { __pulumiType?: string }).__pulumiType === type,
            asType: () => undefined,
        };
        return { resource, r };
    });
    const byUrn = new Map(built.map((b) => [b.resource.urn, b.resource]));
    for (const { resource, r } of built) {
        if (r.parent && byUrn.has(r.parent)) resource.parent = byUrn.get(r.parent);
        resource.dependencies = r.dependencies.flatMap((u) => byUrn.get(u) ?? []);
        for (const [k, urns] of Object.entries(r.propertyDependencies)) resource.propertyDependencies[k] = urns.flatMap((u) => byUrn.get(u) ?? []);
    }
    return built.map((b) => b.resource);
}

export interface PolicyCost {
    name: string;
    ms: number;
    findings: number;
}

/**
 * Median milliseconds of the shared deserialisation (once per call), of the SDK's per-policy
 * build, and of each stack policy's own validateStack, over `rounds`.
 */
export function stackPolicyCosts(resources: readonly EngineResource[], rounds: number): { deserialise: number; build: number; policies: PolicyCost[] } {
    const structs = resources.map((r) => ({ r, struct: Struct.fromJavaScript(r.outputs ?? r.properties) }));
    const deserialisations: number[] = [];
    let wire: { r: EngineResource; deserialised: Record<string, unknown> }[] = [];
    for (let i = 0; i < rounds; i++) {
        const t0 = performance.now();
        wire = structs.map(({ r, struct }) => ({ r, deserialised: deserializeProperties(struct, false) }));
        deserialisations.push(performance.now() - t0);
    }
    const stackPolicies = controls.map((c) => c.policy).filter((p): p is StackValidationPolicy => "validateStack" in p);
    const builds: number[] = [];
    const times = new Map<string, number[]>(stackPolicies.map((p) => [p.name, []]));
    const findings = new Map<string, number>();
    for (let i = 0; i < rounds; i++) {
        for (const p of stackPolicies) {
            const t0 = performance.now();
            const built = sdkResources(wire);
            builds.push(performance.now() - t0);
            let n = 0;
            const args: StackValidationArgs = {
                resources: built,
                getConfig: <T extends object>() => ({}) as T,
                stackTags: new Map(),
                notApplicable: () => undefined as never,
            };
            const t1 = performance.now();
            void p.validateStack(args, () => n++);
            times.get(p.name)?.push(performance.now() - t1);
            findings.set(p.name, n);
        }
    }
    return {
        deserialise: median(deserialisations),
        build: median(builds),
        policies: stackPolicies.map((p) => ({ name: p.name, ms: median(times.get(p.name) ?? []), findings: findings.get(p.name) ?? 0 })),
    };
}
