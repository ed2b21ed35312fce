// Requests are sent as bytes the converter builds (an AnalyzeStack request one resource at a
// time, each provider encoded once); the pack must receive exactly the bytes the generated
// messages would have serialised.
import { describe, expect, it } from "vitest";
import { Converter } from "../../tools/engine/convert";
import { loadSdk } from "../../tools/engine/sdk";
import { UNKNOWN, type EngineResource } from "../../tools/engine/types";
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
