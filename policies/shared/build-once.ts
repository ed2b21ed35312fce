// @pulumi/policy 1.21.0's AnalyzeStack handler builds every resource of the request anew for
// each stack policy (server.js): a proxy, options, provider and links per resource, 20 times for
// this pack. At 10,000 resources that build, not the policies' own work, was most of
// AnalyzeStack's time and of the pack's peak memory (docs/performance.md). The pack builds the
// request's resources once and every stack policy reads the same, frozen, list; the SDK's
// handler still does everything else (enforcement levels, config, unknown values, not-applicable
// results, the response), over an empty resource list, so its per-policy build costs nothing.
// Which request a policy is serving is carried by AsyncLocalStorage through the SDK's awaits.
import { AsyncLocalStorage } from "node:async_hooks";
import { createRequire } from "node:module";
import type { PolicyProviderResource, PolicyResource, PolicyResourceOptions } from "@pulumi/policy";
import type { AnalyzerResource, AnalyzeStackRequest } from "@pulumi/pulumi/proto/analyzer_pb";

type Deserialise = (struct: unknown, keepSecrets: boolean) => Record<string, unknown>;
type Handler = (this: unknown, call: { request: AnalyzeStackRequest }, callback: unknown) => unknown;

// The SDK's own modules (pinned; a test checks they still resolve and behave as assumed).
/* eslint-disable @typescript-eslint/no-require-imports */
const deserialiser = require("@pulumi/policy/deserialize") as { deserializeProperties: Deserialise };
const { unknownCheckingProxy } = require("@pulumi/policy/proxy") as { unknownCheckingProxy: <T extends object>(o: T) => T };
/* eslint-enable @typescript-eslint/no-require-imports */

class StackRequest {
    private built: PolicyResource[] | undefined;
    constructor(private readonly request: AnalyzeStackRequest) {}
    get resources(): PolicyResource[] {
        return (this.built ??= buildResources(this.request.getResourcesList()));
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

function optionsOf(r: AnalyzerResource): PolicyResourceOptions {
    const o = r.getOptions();
    if (!o) throw new Error(`AnalyzeStack: resource ${r.getUrn()} came without its options; the Pulumi CLI that sent it is older than this policy pack supports (see https://www.pulumi.com/docs/get-started/install/)`);
    const timeouts = o.getCustomtimeouts();
    const opts: PolicyResourceOptions = {
        protect: o.getProtect(),
        ignoreChanges: o.getIgnorechangesList(),
        aliases: o.getAliasesList(),
        customTimeouts: { createSeconds: timeouts?.getCreate() ?? 0, updateSeconds: timeouts?.getUpdate() ?? 0, deleteSeconds: timeouts?.getDelete() ?? 0 },
        additionalSecretOutputs: o.getAdditionalsecretoutputsList(),
    };
    if (o.getDeletebeforereplacedefined()) opts.deleteBeforeReplace = o.getDeletebeforereplace();
    if (o.getParent()) opts.parent = o.getParent();
    return opts;
}

function providerOf(r: AnalyzerResource): PolicyProviderResource | undefined {
    const p = r.getProvider();
    return p && { type: p.getType(), props: props(p.getProperties()), urn: p.getUrn(), name: p.getName() };
}

/** The resources of an AnalyzeStack request, as the SDK's handler builds them for a policy, with links resolved within the list. */
export function buildResources(messages: readonly AnalyzerResource[]): PolicyResource[] {
    const resources = messages.map((r): PolicyResource => {
        const type = r.getType();
        const p = props(r.getProperties());
        const resource: PolicyResource = {
            type,
            props: p,
            urn: r.getUrn(),
            name: r.getName(),
            opts: optionsOf(r),
            dependencies: [],
            propertyDependencies: {},
            isType: (cls) => isTypeOf(type, cls),
            asType: (cls) => (isTypeOf(type, cls) ? p : undefined) as never,
        };
        const provider = providerOf(r);
        if (provider) resource.provider = provider;
        return resource;
    });
    // A later resource of the same URN wins, as in the SDK's map; unresolved URNs are dropped.
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const resolve = (urns: readonly string[]): PolicyResource[] => urns.flatMap((u) => byUrn.get(u) ?? []);
    messages.forEach((m, i) => {
        const r = resources[i]!;
        const parent = m.getParent() ? byUrn.get(m.getParent()) : undefined;
        if (parent) r.parent = parent;
        r.dependencies = resolve(m.getDependenciesList());
        for (const [input, deps] of m.getPropertydependenciesMap().entries()) r.propertyDependencies[input] = resolve(deps.getUrnsList());
    });
    // Shared by every stack policy: none may change what another reads.
    for (const r of resources) {
        Object.freeze(r.dependencies);
        Object.values(r.propertyDependencies).forEach((d) => Object.freeze(d));
        Object.freeze(r.propertyDependencies);
        Object.freeze(r.opts);
        if (r.provider) Object.freeze(r.provider);
        Object.freeze(r);
    }
    Object.freeze(resources);
    return resources;
}

/** Wraps the SDK's AnalyzeStack handler: the SDK sees no resources, its policies read the request's shared list. */
export function buildOnce(analyzeStack: Handler): Handler {
    return function (this: unknown, call, callback) {
        const request = call.request;
        const lean = Object.create(request, { getResourcesList: { value: () => [] } }) as AnalyzeStackRequest;
        const leanCall = Object.create(call, { request: { value: lean } }) as typeof call;
        return serving.run(new StackRequest(request), () => analyzeStack.call(this, leanCall, callback));
    };
}

interface GrpcServer {
    prototype: { addService: (this: unknown, service: unknown, implementation: Record<string, unknown>) => void };
}

/** The gRPC Server class the SDK's server.js registers its handlers with (not necessarily the one this package would load). */
export function sdkGrpcServer(): GrpcServer {
    return (createRequire(require.resolve("@pulumi/policy/server"))("@grpc/grpc-js") as { Server: GrpcServer }).Server;
}

/**
 * Runs `start` (which constructs the PolicyPack, whose constructor registers the SDK's handlers
 * with gRPC) with the AnalyzeStack handler wrapped by buildOnce. Only the analyzer service's
 * registration during `start` is touched; gRPC is restored afterwards.
 */
export function withBuildOnce<T>(start: () => T, server: GrpcServer = sdkGrpcServer()): T {
    const proto = server.prototype;
    const addService = proto.addService;
    proto.addService = function (service, implementation) {
        const handler = implementation.analyzeStack;
        const wrapped = typeof handler === "function" && typeof implementation.analyze === "function" ? { ...implementation, analyzeStack: buildOnce(handler as Handler) } : implementation;
        addService.call(this, service, wrapped);
    };
    try {
        return start();
    } finally {
        proto.addService = addService;
    }
}
