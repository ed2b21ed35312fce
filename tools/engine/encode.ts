// The analyzer requests the engine sends most (Analyze, and AnalyzeStack's resources), written
// straight from the engine's values with protobufjs's Writer. google-protobuf would first build a
// message object per property value and then encode through arrays of numbers: at 20,000
// resources that was most of the scan's 3.3 GB of allocation. The bytes are those the generated
// serialisers write (test/tools/engine/encode.test.ts compares them), field by field in number
// order, proto3 defaults left out, map keys sorted, except that a string with a lone surrogate
// is written with U+FFFD in its place, as the CLI's Go decoding of an export or a program's
// strings leaves it (google-protobuf drops or mangles it).
import { Writer } from "protobufjs/minimal";
import type { EngineProvider, EngineResource } from "./types";
import { isPlainObject } from "./wire";

/** Wire types (protobuf encoding). */
const VARINT = 0;
const FIXED64 = 1;
const LEN = 2;

const tag = (field: number, wireType: number): number => (field << 3) | wireType;

/** google.protobuf.Value's oneof: null_value 1, number_value 2, string_value 3, bool_value 4, struct_value 5, list_value 6. */
const VALUE = { null: tag(1, VARINT), number: tag(2, FIXED64), string: tag(3, LEN), bool: tag(4, VARINT), struct: tag(5, LEN), list: tag(6, LEN) };

function str(w: Writer, field: number, s: string): void {
    w.uint32(tag(field, LEN)).string(s.isWellFormed() ? s : s.toWellFormed());
}

/** A proto3 string field: left out when empty. */
function optionalStr(w: Writer, field: number, s: string | undefined): void {
    if (s) str(w, field, s);
}

function strings(w: Writer, field: number, list: readonly string[] | undefined): void {
    for (const s of list ?? []) str(w, field, s);
}

/** The keys and indexes down to the value being written, for an error's message only. */
type Path = (string | number)[];

/** `undefined` is left out of a struct and becomes null in a list, as the CLI drops absent properties. */
function value(w: Writer, v: unknown, public_: boolean, path: Path): void {
    if (v === null || v === undefined) w.uint32(VALUE.null).uint32(0);
    else if (typeof v === "number") w.uint32(VALUE.number).double(v);
    else if (typeof v === "string") str(w, 3, v);
    else if (typeof v === "boolean") w.uint32(VALUE.bool).bool(v);
    else if (Array.isArray(v)) {
        w.uint32(VALUE.list).fork();
        for (let i = 0; i < v.length; i++) {
            w.uint32(tag(1, LEN)).fork();
            path.push(i);
            value(w, v[i], public_, path);
            path.pop();
            w.ldelim();
        }
        w.ldelim();
    } else if (isPlainObject(v)) {
        w.uint32(VALUE.struct).fork();
        struct(w, v, public_, path);
        w.ldelim();
    } else {
        const where = path.map((k) => (typeof k === "number" ? `[${k}]` : `.${k}`)).join("").slice(1);
        throw new Error(`property ${where} is a ${typeof v}, which a protobuf Value cannot hold`);
    }
}

/**
 * A google.protobuf.Struct's fields (map<string, Value> = 1), keys sorted as google-protobuf's
 * map serialiser sorts them. `public_` drops keys starting with `__` at every depth, as the CLI
 * marshals properties for Analyze, AnalyzeStack and providers (SkipInternalKeys).
 */
function struct(w: Writer, props: Record<string, unknown>, public_: boolean, path: Path): void {
    for (const key of Object.keys(props).sort()) {
        const v = props[key];
        if (v === undefined || (public_ && key.startsWith("__"))) continue;
        w.uint32(tag(1, LEN)).fork();
        str(w, 1, key);
        w.uint32(tag(2, LEN)).fork();
        path.push(key);
        value(w, v, public_, path);
        path.pop();
        w.ldelim().ldelim();
    }
}

function message(w: Writer, field: number, body: () => void): void {
    w.uint32(tag(field, LEN)).fork();
    body();
    w.ldelim();
}

/** AnalyzerResourceOptions; the custom timeouts message is always set, as the converter sets it. */
function options(w: Writer, r: EngineResource): void {
    const o = r.options ?? {};
    if (r.protect) w.uint32(tag(1, VARINT)).bool(true);
    strings(w, 2, o.ignoreChanges);
    if (o.deleteBeforeReplace) w.uint32(tag(3, VARINT)).bool(true);
    if (o.deleteBeforeReplace !== undefined) w.uint32(tag(4, VARINT)).bool(true);
    strings(w, 5, o.additionalSecretOutputs);
    strings(w, 6, o.aliases);
    message(w, 7, () => {
        const t = o.customTimeouts;
        // A double is left out when it is 0 (proto3), so an unset timeout and 0 are one.
        [t?.create, t?.update, t?.delete].forEach((seconds, i) => {
            if (seconds !== undefined && seconds !== 0) w.uint32(tag(i + 1, FIXED64)).double(seconds);
        });
    });
    optionalStr(w, 8, r.parent);
}

/** Fields 1-5, shared by AnalyzeRequest and AnalyzerResource (and 1-4 by AnalyzerProviderResource). */
function head(w: Writer, r: { type: string; urn: string; name: string; properties: Record<string, unknown> }, public_: boolean): void {
    optionalStr(w, 1, r.type);
    message(w, 2, () => struct(w, r.properties, public_, []));
    optionalStr(w, 3, r.urn);
    optionalStr(w, 4, r.name);
}

/** AnalyzerProviderResource's bytes (without a field tag). */
export function providerBytes(p: EngineProvider): Uint8Array {
    const w = Writer.create();
    head(w, p, true);
    return w.finish();
}

/**
 * An AnalyzeRequest; Remediate's (keepInternalKeys) keeps the `__` keys. `provider` is the
 * provider's bytes, which callers encode once per provider.
 */
export function analyzeRequestBytes(r: EngineResource, provider: Uint8Array | undefined, keepInternalKeys = false): Uint8Array {
    const w = Writer.create();
    head(w, r, !keepInternalKeys);
    message(w, 5, () => options(w, r));
    if (provider) w.uint32(tag(6, LEN)).bytes(provider);
    return w.finish();
}

/** An AnalyzerResource, as AnalyzeStack sends each of the stack's resources. */
export function analyzerResourceBytes(r: EngineResource, provider: Uint8Array | undefined): Uint8Array {
    const w = Writer.create();
    head(w, r, true);
    message(w, 5, () => options(w, r));
    if (provider) w.uint32(tag(6, LEN)).bytes(provider);
    optionalStr(w, 7, r.parent);
    strings(w, 8, r.dependencies);
    const deps = r.propertyDependencies;
    for (const prop of Object.keys(deps).sort()) {
        const urns = deps[prop] ?? [];
        // The CLI leaves out properties without dependencies.
        if (urns.length === 0) continue;
        message(w, 9, () => {
            str(w, 1, prop);
            message(w, 2, () => strings(w, 1, urns));
        });
    }
    return w.finish();
}

/** An AnalyzeStackRequest (field 1: repeated AnalyzerResource), each resource encoded in turn. */
export function analyzeStackRequestBytes(resources: Iterable<EngineResource>, providerOf: (p: EngineProvider) => Uint8Array): Uint8Array {
    const w = Writer.create();
    for (const r of resources) w.uint32(tag(1, LEN)).bytes(analyzerResourceBytes(r, r.provider && providerOf(r.provider)));
    return w.finish();
}
