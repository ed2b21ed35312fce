// Builds ResourceValidationArgs / StackValidationArgs the way @pulumi/policy's server does and runs
// a policy the way the server runs it: props go through the wire form, the SDK's own
// deserialiser and its unknown-checking proxy; UnknownValueError becomes an advisory; config gets
// the schema defaults the engine fills in. Unit tests call policies through this, never through gRPC.
import type {
    EnforcementLevel,
    PolicyResource,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationArgs,
    StackValidationPolicy,
} from "@pulumi/policy";
import { isDeepStrictEqual } from "node:util";
import { SECRET_SIG, SIG_KEY, UNKNOWN } from "../../tools/engine/types";
import { type Control } from "../../policies/shared/control";

// Internal SDK modules: their .d.ts are stripped, so type the parts we use.
interface StructLike {
    toJavaScript(): Record<string, unknown>;
}
const structproto = require(require.resolve("google-protobuf/google/protobuf/struct_pb", {
    paths: [require.resolve("@pulumi/pulumi")],
})) as { Struct: { fromJavaScript(v: Record<string, unknown>): StructLike } };
const { deserializeProperties } = require("@pulumi/policy/deserialize") as {
    deserializeProperties: (s: StructLike, proxySecrets: boolean) => Record<string, unknown>;
};
const proxy = require("@pulumi/policy/proxy") as {
    unknownCheckingProxy<T>(v: T): T;
    UnknownValueError: new (...a: never[]) => Error;
};

/** Marks a value that is unknown during preview. */
export class Unknown {}
export const unknown = (): Unknown => new Unknown();

/** Marks a secret value. */
export class Secret<T = unknown> {
    constructor(readonly value: T) {}
}
export const secret = <T>(v: T): Secret<T> => new Secret(v);

/** Converts test markers to Pulumi's wire form. */
export function toWire(v: unknown): unknown {
    if (v instanceof Unknown) return UNKNOWN;
    if (v instanceof Secret) return { [SIG_KEY]: SECRET_SIG, value: toWire(v.value) };
    if (Array.isArray(v)) return v.map(toWire);
    if (v !== null && typeof v === "object") {
        return Object.fromEntries(Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined).map(([k, x]) => [k, toWire(x)]));
    }
    return v;
}

/**
 * The props deserialised for the policy run in progress, each with a copy taken before the policy
 * read it. The pack shares one deserialisation between all its policies
 * (policies/shared/deserialise-once.ts), which is safe only while no policy writes to its props:
 * every run through this harness checks that.
 */
const watched: { props: Record<string, unknown>; before: Record<string, unknown> }[] = [];

/** The SDK's unknown-checking proxy over an object, as the SDK wraps each policy's props. */
export const sdkProxy = <T>(v: T): T => proxy.unknownCheckingProxy(v);

/** Props as a policy sees them: deserialised by the SDK and wrapped in its unknown-checking proxy. */
export function sdkProps(props: Record<string, unknown>): Record<string, unknown> {
    const struct = structproto.Struct.fromJavaScript(toWire(props) as Record<string, unknown>);
    const deserialised = deserializeProperties(struct, false);
    watched.push({ props: deserialised, before: structuredClone(deserialised) });
    return proxy.unknownCheckingProxy(deserialised);
}

function checkUnwritten(policy: string, from: number): void {
    const runs = watched.splice(from);
    for (const { props, before } of runs) {
        if (!isDeepStrictEqual(props, before)) throw new Error(`policy ${policy} wrote to a resource's props (policies share one deserialisation and must only read them)`);
    }
}

export interface TestResource {
    type: string;
    props?: Record<string, unknown>;
    name?: string;
    urn?: string;
    provider?: { type: string; name?: string; props: Record<string, unknown> };
    parent?: string;
    dependencies?: string[];
    propertyDependencies?: Record<string, string[]>;
}

export interface RunOptions {
    config?: Record<string, unknown>;
    stackTags?: Record<string, string>;
}

export interface Diagnostic {
    policy: string;
    enforcementLevel: EnforcementLevel;
    message: string;
    urn?: string;
}

const STACK = "dev";
const PROJECT = "test";

export function urnOf(type: string, name: string): string {
    return `urn:pulumi:${STACK}::${PROJECT}::${type}::${name}`;
}

function schemaDefaults(policy: ResourceValidationPolicy | StackValidationPolicy): Record<string, unknown> {
    const props = (policy.configSchema?.properties ?? {}) as Record<string, { default?: unknown }>;
    return Object.fromEntries(Object.entries(props).filter(([, p]) => p.default !== undefined).map(([k, p]) => [k, p.default]));
}

function tagMap(tags: Record<string, string> = {}): ReadonlyMap<string, string> {
    return new Map(Object.entries(tags));
}

class NotApplicable extends Error {}

function isTypeOf(type: string, cls: unknown): boolean {
    return (cls as { __pulumiType?: string }).__pulumiType === type;
}

function providerOf(r: TestResource): ResourceValidationArgs["provider"] {
    if (!r.provider) return undefined;
    const name = r.provider.name ?? "default";
    return { type: r.provider.type, name, urn: urnOf(r.provider.type, name), props: sdkProps(r.provider.props) };
}

export function resourceArgs(policy: ResourceValidationPolicy, r: TestResource, opts: RunOptions = {}): ResourceValidationArgs {
    const name = r.name ?? "res";
    const props = sdkProps(r.props ?? {});
    const args: ResourceValidationArgs = {
        type: r.type,
        props,
        urn: r.urn ?? urnOf(r.type, name),
        name,
        opts: { protect: false, ignoreChanges: [], aliases: [], customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 }, additionalSecretOutputs: [] },
        stackTags: tagMap(opts.stackTags),
        isType: (cls) => isTypeOf(r.type, cls),
        asType: (cls) => (isTypeOf(r.type, cls) ? props : undefined) as never,
        getConfig: <T extends object>() => ({ ...schemaDefaults(policy), ...opts.config }) as T,
        notApplicable: (reason?: string) => {
            throw new NotApplicable(reason);
        },
    };
    const provider = providerOf(r);
    if (provider) args.provider = provider;
    return args;
}

export function stackArgs(policy: StackValidationPolicy, resources: TestResource[], opts: RunOptions = {}): StackValidationArgs {
    const built = resources.map((r) => {
        const name = r.name ?? "res";
        const resource: PolicyResource = {
            type: r.type,
            props: sdkProps(r.props ?? {}),
            urn: r.urn ?? urnOf(r.type, name),
            name,
            opts: { protect: false, ignoreChanges: [], aliases: [], customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 }, additionalSecretOutputs: [] },
            dependencies: [],
            propertyDependencies: {},
            isType: (cls) => isTypeOf(r.type, cls),
            asType: () => undefined,
        };
        const provider = providerOf(r);
        if (provider) resource.provider = provider;
        return { resource, r };
    });
    // Link parents and dependencies as the SDK does: unknown URNs are dropped.
    const byUrn = new Map(built.map((b) => [b.resource.urn, b.resource]));
    for (const { resource, r } of built) {
        if (r.parent && byUrn.has(r.parent)) resource.parent = byUrn.get(r.parent);
        resource.dependencies = (r.dependencies ?? []).flatMap((u) => byUrn.get(u) ?? []);
        for (const [k, urns] of Object.entries(r.propertyDependencies ?? {})) {
            resource.propertyDependencies[k] = urns.flatMap((u) => byUrn.get(u) ?? []);
        }
    }
    return {
        resources: built.map((b) => b.resource),
        getConfig: <T extends object>() => ({ ...schemaDefaults(policy), ...opts.config }) as T,
        stackTags: tagMap(opts.stackTags),
        notApplicable: (reason?: string) => {
            throw new NotApplicable(reason);
        },
    };
}

function levelOf(policy: ResourceValidationPolicy | StackValidationPolicy, opts: RunOptions): EnforcementLevel {
    const given = opts.config?.enforcementLevel as EnforcementLevel | undefined;
    const level = given ?? policy.enforcementLevel ?? "advisory";
    return level === "remediate" ? "mandatory" : level;
}

async function collect(
    policy: ResourceValidationPolicy | StackValidationPolicy,
    opts: RunOptions,
    run: (report: ReportViolation) => Promise<void> | void,
): Promise<Diagnostic[]> {
    const out: Diagnostic[] = [];
    const level = levelOf(policy, opts);
    const from = watched.length;
    try {
        // The SDK's reportViolation also takes an object with its own level (server.js makeReportViolationFun).
        await run((message: string | { message: string; urn?: string; enforcementLevel?: EnforcementLevel }, urn?: string) => {
            if (typeof message === "object") {
                out.push({ policy: policy.name, enforcementLevel: message.enforcementLevel ?? level, message: message.message, ...(message.urn ? { urn: message.urn } : {}) });
            } else {
                out.push({ policy: policy.name, enforcementLevel: level, message, ...(urn ? { urn } : {}) });
            }
        });
    } catch (e) {
        if (e instanceof proxy.UnknownValueError) {
            out.push({ policy: policy.name, enforcementLevel: "advisory", message: `can't run policy '${policy.name}' during preview: ${e.message}` });
        } else if (!(e instanceof NotApplicable)) {
            watched.splice(from);
            throw e;
        }
    }
    checkUnwritten(policy.name, from);
    return out;
}

function asResourcePolicy(c: Control | ResourceValidationPolicy): ResourceValidationPolicy {
    const p = "policy" in c ? c.policy : c;
    if (!("validateResource" in p)) throw new Error(`${p.name} is not a resource policy`);
    return p;
}

function asStackPolicy(c: Control | StackValidationPolicy): StackValidationPolicy {
    const p = "policy" in c ? c.policy : c;
    if (!("validateStack" in p)) throw new Error(`${p.name} is not a stack policy`);
    return p;
}

/** Runs a resource policy on one resource, as the SDK's Analyze does. */
export async function runResource(control: Control | ResourceValidationPolicy, r: TestResource, opts: RunOptions = {}): Promise<Diagnostic[]> {
    const policy = asResourcePolicy(control);
    const validations = policy.validateResource === undefined ? [] : Array.isArray(policy.validateResource) ? policy.validateResource : [policy.validateResource];
    const out: Diagnostic[] = [];
    for (const validate of validations) {
        // Each validation gets fresh args, as in the SDK.
        out.push(...(await collect(policy, opts, (report) => validate(resourceArgs(policy, r, opts), report))));
    }
    return out;
}

/** Runs a stack policy on a set of resources, as the SDK's AnalyzeStack does. */
export async function runStack(control: Control | StackValidationPolicy, resources: TestResource[], opts: RunOptions = {}): Promise<Diagnostic[]> {
    const policy = asStackPolicy(control);
    return collect(policy, opts, (report) => policy.validateStack(stackArgs(policy, resources, opts), report));
}

const { serializeProperties } = require("@pulumi/policy/deserialize") as { serializeProperties: (v: unknown) => Promise<unknown> };

/**
 * Runs a resource policy's remediation as the SDK's Remediate does: props deserialised with
 * secrets kept (secretsPreservingProxy) inside the unknown-checking proxy, and the result
 * serialised back. Returns the new props in wire form (compare with `toWire(expected)`), or
 * undefined when the remediation changed nothing. An UnknownValueError propagates (the SDK would
 * turn it into a "can't run remediation during preview" diagnostic).
 */
export async function runRemediation(control: Control | ResourceValidationPolicy, r: TestResource, opts: RunOptions = {}): Promise<Record<string, unknown> | undefined> {
    const policy = asResourcePolicy(control);
    if (!policy.remediateResource) return undefined;
    const struct = structproto.Struct.fromJavaScript(toWire(r.props ?? {}) as Record<string, unknown>);
    const props = proxy.unknownCheckingProxy(deserializeProperties(struct, true));
    const result = await policy.remediateResource({ ...resourceArgs(policy, r, opts), props });
    return result ? ((await serializeProperties(result)) as Record<string, unknown>) : undefined;
}

export const levels = (ds: Diagnostic[]): EnforcementLevel[] => ds.map((d) => d.enforcementLevel);
