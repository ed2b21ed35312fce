// AnalyzeStack's resources read straight from their bytes (protobufjs's Reader) into the plain
// records the one build (build-once.ts) reads. google-protobuf's generated decoder builds a message
// object per property value and a map object per Struct, which the build then turns into plain
// values: at 10,000 resources most of the build's time and garbage. What is read is what the
// generated deserialisers and Struct.toJavaScript give (test/policies/shared/resource-message.test.ts
// compares them): fields in any order, the last of a singular field wins, unknown fields are
// skipped, a Struct's keys come in sorted order with a repeated key's last value, and a Value
// without a kind is an error ("Unexpected struct type", as google-protobuf's).
import type { AnalyzerResource } from "@pulumi/pulumi/proto/analyzer_pb";
import type * as Protobuf from "protobufjs/minimal";

/** What the SDK's deserializeProperties reads a resource's properties through. */
export interface StructLike {
    toJavaScript(): Record<string, unknown>;
}

export interface OptionsMessage {
    protect: boolean;
    ignoreChanges: string[];
    deleteBeforeReplace: boolean;
    deleteBeforeReplaceDefined: boolean;
    additionalSecretOutputs: string[];
    aliases: string[];
    customTimeouts: { create: number; update: number; delete: number } | undefined;
    parent: string;
}

export interface ProviderMessage {
    type: string;
    urn: string;
    name: string;
    properties: StructLike | undefined;
}

export interface ResourceMessage {
    type: string;
    urn: string;
    name: string;
    properties: StructLike | undefined;
    options: OptionsMessage | undefined;
    provider: ProviderMessage | undefined;
    parent: string;
    dependencies: string[];
    /** In key order, as google-protobuf's map gives them. */
    propertyDependencies: [string, string[]][];
}

type ReaderType = Protobuf.Reader;

/**
 * protobufjs, loaded on the first Analyze or AnalyzeStack call rather than when the pack starts
 * (response-bytes.ts writes with the same module).
 */
let loaded: typeof Protobuf | undefined;
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const protobuf = (): typeof Protobuf => (loaded ??= require("protobufjs/minimal") as typeof Protobuf);

/** A reader over `bytes` as a Buffer (a view, no copy), so that strings are decoded natively, not in JavaScript. */
const create = (bytes: Uint8Array): ReaderType => protobuf().Reader.create(Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));

/** Field tags: (field number << 3) | wire type (0 varint, 1 64-bit, 2 length-delimited). */
export const tag = (field: number, wireType: number): number => (field << 3) | wireType;
export const LEN = 2;

const NO_KIND = Symbol("no kind");

/** The end of the length-delimited field whose length is next. */
const end = (r: ReaderType): number => r.uint32() + r.pos;

/** google.protobuf.Value: null_value 1, number_value 2, string_value 3, bool_value 4, struct_value 5, list_value 6 (the last set wins). */
function value(r: ReaderType, until: number): unknown {
    let v: unknown = NO_KIND;
    while (r.pos < until) {
        const t = r.uint32();
        if (t === tag(1, 0)) {
            r.int32();
            v = null;
        } else if (t === tag(2, 1)) v = r.double();
        else if (t === tag(3, LEN)) v = r.string();
        else if (t === tag(4, 0)) v = r.bool();
        else if (t === tag(5, LEN)) v = struct(r, end(r));
        else if (t === tag(6, LEN)) v = list(r, end(r));
        else r.skipType(t & 7);
    }
    if (v === NO_KIND) throw new Error("Unexpected struct type");
    return v;
}

function list(r: ReaderType, until: number): unknown[] {
    const out: unknown[] = [];
    while (r.pos < until) {
        const t = r.uint32();
        if (t === tag(1, LEN)) out.push(value(r, end(r)));
        else r.skipType(t & 7);
    }
    return out;
}

/** A map<string, X> field's entries (key 1, value 2), the last of a repeated key kept. */
function mapEntry<T>(r: ReaderType, until: number, read: (r: ReaderType, until: number) => T, missing: () => T): [string, T] {
    let key = "";
    let found: { v: T } | undefined;
    while (r.pos < until) {
        const t = r.uint32();
        if (t === tag(1, LEN)) key = r.string();
        else if (t === tag(2, LEN)) found = { v: read(r, end(r)) };
        else r.skipType(t & 7);
    }
    return [key, found ? found.v : missing()];
}

/** Entries in sorted key order, as google-protobuf's map iterates them. */
function sorted<T>(entries: Map<string, T>): [string, T][] {
    return [...entries.keys()].sort().map((k) => [k, entries.get(k)!]);
}

function struct(r: ReaderType, until: number): Record<string, unknown> {
    const fields = new Map<string, unknown>();
    while (r.pos < until) {
        const t = r.uint32();
        if (t === tag(1, LEN)) {
            const [key, v] = mapEntry(r, end(r), value, () => {
                throw new Error("Unexpected struct type");
            });
            fields.set(key, v);
        } else r.skipType(t & 7);
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of sorted(fields)) out[k] = v;
    return out;
}

/** A Struct's bytes, read when the SDK asks for its value. */
class StructBytes implements StructLike {
    constructor(private readonly bytes: Uint8Array) {}
    toJavaScript(): Record<string, unknown> {
        const r = create(this.bytes);
        return struct(r, r.len);
    }
}

function strings(r: ReaderType, until: number): string[] {
    const out: string[] = [];
    while (r.pos < until) {
        const t = r.uint32();
        if (t === tag(1, LEN)) out.push(r.string());
        else r.skipType(t & 7);
    }
    return out;
}

function timeouts(r: ReaderType, until: number): { create: number; update: number; delete: number } {
    const out = { create: 0, update: 0, delete: 0 };
    while (r.pos < until) {
        const t = r.uint32();
        if (t === tag(1, 1)) out.create = r.double();
        else if (t === tag(2, 1)) out.update = r.double();
        else if (t === tag(3, 1)) out.delete = r.double();
        else r.skipType(t & 7);
    }
    return out;
}

function options(r: ReaderType, until: number): OptionsMessage {
    const o: OptionsMessage = { protect: false, ignoreChanges: [], deleteBeforeReplace: false, deleteBeforeReplaceDefined: false, additionalSecretOutputs: [], aliases: [], customTimeouts: undefined, parent: "" };
    while (r.pos < until) {
        const t = r.uint32();
        if (t === tag(1, 0)) o.protect = r.bool();
        else if (t === tag(2, LEN)) o.ignoreChanges.push(r.string());
        else if (t === tag(3, 0)) o.deleteBeforeReplace = r.bool();
        else if (t === tag(4, 0)) o.deleteBeforeReplaceDefined = r.bool();
        else if (t === tag(5, LEN)) o.additionalSecretOutputs.push(r.string());
        else if (t === tag(6, LEN)) o.aliases.push(r.string());
        else if (t === tag(7, LEN)) o.customTimeouts = timeouts(r, end(r));
        else if (t === tag(8, LEN)) o.parent = r.string();
        else r.skipType(t & 7);
    }
    return o;
}

/** Fields 1-4, which AnalyzerResource and AnalyzerProviderResource share; false for any other field. */
function head(r: ReaderType, t: number, m: { type: string; urn: string; name: string; properties: StructLike | undefined }): boolean {
    if (t === tag(1, LEN)) m.type = r.string();
    else if (t === tag(2, LEN)) m.properties = new StructBytes(r.bytes());
    else if (t === tag(3, LEN)) m.urn = r.string();
    else if (t === tag(4, LEN)) m.name = r.string();
    else return false;
    return true;
}

/**
 * A message's bytes split into the entries of one length-delimited field (views, not copies) and
 * the bytes of all its other fields: the message itself when the field is absent, else the runs
 * of other fields joined (the generated serialisers write fields in order, so at most two).
 */
export function splitField(bytes: Uint8Array, field: number): { entries: Uint8Array[]; rest: Uint8Array } {
    const r = create(bytes);
    const entries: Uint8Array[] = [];
    const runs: [number, number][] = [];
    while (r.pos < r.len) {
        const start = r.pos;
        const t = r.uint32();
        if (t === tag(field, LEN)) entries.push(r.bytes());
        else {
            r.skipType(t & 7);
            const last = runs[runs.length - 1];
            if (last?.[1] === start) last[1] = r.pos;
            else runs.push([start, r.pos]);
        }
    }
    if (entries.length === 0) return { entries, rest: bytes };
    return { entries, rest: Buffer.concat(runs.map(([from, to]) => bytes.subarray(from, to))) };
}

/** An AnalyzerProviderResource. */
export function readProvider(bytes: Uint8Array): ProviderMessage {
    const r = create(bytes);
    const p: ProviderMessage = { type: "", urn: "", name: "", properties: undefined };
    while (r.pos < r.len) {
        const t = r.uint32();
        if (!head(r, t, p)) r.skipType(t & 7);
    }
    return p;
}

/**
 * An AnalyzerResource. Its provider's bytes go to `provider`, which may answer several resources
 * with one record (most resources of a stack share a handful of providers).
 */
export function readResource(bytes: Uint8Array, provider: (bytes: Uint8Array) => ProviderMessage = readProvider): ResourceMessage {
    const r = create(bytes);
    const m: ResourceMessage = { type: "", urn: "", name: "", properties: undefined, options: undefined, provider: undefined, parent: "", dependencies: [], propertyDependencies: [] };
    const deps = new Map<string, string[]>();
    while (r.pos < r.len) {
        const t = r.uint32();
        if (head(r, t, m)) continue;
        if (t === tag(5, LEN)) m.options = options(r, end(r));
        else if (t === tag(6, LEN)) m.provider = provider(r.bytes());
        else if (t === tag(7, LEN)) m.parent = r.string();
        else if (t === tag(8, LEN)) m.dependencies.push(r.string());
        else if (t === tag(9, LEN)) {
            const [key, urns] = mapEntry(r, end(r), strings, () => []);
            deps.set(key, urns);
        } else r.skipType(t & 7);
    }
    m.propertyDependencies = sorted(deps);
    return m;
}

/** The same record from a decoded message (a request the SDK decoded whole, as in a direct call). */
export function fromDecoded(m: AnalyzerResource): ResourceMessage {
    const o = m.getOptions();
    const t = o?.getCustomtimeouts();
    const p = m.getProvider();
    return {
        type: m.getType(),
        urn: m.getUrn(),
        name: m.getName(),
        properties: m.getProperties(),
        options: o && {
            protect: o.getProtect(),
            ignoreChanges: o.getIgnorechangesList(),
            deleteBeforeReplace: o.getDeletebeforereplace(),
            deleteBeforeReplaceDefined: o.getDeletebeforereplacedefined(),
            additionalSecretOutputs: o.getAdditionalsecretoutputsList(),
            aliases: o.getAliasesList(),
            customTimeouts: t && { create: t.getCreate(), update: t.getUpdate(), delete: t.getDelete() },
            parent: o.getParent(),
        },
        provider: p && { type: p.getType(), urn: p.getUrn(), name: p.getName(), properties: p.getProperties() },
        parent: m.getParent(),
        dependencies: m.getDependenciesList(),
        propertyDependencies: [...m.getPropertydependenciesMap().entries()].map(([input, deps]) => [input, deps.getUrnsList()]),
    };
}

/**
 * An Analyze request read as a resource (AnalyzeRequest's fields 1-6 are AnalyzerResource's),
 * behind the getters the SDK's Analyze handler calls (server.js of the pinned @pulumi/policy:
 * type, properties, URN, name, options, provider). Read this way a request costs about a quarter
 * of google-protobuf's decoding.
 */
export function analyzeRequestView(bytes: Uint8Array): AnalyzeRequestView {
    return new AnalyzeRequestView(readResource(bytes));
}

/** The getters of fields 1-4, which AnalyzeRequest and AnalyzerProviderResource share. */
class HeadView {
    constructor(private readonly head: ProviderMessage) {}
    getType(): string {
        return this.head.type;
    }
    getProperties(): StructLike | undefined {
        return this.head.properties;
    }
    getUrn(): string {
        return this.head.urn;
    }
    getName(): string {
        return this.head.name;
    }
}

export class AnalyzeRequestView extends HeadView {
    private readonly providerView: HeadView | undefined;
    private readonly optionsView: OptionsView | undefined;
    constructor(m: ResourceMessage) {
        super(m);
        this.providerView = m.provider && new HeadView(m.provider);
        this.optionsView = m.options && new OptionsView(m.options);
    }
    getOptions(): OptionsView | undefined {
        return this.optionsView;
    }
    getProvider(): HeadView | undefined {
        return this.providerView;
    }
}

class OptionsView {
    private readonly timeouts: { getCreate(): number; getUpdate(): number; getDelete(): number } | undefined;
    constructor(private readonly o: OptionsMessage) {
        const t = o.customTimeouts;
        this.timeouts = t && { getCreate: () => t.create, getUpdate: () => t.update, getDelete: () => t.delete };
    }
    getProtect(): boolean {
        return this.o.protect;
    }
    getIgnorechangesList(): string[] {
        return this.o.ignoreChanges;
    }
    getAliasesList(): string[] {
        return this.o.aliases;
    }
    getCustomtimeouts(): { getCreate(): number; getUpdate(): number; getDelete(): number } | undefined {
        return this.timeouts;
    }
    getAdditionalsecretoutputsList(): string[] {
        return this.o.additionalSecretOutputs;
    }
    getDeletebeforereplacedefined(): boolean {
        return this.o.deleteBeforeReplaceDefined;
    }
    getDeletebeforereplace(): boolean {
        return this.o.deleteBeforeReplace;
    }
    getParent(): string {
        return this.o.parent;
    }
}
