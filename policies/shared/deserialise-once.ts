// @pulumi/policy 1.21.0 deserialises a resource's props anew for every policy that reads them:
// AnalyzeStack rebuilds all resources (and each one's provider) once per stack policy, Analyze
// rebuilds the request's props once per resource policy (server.js). With 20 stack policies that
// was most of AnalyzeStack's cost on large stacks (docs/performance.md). The result depends only
// on the wire message, so the pack deserialises each message once and every policy reads the same
// plain object, each still through its own unknown-checking proxy, as before. This is safe only
// because no policy writes to its props: the test harness checks that on every policy test.
// Keys are the request's own Struct messages, held weakly, so nothing outlives the call. The
// secret-keeping form Remediate asks for is never shared.

type Deserialise = (struct: unknown, keepSecrets: boolean) => Record<string, unknown>;

interface DeserialiseModule {
    deserializeProperties?: unknown;
}

const ONCE = Symbol.for("china-compliance.deserialiseOnce");

/** Wraps `mod.deserializeProperties` so each Struct is deserialised once; false when the module has no such function. */
export function deserialiseOnce(mod: DeserialiseModule): boolean {
    const original = mod.deserializeProperties;
    if (typeof original !== "function") return false;
    if (ONCE in original) return true;
    const deserialise = original as Deserialise;
    const built = new WeakMap<object, Record<string, unknown>>();
    const once: Deserialise = (struct, keepSecrets) => {
        if (keepSecrets || typeof struct !== "object" || struct === null) return deserialise(struct, keepSecrets);
        let props = built.get(struct);
        if (props === undefined) {
            props = deserialise(struct, false);
            built.set(struct, props);
        }
        return props;
    };
    mod.deserializeProperties = Object.assign(once, { [ONCE]: true });
    return true;
}

/** Installs deserialiseOnce on the SDK the pack runs with (the same module instance server.js calls). */
export function installDeserialiseOnce(): boolean {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return deserialiseOnce(require("@pulumi/policy/deserialize") as DeserialiseModule);
}
