// JUnit XML, for CI test tabs (GitLab `artifacts:reports:junit`, Jenkins, Azure DevOps). One test
// suite for the run; per finding a test case named by policy and resource: <failure> when it fails
// the run, <skipped> when it does not (advisory, exempted, --soft-fail-on), so the test report
// fails exactly when scan exits 1. A policy without findings is one passing test case.
import { reportedFindings } from "./findings";
import { findingText, fullText } from "./message";
import type { ReportedFinding, ScanReport } from "./report";

// XML 1.0 allows tab, newline and carriage return among the control characters; nothing else.
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function xmlEscape(text: string): string {
    return text.replace(INVALID_XML, "").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
}

function attrs(values: Record<string, string | number>): string {
    return Object.entries(values)
        .map(([k, v]) => ` ${k}="${xmlEscape(String(v))}"`)
        .join("");
}

function testcase(f: ReportedFinding, report: ScanReport): string[] {
    const lang = report.view?.lang;
    const head = findingText(f, lang)[0] ?? f.policyName;
    const body = xmlEscape(fullText(f, lang).join("\n"));
    const open = `    <testcase${attrs({ classname: `${report.pack.name}.${f.policyName}`, name: `${f.resourceType}::${f.resourceName}` })}>`;
    if (f.fails) return [open, `      <failure${attrs({ type: f.enforcementLevel, message: head })}>${body}</failure>`, "    </testcase>"];
    const why = f.exemption?.status === "active" ? `exempted: ${f.exemption.reason}` : `${f.enforcementLevel}, does not fail the run`;
    return [open, `      <skipped${attrs({ message: `${why}: ${head}` })}/>`, `      <system-out>${body}</system-out>`, "    </testcase>"];
}

export function formatJunit(report: ScanReport): string {
    const findings = reportedFindings(report);
    const found = new Set(findings.map((f) => f.policyName));
    const clean = report.info.policies.filter((p) => !found.has(p.name) && (report.config?.[p.name]?.enforcementLevel ?? p.enforcementLevel) !== "disabled");
    const failures = findings.filter((f) => f.fails).length;
    const skipped = findings.length - failures;
    const tests = findings.length + clean.length;
    const suite = `${report.pack.name}@${report.pack.version} ${report.target.project ?? report.target.path}/${report.target.stack ?? ""}`;
    const counts = { tests, failures, errors: 0, skipped };
    return [
        `<?xml version="1.0" encoding="UTF-8"?>`,
        `<testsuites${attrs({ name: report.tool.name, ...counts })}>`,
        `  <testsuite${attrs({ name: suite, ...counts })}>`,
        ...findings.flatMap((f) => testcase(f, report)),
        ...clean.map((p) => `    <testcase${attrs({ classname: `${report.pack.name}.${p.name}`, name: "no finding" })}/>`),
        `  </testsuite>`,
        `</testsuites>`,
        "",
    ].join("\n");
}
