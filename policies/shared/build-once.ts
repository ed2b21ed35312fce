// @pulumi/policy 1.21.0's AnalyzeStack handler builds every resource of the request anew for
// each stack policy (server.js): a proxy, options, provider and links per resource, 20 times for
// this pack. At 10,000 resources that build, not the policies' own work, was most of
// AnalyzeStack's time and of the pack's peak memory (docs/performance.md). The pack builds the
// request's resources once and every stack policy reads the same, frozen, list; the SDK's
// handler still does everything else (enforcement levels, config, unknown values, not-applicable
// results, the response), over an empty resource list, so its per-policy build costs nothing.
// Which request a policy is serving is carried by AsyncLocalStorage through the SDK's awaits.
// The request's resources are also decoded one at a time as they are built (framedStackRequest),
// so the pack never holds a decoded message of the whole stack.
import { AsyncLocalStorage } from "node:async_hooks";
import { createRequire } from "node:module";
import type { PolicyProviderResource, PolicyResource, PolicyResourceOptions } from "@pulumi/policy";
import type { AnalyzerResource, AnalyzeStackRequest } from "@pulumi/pulumi/proto/analyzer_pb";
import { type ProviderMessage, type ResourceMessage, analyzeRequestView, fromDecoded, readProvider, readResource, splitField } from "./resource-message";
import { analyzeResponseBytes } from "./response-bytes";

type Deserialise = (struct: unknown, keepSecrets: boolean) => Record<string, unknown>;
type Handler = (this: unknown, call: { request: AnalyzeStackRequest }, callback: unknown) => unknown;
type MessageClass<T> = { new (): T; deserializeBinary(bytes: Uint8Array): T };

// The SDK's own modules (pinned; a test checks they still resolve and behave as assumed).
/* eslint-disable @typescript-eslint/no-require-imports */
const deserialiser = require("@pulumi/policy/deserialize") as { deserializeProperties: Deserialise };
const { unknownCheckingProxy } = require("@pulumi/policy/proxy") as { unknownCheckingProxy: <T extends object>(o: T) => T };
/* eslint-enable @typescript-eslint/no-require-imports */
// The protobuf modules the SDK's server decodes requests with, loaded when the pack starts (server.js loads them too).
const sdkRequire = createRequire(require.resolve("@pulumi/policy/server"));
interface Wire {
    AnalyzeStackRequest: MessageClass<AnalyzeStackRequest>;
}
let loaded: Wire | undefined;
const wire = (): Wire => (loaded ??= sdkRequire("@pulumi/pulumi/proto/analyzer_pb") as Wire);

/** AnalyzeStackRequest's `repeated AnalyzerResource resources`. */
const RESOURCES_FIELD = 1;

/** Per request from framedStackRequest: its resources' bytes, one entry per resource. */
const framesOf = new WeakMap<AnalyzeStackRequest, readonly Uint8Array[]>();

/**
 * AnalyzeStack's request deserialiser: every field decoded as the SDK's would, but the resources,
 * which stay bytes (views of the received buffer) until they are built, one at a time. Decoded
 * whole, a 20,000-resource request is about 300 MB of message objects alive at once.
 */
export function framedStackRequest(bytes: Uint8Array): AnalyzeStackRequest {
    const { entries, rest } = splitField(bytes, RESOURCES_FIELD);
    const request = wire().AnalyzeStackRequest.deserializeBinary(rest);
    framesOf.set(request, entries);
    return request;
}

/**
 * The framed resources, read in turn (resource-message.ts). A provider is read once per distinct
 * encoding: most resources of a stack share a handful of providers, and the SDK's decoder would
 * read each resource's copy anew (at 10,000 resources about a third of the decoding).
 */
function* decoded(frames: readonly Uint8Array[]): Generator<ResourceMessage> {
    const providers = new Map<string, ProviderMessage>();
    const providerOf = (bytes: Uint8Array): ProviderMessage => {
        const key = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
        let p = providers.get(key);
        if (!p) providers.set(key, (p = readProvider(bytes)));
        return p;
    };
    for (let i = 0; i < frames.length; i++) {
        let message: ResourceMessage;
        try {
            message = readResource(frames[i]!, providerOf);
        } catch (err) {
            throw new Error(`AnalyzeStack: resource ${i + 1} of ${frames.length} in the request could not be decoded (${err instanceof Error ? err.message : String(err)})`);
        }
        yield message;
    }
}

/** A request's resources, once: from framedStackRequest's bytes, read as they are built, else its decoded list. */
export function resourcesOf(request: AnalyzeStackRequest): Iterable<ResourceMessage | AnalyzerResource> {
    const frames = framesOf.get(request);
    if (!frames) return request.getResourcesList();
    framesOf.delete(request);
    return decoded(frames);
}

class StackRequest {
    private built: PolicyResource[] | undefined;
    /** Dropped once built, so the request's bytes can go. */
    private source: Iterable<ResourceMessage | AnalyzerResource> | undefined;
    constructor(source: Iterable<ResourceMessage | AnalyzerResource>) {
        this.source = source;
    }
    get resources(): PolicyResource[] {
        if (!this.built) {
            this.built = buildResources(this.source ?? []);
            this.source = undefined;
        }
        return this.built;
    }
}

const serving = new AsyncLocalStorage<StackRequest>();

/** The stack's resources for a stack policy: the request's shared list while one is served, else the SDK's. */
export function stackResources(sdkResources: PolicyResource[]): PolicyResource[] {
    return serving.getStore()?.resources ?? sdkResources;
}

function props(struct: unknown): Record<string, unknown> {
    // Through the module's current function, so the shared deserialisation (deserialise-once.ts) applies.
    return unknownCheckingProxy(deserialiser.deserializeProperties(struct, false));
}

function isTypeOf(type: string, resourceClass: unknown): boolean {
    // As the SDK decides it: the class's registered Pulumi type, else its own isInstance check.
    const cls = resourceClass as { __pulumiType?: unknown; isInstance?: unknown } | null | undefined;
    const registered = cls?.__pulumiType;
    if (typeof registered === "string" && registered.length > 0) return type === registered;
    return typeof cls?.isInstance === "function" && (cls.isInstance as (o: unknown) => unknown)({ __pulumiType: type }) === true;
}

function optionsOf(r: ResourceMessage): PolicyResourceOptions {
    const o = r.options;
    if (!o) throw new Error(`AnalyzeStack: resource ${r.urn} came without its options; the Pulumi CLI that sent it is older than this policy pack supports (see https://www.pulumi.com/docs/get-started/install/)`);
    const timeouts = o.customTimeouts;
    const opts: PolicyResourceOptions = {
        protect: o.protect,
        ignoreChanges: o.ignoreChanges,
        aliases: o.aliases,
        customTimeouts: { createSeconds: timeouts?.create ?? 0, updateSeconds: timeouts?.update ?? 0, deleteSeconds: timeouts?.delete ?? 0 },
        additionalSecretOutputs: o.additionalSecretOutputs,
    };
    if (o.deleteBeforeReplaceDefined) opts.deleteBeforeReplace = o.deleteBeforeReplace;
    if (o.parent) opts.parent = o.parent;
    return opts;
}

/** Built once per provider record: resources whose providers were read once (decoded) share one. */
const builtProviders = new WeakMap<ProviderMessage, PolicyProviderResource>();

function providerOf(r: ResourceMessage): PolicyProviderResource | undefined {
    const p = r.provider;
    if (!p) return undefined;
    let built = builtProviders.get(p);
    if (!built) builtProviders.set(p, (built = Object.freeze({ type: p.type, props: props(p.properties), urn: p.urn, name: p.name })));
    return built;
}

/** The resources of an AnalyzeStack request, as the SDK's handler builds them for a policy, with links resolved within the list. */
export function buildResources(messages: Iterable<ResourceMessage | AnalyzerResource>): PolicyResource[] {
    const resources: PolicyResource[] = [];
    // Each message is read once, in one pass, so a framed request's messages can go as soon as read.
    const links: { parent: string; dependencies: string[]; propertyDependencies: [string, string[]][] }[] = [];
    for (const m of messages) {
        const r = "getType" in m ? fromDecoded(m) : m;
        const type = r.type;
        const p = props(r.properties);
        const resource: PolicyResource = {
            type,
            props: p,
            urn: r.urn,
            name: r.name,
            opts: optionsOf(r),
            dependencies: [],
            propertyDependencies: {},
            isType: (cls) => isTypeOf(type, cls),
            asType: (cls) => (isTypeOf(type, cls) ? p : undefined) as never,
        };
        const provider = providerOf(r);
        if (provider) resource.provider = provider;
        resources.push(resource);
        links.push({ parent: r.parent, dependencies: r.dependencies, propertyDependencies: r.propertyDependencies });
    }
    // A later resource of the same URN wins, as in the SDK's map; unresolved URNs are dropped.
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const resolve = (urns: readonly string[]): PolicyResource[] => urns.flatMap((u) => byUrn.get(u) ?? []);
    links.forEach((l, i) => {
        const r = resources[i]!;
        const parent = l.parent ? byUrn.get(l.parent) : undefined;
        if (parent) r.parent = parent;
        r.dependencies = resolve(l.dependencies);
        for (const [input, deps] of l.propertyDependencies) r.propertyDependencies[input] = resolve(deps);
    });
    // Shared by every stack policy: none may change what another reads.
    for (const r of resources) {
        Object.freeze(r.dependencies);
        Object.values(r.propertyDependencies).forEach((d) => Object.freeze(d));
        Object.freeze(r.propertyDependencies);
        Object.freeze(r.opts);
        Object.freeze(r);
    }
    Object.freeze(resources);
    return resources;
}

/** Wraps the SDK's AnalyzeStack handler: the SDK sees no resources, its policies read the request's shared list. */
export function buildOnce(analyzeStack: Handler): Handler {
    return function (this: unknown, call, callback) {
        const request = call.request;
        const source = resourcesOf(request);
        // The SDK is handed a view whose list is empty (a framed request's already is; one decoded whole, from a direct call, is not).
        const lean = Object.create(request, { getResourcesList: { value: () => [] } }) as AnalyzeStackRequest;
        const leanCall = Object.create(call, { request: { value: lean } }) as typeof call;
        return serving.run(new StackRequest(source), () => analyzeStack.call(this, leanCall, callback));
    };
}

interface GrpcServer {
    prototype: { addService: (this: unknown, service: unknown, implementation: Record<string, unknown>) => void };
}

/** The gRPC Server class the SDK's server.js registers its handlers with (not necessarily the one this package would load). */
export function sdkGrpcServer(): GrpcServer {
    return (sdkRequire("@grpc/grpc-js") as { Server: GrpcServer }).Server;
}

/**
 * Runs `start` (which constructs the PolicyPack, whose constructor registers the SDK's handlers
 * with gRPC) with the AnalyzeStack handler wrapped by buildOnce, its request read by
 * framedStackRequest and its response written by analyzeResponseBytes, and Analyze's request read
 * by analyzeRequestView. Only the analyzer service's registration during `start` is touched (a
 * copy of its definition, not the SDK's own); gRPC is restored afterwards.
 */
export function withBuildOnce<T>(start: () => T, server: GrpcServer = sdkGrpcServer()): T {
    const proto = server.prototype;
    const addService = proto.addService;
    proto.addService = function (service, implementation) {
        const handler = implementation.analyzeStack;
        const method = (service as Record<string, unknown> | null)?.analyzeStack;
        if (typeof handler !== "function" || typeof implementation.analyze !== "function" || typeof method !== "object" || method === null) return addService.call(this, service, implementation);
        const analyze = (service as Record<string, unknown>).analyze;
        const framed = {
            ...(service as Record<string, unknown>),
            ...(typeof analyze === "object" && analyze !== null ? { analyze: { ...analyze, requestDeserialize: analyzeRequestView } } : {}),
            analyzeStack: { ...method, requestDeserialize: framedStackRequest, responseSerialize: analyzeResponseBytes },
        };
        addService.call(this, framed, { ...implementation, analyzeStack: buildOnce(handler as Handler) });
    };
    try {
        return start();
    } finally {
        proto.addService = addService;
    }
}
