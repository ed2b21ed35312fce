// What every control declares, and the two builders that turn a declaration into a
// @pulumi/policy policy. Keeping metadata in one typed shape lets the registry test and the
// generated reference check every policy the same way.
import type {
    EnforcementLevel,
    PolicyComplianceFramework,
    ResourceValidationPolicy,
    StackValidationPolicy,
    ResourceValidation,
    StackValidation,
    ResourceRemediation,
    Severity,
} from "@pulumi/policy";
import { type ConfigProperties, schema } from "./config";
import { type FrameworkTag } from "./legal";

export const CATEGORIES = ["logging", "access-control", "data-residency", "encryption"] as const;
export type Category = (typeof CATEGORIES)[number];

export interface ControlMetadata {
    /** kebab-case policy name, unique in the pack. */
    name: string;
    description: string;
    category: Category;
    /** Framework tags the control maps to; at least one. */
    frameworks: readonly FrameworkTag[];
    severity: Severity;
    enforcementLevel: EnforcementLevel;
    framework: PolicyComplianceFramework;
    remediationSteps: string;
    /** Type tokens the control reads, for the reference docs and the coverage tests. */
    resourceTypes: readonly string[];
    config?: ConfigProperties;
}

export interface Control {
    metadata: ControlMetadata;
    policy: ResourceValidationPolicy | StackValidationPolicy;
}

function common(m: ControlMetadata) {
    return {
        name: m.name,
        description: m.description,
        enforcementLevel: m.enforcementLevel,
        severity: m.severity,
        framework: m.framework,
        remediationSteps: m.remediationSteps,
        tags: [m.category, ...m.frameworks],
        ...(m.config ? { configSchema: schema(m.config) } : {}),
    };
}

export function resourceControl(
    metadata: ControlMetadata,
    validateResource: ResourceValidation,
    remediateResource?: ResourceRemediation,
): Control {
    const policy: ResourceValidationPolicy = { ...common(metadata), validateResource };
    if (remediateResource) {
        policy.remediateResource = remediateResource;
    }
    return { metadata, policy };
}

export function stackControl(metadata: ControlMetadata, validateStack: StackValidation): Control {
    const policy: StackValidationPolicy = { ...common(metadata), validateStack };
    return { metadata, policy };
}
