// Turns captured RegisterResource requests into the engine's resources: wire values as the CLI
// marshals them for analyzers, providers attached, default providers synthesised as the engine
// does for resources registered without a provider reference.
import * as path from "path";
import { fileURLToPath } from "url";
import type { EngineProvider, EngineResource, SourcePosition, WireProperties } from "../engine/types";
import { isProvider, makeUrn, packageOf, parseUrn, providerRefUrn } from "../engine/urn";
import { secret, toAnalyzerWire } from "../engine/wire";
import type { CapturedResource } from "./capture";

export interface StackIdentity {
    project: string;
    stack: string;
    /** Namespaced stack config (`aws:region` → value), as passed to the program. */
    config: Record<string, string>;
    secretKeys: string[];
}

/** `7.48.0` → `default_7_48_0`, as the engine names default providers of a requested version. */
export function defaultProviderName(version: string): string {
    return version ? `default_${version.replace(/[.+-]/g, "_")}` : "default";
}

/** A config string that holds a JSON object or array is passed to providers parsed. */
function providerConfigValue(value: string): unknown {
    if (!/^\s*[[{]/.test(value)) return value;
    try {
        return JSON.parse(value) as unknown;
    } catch {
        return value;
    }
}

/** The default provider's inputs: stack config under `<pkg>:`, namespace stripped, plus `version`. */
export function defaultProviderProperties(pkg: string, version: string, id: StackIdentity): WireProperties {
    const props: WireProperties = {};
    for (const [key, value] of Object.entries(id.config)) {
        if (!key.startsWith(`${pkg}:`)) continue;
        const name = key.slice(pkg.length + 1);
        props[name] = id.secretKeys.includes(key) ? secret(providerConfigValue(value)) : providerConfigValue(value);
    }
    return withVersion(props, version);
}

/**
 * The engine records a provider's plugin version in its inputs as `version`, and with it an
 * `__internal` object of its own (providers.SetProviderVersion); Remediate sees `__internal`,
 * Analyze does not.
 */
function withVersion(props: WireProperties, version: string): WireProperties {
    if (!version) return props;
    return { ...props, version: props.version ?? version, __internal: props.__internal ?? {} };
}

function asProvider(r: EngineResource): EngineProvider {
    return { urn: r.urn, type: r.type, name: r.name, properties: r.properties };
}

function toEngineResource(c: CapturedResource): EngineResource {
    const options = {
        ignoreChanges: c.ignoreChanges,
        additionalSecretOutputs: c.additionalSecretOutputs,
        aliases: c.aliases,
        deleteBeforeReplace: c.deleteBeforeReplace,
    };
    return {
        urn: c.urn,
        type: c.type,
        name: c.name,
        custom: c.custom,
        properties: toAnalyzerWire(c.object) as WireProperties,
        // A component or the stack has the outputs it registered (none if it never did).
        ...(c.custom ? {} : { outputs: toAnalyzerWire(c.outputs ?? {}) as WireProperties }),
        parent: c.parent || undefined,
        dependencies: c.dependencies,
        propertyDependencies: c.propertyDependencies,
        protect: c.protect,
        options,
    };
}

/**
 * The first frame of the registration's stack that lies in the program (not in node_modules):
 * for a resource made inside a library component that is the user's call of the component.
 */
export function programFrame(frames: SourcePosition[], programDir: string): SourcePosition | undefined {
    const inProgram = (p: SourcePosition): boolean => {
        if (!p.uri.startsWith("file:")) return false;
        const rel = path.relative(programDir, fileURLToPath(p.uri));
        return !rel.startsWith("..") && !path.isAbsolute(rel) && !rel.split(path.sep).includes("node_modules");
    };
    return frames.find(inProgram);
}

/**
 * Builds the stack's resources in registration order. A custom resource with no provider
 * reference gets its package's default provider, which joins the list just before the first
 * resource that uses it (the engine registers it then).
 */
export function buildResources(captured: CapturedResource[], id: StackIdentity, programDir?: string): EngineResource[] {
    const out: EngineResource[] = [];
    const byUrn = new Map<string, EngineResource>();
    const defaults = new Map<string, EngineResource>();
    for (const c of captured) {
        const r = toEngineResource(c);
        // The engine records the requested plugin version in a provider's inputs, as for defaults.
        if (isProvider(c)) r.properties = withVersion(r.properties, typeof r.properties.version === "string" ? r.properties.version : c.version);
        if (programDir) r.source = programFrame(c.frames, programDir);
        if (c.providerRef) {
            const provider = byUrn.get(providerRefUrn(c.providerRef));
            if (provider) r.provider = asProvider(provider);
        } else if (c.custom && !isProvider(c) && packageOf(c.type) !== "pulumi") {
            const pkg = packageOf(c.type);
            const name = defaultProviderName(c.version);
            const urn = makeUrn(id.stack, id.project, `pulumi:providers:${pkg}`, name);
            let provider = defaults.get(urn);
            if (!provider) {
                provider = {
                    urn,
                    type: `pulumi:providers:${pkg}`,
                    name,
                    custom: true,
                    properties: defaultProviderProperties(pkg, c.version, id),
                    dependencies: [],
                    propertyDependencies: {},
                };
                defaults.set(urn, provider);
                out.push(provider);
            }
            r.provider = asProvider(provider);
        }
        out.push(r);
        byUrn.set(r.urn, r);
    }
    return out;
}

/** Project and stack from the root stack resource's URN. */
export function identityFromUrns(resources: { urn: string }[]): { project: string; stack: string } | undefined {
    const parsed = resources.map((r) => parseUrn(r.urn)).find((p) => p !== undefined);
    return parsed ? { project: parsed.project, stack: parsed.stack } : undefined;
}
