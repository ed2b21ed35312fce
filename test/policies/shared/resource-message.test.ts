// The pack reads AnalyzeStack's resources straight from their bytes (policies/shared/resource-message.ts);
// what it reads must be what the generated deserialiser and Struct.toJavaScript give, key order
// included, on canonical encodings (random resources) and on the odd ones a protobuf writer may
// produce (fields out of order or repeated, unknown fields, repeated map keys).
import fc from "fast-check";
import { Writer } from "protobufjs/minimal";
import { describe, expect, it } from "vitest";
import { type ResourceMessage, fromDecoded, readProvider, readResource } from "../../../policies/shared/resource-message";
import { Converter } from "../../../tools/engine/convert";
import { loadSdk } from "../../../tools/engine/sdk";
import { resourceArb } from "../../helpers/engine-arbitraries";
import { ROOT } from "../../tools/helpers";

const sdk = loadSdk(ROOT, "pack");
const convert = new Converter(sdk);
const { AnalyzerResource } = sdk.analyzer;

/** A record with its Structs read, keys in the order they come (JSON keeps it). */
function plain(m: ResourceMessage): unknown {
    const props = (s: { toJavaScript(): unknown } | undefined): unknown => (s ? JSON.stringify(s.toJavaScript()) : undefined);
    return { ...m, properties: props(m.properties), provider: m.provider && { ...m.provider, properties: props(m.provider.properties) }, order: m.propertyDependencies.map(([k]) => k) };
}

const reference = (bytes: Uint8Array): unknown => plain(fromDecoded(AnalyzerResource.deserializeBinary(bytes)));

describe("readResource", () => {
    it("reads what the generated deserialiser reads, on random resources", () => {
        fc.assert(
            fc.property(resourceArb, (r) => {
                const bytes = convert.analyzerResource(r).serializeBinary();
                expect(plain(readResource(bytes))).toEqual(reference(bytes));
            }),
            { numRuns: 400 },
        );
    });

    it("passes its provider's bytes to the given reader, whose record it keeps", () => {
        const bytes = convert.analyzerResource({ urn: "urn:r", type: "t", name: "r", custom: true, properties: {}, dependencies: [], propertyDependencies: {}, provider: { urn: "urn:p", type: "pulumi:providers:aws", name: "p", properties: { region: "cn-north-1" } } }).serializeBinary();
        const seen: Uint8Array[] = [];
        const shared = readProvider(convert.analyzerResource({ urn: "x", type: "t", name: "x", custom: true, properties: {}, dependencies: [], propertyDependencies: {} }).serializeBinary());
        const m = readResource(bytes, (b) => (seen.push(b), shared));
        expect(m.provider).toBe(shared);
        expect(readProvider(seen[0]!).properties?.toJavaScript()).toEqual({ region: "cn-north-1" });
    });

    // Hand-written encodings: w(tag) then the value, as a protobuf writer may write them.
    const struct = (entries: [string, (w: Writer) => void][]): Uint8Array => {
        const w = Writer.create();
        for (const [k, v] of entries) {
            w.uint32(0x0a).fork().uint32(0x0a).string(k).uint32(0x12).fork();
            v(w);
            w.ldelim().ldelim();
        }
        return w.finish();
    };
    const str = (s: string) => (w: Writer) => w.uint32(0x1a).string(s);

    it.each([
        {
            name: "fields in reverse order, singular ones repeated (the last wins), unknown fields of every wire type",
            bytes: () =>
                Writer.create()
                    .uint32((9 << 3) | 2).fork().uint32(0x0a).string("b").uint32(0x12).fork().uint32(0x0a).string("urn:1").ldelim().ldelim()
                    .uint32((9 << 3) | 2).fork().uint32(0x0a).string("a").uint32(0x12).fork().uint32(0x0a).string("urn:2").ldelim().ldelim()
                    .uint32((9 << 3) | 2).fork().uint32(0x0a).string("b").uint32(0x12).fork().uint32(0x0a).string("urn:3").ldelim().ldelim()
                    .uint32((8 << 3) | 2).string("urn:dep")
                    .uint32((7 << 3) | 2).string("urn:parent")
                    .uint32((5 << 3) | 2).fork().uint32(0x08).bool(true).uint32(0x3a).fork().uint32(0x09).double(5).ldelim().ldelim()
                    .uint32((4 << 3) | 2).string("first").uint32((4 << 3) | 2).string("second")
                    .uint32((2 << 3) | 2).bytes(struct([["z", str("1")], ["a", str("2")], ["z", str("3")]]))
                    .uint32((1 << 3) | 2).string("aws:s3/bucket:Bucket")
                    .uint32((50 << 3) | 0).uint32(7).uint32((51 << 3) | 1).double(1).uint32((52 << 3) | 2).string("x").uint32((53 << 3) | 5).fixed32(1)
                    .finish(),
        },
        { name: "an empty message", bytes: () => new Uint8Array() },
        {
            name: "every Value kind, nested, and a map entry without its key",
            bytes: () =>
                Writer.create()
                    .uint32(0x12)
                    .bytes(
                        struct([
                            ["n", (w) => w.uint32(0x08).int32(0)],
                            ["d", (w) => w.uint32(0x11).double(-0.5)],
                            ["b", (w) => w.uint32(0x20).bool(false)],
                            ["s", (w) => w.uint32(0x2a).bytes(struct([["k", str("v")]]))],
                            ["l", (w) => w.uint32(0x32).fork().uint32(0x0a).fork().uint32(0x1a).string("x").ldelim().uint32(0x0a).fork().uint32(0x20).bool(true).ldelim().ldelim()],
                            ["two kinds", (w) => w.uint32(0x20).bool(true).uint32(0x1a).string("last")],
                        ]),
                    )
                    .uint32(0x12)
                    .bytes(Writer.create().uint32(0x0a).fork().uint32(0x12).fork().uint32(0x1a).string("no key").ldelim().ldelim().finish())
                    .finish(),
        },
    ])("reads what the generated deserialiser reads: $name", ({ bytes }) => {
        expect(plain(readResource(bytes()))).toEqual(reference(bytes()));
    });

    it("a Value without a kind fails as google-protobuf's does", () => {
        const bytes = Writer.create().uint32(0x12).bytes(struct([["k", () => undefined]])).finish();
        expect(() => AnalyzerResource.deserializeBinary(bytes).getProperties()?.toJavaScript()).toThrow("Unexpected struct type");
        expect(() => readResource(bytes).properties?.toJavaScript()).toThrow("Unexpected struct type");
    });
});
