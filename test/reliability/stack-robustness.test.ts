// Stack policies on large and malformed stacks: thousands of resources of every type the pack
// reads, with plausible and odd props, cycles in dependencies, property dependencies and parents,
// self-references, dependencies on URNs that are not in the stack, and resources without a
// provider. No policy may throw (a throw fails the whole preview), and the real pack must answer
// AnalyzeStack for a stack of ~2,000 such resources.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { controls } from "../../policies/index";
import { type Control } from "../../policies/shared/control";
import { resolveConfig } from "../../tools/engine/config";
import { PolicyPackEngine } from "../../tools/engine/engine";
import type { EngineResource, WireProperties } from "../../tools/engine/types";
import { type TestResource, runStack, toWire } from "../helpers/harness";
import { ROOT } from "../tools/helpers";
import { ALL_TYPES, KEYS, resourceOf, urnOf } from "../property/arbitraries";

const STACK_POLICIES: readonly Control[] = controls.filter((c) => "validateStack" in c.policy);
/** Input names that stack policies follow through propertyDependencies. */
const LINK_KEYS = ["bucket", "vpcId", "vswitchId", "resourceId", "subnetId", "networkAclId", "logDestination", "s3BucketName", "destination", "targetBucket", "sourceBucket", "role"];
const DANGLING = "urn:pulumi:dev::test::aws:s3/bucket:Bucket::not-in-this-stack";

/**
 * `n` resources cycling through every type, props sampled from the property tests' generators
 * (fixed seed: the same stack every run). Each depends on the next (the last on the first: a
 * cycle), on itself and on a URN that is not in the stack; property dependencies point backwards
 * and forwards; parents form a cycle too; a third have no provider.
 */
function bigStack(n: number, seed = 42): TestResource[] {
    const sampled = fc.sample(fc.constantFrom(...ALL_TYPES).chain((t) => resourceOf(t)), { numRuns: n, seed });
    const urns = sampled.map((r, i) => urnOf(r.type, `r${i}`));
    const at = (i: number): string => urns[((i % n) + n) % n]!;
    return sampled.map((r, i) => {
        const { provider, ...rest } = r;
        const linkKey = (k: number): string => (k % 2 === 0 ? LINK_KEYS[(i + k) % LINK_KEYS.length]! : KEYS[(i * 7 + k) % KEYS.length]!);
        return {
            ...rest,
            name: `r${i}`,
            urn: at(i),
            ...(i % 3 === 0 || !provider ? {} : { provider }),
            dependencies: [at(i + 1), at(i), DANGLING],
            propertyDependencies: { [linkKey(0)]: [at(i - 1), at(i + 1)], [linkKey(1)]: [at(i), DANGLING], [linkKey(2)]: [at(0)] },
            parent: at(i + 1),
        };
    });
}

describe("stack policies on 5,000 mixed resources with cycles and dangling links (harness)", () => {
    const stack = bigStack(5000);

    it("the stack has what it claims: every type, no-provider resources, cycles, dangling URNs", () => {
        expect(new Set(stack.map((r) => r.type)).size).toBe(ALL_TYPES.length);
        expect(stack.filter((r) => !r.provider).length).toBeGreaterThan(1000);
        expect(stack.at(-1)?.dependencies?.[0]).toBe(stack[0]!.urn);
        expect(stack.every((r) => r.dependencies?.includes(DANGLING))).toBe(true);
    });

    it.each(STACK_POLICIES.map((c) => [c.metadata.name, c] as const))("%s does not throw", async (_, control) => {
        const found = await runStack(control, stack);
        expect(Array.isArray(found)).toBe(true);
        // An unknown read must stay local to a resource: the SDK's whole-policy advisory means a read escaped tryRead.
        expect(found.filter((d) => d.message.startsWith("can't run policy"))).toEqual([]);
    });

    it.each(STACK_POLICIES.map((c) => [c.metadata.name, c] as const))("%s: every resource depending on every other, and on itself", async (_, control) => {
        const dense = bigStack(150, 7);
        const urns = dense.map((r) => r.urn ?? "");
        const linked = dense.map((r) => ({ ...r, dependencies: urns, propertyDependencies: Object.fromEntries(LINK_KEYS.map((k) => [k, urns])) }));
        await expect(runStack(control, linked)).resolves.toBeInstanceOf(Array);
    });
});

describe("the real pack: AnalyzeStack of 2,000 such resources", () => {
    let engine: PolicyPackEngine;
    beforeAll(async () => {
        engine = await PolicyPackEngine.start(ROOT, { stack: { project: "test", stack: "dev" } });
        await engine.configure(resolveConfig(await engine.getAnalyzerInfo()));
    });
    afterAll(async () => {
        await engine?.close();
    });

    it("answers without a gRPC error", async () => {
        const resources: EngineResource[] = bigStack(2000, 9).map((r) => ({
            urn: r.urn ?? "",
            type: r.type,
            name: r.name ?? "",
            custom: true,
            properties: toWire(r.props ?? {}) as WireProperties,
            dependencies: r.dependencies ?? [],
            propertyDependencies: r.propertyDependencies ?? {},
            ...(r.parent ? { parent: r.parent } : {}),
            ...(r.provider ? { provider: { urn: urnOf(r.provider.type, "p"), type: r.provider.type, name: "p", properties: toWire(r.provider.props) as WireProperties } } : {}),
        }));
        const findings = await engine.analyzeStack(resources);
        expect(findings.length).toBeGreaterThan(0);
        expect(findings.filter((f) => f.message.startsWith("can't run policy"))).toEqual([]);
    });
});
