// Pulumi URNs: urn:pulumi:<stack>::<project>::<qualified type>::<name>. The name may itself
// contain "::", so only the first three separators split.
import type { EngineResource } from "./types";

export const ROOT_STACK_TYPE = "pulumi:pulumi:Stack";
export const PROVIDER_TYPE_PREFIX = "pulumi:providers:";

export interface ParsedUrn {
    stack: string;
    project: string;
    /** Parent types and the type, `$`-separated. */
    qualifiedType: string;
    type: string;
    name: string;
}

export function parseUrn(urn: string): ParsedUrn | undefined {
    if (!urn.startsWith("urn:pulumi:")) return undefined;
    const parts = urn.slice("urn:pulumi:".length).split("::");
    if (parts.length < 4) return undefined;
    const [stack, project, qualifiedType, ...name] = parts;
    return { stack, project, qualifiedType, type: qualifiedType.split("$").pop() ?? qualifiedType, name: name.join("::") };
}

export function makeUrn(stack: string, project: string, qualifiedType: string, name: string): string {
    return `urn:pulumi:${stack}::${project}::${qualifiedType}::${name}`;
}

/** A provider reference is `<provider urn>::<provider id>`; the id follows the last "::". */
export function providerRefUrn(ref: string): string {
    const at = ref.lastIndexOf("::");
    return at < 0 ? ref : ref.slice(0, at);
}

export function isRootStack(r: Pick<EngineResource, "type">): boolean {
    return r.type === ROOT_STACK_TYPE;
}

export function isProvider(r: Pick<EngineResource, "type">): boolean {
    return r.type.startsWith(PROVIDER_TYPE_PREFIX);
}

/** The engine names default providers `default` or `default_<version>`. */
export function isDefaultProvider(r: Pick<EngineResource, "type" | "urn">): boolean {
    return isProvider(r) && (parseUrn(r.urn)?.name ?? "").startsWith("default");
}

/** The package of a type token: `aws` for `aws:s3/bucket:Bucket`. */
export function packageOf(type: string): string {
    return type.split(":")[0];
}
