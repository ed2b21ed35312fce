// Reporting helpers. @pulumi/policy's ReportViolation is typed (message, urn?), but its server
// also accepts an object carrying its own enforcement level (server.js makeReportViolationFun);
// that is how a policy reports an advisory beside its mandatory findings. Cast once, here.
import type { EnforcementLevel, ReportViolation } from "@pulumi/policy";

interface ViolationObject {
    message: string;
    urn?: string;
    enforcementLevel?: EnforcementLevel;
}

export function reportWithLevel(report: ReportViolation, v: ViolationObject): void {
    (report as unknown as (v: ViolationObject) => void)(v);
}

/** Reports an advisory finding whatever the policy's configured level (e.g. a value unknown during preview). */
export function reportAdvisory(report: ReportViolation, message: string, urn?: string): void {
    reportWithLevel(report, { message, enforcementLevel: "advisory", ...(urn ? { urn } : {}) });
}

/** Reports at the policy's level, or as advisory when the finding rests on a value unknown during preview. */
export function reportOrAdvise(report: ReportViolation, message: string, unknown: boolean, urn?: string): void {
    if (unknown) {
        reportAdvisory(report, message, urn);
    } else {
        report(message, urn);
    }
}
