// Helpers for remediations (enforcementLevel `remediate`). A remediation edits the resource's
// props in place and returns them, as the SDK expects: writes go through the SDK's proxies, so a
// value that was secret stays secret (secretsPreservingProxy re-wraps it) and values the
// remediation does not touch — unknown ones included — are passed back exactly as received.
// Reads go through `known`, so an unknown value is left alone instead of aborting the remediation.
// Only properties listed in in-place-updates.ts may be written.
import type { ResourceRemediation, ResourceValidationArgs } from "@pulumi/policy";
import { isRecord } from "./properties";
import { type Known, tryRead } from "./stack";

/** `props[key]`, or `{known: false}` when it is unknown during preview. Never throws. */
export function known(props: unknown, key: string): Known<unknown> {
    return tryRead(() => (isRecord(props) || Array.isArray(props) ? (props as Record<string, unknown>)[key] : undefined));
}

/** Writes an input through the SDK's proxies. */
export function setInput(props: unknown, key: string, value: unknown): void {
    if (isRecord(props)) (props)[key] = value;
}

/** A fix edits args.props and says whether it changed anything. */
export type Fix = (args: ResourceValidationArgs) => boolean;

/** Turns a fix into a ResourceRemediation: the edited props when something changed, else undefined. */
export function remediation(fix: Fix): ResourceRemediation {
    return (args) => (fix(args) ? args.props : undefined);
}
