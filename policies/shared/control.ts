// What every control declares, and the two builders that turn a declaration into a
// @pulumi/policy policy. Keeping metadata in one typed shape lets the registry test and the
// generated reference check every policy the same way. Validators never call the SDK's
// reportViolation: they get an `emit` (emit.ts), which applies exemptions, picks the level and
// renders every finding the same way from this metadata.
import type {
    EnforcementLevel,
    PolicyConfigSchema,
    ReportViolation,
    ResourceRemediation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    Severity,
    StackValidationArgs,
    StackValidationPolicy,
} from "@pulumi/policy";
import { stackResources } from "./build-once";
import { type BasisId, frameworkOf, policyTags } from "./bases";
import { type ConfigProperties } from "./config";
import { type Emit, type EmitContext, type ExemptionHit, makeEmit } from "./emit";
import {
    EXEMPT_REASON_TAG,
    EXEMPT_RESOURCES_SCHEMA,
    EXEMPT_TAG,
    type Exemption,
    configExemption,
    exemptionNote,
    exemptTagged,
    exemptionTags,
    isActive,
    namesPolicyWithoutReason,
    readExemptionRules,
    tagExemption,
} from "./exemptions";
import { bi } from "./messages";
import { StackIndex, isUnknownValueError } from "./stack";

export const CATEGORIES = ["logging", "access-control", "data-residency", "encryption", "backup-recovery", "data-classification", "identity", "threat-protection"] as const;
export type Category = (typeof CATEGORIES)[number];

export interface ControlMetadata {
    /** kebab-case policy name, unique in the pack. */
    name: string;
    description: string;
    category: Category;
    /** The articles and clauses the control implements (bases.ts), most specific first; at least one. */
    bases: readonly BasisId[];
    severity: Severity;
    enforcementLevel: EnforcementLevel;
    remediationSteps: string;
    /** Chinese (简体中文) description and remediation steps, for the generated reference (docs/policies.md). */
    zh: { description: string; remediationSteps: string };
    /** Type tokens the control reads, for the reference docs, the coverage tests and the passed-check evidence. */
    resourceTypes: readonly string[];
    config?: ConfigProperties;
}

export interface Control {
    metadata: ControlMetadata;
    policy: ResourceValidationPolicy | StackValidationPolicy;
}

export type ResourceValidator = (args: ResourceValidationArgs, emit: Emit) => void;
export type StackValidator = (args: StackValidationArgs, emit: Emit) => void;

function common(m: ControlMetadata) {
    return {
        name: m.name,
        description: m.description,
        enforcementLevel: m.enforcementLevel,
        severity: m.severity,
        framework: frameworkOf(m.bases),
        remediationSteps: m.remediationSteps,
        tags: policyTags(m.category, m.bases),
        configSchema: configSchema(m.config),
    };
}

function configSchema(config: ConfigProperties = {}): PolicyConfigSchema {
    return { properties: { ...config, exemptResources: EXEMPT_RESOURCES_SCHEMA } };
}

function hit(e: Exemption | undefined): ExemptionHit | undefined {
    if (!e) return undefined;
    return { note: exemptionNote(e), active: isActive(e) };
}

/** A `compliance:exempt` tag naming this policy without a reason exempts nothing, and says so. */
function missingReason(emit: Emit, on: { urn: string; name: string } | undefined): void {
    emit({
        kind: bi("Resource", "资源"),
        ...(on ? { on } : {}),
        found: bi(`a ${EXEMPT_TAG} tag naming this policy but no ${EXEMPT_REASON_TAG} tag, so the exemption is ignored`, `${EXEMPT_TAG} 标签列出了本策略，但缺少 ${EXEMPT_REASON_TAG} 标签，豁免无效`),
        required: bi(`a ${EXEMPT_REASON_TAG} tag saying who approved the exception and why`, `${EXEMPT_REASON_TAG} 标签，说明审批人和理由`),
        change: `tags.${EXEMPT_REASON_TAG}`,
        advisory: true,
    });
}

/**
 * A validator that lets the SDK's UnknownValueError escape would make the SDK print its own
 * English-only line; the builders catch it and emit one advisory finding instead.
 */
function unknownEscaped(emit: Emit, stack: boolean): void {
    emit({
        kind: bi("Resource", "资源"),
        ...(stack ? { label: bi("Stack", "堆栈") } : {}),
        found: bi("a value this policy reads that is unknown until deployment", "本策略读取的值在部署前未知"),
        required: bi("a value the policy can check", "可供策略检查的值"),
        change: { text: bi("Re-run the preview after the update to check it.", "请在更新后重新运行预览以完成检查。") },
        unknown: true,
    });
}

function guarded(run: () => void, onUnknown: () => void): void {
    try {
        run();
    } catch (e) {
        if (!isUnknownValueError(e)) throw e;
        onUnknown();
    }
}

export function resourceControl(metadata: ControlMetadata, validate: ResourceValidator, remediateResource?: ResourceRemediation): Control {
    const policy: ResourceValidationPolicy = {
        ...common(metadata),
        validateResource: (args, report: ReportViolation) => {
            const tags = exemptionTags(args.props, args.type);
            // Looked up when a finding is emitted: most calls emit none.
            let exemption: { hit: ExemptionHit | undefined } | undefined;
            const exemptionOf = (): ExemptionHit | undefined =>
                (exemption ??= { hit: hit(tagExemption(metadata.name, tags) ?? configExemption(args.urn, args.name, readExemptionRules(args.getConfig()))) }).hit;
            const ctx: EmitContext = {
                policy: metadata,
                report,
                subject: { urn: args.urn, name: args.name },
                exemptionFor: (urn) => (urn === undefined || urn === args.urn ? exemptionOf() : undefined),
            };
            const emit = makeEmit(ctx);
            if (namesPolicyWithoutReason(metadata.name, tags)) missingReason(emit, undefined);
            guarded(
                () => validate(args, emit),
                () => unknownEscaped(emit, false),
            );
        },
    };
    if (remediateResource) {
        // An exempted resource is not remediated: the exemption says its owner chose the setting
        // (a public website bucket, say), and the finding stays visible as advisory.
        policy.remediateResource = (args) => {
            const exempt = tagExemption(metadata.name, exemptionTags(args.props, args.type)) ?? configExemption(args.urn, args.name, readExemptionRules(args.getConfig()));
            return exempt && isActive(exempt) ? undefined : remediateResource(args);
        };
    }
    return { metadata, policy };
}

export function stackControl(metadata: ControlMetadata, validate: StackValidator): Control {
    const policy: StackValidationPolicy = {
        ...common(metadata),
        validateStack: (sdkArgs, report: ReportViolation) => {
            const args = { ...sdkArgs, resources: stackResources(sdkArgs.resources) };
            const rules = readExemptionRules(args.getConfig());
            const ctx: EmitContext = {
                policy: metadata,
                report,
                exemptionFor: (urn) => {
                    // The index is built on the first finding of the call (many policies emit none) and shared by all its policies.
                    const r = urn === undefined ? undefined : StackIndex.of(args.resources).byUrn.get(urn);
                    return r ? hit(tagExemption(metadata.name, exemptionTags(r.props, r.type)) ?? configExemption(r.urn, r.name, rules)) : undefined;
                },
            };
            const emit = makeEmit(ctx);
            for (const r of exemptTagged(args.resources)) {
                if (namesPolicyWithoutReason(metadata.name, exemptionTags(r.props, r.type))) missingReason(emit, { urn: r.urn, name: r.name });
            }
            guarded(
                () => validate(args, emit),
                () => unknownEscaped(emit, true),
            );
        },
    };
    return { metadata, policy };
}
