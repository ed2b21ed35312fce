// Per stack policy cost of AnalyzeStack, in process. The request is encoded as the engine sends it
// (outputs instead of inputs where known, as the CLI does); the pack's shared build
// (policies/shared/build-once.ts: each resource deserialised, wrapped in the SDK's unknown-checking
// proxy and linked, once for all policies) is timed alone; then each stack policy's validateStack
// is timed on its own over that one list, as the pack runs them.
import type { StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import type { AnalyzerResource } from "@pulumi/pulumi/proto/analyzer_pb";
import { controls } from "../policies";
import { buildResources } from "../policies/shared/build-once";
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

/** The request's resources as AnalyzeStack sends them. */
function messages(convert: Converter, resources: readonly EngineResource[]): AnalyzerResource[] {
    return resources.map((r) => convert.analyzerResource(stackView(r)));
}

/** Median milliseconds of the shared build (once per call) and of each stack policy's own validateStack, over `rounds`. */
export function stackPolicyCosts(resources: readonly EngineResource[], rounds: number): { build: number; policies: PolicyCost[] } {
    const stackPolicies = controls.map((c) => c.policy).filter((p): p is StackValidationPolicy => "validateStack" in p);
    const builds: number[] = [];
    const times = new Map<string, number[]>(stackPolicies.map((p) => [p.name, []]));
    const findings = new Map<string, number>();
    const convert = new Converter(loadSdk(ROOT, "pack"));
    for (let i = 0; i < rounds; i++) {
        // New messages each round: the shared deserialisation is keyed on them, so nothing carries over.
        const request = messages(convert, resources);
        const t0 = performance.now();
        const built = buildResources(request);
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
