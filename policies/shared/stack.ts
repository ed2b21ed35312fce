// Cross-resource checks run in stack policies. The SDK wraps each resource's props in its
// unknown-checking proxy; in a stack policy one unknown read would abort the whole policy and
// hide every other finding, so reads go through `tryRead`, which turns an unknown into a value
// the caller must handle (typically: advisory for that resource only).
import type { PolicyResource } from "@pulumi/policy";

// The SDK's error class; @pulumi/policy is pinned, and a test checks this still resolves.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { UnknownValueError } = require("@pulumi/policy/proxy") as { UnknownValueError: new (...args: never[]) => Error };

export type Known<T> = { known: true; value: T } | { known: false };

export function isUnknownValueError(e: unknown): boolean {
    return e instanceof UnknownValueError;
}

/** Runs a read; an unknown value during preview gives `{known: false}` instead of throwing. */
export function tryRead<T>(read: () => T): Known<T> {
    // The SDK's error captures a stack trace that is never shown here; in a first preview most
    // reads of outputs are unknown, and capturing thousands of traces was the largest single
    // cost of AnalyzeStack on large stacks (bench/, docs/performance.md).
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
        return { known: true, value: read() };
    } catch (e) {
        if (isUnknownValueError(e)) {
            return { known: false };
        }
        throw e;
    } finally {
        Error.stackTraceLimit = limit;
    }
}

// One index per resource list: the stack policies of one AnalyzeStack call share their list (build-once.ts).
const indexes = new WeakMap<readonly PolicyResource[], StackIndex>();

export class StackIndex {
    readonly byUrn: ReadonlyMap<string, PolicyResource>;
    private readonly byType = new Map<string, PolicyResource[]>();

    /** The index of `resources`, built on first use. The list must not change afterwards (the shared one is frozen). */
    static of(resources: readonly PolicyResource[]): StackIndex {
        let idx = indexes.get(resources);
        if (idx === undefined) {
            idx = new StackIndex(resources);
            indexes.set(resources, idx);
        }
        return idx;
    }

    constructor(readonly resources: readonly PolicyResource[]) {
        this.byUrn = new Map(resources.map((r) => [r.urn, r]));
        for (const r of resources) {
            const list = this.byType.get(r.type) ?? [];
            list.push(r);
            this.byType.set(r.type, list);
        }
    }

    ofType(...types: readonly string[]): PolicyResource[] {
        return types.flatMap((t) => this.byType.get(t) ?? []);
    }

    has(...types: readonly string[]): boolean {
        return types.some((t) => (this.byType.get(t)?.length ?? 0) > 0);
    }
}

/**
 * The resources `r` names through input `property`, from propertyDependencies (known during
 * preview). Empty when the property has no recorded dependencies.
 */
export function dependenciesVia(r: PolicyResource, property: string): PolicyResource[] {
    return r.propertyDependencies[property] ?? [];
}

/** True when `from` refers to `target` through `property` (property dependency). */
export function refersTo(from: PolicyResource, property: string, target: PolicyResource): boolean {
    return dependenciesVia(from, property).some((d) => d.urn === target.urn);
}
