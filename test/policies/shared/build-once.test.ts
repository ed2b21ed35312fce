// The pack builds an AnalyzeStack request's resources once for all its stack policies
// (policies/shared/build-once.ts). Checked against the pinned SDK's own handler, called in process
// with real request messages: the resources built are those the SDK builds for a policy, and the
// pack's stack policies answer exactly as they do when the SDK builds them per policy.
import type { PolicyResource, ReportViolation, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import fc from "fast-check";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { policies } from "../../../policies";
import { buildOnce, buildResources, framedStackRequest, sdkGrpcServer, stackResources, withBuildOnce } from "../../../policies/shared/build-once";
import { analyzeRequestView } from "../../../policies/shared/resource-message";
import { analyzeResponseBytes } from "../../../policies/shared/response-bytes";
import { Converter } from "../../../tools/engine/convert";
import { loadSdk } from "../../../tools/engine/sdk";
import { type EngineResource, UNKNOWN } from "../../../tools/engine/types";
import { toWire } from "../../helpers/harness";
import { ALL_TYPES, stackOf, urnOf } from "../../property/arbitraries";

type Msg = { toObject(): unknown };
type Call = { request: unknown };
type Handler = (call: Call, callback: (err: unknown, res: Msg | undefined) => void) => Promise<void>;
const server = require("@pulumi/policy/server") as { [k in "makeAnalyzeStackRpcFun" | "makeAnalyzeRpcFun"]: (pack: string, version: string, level: string, policies: unknown[]) => Handler };
const { getSpecialProxyTarget } = require("@pulumi/policy/proxy") as { getSpecialProxyTarget: string };
const sdk = loadSdk(path.resolve(__dirname, "../../.."), "pack");
const convert = new Converter(sdk);

// ---- requests ----

interface Shape {
    resources: EngineResource[];
    /** Per resource: drop its options' custom timeouts (the CLI may send none). */
    noTimeouts: boolean[];
}

const options = fc.record(
    {
        ignoreChanges: fc.array(fc.constantFrom("tags", "acl", "bucket"), { maxLength: 2 }),
        additionalSecretOutputs: fc.array(fc.constantFrom("password"), { maxLength: 1 }),
        aliases: fc.array(fc.constantFrom("urn:pulumi:dev::test::aws:s3/bucket:Bucket::old"), { maxLength: 1 }),
        deleteBeforeReplace: fc.boolean(),
        customTimeouts: fc.record({ create: fc.nat(600), update: fc.nat(600), delete: fc.nat(600) }, { requiredKeys: [] }),
    },
    { requiredKeys: [] },
);

/** Random stacks (links forward, backward, dangling, to themselves; a repeated URN now and then) with random options. */
const shapes: fc.Arbitrary<Shape> = stackOf(ALL_TYPES).chain((stack) =>
    fc.record({
        opts: fc.array(options, { minLength: stack.length, maxLength: stack.length }),
        protect: fc.array(fc.boolean(), { minLength: stack.length, maxLength: stack.length }),
        noTimeouts: fc.array(fc.boolean(), { minLength: stack.length, maxLength: stack.length }),
        repeat: fc.boolean(),
    }).map(({ opts, protect, noTimeouts, repeat }): Shape => {
        const resources = stack.map((r, i): EngineResource => ({
            urn: repeat && i === stack.length - 1 && i > 0 ? stack[0]!.urn! : r.urn!,
            type: r.type,
            name: r.name ?? `r${i}`,
            custom: true,
            properties: toWire(r.props ?? {}) as Record<string, unknown>,
            ...(r.parent ? { parent: r.parent } : {}),
            dependencies: r.dependencies ?? [],
            propertyDependencies: r.propertyDependencies ?? {},
            ...(r.provider ? { provider: { type: r.provider.type, name: r.provider.name ?? "default", urn: urnOf(r.provider.type, "default"), properties: toWire(r.provider.props) as Record<string, unknown> } } : {}),
            protect: protect[i]!,
            options: opts[i]!,
        }));
        return { resources, noTimeouts };
    }),
);

function request(shape: Shape): unknown {
    const req = new sdk.analyzer.AnalyzeStackRequest();
    req.setResourcesList(
        shape.resources.map((r, i) => {
            const m = convert.analyzerResource(r);
            if (shape.noTimeouts[i]) m.getOptions()!.clearCustomtimeouts();
            return m;
        }),
    );
    return req;
}

function answer(handler: Handler, req: unknown): Promise<{ error?: string; response?: unknown }> {
    return new Promise((resolve) => {
        // An error without its stack lines, which name the caller.
        const message = (err: unknown): string => (err as Error).message.split("\n").filter((l) => !/^\s+at /.test(l)).join("\n");
        void handler({ request: req }, (err, res) => resolve(err ? { error: message(err) } : { response: res?.toObject() }));
    });
}

/** What the SDK's own handler gives a stack policy as `args.resources` for `req`. */
async function sdkBuilt(req: unknown): Promise<PolicyResource[]> {
    let seen: PolicyResource[] = [];
    const capture = { name: "capture", description: "capture", enforcementLevel: "advisory", validateStack: (args: StackValidationArgs) => void (seen = args.resources) };
    const { error } = await answer(server.makeAnalyzeStackRpcFun("pack", "0.0.1", "advisory", [capture]), req);
    if (error) throw new Error(error);
    return seen;
}

// ---- comparing built resources ----

const target = (props: unknown): unknown => (props === undefined ? undefined : (props as Record<string, unknown>)[getSpecialProxyTarget]);

/** A resource list as data: links as positions in the list, so identity is compared too, and the type checks' answers. */
function described(list: readonly PolicyResource[]): unknown[] {
    const at = (r: PolicyResource | undefined): number | undefined => (r === undefined ? undefined : list.indexOf(r));
    class Bucket {
        static readonly __pulumiType = "aws:s3/bucket:Bucket";
    }
    const oss = { isInstance: (o: { __pulumiType?: string }) => o.__pulumiType === "alicloud:oss/bucket:Bucket" };
    return list.map((r) => ({
        keys: Object.keys(r),
        type: r.type,
        urn: r.urn,
        name: r.name,
        props: target(r.props),
        opts: r.opts,
        dependencies: r.dependencies.map(at),
        propertyDependencies: Object.fromEntries(Object.entries(r.propertyDependencies).map(([k, v]) => [k, v.map(at)])),
        parent: at(r.parent),
        provider: r.provider && { keys: Object.keys(r.provider), type: r.provider.type, urn: r.provider.urn, name: r.provider.name, props: target(r.provider.props) },
        // For a class with neither a registered type nor isInstance the SDK answers undefined, this pack false.
        isType: [r.isType(Bucket as never), r.isType(oss as never), Boolean(r.isType({} as never))],
        asType: [target(r.asType(Bucket as never)), target(r.asType(oss as never))],
    }));
}

describe("buildResources", () => {
    it("builds what the SDK's own AnalyzeStack builds for a policy, on random stacks", async () => {
        await fc.assert(
            fc.asyncProperty(shapes, async (shape) => {
                const req = request(shape) as { getResourcesList(): never[] };
                expect(described(buildResources(req.getResourcesList()))).toEqual(described(await sdkBuilt(req)));
            }),
            { numRuns: 150 },
        );
    });

    it("reads unknowns through the SDK's proxy, as the SDK's resources do", () => {
        const shape: Shape = { resources: [{ urn: "urn:pulumi:dev::test::aws:s3/bucket:Bucket::a", type: "aws:s3/bucket:Bucket", name: "a", custom: true, properties: { bucket: "a", tags: UNKNOWN }, dependencies: [], propertyDependencies: {} }], noTimeouts: [false] };
        const [r] = buildResources((request(shape) as { getResourcesList(): never[] }).getResourcesList());
        expect(r!.props.bucket).toBe("a");
        expect((): unknown => r!.props.tags).toThrow(/can't be known during preview/);
    });

    it("freezes what it builds: no policy can change what another reads", () => {
        const shape: Shape = {
            resources: [
                { urn: "urn:a", type: "aws:s3/bucket:Bucket", name: "a", custom: true, properties: {}, dependencies: ["urn:b"], propertyDependencies: { bucket: ["urn:b"] }, provider: { urn: "urn:p", type: "pulumi:providers:aws", name: "p", properties: {} } },
                { urn: "urn:b", type: "aws:s3/bucket:Bucket", name: "b", custom: true, properties: {}, dependencies: [], propertyDependencies: {} },
            ],
            noTimeouts: [false, false],
        };
        const list = buildResources((request(shape) as { getResourcesList(): never[] }).getResourcesList());
        const [a, b] = list as [PolicyResource, PolicyResource];
        expect(a.dependencies).toEqual([b]);
        expect(() => list.pop()).toThrow(TypeError);
        expect(() => a.dependencies.push(a)).toThrow(TypeError);
        expect(() => a.propertyDependencies.bucket!.pop()).toThrow(TypeError);
        expect(() => void (a.propertyDependencies.other = [])).toThrow(TypeError);
        expect(() => void (a.name = "changed")).toThrow(TypeError);
        expect(() => void ((a.opts as { protect: boolean }).protect = true)).toThrow(TypeError);
        expect(() => void ((a.provider as { name: string }).name = "changed")).toThrow(TypeError);
        expect(list.map((r) => r.name)).toEqual(["a", "b"]);
    });

    it("names the resource when the CLI sent it without options", () => {
        const m = convert.analyzerResource({ urn: "urn:pulumi:dev::test::aws:s3/bucket:Bucket::old", type: "aws:s3/bucket:Bucket", name: "old", custom: true, properties: {}, dependencies: [], propertyDependencies: {} });
        m.clearOptions();
        expect(() => buildResources([m])).toThrow(/urn:pulumi:dev::test::aws:s3\/bucket:Bucket::old came without its options.*older than this policy pack supports/);
    });
});

// ---- the wrapped handler ----

const stackPolicies = policies.filter((p): p is StackValidationPolicy => "validateStack" in p);

/**
 * On random stacks, the SDK's own handler over `decoded` and the pack's (buildOnce) over `served`
 * give the same AnalyzeResponse, and the policies found something to compare.
 */
async function answersAsTheSdk(requests: (shape: Shape) => { decoded: unknown; served: unknown }, numRuns: number): Promise<void> {
    const own = server.makeAnalyzeStackRpcFun("china-compliance", "0.1.0", "advisory", stackPolicies);
    const shared = buildOnce(server.makeAnalyzeStackRpcFun("china-compliance", "0.1.0", "advisory", stackPolicies) as never) as unknown as Handler;
    let findings = 0;
    await fc.assert(
        fc.asyncProperty(shapes, async (shape) => {
            const { decoded, served } = requests(shape);
            const expected = await answer(own, decoded);
            expect(await answer(shared, served)).toEqual(expected);
            findings += ((expected.response as { diagnosticsList?: unknown[] } | undefined)?.diagnosticsList ?? []).length;
        }),
        { numRuns },
    );
    expect(findings).toBeGreaterThan(0);
}

describe("buildOnce around the SDK's AnalyzeStack handler", () => {
    it("the pack's stack policies answer as they do with the SDK's per-policy build, on random stacks", async () => {
        await answersAsTheSdk((shape) => {
            const req = request(shape);
            return { decoded: req, served: req };
        }, 60);
    });

    it("and on a stack whose findings hang on its links", async () => {
        const vpc = urnOf("aws:ec2/vpc:Vpc", "vpc");
        const subnet = urnOf("aws:ec2/subnet:Subnet", "subnet");
        const linked = (name: string, type: string, properties: Record<string, unknown>, links: Record<string, string[]>): EngineResource => ({
            urn: urnOf(type, name), type, name, custom: true, properties, dependencies: Object.values(links).flat(), propertyDependencies: links,
        });
        const resources = [
            linked("vpc", "aws:ec2/vpc:Vpc", { cidrBlock: "10.0.0.0/16" }, {}),
            linked("subnet", "aws:ec2/subnet:Subnet", { vpcId: UNKNOWN, cidrBlock: "10.0.1.0/24" }, { vpcId: [vpc] }),
            linked("acl", "aws:ec2/networkAcl:NetworkAcl", { vpcId: UNKNOWN, subnetIds: [UNKNOWN] }, { vpcId: [vpc], subnetIds: [subnet] }),
            linked("flows", "aws:ec2/flowLog:FlowLog", { vpcId: UNKNOWN, trafficType: "ALL", logDestinationType: "cloud-watch-logs" }, { vpcId: [vpc] }),
        ];
        const own = server.makeAnalyzeStackRpcFun("china-compliance", "0.1.0", "advisory", stackPolicies);
        const expected = await answer(own, request({ resources, noTimeouts: resources.map(() => false) }));
        const unlinked = resources.map((r) => ({ ...r, dependencies: [], propertyDependencies: {} }));
        // The links decide findings here: without them the answer differs.
        expect(await answer(own, request({ resources: unlinked, noTimeouts: resources.map(() => false) }))).not.toEqual(expected);
        const shared = buildOnce(server.makeAnalyzeStackRpcFun("china-compliance", "0.1.0", "advisory", stackPolicies) as never) as unknown as Handler;
        expect(await answer(shared, request({ resources, noTimeouts: resources.map(() => false) }))).toEqual(expected);
    });

    it("every policy reads one shared list, and the SDK's own list is empty", async () => {
        const seen: { sdk: number; shared: PolicyResource[] }[] = [];
        const policy = (name: string) => ({
            name,
            description: name,
            enforcementLevel: "advisory",
            validateStack: (args: StackValidationArgs) => void seen.push({ sdk: args.resources.length, shared: stackResources(args.resources) }),
        });
        const shape = fc.sample(shapes, { numRuns: 1, seed: 7 })[0]!;
        const handler = buildOnce(server.makeAnalyzeStackRpcFun("pack", "0.0.1", "advisory", [policy("one"), policy("two")]) as never) as unknown as Handler;
        expect((await answer(handler, request(shape))).error).toBeUndefined();
        expect(seen.map((s) => s.sdk)).toEqual([0, 0]);
        expect(seen[0]!.shared).toHaveLength(shape.resources.length);
        expect(seen[1]!.shared).toBe(seen[0]!.shared);
    });

    it("outside a served request, a policy reads the list it was given", () => {
        const given: PolicyResource[] = [];
        expect(stackResources(given)).toBe(given);
    });

    it("keeps the SDK's handling of unknowns, not-applicable results and errors", async () => {
        const raw = (name: string, run: (args: StackValidationArgs, report: ReportViolation) => void) => ({ name, description: name, enforcementLevel: "mandatory", validateStack: (args: StackValidationArgs, report: ReportViolation) => run({ ...args, resources: stackResources(args.resources) }, report) });
        const cases = [
            raw("reports", (args, report) => args.resources.forEach((r) => report(`saw ${r.name}`, r.urn))),
            raw("reads-unknown", (args) => void args.resources.map((r) => JSON.stringify(r.props))),
            raw("not-applicable", (args) => args.notApplicable("nothing to check")),
        ];
        const req = request({
            resources: [{ urn: "urn:pulumi:dev::test::aws:s3/bucket:Bucket::a", type: "aws:s3/bucket:Bucket", name: "a", custom: true, properties: { tags: UNKNOWN }, dependencies: [], propertyDependencies: {} }],
            noTimeouts: [false],
        });
        const expected = await answer(server.makeAnalyzeStackRpcFun("pack", "0.0.1", "advisory", cases), req);
        expect(JSON.stringify(expected)).toMatch(/saw a.*during preview.*nothing to check/);
        expect(await answer(buildOnce(server.makeAnalyzeStackRpcFun("pack", "0.0.1", "advisory", cases) as never) as unknown as Handler, req)).toEqual(expected);

        const failing = [raw("throws", () => { throw new Error("boom"); })];
        const failed = await answer(server.makeAnalyzeStackRpcFun("pack", "0.0.1", "advisory", failing), req);
        expect(failed.error).toMatch(/boom/);
        expect(await answer(buildOnce(server.makeAnalyzeStackRpcFun("pack", "0.0.1", "advisory", failing) as never) as unknown as Handler, req)).toEqual(failed);
    });

    it("no stack policy of the pack is typed: the SDK would call it not applicable over the empty list it sees", () => {
        const { getPulumiType } = require("@pulumi/policy/policy") as { getPulumiType: (o: unknown) => string | undefined };
        expect(stackPolicies.length).toBeGreaterThan(0);
        expect(stackPolicies.filter((p) => getPulumiType(p.validateStack) !== undefined).map((p) => p.name)).toEqual([]);
    });
});

describe("framedStackRequest: the request's resources decoded as they are built", () => {
    const bytesOf = (req: unknown): Uint8Array => (req as { serializeBinary(): Uint8Array }).serializeBinary();
    /** What a stack policy reads through buildOnce when the request came through framedStackRequest. */
    async function framedBuilt(bytes: Uint8Array): Promise<{ sdk: number; shared: PolicyResource[] }> {
        let seen = { sdk: -1, shared: [] as PolicyResource[] };
        const capture = { name: "capture", description: "capture", enforcementLevel: "advisory", validateStack: (args: StackValidationArgs) => void (seen = { sdk: args.resources.length, shared: stackResources(args.resources) }) };
        const { error } = await answer(buildOnce(server.makeAnalyzeStackRpcFun("pack", "0.0.1", "advisory", [capture]) as never) as unknown as Handler, framedStackRequest(bytes));
        if (error) throw new Error(error);
        return seen;
    }

    it("gives the resources the SDK builds from the whole decoded request, on random stacks", async () => {
        await fc.assert(
            fc.asyncProperty(shapes, async (shape) => {
                const req = request(shape);
                const framed = await framedBuilt(bytesOf(req));
                expect(framed.sdk).toBe(0);
                expect(described(framed.shared)).toEqual(described(await sdkBuilt(sdk.analyzer.AnalyzeStackRequest.deserializeBinary(bytesOf(req)))));
            }),
            { numRuns: 100 },
        );
    });

    it("the pack's stack policies answer a framed request as the SDK's own handler answers the decoded one", async () => {
        await answersAsTheSdk((shape) => {
            const bytes = bytesOf(request(shape));
            return { decoded: sdk.analyzer.AnalyzeStackRequest.deserializeBinary(bytes), served: framedStackRequest(bytes) };
        }, 40);
    });

    it("decodes every other field as the SDK's deserialiser does, and leaves the resource list empty", () => {
        const shape = fc.sample(shapes, { numRuns: 1, seed: 11 })[0]!;
        // Resources, then a field this SDK does not know (a later CLI's), then more resources.
        const writer = new sdk.jspb.BinaryWriter();
        for (const r of shape.resources) writer.writeBytes(1, convert.analyzerResource(r).serializeBinary());
        writer.writeString(7, "from a later CLI");
        writer.writeBytes(1, convert.analyzerResource(shape.resources[0]!).serializeBinary());
        const bytes = writer.getResultBuffer();
        const whole = sdk.analyzer.AnalyzeStackRequest.deserializeBinary(bytes);
        expect(whole.getResourcesList()).toHaveLength(shape.resources.length + 1);
        const framed = framedStackRequest(bytes);
        expect(framed.getResourcesList()).toEqual([]);
        whole.setResourcesList([]);
        expect(framed.toObject()).toEqual(whole.toObject());
    });

    it("decodes a provider once per distinct encoding: resources of one provider share one, frozen", async () => {
        const provider = (region: string) => ({ urn: urnOf("pulumi:providers:aws", region), type: "pulumi:providers:aws", name: region, properties: { region } });
        const bucket = (name: string, p: ReturnType<typeof provider>): EngineResource => ({ urn: urnOf("aws:s3/bucket:Bucket", name), type: "aws:s3/bucket:Bucket", name, custom: true, properties: { bucket: name }, dependencies: [], propertyDependencies: {}, provider: p });
        const resources = [bucket("a", provider("cn-north-1")), bucket("b", provider("cn-north-1")), bucket("c", provider("us-east-1"))];
        const bytes = bytesOf(request({ resources, noTimeouts: [false, false, false] }));
        const { shared } = await framedBuilt(bytes);
        const [a, b, c] = shared as [PolicyResource, PolicyResource, PolicyResource];
        expect(a.provider).toBe(b.provider);
        expect(c.provider).not.toBe(a.provider);
        expect([a, b, c].map((r) => r.provider?.props.region as unknown)).toEqual(["cn-north-1", "cn-north-1", "us-east-1"]);
        expect(Object.isFrozen(a.provider)).toBe(true);
        expect(described(shared)).toEqual(described(await sdkBuilt(sdk.analyzer.AnalyzeStackRequest.deserializeBinary(bytes))));

        // A resource encoded with two provider entries: the SDK's decoder keeps the last, and so does this.
        const twice = new sdk.jspb.BinaryWriter();
        const resource = convert.analyzerResource(bucket("d", provider("cn-north-1")));
        const other = convert.analyzerResource(bucket("d", provider("cn-northwest-1"))).getProvider()!;
        const secondProvider = new sdk.jspb.BinaryWriter();
        secondProvider.writeBytes(6, other.serializeBinary());
        twice.writeBytes(1, Buffer.concat([resource.serializeBinary(), secondProvider.getResultBuffer()]));
        const twiceBytes = twice.getResultBuffer();
        expect(sdk.analyzer.AnalyzeStackRequest.deserializeBinary(twiceBytes).getResourcesList()[0]!.getProvider()!.getName()).toBe("cn-northwest-1");
        const [d] = (await framedBuilt(twiceBytes)).shared;
        expect(d!.provider?.name).toBe("cn-northwest-1");
    });

    it("names the resource it cannot decode, and rejects bytes the SDK's deserialiser rejects", async () => {
        const shape = fc.sample(shapes.filter((s) => s.resources.length >= 2), { numRuns: 1, seed: 3 })[0]!;
        const writer = new sdk.jspb.BinaryWriter();
        writer.writeBytes(1, convert.analyzerResource(shape.resources[0]!).serializeBinary());
        // The second resource: a message field whose length runs past its end.
        writer.writeBytes(1, Uint8Array.from([0x12, 0x40, 0x01]));
        const capture = { name: "capture", description: "capture", enforcementLevel: "advisory", validateStack: (args: StackValidationArgs) => void stackResources(args.resources) };
        const { error } = await answer(buildOnce(server.makeAnalyzeStackRpcFun("pack", "0.0.1", "advisory", [capture]) as never) as unknown as Handler, framedStackRequest(writer.getResultBuffer()));
        expect(error).toMatch(/AnalyzeStack: resource 2 of 2 in the request could not be decoded/);

        const truncated = bytesOf(request(shape)).subarray(0, 5);
        expect(() => sdk.analyzer.AnalyzeStackRequest.deserializeBinary(truncated)).toThrow();
        expect(() => framedStackRequest(truncated)).toThrow();
    });
});

describe("withBuildOnce", () => {
    class FakeServer {
        readonly registered: { service: unknown; implementation: Record<string, unknown> }[] = [];
        addService(this: FakeServer, service: unknown, implementation: Record<string, unknown>): void {
            this.registered.push({ service, implementation });
        }
    }
    const original = Object.getOwnPropertyDescriptor(FakeServer.prototype, "addService")?.value as unknown;
    const current = (): unknown => Object.getOwnPropertyDescriptor(FakeServer.prototype, "addService")?.value;

    it("wraps the analyzer's AnalyzeStack only, while the pack starts, and restores gRPC", () => {
        const seen: unknown[] = [];
        const analyzeStack = (call: Call) => void seen.push((call.request as { getResourcesList(): unknown[] }).getResourcesList());
        const analyze = () => undefined;
        const deserialise = (b: Uint8Array): unknown => b;
        const definition = { analyze: { path: "/analyze", requestDeserialize: deserialise }, analyzeStack: { path: "/analyzeStack", requestDeserialize: deserialise } };
        const other = { analyzeStack };
        const otherDefinition = { analyzeStack: { path: "/other", requestDeserialize: deserialise } };
        const s = withBuildOnce(() => {
            const s = new FakeServer();
            s.addService(definition, { analyze, analyzeStack });
            s.addService(otherDefinition, other);
            return s;
        }, FakeServer as never);
        expect(current()).toBe(original);
        const [analyzer, second] = s.registered as [{ service: typeof definition; implementation: Record<string, (call: Call) => unknown> }, FakeServer["registered"][number]];
        expect(analyzer.implementation.analyze).toBe(analyze);
        expect(analyzer.implementation.analyzeStack).not.toBe(analyzeStack);
        // Its requests are read framed, through a copy of the definition: the SDK's own is untouched.
        expect(analyzer.service.analyzeStack).toEqual({ path: "/analyzeStack", requestDeserialize: framedStackRequest, responseSerialize: analyzeResponseBytes });
        // Analyze's requests are read by analyzeRequestView, through the same copy.
        expect(analyzer.service.analyze).toEqual({ path: "/analyze", requestDeserialize: analyzeRequestView });
        expect(definition.analyze.requestDeserialize).toBe(deserialise);
        expect(definition.analyzeStack.requestDeserialize).toBe(deserialise);
        expect(second).toEqual({ service: otherDefinition, implementation: other });
        expect(second.implementation).toBe(other);
        analyzer.implementation.analyzeStack!({ request: { getResourcesList: () => ["a resource"] } });
        expect(seen).toEqual([[]]);
    });

    it("restores gRPC when the pack fails to start", () => {
        expect(() =>
            withBuildOnce(() => {
                throw new Error("bad pack");
            }, FakeServer as never),
        ).toThrow("bad pack");
        expect(current()).toBe(original);
    });

    it("finds the gRPC Server the SDK registers with", () => {
        expect(sdkGrpcServer()).toBe(sdk.grpc.Server);
    });
});

describe("analyzeRequestView: Analyze's request read without google-protobuf's messages", () => {
    const resourcePolicies = policies.filter((p) => "validateResource" in p);
    /** Each resource of a shape as Analyze's request bytes; now and then without custom timeouts or without options (an old CLI). */
    const requests = (shape: Shape): Uint8Array[] =>
        shape.resources.map((r, i) => {
            const m = convert.analyzeRequest(r);
            if (shape.noTimeouts[i]) m.getOptions()!.clearCustomtimeouts();
            if (shape.noTimeouts[i] && r.protect) m.clearOptions();
            return m.serializeBinary();
        });

    it("answers every getter the SDK's Analyze handler calls as the generated message does, on random resources", () => {
        fc.assert(
            fc.property(shapes, (shape) => {
                for (const bytes of requests(shape)) {
                    const [view, m] = [analyzeRequestView(bytes), sdk.analyzer.AnalyzeRequest.deserializeBinary(bytes)];
                    const read = (r: typeof m | typeof view) => {
                        const o = r.getOptions();
                        const t = o?.getCustomtimeouts();
                        const p = r.getProvider();
                        return {
                            head: [r.getType(), r.getUrn(), r.getName(), r.getProperties()?.toJavaScript()],
                            options: o && [o.getProtect(), o.getIgnorechangesList(), o.getAliasesList(), o.getAdditionalsecretoutputsList(), o.getDeletebeforereplacedefined(), o.getDeletebeforereplace(), o.getParent()],
                            timeouts: t && [t.getCreate(), t.getUpdate(), t.getDelete()],
                            provider: p && [p.getType(), p.getUrn(), p.getName(), p.getProperties()?.toJavaScript()],
                        };
                    };
                    expect(read(view)).toEqual(read(m));
                }
            }),
            { numRuns: 150 },
        );
    });

    it("the pack's resource policies answer it as the SDK's handler answers the decoded request, on random resources", async () => {
        const own = server.makeAnalyzeRpcFun("china-compliance", "0.1.0", "advisory", resourcePolicies);
        let findings = 0;
        await fc.assert(
            fc.asyncProperty(shapes, async (shape) => {
                for (const bytes of requests(shape)) {
                    const expected = await answer(own, sdk.analyzer.AnalyzeRequest.deserializeBinary(bytes));
                    expect(await answer(own, analyzeRequestView(bytes))).toEqual(expected);
                    findings += ((expected.response as { diagnosticsList?: unknown[] } | undefined)?.diagnosticsList ?? []).length;
                }
            }),
            { numRuns: 60 },
        );
        expect(findings).toBeGreaterThan(0);
    });
});
