// The AnalyzeStack request is sent as bytes built one resource at a time; the pack must receive
// exactly the message the generated AnalyzeStackRequest would have serialised.
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
    return [stackResource(), bucket, trail];
}

describe("AnalyzeStackRequest bytes", () => {
    it("equal the generated message's serialisation, field for field", () => {
        const resources = stack();
        const req = new sdk.analyzer.AnalyzeStackRequest();
        req.setResourcesList(resources.map((r) => convert.analyzerResource(r)));
        const bytes = convert.analyzeStackRequestBytes(resources);
        expect(Buffer.from(bytes).equals(Buffer.from(req.serializeBinary()))).toBe(true);
        const back = sdk.analyzer.AnalyzeStackRequest.deserializeBinary(bytes).getResourcesList();
        expect(back.map((r) => r.getUrn())).toEqual(resources.map((r) => r.urn));
        expect(back[2]?.getPropertydependenciesMap().get("s3BucketName")?.getUrnsList()).toEqual([resources[1]?.urn]);
    });

    it("of an empty stack are an empty message", () => {
        expect(convert.analyzeStackRequestBytes([]).length).toBe(0);
    });
});
