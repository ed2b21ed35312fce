// Links between logging resources in a stack (which VPC a flow log watches, which bucket
// receives logs). Property dependencies come first because they are known during preview; a
// known ID/name string is the fallback. AnalyzeStack sees each resource's outputs, so a
// resource created by an earlier update carries its `id` as a known string.
import type { PolicyResource } from "@pulumi/policy";
import { parseS3Arn } from "../shared/arn";
import { Input } from "../shared/reader";
import { dependenciesVia } from "../shared/stack";

/** True when an input is set, or unknown during preview (a value will be there). */
export function isSetOrUnknown(input: Input): boolean {
    const r = input.raw();
    return r.kind === "unknown" || (r.kind === "value" && r.value !== "");
}

/** The known identifiers of a resource: the values of `names` (inputs such as `bucket`) and its output `id`. */
export function knownIds(r: PolicyResource, names: readonly string[]): string[] {
    const props = Input.of(r.props);
    const out: string[] = [];
    for (const name of [...names, "id"]) {
        const v = props.get(name).string();
        if (v.kind === "value" && v.value !== "") out.push(v.value);
    }
    return out;
}

export interface Link {
    /** Candidates the resource refers to. */
    targets: PolicyResource[];
    /** True when no dependency names a candidate and the reference itself is unknown during preview. */
    unresolved: boolean;
}

export interface LinkSpec {
    /** Input whose property dependencies link the resource (top-level input name). */
    property: string;
    /** The inputs holding the reference strings (IDs, names, ARNs), e.g. `logging.targetBucket` or each `loggings[i].targetBucket`. */
    references(props: Input): Input[];
    /** Turns a reference into an identifier (e.g. an S3 ARN into the bucket name). */
    normalize?: (ref: string) => string;
}

/** Strings in a value: a string, or the strings of a list. */
export function stringsIn(v: unknown): string[] {
    if (typeof v === "string") return v === "" ? [] : [v];
    if (Array.isArray(v)) return v.filter((x): x is string => typeof x === "string" && x !== "");
    return [];
}

/** The reference strings held by some inputs; undefined when one of them is unknown during preview. */
function referenceStrings(inputs: readonly Input[]): string[] | undefined {
    const out: string[] = [];
    for (const input of inputs) {
        const r = input.raw();
        if (r.kind === "unknown") return undefined;
        if (r.kind !== "value") continue;
        if (!Array.isArray(r.value)) {
            out.push(...stringsIn(r.value));
            continue;
        }
        const items = input.items();
        if (items.kind !== "value") return undefined;
        for (const item of items.value) {
            const v = item.raw();
            if (v.kind === "unknown") return undefined;
            if (v.kind === "value") out.push(...stringsIn(v.value));
        }
    }
    return out;
}

/**
 * The resources a stack policy may link to, indexed once: their URNs, and their known ids read
 * on first use. A policy that links many resources to many candidates builds one and passes it to
 * every `linkVia`, so each candidate's ids are read once instead of once per linking resource.
 */
export class Candidates {
    private readonly position: ReadonlyMap<string, number>;
    private byId: Map<string, PolicyResource[]> | undefined;

    constructor(
        readonly list: readonly PolicyResource[],
        private readonly idsOf: (r: PolicyResource) => string[],
    ) {
        this.position = new Map(list.map((c, i) => [c.urn, i]));
    }

    has(urn: string): boolean {
        return this.position.has(urn);
    }

    /** The candidates holding one of `ids`, in candidate order, except `exclude`. */
    matching(ids: ReadonlySet<string>, exclude?: string): PolicyResource[] {
        if (!this.byId) {
            this.byId = new Map();
            for (const c of this.list) {
                for (const id of new Set(this.idsOf(c))) {
                    const same = this.byId.get(id);
                    if (same) same.push(c);
                    else this.byId.set(id, [c]);
                }
            }
        }
        const found = new Set<PolicyResource>();
        for (const id of ids) for (const c of this.byId.get(id) ?? []) if (c.urn !== exclude) found.add(c);
        return [...found].sort((a, b) => this.position.get(a.urn)! - this.position.get(b.urn)!);
    }
}

/**
 * The resources among `candidates` that `from` refers to through `spec`: the property
 * dependencies that are candidates; if none, the candidates whose known ids match a known
 * reference string. Unresolved only when the reference is unknown and no dependency explains it.
 * With `excludeSelf`, `from` is never its own target.
 */
export function linkVia(from: PolicyResource, spec: LinkSpec, candidates: readonly PolicyResource[] | Candidates, idsOf: (r: PolicyResource) => string[], excludeSelf = false): Link {
    const index = candidates instanceof Candidates ? candidates : new Candidates(candidates, idsOf);
    const exclude = excludeSelf ? from.urn : undefined;
    const deps = dependenciesVia(from, spec.property);
    const viaDeps = deps.filter((d) => d.urn !== exclude && index.has(d.urn));
    if (viaDeps.length > 0) {
        return { targets: uniqueByUrn(viaDeps), unresolved: false };
    }
    const refs = referenceStrings(spec.references(Input.of(from.props)));
    if (refs === undefined) {
        // A dependency on something else (a log group, a role) says where the value comes from.
        return { targets: [], unresolved: deps.length === 0 };
    }
    const ids = new Set(refs.map((s) => (spec.normalize ? spec.normalize(s) : s)));
    return { targets: ids.size === 0 ? [] : index.matching(ids, exclude), unresolved: false };
}

/** What `from` names through a LinkSpec, read once, to try candidates one at a time. */
export interface Reference {
    /** True when `from` links to `candidate`, whose known ids are `ids`: exactly `linkVia(from, spec, [candidate], …)` finding it. */
    reaches(candidate: PolicyResource, ids: readonly string[]): boolean;
    /** True when the reference is unknown and no dependency explains it (linkVia's `unresolved` for a candidate it does not reach). */
    readonly unresolved: boolean;
}

/** `from`'s reference through `spec`, read once: for a resource matched against many candidates. */
export function referenceVia(from: PolicyResource, spec: LinkSpec): Reference {
    const deps = dependenciesVia(from, spec.property);
    const depUrns = new Set(deps.map((d) => d.urn));
    const refs = referenceStrings(spec.references(Input.of(from.props)));
    const ids = refs === undefined ? undefined : new Set(refs.map((s) => (spec.normalize ? spec.normalize(s) : s)));
    return {
        reaches: (candidate, candidateIds) => depUrns.has(candidate.urn) || (ids !== undefined && candidateIds.some((id) => ids.has(id))),
        unresolved: refs === undefined && deps.length === 0,
    };
}

/**
 * For every resource of `froms`, the candidates it links to when each candidate is tried on its
 * own (`linkVia(from, spec, [candidate], …)`): a candidate is linked when `from` depends on it
 * through `spec.property`, or when a known reference names one of its ids. Exactly the pairs of
 * that pairwise loop, with one read of each resource instead of one per pair. Per candidate URN,
 * the linking resources in `froms` order.
 */
export function pairwiseLinks(froms: readonly PolicyResource[], spec: LinkSpec, candidates: Candidates): Map<string, PolicyResource[]> {
    const out = new Map<string, PolicyResource[]>();
    for (const from of froms) {
        const hit = new Set<string>();
        for (const d of dependenciesVia(from, spec.property)) if (candidates.has(d.urn)) hit.add(d.urn);
        const refs = referenceStrings(spec.references(Input.of(from.props)));
        if (refs !== undefined && refs.length > 0) {
            const ids = new Set(refs.map((s) => (spec.normalize ? spec.normalize(s) : s)));
            for (const c of candidates.matching(ids)) hit.add(c.urn);
        }
        for (const urn of hit) {
            const list = out.get(urn);
            if (list) list.push(from);
            else out.set(urn, [from]);
        }
    }
    return out;
}

function uniqueByUrn(rs: readonly PolicyResource[]): PolicyResource[] {
    const seen = new Set<string>();
    return rs.filter((r) => (seen.has(r.urn) ? false : (seen.add(r.urn), true)));
}

/** `arn:aws:s3:::name/prefix` (any partition) → `name`; anything else unchanged. */
export function s3BucketNameFromArn(ref: string): string {
    return parseS3Arn(ref)?.bucket ?? ref;
}

/** A type token as written in a program: `aws:cloudwatch/logGroup:LogGroup` → `aws.cloudwatch.LogGroup`. */
export function programType(token: string): string {
    const m = /^([^:]+):([^/:]+)\/[^:]*:(.+)$/.exec(token);
    return m ? `${m[1]}.${m[2]}.${m[3]}` : token;
}
