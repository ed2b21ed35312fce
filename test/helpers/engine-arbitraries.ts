import fc from "fast-check";
import { type EngineProvider, type EngineResource, UNKNOWN } from "../../tools/engine/types";
import { secret } from "../../tools/engine/wire";

// Random engine resources, for comparing what the engine writes and the pack reads with the
// generated messages: every kind of protobuf Value, keys that sort in surprising orders (digits,
// capitals, non-ASCII, empty, `__` internal keys), `undefined` where the CLI drops a property,
// every option, shared and distinct providers. Strings are well-formed (the encoder replaces a
// lone surrogate) and numbers are not NaN (google-protobuf writes another NaN's bits).
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
export const resourceArb: fc.Arbitrary<EngineResource> = fc.record(
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
