// Requests are sent as bytes the converter writes straight from the engine's values
// (tools/engine/encode.ts; an AnalyzeStack request one resource at a time, each provider encoded
// once); the pack must receive exactly the bytes the generated messages would have serialised.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Converter } from "../../tools/engine/convert";
import { loadSdk } from "../../tools/engine/sdk";
import { UNKNOWN, type EngineResource } from "../../tools/engine/types";
import { secret } from "../../tools/engine/wire";
import { resourceArb } from "../helpers/engine-arbitraries";
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
