// Per stack policy cost of AnalyzeStack, in process. The request is encoded as the engine sends it
// (outputs instead of inputs where known, as the CLI does); the pack's shared build
// (policies/shared/build-once.ts: the request read framed, each resource decoded, deserialised,
// wrapped in the SDK's unknown-checking proxy and linked, once for all policies) is timed alone;
// then each stack policy's validateStack is timed on its own over that one list, as the pack runs
// them.
import type { StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { controls } from "../policies";
import { buildResources, framedStackRequest, resourcesOf } from "../policies/shared/build-once";
import { stackView } from "../tools/engine/analyze";
import { Converter } from "../tools/engine/convert";
import { loadSdk } from "../tools/engine/sdk";
import type { EngineResource } from "../tools/engine/types";
import { ROOT } from "./packs";
import { median } from "./stats";

export interface PolicyCost {
    name: string;
    ms: number;
    findings: number;
}

/** The request's bytes as AnalyzeStack sends them. */
function requestBytes(convert: Converter, resources: readonly EngineResource[]): Buffer {
    const bytes = convert.analyzeStackRequestBytes(resources.map(stackView));
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Median milliseconds of the shared build (once per call) and of each stack policy's own validateStack, over `rounds`. */
export function stackPolicyCosts(resources: readonly EngineResource[], rounds: number): { build: number; policies: PolicyCost[] } {
    const stackPolicies = controls.map((c) => c.policy).filter((p): p is StackValidationPolicy => "validateStack" in p);
    const builds: number[] = [];
    const times = new Map<string, number[]>(stackPolicies.map((p) => [p.name, []]));
    const findings = new Map<string, number>();
    const convert = new Converter(loadSdk(ROOT, "pack"));
    for (let i = 0; i < rounds; i++) {
        // Read anew each round: the shared deserialisation is keyed on the decoded messages, so nothing carries over.
        const bytes = requestBytes(convert, resources);
        const t0 = performance.now();
        const built = buildResources(resourcesOf(framedStackRequest(bytes)));
        builds.push(performance.now() - t0);
        for (const p of stackPolicies) {
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
        build: median(builds),
        policies: stackPolicies.map((p) => ({ name: p.name, ms: median(times.get(p.name) ?? []), findings: findings.get(p.name) ?? 0 })),
    };
}
