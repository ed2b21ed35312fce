// The one way controls read resource inputs. An `Input` is a place in a resource's props with
// the path that leads to it (`rules[2].cidrBlocks`), so a finding names the input to change from
// the read itself. Every read answers absent (unset: the documented default applies), value,
// invalid (the wrong shape) or unknown (only known after deployment, in a first preview): the
// SDK's UnknownValueError never escapes, so one unknown value cannot abort a policy.
import { isRecord, toBoolean, toNumber } from "./properties";
import { type Known, tryRead } from "./stack";

export type Read<T> =
    | { kind: "absent"; path: string }
    | { kind: "value"; value: T; path: string }
    | { kind: "invalid"; raw: unknown; path: string }
    | { kind: "unknown"; path: string };

const UNKNOWN_STATE: Known<unknown> = { known: false };

export class Input {
    private constructor(
        private readonly state: Known<unknown>,
        /** The input path from the resource's props, e.g. `ebsBlockDevices[1].encrypted`; "" for the props themselves. */
        readonly path: string,
    ) {}

    /** The root of a resource's props. */
    static of(props: unknown, path = ""): Input {
        return new Input({ known: true, value: props }, path);
    }

    /** True when this place is unknown during preview (or lies under an unknown value). */
    get unknown(): boolean {
        return !this.state.known;
    }

    /** True when the value is set (known, not null or undefined). */
    get isSet(): boolean {
        return this.state.known && this.state.value !== undefined && this.state.value !== null;
    }

    /**
     * The child input `name`; with several names, the first one that is set (current name first,
     * then deprecated aliases) — an unknown alias before any set one makes the result unknown.
     */
    get(...names: readonly string[]): Input {
        const first = names[0];
        if (first === undefined) throw new Error("Input.get needs a name");
        if (!this.state.known) return new Input(UNKNOWN_STATE, join(this.path, first));
        const parent = this.state.value;
        for (const name of names) {
            const child = tryRead(() => (isRecord(parent) ? parent[name] : undefined));
            const path = join(this.path, name);
            if (!child.known) return new Input(UNKNOWN_STATE, path);
            if (child.value !== undefined && child.value !== null) return new Input(child, path);
        }
        return new Input({ known: true, value: undefined }, join(this.path, first));
    }

    /** Follows a path of keys: `in.at("a", "b")` is `in.get("a").get("b")`. */
    at(...keys: readonly string[]): Input {
        return keys.reduce<Input>((node, key) => node.get(key), this);
    }

    /** The list item `index`. */
    item(index: number): Input {
        const path = `${this.path}[${index}]`;
        if (!this.state.known) return new Input(UNKNOWN_STATE, path);
        const list = this.state.value;
        const child = tryRead(() => (Array.isArray(list) ? (list as unknown[])[index] : undefined));
        return new Input(child, path);
    }

    /** The items of a list, each with its own path; absent, unknown and non-list values are kept in the Read. */
    items(): Read<Input[]> {
        const read = this.raw();
        if (read.kind !== "value") return read;
        if (!Array.isArray(read.value)) return { kind: "invalid", raw: read.value, path: this.path };
        const length = tryRead(() => (read.value as unknown[]).length);
        if (!length.known) return { kind: "unknown", path: this.path };
        return { kind: "value", value: Array.from({ length: length.value }, (_, i) => this.item(i)), path: this.path };
    }

    /** The keys of a map, each as an Input. */
    entries(): Read<[string, Input][]> {
        const read = this.raw();
        if (read.kind !== "value") return read;
        if (!isRecord(read.value)) return { kind: "invalid", raw: read.value, path: this.path };
        const keys = tryRead(() => Object.keys(read.value as Record<string, unknown>));
        if (!keys.known) return { kind: "unknown", path: this.path };
        return { kind: "value", value: keys.value.map((k): [string, Input] => [k, this.get(k)]), path: this.path };
    }

    /** The value as it is, whatever its shape. */
    raw(): Read<unknown> {
        if (!this.state.known) return { kind: "unknown", path: this.path };
        const v = this.state.value;
        return v === undefined || v === null ? { kind: "absent", path: this.path } : { kind: "value", value: v, path: this.path };
    }

    /** A number; numeric strings count (some bridged inputs are typed string). */
    number(): Read<number> {
        return this.convert(toNumber);
    }

    /** A boolean; "true"/"false" strings count (aws LaunchTemplate and Redshift type them as strings). */
    boolean(): Read<boolean> {
        return this.convert(toBoolean);
    }

    string(): Read<string> {
        return this.convert((v) => (typeof v === "string" ? v : undefined));
    }

    /** A plain object (not a list). */
    record(): Read<Record<string, unknown>> {
        return this.convert((v) => (isRecord(v) ? v : undefined));
    }

    private convert<T>(to: (v: unknown) => T | undefined): Read<T> {
        const read = this.raw();
        if (read.kind !== "value") return read;
        const value = to(read.value);
        return value === undefined ? { kind: "invalid", raw: read.value, path: this.path } : { kind: "value", value, path: this.path };
    }
}

function join(parent: string, key: string): string {
    return parent === "" ? key : `${parent}.${key}`;
}

/** The read with the documented default in place of an unset input (the path stays the input's). */
export function orDefault<T>(read: Read<T>, documentedDefault: T): Read<T> & { defaulted?: true } {
    return read.kind === "absent" ? { kind: "value", value: documentedDefault, path: read.path, defaulted: true } : read;
}
