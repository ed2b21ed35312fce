// TEMPORARY (issue 14 migration): the previous builders, which hand validators the SDK's raw
// reportViolation. Every control moves to resourceControl/stackControl (control.ts, with emit);
// this file is deleted when the last one has moved.
import type {
    EnforcementLevel,
    PolicyConfigSchema,
    ReportViolation,
    ResourceValidationPolicy,
    StackValidationPolicy,
    ResourceValidation,
    StackValidation,
    ResourceRemediation,
} from "@pulumi/policy";
import { frameworkOf, instrumentTags } from "./bases";
import { type ConfigProperties } from "./config";
import { type Control, type ControlMetadata } from "./control";
import {
    EXEMPT_RESOURCES_SCHEMA,
    type Exemption,
    configExemption,
    exemptionNote,
    isActive,
    missingReasonMessage,
    namesPolicyWithoutReason,
    readExemptionRules,
    readTags,
    tagExemption,
} from "./exemptions";
import { reportAdvisory, reportWithLevel } from "./report";

function common(m: ControlMetadata) {
    return {
        name: m.name,
        description: m.description,
        enforcementLevel: m.enforcementLevel,
        severity: m.severity,
        framework: frameworkOf(m.bases),
        remediationSteps: m.remediationSteps,
        tags: [m.category, ...instrumentTags(m.bases)],
        configSchema: configSchema(m.config),
    };
}

function configSchema(config: ConfigProperties = {}): PolicyConfigSchema {
    return { properties: { ...config, exemptResources: EXEMPT_RESOURCES_SCHEMA } };
}

type Violation = string | { message: string; urn?: string; enforcementLevel?: EnforcementLevel };

/**
 * Wraps reportViolation so that a finding on an exempted resource is reported as advisory with
 * a note saying who exempted it and why (docs/design.md, "Configuration, exemptions, remediation"): never dropped.
 */
function exemptingReport(report: ReportViolation, exemptionFor: (urn: string | undefined) => Exemption | undefined): ReportViolation {
    return ((v: Violation, urn?: string) => {
        const message = typeof v === "string" ? v : v.message;
        const target = typeof v === "string" ? urn : v.urn;
        const exemption = exemptionFor(target);
        if (!exemption) {
            (report as (v: Violation, urn?: string) => void)(v, urn);
            return;
        }
        const noted = `${message}\n${exemptionNote(exemption)}`;
        if (!isActive(exemption)) {
            // Lapsed (expired or undated): the finding keeps its own level, with the note.
            (report as (v: Violation, urn?: string) => void)(typeof v === "string" ? noted : { ...v, message: noted }, urn);
            return;
        }
        reportWithLevel(report, { message: noted, enforcementLevel: "advisory", ...(target ? { urn: target } : {}) });
    }) as ReportViolation;
}

function withExemptions(name: string, validate: ResourceValidation): ResourceValidation {
    return (args, report) => {
        const tags = readTags(args.props, args.type);
        if (namesPolicyWithoutReason(name, tags)) {
            reportAdvisory(report, missingReasonMessage(name, args.name));
        }
        const exemptionFor = (urn: string | undefined) =>
            urn === undefined || urn === args.urn ? (tagExemption(name, tags) ?? configExemption(args.urn, args.name, readExemptionRules(args.getConfig()))) : undefined;
        return validate(args, exemptingReport(report, exemptionFor));
    };
}

function withStackExemptions(name: string, validate: StackValidation): StackValidation {
    return (args, report) => {
        const byUrn = new Map(args.resources.map((r) => [r.urn, r]));
        for (const r of args.resources) {
            if (namesPolicyWithoutReason(name, readTags(r.props, r.type))) {
                reportAdvisory(report, missingReasonMessage(name, r.name), r.urn);
            }
        }
        const rules = readExemptionRules(args.getConfig());
        const exemptionFor = (urn: string | undefined) => {
            const r = urn === undefined ? undefined : byUrn.get(urn);
            return r ? (tagExemption(name, readTags(r.props, r.type)) ?? configExemption(r.urn, r.name, rules)) : undefined;
        };
        return validate(args, exemptingReport(report, exemptionFor));
    };
}

/**
 * An exempted resource is not remediated: the exemption says its owner chose the setting (a
 * public website bucket, say), and the finding stays visible as advisory.
 */
function withRemediationExemptions(name: string, remediate: ResourceRemediation): ResourceRemediation {
    return (args) => {
        const exempt = tagExemption(name, readTags(args.props, args.type)) ?? configExemption(args.urn, args.name, readExemptionRules(args.getConfig()));
        return exempt && isActive(exempt) ? undefined : remediate(args);
    };
}

export function legacyResourceControl(
    metadata: ControlMetadata,
    validateResource: ResourceValidation,
    remediateResource?: ResourceRemediation,
): Control {
    const policy: ResourceValidationPolicy = { ...common(metadata), validateResource: withExemptions(metadata.name, validateResource) };
    if (remediateResource) {
        policy.remediateResource = withRemediationExemptions(metadata.name, remediateResource);
    }
    return { metadata, policy };
}

export function legacyStackControl(metadata: ControlMetadata, validateStack: StackValidation): Control {
    const policy: StackValidationPolicy = { ...common(metadata), validateStack: withStackExemptions(metadata.name, validateStack) };
    return { metadata, policy };
}
