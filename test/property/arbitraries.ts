// Generators for the property-based tests: resource props of every shape a policy can meet
// (random, missing, null, wrongly typed, deeply nested), built mostly from the names and values the
// policies themselves use so that the plausible paths are exercised too, with unknowns and secrets
// at random paths. Also the checks the properties share.
import * as fs from "fs";
import * as path from "path";
import fc from "fast-check";
import { controls } from "../../policies/index";
import { type Diagnostic, type TestResource, Secret, Unknown, secret, unknown } from "../helpers/harness";
import { type Field, type Shape, shapesOf } from "./provider-shapes";

const POLICIES_DIR = path.resolve(__dirname, "..", "..", "policies");

function sources(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
        const p = path.join(dir, e.name);
        return e.isDirectory() ? sources(p) : e.name.endsWith(".ts") ? [fs.readFileSync(p, "utf8")] : [];
    });
}

/**
 * Every short string literal in the policies' sources: input names (`inputName<…>("retentionInDays")`),
 * type tokens, regions, ACL values, protocols, port ranges… Reading the literals keeps the
 * generators in step with the policies without a hand-kept list.
 */
const LITERALS: readonly string[] = [...new Set(sources(POLICIES_DIR).flatMap((s) => [...s.matchAll(/"([^"\\\n]{1,48})"/g)].map((m) => m[1]!)))].sort();

/** Literals that look like input names: the keys a policy reads. */
export const KEYS: readonly string[] = LITERALS.filter((s) => /^[a-z][A-Za-z0-9_]*$/.test(s) || s.startsWith("compliance:"));

/** Values that decide findings, besides the literals: thresholds, CIDRs, ports, booleans as strings. */
const EXTRA_VALUES = ["0.0.0.0/0", "::/0", "0.0.0.0", "10.0.0.0/8", "192.168.1.0/24", "22/22", "-1/-1", "1/65535", "3389/3389", "80/80", "180", "7", "true", "false", "-1", "", " "];
export const STRINGS: readonly string[] = [...new Set([...LITERALS, ...EXTRA_VALUES])];
const NUMBERS = [-1, 0, 1, 2, 7, 22, 30, 90, 179, 180, 181, 365, 443, 1433, 3306, 3389, 3650, 3653, 5432, 6379, 27017, 65535, 1e9];

/** Every resource type some policy reads. */
export const ALL_TYPES: readonly string[] = [...new Set(controls.flatMap((c) => c.metadata.resourceTypes))].sort();

export const SECRET_PREFIX = "SECRET-";

const secretText = fc.stringMatching(/^[0-9a-f]{6,12}$/).map((s) => `${SECRET_PREFIX}${s}`);

const leaf: fc.Arbitrary<unknown> = fc.oneof(
    { arbitrary: fc.constantFrom(...STRINGS), weight: 6 },
    { arbitrary: fc.constantFrom(...NUMBERS), weight: 3 },
    { arbitrary: fc.boolean(), weight: 2 },
    { arbitrary: fc.constant(null), weight: 1 },
    { arbitrary: fc.string({ maxLength: 12 }), weight: 1 },
    { arbitrary: fc.oneof(fc.integer(), fc.double()), weight: 1 },
    { arbitrary: fc.constant(unknown()), weight: 2 },
    { arbitrary: secretText.map((s) => secret(s)), weight: 2 },
);

const key: fc.Arbitrary<string> = fc.oneof({ arbitrary: fc.constantFrom(...KEYS), weight: 8 }, { arbitrary: fc.string({ minLength: 1, maxLength: 8 }), weight: 1 });

/** Any JSON-ish value, nested up to a few levels, with unknowns and secrets anywhere. */
export const value: fc.Arbitrary<unknown> = fc.letrec<{ v: unknown }>((tie) => ({
    v: fc.oneof(
        { depthSize: "small", withCrossShrink: true },
        { arbitrary: leaf, weight: 5 },
        { arbitrary: fc.array(tie("v"), { maxLength: 4 }), weight: 2 },
        { arbitrary: fc.dictionary(key, tie("v"), { maxKeys: 5 }), weight: 2 },
        { arbitrary: tie("v").map((x) => secret(x)), weight: 1 },
    ),
})).v;

export const props: fc.Arbitrary<Record<string, unknown>> = fc.dictionary(key, value, { maxKeys: 8 });

const AWS_REGIONS = ["cn-north-1", "cn-northwest-1", "us-east-1", "eu-west-1", "ap-east-1"];
const ALI_REGIONS = ["cn-beijing", "cn-hangzhou", "cn-hongkong", "eu-central-1", "us-west-1"];

function packageOf(type: string): string {
    return type.split(":")[0]!;
}

/** A provider for a resource of `type`: usually its own package's, with a region of any kind. */
export function providerFor(type: string): fc.Arbitrary<TestResource["provider"] | undefined> {
    const pkg = packageOf(type);
    const regions = pkg === "alicloud" ? ALI_REGIONS : AWS_REGIONS;
    const region = fc.oneof(fc.constantFrom(...regions), fc.constant(unknown()), secretText.map((s) => secret(s)), leaf);
    const provider = fc.record({
        type: fc.oneof({ arbitrary: fc.constant(`pulumi:providers:${pkg}`), weight: 5 }, { arbitrary: fc.constantFrom("pulumi:providers:aws", "pulumi:providers:alicloud"), weight: 1 }),
        props: fc.oneof(fc.record({ region }), props),
    });
    return fc.option(provider, { nil: undefined, freq: 4 });
}

// ---- plausible shapes, from the provider SDKs' type declarations ----

/**
 * Input names, types and nested input types per type token, derived from the installed
 * @pulumi/aws and @pulumi/alicloud declarations (provider-shapes.ts). A token the SDKs do not
 * declare throws here, so the property tests never run on random props alone by accident.
 */
export const SHAPES: ReadonlyMap<string, Shape> = shapesOf(ALL_TYPES);

/** A value of the declared type (string, number, boolean, lists, maps, nested inputs), or sometimes any value at all. */
function typed(field: Field, depth: number): fc.Arbitrary<unknown> {
    const list = field.type.endsWith("[]");
    const base = list ? field.type.slice(0, -2) : field.type;
    let one: fc.Arbitrary<unknown>;
    if (field.nested && depth < 5) one = shaped(field.nested, depth + 1);
    else if (base === "boolean") one = fc.oneof(fc.boolean(), fc.constantFrom("true", "false"));
    else if (base === "number") one = fc.constantFrom(...NUMBERS);
    else if (base === "object") one = value;
    else if (base.startsWith("Record<")) one = fc.dictionary(key, fc.constantFrom(...STRINGS), { maxKeys: 3 });
    else one = fc.constantFrom(...STRINGS);
    const good = list ? fc.array(one, { maxLength: 3 }) : one;
    return fc.oneof(
        { arbitrary: good, weight: 8 },
        { arbitrary: fc.constant(unknown()), weight: 1 },
        { arbitrary: fc.oneof(secretText, good).map((x) => secret(x)), weight: 1 },
        { arbitrary: leaf, weight: 1 },
        { arbitrary: value, weight: 1 },
    );
}

/** An object of the shape: a random subset of its inputs, typed, plus now and then a stray key. */
function shaped(shape: Shape, depth = 0): fc.Arbitrary<Record<string, unknown>> {
    const fields = Object.fromEntries([...shape].map(([k, f]) => [k, typed(f, depth)]));
    const known = fc.record(fields, { requiredKeys: [] });
    return fc.tuple(known, fc.dictionary(key, value, { maxKeys: depth === 0 ? 2 : 1 })).map(([a, b]) => ({ ...b, ...a }));
}

/** Props of a resource of `type`: mostly of its documented shape, sometimes anything. */
export function propsOf(type: string): fc.Arbitrary<Record<string, unknown>> {
    const shape = SHAPES.get(type);
    return shape ? fc.oneof({ arbitrary: shaped(shape), weight: 4 }, { arbitrary: props, weight: 1 }) : props;
}

/** One resource of `type` with random props and provider. */
export function resourceOf(type: string, name = "res"): fc.Arbitrary<TestResource> {
    return fc.record({ props: propsOf(type), provider: providerFor(type) }).map(({ props: p, provider }) => ({ type, name, props: p, ...(provider ? { provider } : {}) }));
}

/**
 * A stack of several resources, mostly of the types `types` (a stack policy's), linked by random
 * dependencies and property dependencies: forward, backward, cycles, self-references and URNs
 * of resources that are not in the stack.
 */
export function stackOf(types: readonly string[]): fc.Arbitrary<TestResource[]> {
    const type = fc.oneof({ arbitrary: fc.constantFrom(...types), weight: 4 }, { arbitrary: fc.constantFrom(...ALL_TYPES), weight: 1 });
    const row = type.chain((t) => fc.tuple(fc.constant(t), fc.record({ props: propsOf(t), provider: providerFor(t) })));
    return fc.array(row, { minLength: 1, maxLength: 8 }).chain((rows) => {
        const n = rows.length;
        const urns = rows.map(([t], i) => urnOf(t, `r${i}`));
        const target = fc.oneof({ arbitrary: fc.constantFrom(...urns), weight: 5 }, { arbitrary: fc.constant("urn:pulumi:dev::test::aws:s3/bucket:Bucket::dangling"), weight: 1 });
        const links = fc.record({
            dependencies: fc.array(target, { maxLength: 3 }),
            propertyDependencies: fc.dictionary(key, fc.array(target, { maxLength: 3 }), { maxKeys: 3 }),
            parent: fc.option(target, { nil: undefined }),
        });
        return fc.array(links, { minLength: n, maxLength: n }).map((ls) =>
            rows.map(([t, r], i): TestResource => {
                const provider = r.provider;
                return {
                    type: t,
                    name: `r${i}`,
                    urn: urns[i],
                    props: r.props,
                    ...(provider ? { provider } : {}),
                    dependencies: ls[i]!.dependencies,
                    propertyDependencies: ls[i]!.propertyDependencies,
                    ...(ls[i]!.parent ? { parent: ls[i]!.parent } : {}),
                };
            }),
        );
    });
}

export function urnOf(type: string, name: string): string {
    return `urn:pulumi:dev::test::${type}::${name}`;
}

// ---- unknowns ----

/** Marks "remove the unknown": the key is dropped (an array element becomes null). */
export const ABSENT = Symbol("absent");

/**
 * Values an unknown may turn out to be. Each makes some policy's input compliant (an allowed
 * region, a long retention, encryption on, a private ACL or CIDR, all traffic logged…), so a
 * mandatory finding that only came from the unknown shows up as missing from some of these runs.
 */
export const CONCRETE: readonly unknown[] = [ABSENT, true, "true", 0, 1, 180, 3650, "cn-north-1", "cn-beijing", "10.0.0.0/8", "private", "ALL", "All", "Enabled", "AES256", "VPC", "accept", "drop", "ingress", {}, []];

export function hasUnknown(v: unknown): boolean {
    if (v instanceof Unknown) return true;
    if (v instanceof Secret) return hasUnknown(v.value);
    if (Array.isArray(v)) return v.some(hasUnknown);
    if (v !== null && typeof v === "object") return Object.values(v).some(hasUnknown);
    return false;
}

/** `v` with every unknown replaced by `c`. */
export function concretise(v: unknown, c: unknown): unknown {
    if (v instanceof Unknown) return c === ABSENT ? undefined : structuredClone(c);
    if (v instanceof Secret) {
        const inner = concretise(v.value, c);
        return inner === undefined ? undefined : new Secret(inner);
    }
    if (Array.isArray(v)) return v.map((x) => concretise(x, c) ?? null);
    if (v !== null && typeof v === "object") {
        return Object.fromEntries(Object.entries(v).flatMap(([k, x]) => {
            const y = concretise(x, c);
            return y === undefined ? [] : [[k, y]];
        }));
    }
    return v;
}

export function concretiseResource(r: TestResource, c: unknown): TestResource {
    const out: TestResource = { ...r, props: concretise(r.props ?? {}, c) as Record<string, unknown> };
    if (r.provider) out.provider = { ...r.provider, props: concretise(r.provider.props, c) as Record<string, unknown> };
    return out;
}

export function resourcesHaveUnknown(rs: readonly TestResource[]): boolean {
    return rs.some((r) => hasUnknown(r.props) || hasUnknown(r.provider?.props));
}

// ---- checks ----

export interface Found {
    policy: string;
    enforcementLevel: string;
    message: string;
    urn?: string;
}

export const mandatory = <T extends Found>(ds: readonly T[]): T[] => ds.filter((d) => d.enforcementLevel === "mandatory");

/**
 * Whether `ds` has a mandatory finding of `f`'s policy about `f`'s resource: reported on it, or on
 * a linked resource and naming it (a stack policy may report a setting of one resource on the
 * resource it governs once it knows they are linked, e.g. an encryption configuration on its
 * bucket: `OSS bucket "b" (via … "cfg")`).
 */
function covers(ds: readonly Found[], f: Found): boolean {
    const name = f.urn?.split("::").pop();
    return ds.some((d) => d.policy === f.policy && d.enforcementLevel === "mandatory" && (d.urn === f.urn || (name !== undefined && d.message.includes(`"${name}"`))));
}

/**
 * Mandatory findings of the run with unknowns that some concretisation does not have: each of
 * these turned an unknown into a mandatory finding. Correct policies give none, since a finding
 * that holds whatever the unknown turns out to be holds for every concrete value tried.
 */
export function unknownCaused(withUnknowns: readonly Found[], concrete: readonly { value: unknown; found: readonly Found[] }[]): string[] {
    return mandatory(withUnknowns).flatMap((f) => {
        const missing = concrete.find((c) => !covers(c.found, f));
        if (!missing) return [];
        const when = missing.value === ABSENT ? "removed" : JSON.stringify(missing.value);
        return [`${f.policy} on ${f.urn ?? "the resource"} (gone when the unknowns are ${when}): ${f.message.split("\n")[0]}`];
    });
}

/** Messages that reveal a secret value. */
export function leakedSecrets(ds: readonly Diagnostic[] | readonly { message: string }[]): string[] {
    return ds.map((d) => d.message).filter((m) => m.includes(SECRET_PREFIX));
}
