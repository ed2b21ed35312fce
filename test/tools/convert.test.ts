// Requests are sent as bytes the converter writes straight from the engine's values
// (tools/engine/encode.ts; an AnalyzeStack request one resource at a time, each provider encoded
// once); the pack must receive exactly the bytes the generated messages would have serialised.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Converter } from "../../tools/engine/convert";
import { loadSdk } from "../../tools/engine/sdk";
import { UNKNOWN, type EngineResource } from "../../tools/engine/types";
import type { EngineProvider } from "../../tools/engine/types";
import { secret } from "../../tools/engine/wire";
import { ROOT, provider, resource, stackResource } from "./helpers";

const sdk = loadSdk(ROOT, "node");
const convert = new Converter(sdk);

function stack(): EngineResource[] {
    const bucket = resource("aws:s3/bucket:Bucket", "logs", { bucket: "logs", tags: { env: "prod" }, __defaults: [] }, { provider: provider("aws", "default", { region: "cn-north-1" }) });
    const trail = resource(
        "aws:cloudtrail/trail:Trail",
        "trail",
        { s3BucketName: UNKNOWN, kmsKeyId: secret("key"), eventSelectors: [{ readWriteType: "All" }], count: 3, on: true, none: null },
        { dependencies: [bucket.urn], propertyDependencies: { s3BucketName: [bucket.urn], kmsKeyId: [] }, protect: true, options: { aliases: ["urn:old"], customTimeouts: { create: 5 } } },
    );
    // Two more of the bucket's provider (one a copy with the same properties object), one of another region,
    // one whose provider shares the properties object but not the URN.
    const shared = bucket.provider!;
    const more = [
        resource("aws:s3/bucket:Bucket", "same", { bucket: "same" }, { provider: shared }),
        resource("aws:s3/bucket:Bucket", "copy", { bucket: "copy" }, { provider: { ...shared } }),
        resource("aws:s3/bucket:Bucket", "west", { bucket: "west" }, { provider: provider("aws", "west", { region: "cn-northwest-1" }) }),
        resource("aws:s3/bucket:Bucket", "renamed", { bucket: "renamed" }, { provider: { ...shared, urn: `${shared.urn}-2`, name: "other" } }),
    ];
    return [stackResource(), bucket, trail, ...more];
}

describe("Analyze and Remediate request bytes", () => {
    it("equal the generated message's serialisation, for every resource, with and without internal keys", () => {
        const fresh = new Converter(sdk);
        for (const keep of [false, true]) {
            for (const r of stack()) {
                const expected = Buffer.from(convert.analyzeRequest(r, keep).serializeBinary());
                expect(Buffer.from(fresh.analyzeRequestBytes(r, keep)).equals(expected)).toBe(true);
            }
        }
        const back = sdk.analyzer.AnalyzeRequest.deserializeBinary(fresh.analyzeRequestBytes(stack()[6]!));
        expect([back.getUrn(), back.getProvider()?.getName(), back.getProvider()?.getUrn()]).toEqual([stack()[6]!.urn, "other", `${stack()[1]!.provider!.urn}-2`]);
    });
});

describe("AnalyzeStackRequest bytes", () => {
    it("equal the generated message's serialisation, field for field", () => {
        const resources = stack();
        const req = new sdk.analyzer.AnalyzeStackRequest();
        req.setResourcesList(resources.map((r) => convert.analyzerResource(r)));
        const bytes = convert.analyzeStackRequestBytes(resources);
        expect(Buffer.from(bytes).equals(Buffer.from(req.serializeBinary()))).toBe(true);
        const back = sdk.analyzer.AnalyzeStackRequest.deserializeBinary(bytes).getResourcesList();
        expect(back.map((r) => r.getUrn())).toEqual(resources.map((r) => r.urn));
        expect(back.map((r) => r.getProvider()?.getProperties()?.toJavaScript().region)).toEqual([undefined, "cn-north-1", undefined, "cn-north-1", "cn-north-1", "cn-northwest-1", "cn-north-1"]);
        expect(back[2]?.getPropertydependenciesMap().get("s3BucketName")?.getUrnsList()).toEqual([resources[1]?.urn]);
    });

    it("of an empty stack are an empty message", () => {
        expect(convert.analyzeStackRequestBytes([]).length).toBe(0);
    });
});

// Random resources for the byte comparison: every kind of protobuf Value, keys that sort in
// surprising orders (digits, capitals, non-ASCII, empty, `__` internal keys), `undefined` where the
// CLI drops a property, every option, shared and distinct providers. Strings are well-formed
// (lone surrogates: below) and numbers are not NaN (google-protobuf writes another NaN's bits).
const key = fc.oneof(fc.constantFrom("", "a", "B", "10", "9", "é", "__defaults", "__internal", "_x", "tags"), fc.string({ unit: "binary", maxLength: 6 }));
const text = fc.string({ unit: "binary", maxLength: 12 });
const leaf = fc.oneof(fc.constant(null), fc.constant(undefined), fc.boolean(), fc.double({ noNaN: true }), fc.constantFrom(0, -0, 1, 1e21), text, fc.constant(UNKNOWN));
const value: fc.Arbitrary<unknown> = fc.letrec<{ v: unknown }>((tie) => ({
    v: fc.oneof({ depthSize: "small", withCrossShrink: true }, leaf, fc.array(tie("v"), { maxLength: 4 }), fc.dictionary(key, tie("v"), { maxKeys: 5 }), tie("v").map((v) => secret(v))),
})).v;
const props = fc.dictionary(key, value, { maxKeys: 6 });
const urns = fc.array(fc.constantFrom("urn:a", "urn:b", "", "urn:ü"), { maxLength: 3 });
const providerArb: fc.Arbitrary<EngineProvider> = fc.record({ urn: fc.constantFrom("urn:p1", "urn:p2", ""), type: fc.constantFrom("pulumi:providers:aws", ""), name: fc.constantFrom("default", ""), properties: props });
const timeout = fc.option(fc.oneof(fc.constantFrom(0, -0, 1.5, 300), fc.double({ noNaN: true })), { nil: undefined });
const resourceArb: fc.Arbitrary<EngineResource> = fc.record(
    {
        urn: fc.oneof(fc.constant(""), text),
        type: fc.oneof(fc.constant(""), text),
        name: fc.oneof(fc.constant(""), text),
        custom: fc.boolean(),
        properties: props,
        parent: fc.constantFrom("urn:parent", ""),
        dependencies: urns,
        propertyDependencies: fc.dictionary(key, urns, { maxKeys: 4 }),
        provider: providerArb,
        protect: fc.boolean(),
        options: fc.record(
            {
                ignoreChanges: urns,
                additionalSecretOutputs: urns,
                aliases: urns,
                deleteBeforeReplace: fc.boolean(),
                customTimeouts: fc.record({ create: timeout, update: timeout, delete: timeout }, { requiredKeys: [] }),
            },
            { requiredKeys: [] },
        ),
    },
    { requiredKeys: ["urn", "type", "name", "custom", "properties", "dependencies", "propertyDependencies"] },
);

describe("request bytes, on random resources", () => {
    it("Analyze and Remediate requests equal the generated message's serialisation", () => {
        fc.assert(
            fc.property(resourceArb, fc.boolean(), (r, keep) => {
                expect(Buffer.from(new Converter(sdk).analyzeRequestBytes(r, keep)).toString("hex")).toBe(Buffer.from(convert.analyzeRequest(r, keep).serializeBinary()).toString("hex"));
            }),
            { numRuns: 400 },
        );
    });

    it("AnalyzeStack requests equal the generated message's serialisation, providers shared or not", () => {
        fc.assert(
            fc.property(fc.array(resourceArb, { maxLength: 6 }), fc.boolean(), (rs, share) => {
                // Sharing one provider object exercises the converter's per-provider cache.
                const stack = share && rs[0]?.provider ? rs.map((r) => ({ ...r, provider: rs[0]!.provider })) : rs;
                const req = new sdk.analyzer.AnalyzeStackRequest();
                req.setResourcesList(stack.map((r) => convert.analyzerResource(r)));
                expect(Buffer.from(new Converter(sdk).analyzeStackRequestBytes(stack)).toString("hex")).toBe(Buffer.from(req.serializeBinary()).toString("hex"));
            }),
            { numRuns: 150 },
        );
    });
});

describe("request bytes, where google-protobuf's own are not the reference", () => {
    const one = (properties: Record<string, unknown>): EngineResource => resource("aws:s3/bucket:Bucket", "b", properties);
    const decoded = (r: EngineResource): unknown => sdk.analyzer.AnalyzeRequest.deserializeBinary(convert.analyzeRequestBytes(r)).getProperties()?.toJavaScript();

    it("a lone surrogate is sent as U+FFFD, as the CLI's Go decoding leaves it", () => {
        expect(decoded(one({ ["k\ud800"]: "a\udc00b\ud83d", pair: "😀" }))).toEqual({ ["k\ufffd"]: "a\ufffdb\ufffd", pair: "😀" });
    });

    it("NaN is sent as a NaN", () => {
        expect((decoded(one({ n: NaN })) as { n: number }).n).toBeNaN();
    });

    it("a value no protobuf Value holds is an error naming the property", () => {
        expect(() => convert.analyzeRequestBytes(one({ tags: { list: [1, 2n] } }))).toThrow("property tags.list[1] is a bigint, which a protobuf Value cannot hold");
        expect(() => convert.analyzeStackRequestBytes([one({ fn: () => 1 })])).toThrow("property fn is a function");
    });
});
