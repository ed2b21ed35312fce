// Reads `pulumi stack export` output (deployment version 3) into the engine's resources.
import * as fs from "fs";
import { UserInputError } from "../engine/errors";
import { SECRET_SIG, SIG_KEY, type EngineProvider, type EngineResource, type WireProperties, type WireValue } from "../engine/types";
import { isRootStack, providerRefUrn } from "../engine/urn";
import { isPlainObject, secret } from "../engine/wire";
import { identityFromUrns } from "./resources";

/** What a secret encrypted in an export looks like to policies: scan holds no key. */
export const ENCRYPTED_SECRET = "[secret]";

export interface LoadedExport {
    file: string;
    project?: string;
    stack?: string;
    resources: EngineResource[];
}

/**
 * Exported secrets are `{sig, ciphertext}` (encrypted) or `{sig, plaintext: "<json>"}`
 * (--show-secrets); both become wire secrets, the encrypted one with a placeholder value.
 */
export function exportValueToWire(v: unknown): WireValue {
    if (Array.isArray(v)) return v.map(exportValueToWire);
    if (!isPlainObject(v)) return v;
    if (v[SIG_KEY] === SECRET_SIG) {
        if (typeof v.plaintext === "string") {
            try {
                return secret(exportValueToWire(JSON.parse(v.plaintext)));
            } catch {
                return secret(v.plaintext);
            }
        }
        if ("value" in v) return secret(exportValueToWire(v.value));
        return secret(ENCRYPTED_SECRET);
    }
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, exportValueToWire(x)]));
}

function stringList(v: unknown): string[] {
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
}

function propertyDependencies(v: unknown): Record<string, string[]> {
    if (!isPlainObject(v)) return {};
    return Object.fromEntries(Object.entries(v).map(([k, urns]) => [k, stringList(urns)]));
}

function nameOf(urn: string): string {
    const parts = urn.split("::");
    return parts.slice(3).join("::");
}

function bad(file: string, what: string): UserInputError {
    return new UserInputError(`${file} is not a usable stack export: ${what}`);
}

export function parseStackExport(text: string, file: string): LoadedExport {
    let doc: unknown;
    try {
        doc = JSON.parse(text);
    } catch (err) {
        throw bad(file, `not valid JSON (${(err as Error).message})`);
    }
    const deployment = isPlainObject(doc) ? doc.deployment : undefined;
    // `pulumi stack export` of a stack that was never deployed has a deployment without `resources`.
    const raw = isPlainObject(deployment) ? (deployment.resources ?? []) : undefined;
    if (!Array.isArray(raw)) throw bad(file, "no deployment.resources array (expected the output of `pulumi stack export`)");
    if (isPlainObject(doc) && typeof doc.version === "number" && doc.version > 3) {
        throw bad(file, `deployment version ${doc.version} is newer than the supported version 3`);
    }
    const entries = raw.filter(isPlainObject);
    raw.forEach((r, i) => {
        if (!isPlainObject(r) || typeof r.urn !== "string" || typeof r.type !== "string") {
            throw bad(file, `deployment.resources[${i}] has no urn or type`);
        }
    });
    // Resources pending deletion are not part of the stack's goal state.
    const live = entries.filter((r) => r.delete !== true);
    const resources: EngineResource[] = live.map((r) => {
        const props = isPlainObject(r.inputs) ? r.inputs : isPlainObject(r.outputs) ? r.outputs : {};
        return {
            urn: r.urn as string,
            type: r.type as string,
            name: nameOf(r.urn as string),
            custom: r.custom === true,
            properties: exportValueToWire(props) as WireProperties,
            parent: typeof r.parent === "string" && r.parent ? r.parent : undefined,
            dependencies: stringList(r.dependencies),
            propertyDependencies: propertyDependencies(r.propertyDependencies),
            protect: r.protect === true ? true : undefined,
            options: { additionalSecretOutputs: stringList(r.additionalSecretOutputs), aliases: stringList(r.aliases) },
        };
    });
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    live.forEach((r, i) => {
        const target = resources[i];
        if (typeof r.provider !== "string" || r.provider === "" || target === undefined) return;
        const p = byUrn.get(providerRefUrn(r.provider));
        if (p) target.provider = { urn: p.urn, type: p.type, name: p.name, properties: p.properties } satisfies EngineProvider;
    });
    const root = resources.find(isRootStack);
    const identity = identityFromUrns(root ? [root] : resources);
    return { file, project: identity?.project, stack: identity?.stack, resources };
}

export function readStackExport(file: string): LoadedExport {
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch (err) {
        throw new UserInputError(`cannot read stack export ${file} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
    }
    return parseStackExport(text, file);
}
