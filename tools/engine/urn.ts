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
    const [stack = "", project = "", qualifiedType = "", ...name] = parts;
    return { stack, project, qualifiedType, type: qualifiedType.split("$").pop() ?? qualifiedType, name: name.join("::") };
}

export function makeUrn(stack: string, project: string, qualifiedType: string, name: string): string {
    return `urn:pulumi:${stack}::${project}::${qualifiedType}::${name}`;
}

/**
 * The URN the engine gives a resource registered under `parent` (resource.NewURN): its type is
 * qualified by the parent's qualified type, except under the root stack. (@pulumi/pulumi's
 * MockMonitor qualifies by the parent's last type only and keeps the stack's, which would give
 * URNs no real preview produces, so URN-based exemptions would miss.)
 */
export function childUrn(stack: string, project: string, parent: string, type: string, name: string): string {
    const parentType = parent ? (parseUrn(parent)?.qualifiedType ?? "") : "";
    const qualified = parentType && parentType !== ROOT_STACK_TYPE ? `${parentType}$${type}` : type;
    return makeUrn(stack, project, qualified, name);
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
    return type.split(":")[0] ?? type;
}

/**
 * The short form the CLI prints for a type token (tokens.Type.DisplayName): the module's last
 * path segment goes when it is the type name in camel case, `aws:s3/bucket:Bucket` -> `aws:s3:Bucket`.
 */
export function displayType(type: string): string {
    const [pkg, module, name, ...rest] = type.split(":");
    if (pkg === undefined || module === undefined || !name || rest.length > 0) return type;
    const slash = module.lastIndexOf("/");
    if (slash < 0 || module.slice(slash + 1) !== name.charAt(0).toLowerCase() + name.slice(1)) return type;
    return `${pkg}:${module.slice(0, slash)}:${name}`;
}
