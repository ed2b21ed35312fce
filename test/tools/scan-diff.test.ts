// What scan shows of a remediation: property changes (secrets masked, lists compared by content),
// the text diff, and the one-line note when --remediate is not given.
import { describe, expect, it } from "vitest";
import { SECRET_SIG, SIG_KEY, UNKNOWN } from "../../tools/engine/types";
import { displayValue, propertyChanges } from "../../tools/scan/diff";
import { toJsonOutput } from "../../tools/scan/format-json";
import { formatText } from "../../tools/scan/format-text";
import type { ScanReport } from "../../tools/scan/report";

const secret = (value: unknown) => ({ [SIG_KEY]: SECRET_SIG, value });

describe("propertyChanges", () => {
    it.each([
        ["changed leaf", { a: 7 }, { a: 180 }, [{ path: "a", kind: "changed", before: 7, after: 180 }]],
        ["added nested key", { m: { x: "1" } }, { m: { x: "1", y: "2" } }, [{ path: "m.y", kind: "added", after: "2" }]],
        ["removed key", { a: 1, b: 2 }, { a: 1 }, [{ path: "b", kind: "removed", before: 2 }]],
        ["same list, keys reordered by the wire: no change", { g: [{ a: 1, b: 2 }] }, { g: [{ b: 2, a: 1 }] }, []],
        ["a dropped list element: the list before and after", { g: [{ u: "x" }, { u: "y" }] }, { g: [{ u: "y" }] }, [{ path: "g", kind: "changed", before: [{ u: "x" }, { u: "y" }], after: [{ u: "y" }] }]],
        ["a secret never shows its value", { acl: secret("public-read") }, { acl: secret("private") }, [{ path: "acl", kind: "changed", before: "[secret]", after: "[secret]" }]],
        ["an unknown is named", { a: UNKNOWN, b: 1 }, { a: UNKNOWN, b: 2 }, [{ path: "b", kind: "changed", before: 1, after: 2 }]],
        ["nothing changed", { a: 1 }, { a: 1 }, []],
    ])("%s", (_n, before, after, expected) => {
        expect(propertyChanges(before, after)).toEqual(expected);
    });

    it("displayValue masks secrets at any depth and names unknowns", () => {
        expect(displayValue({ a: [secret("s3cr3t")], b: { c: UNKNOWN } })).toEqual({ a: ["[secret]"], b: { c: "(unknown)" } });
    });
});

describe("remediations in the output", () => {
    const report = (showRemediations?: boolean): ScanReport => ({
        tool: { name: "china-compliance-scan", version: "0.1.0" },
        pack: { name: "pack", version: "1.0.0", dir: "/work/pack" },
        target: { kind: "stack-export", path: "export.json", absolutePath: "/work/export.json" },
        info: { name: "pack", version: "1.0.0", policies: [] },
        resources: [],
        findings: [],
        remediations: [
            {
                urn: "urn:pulumi:dev::p::alicloud:oss/bucketAcl:BucketAcl::site",
                type: "alicloud:oss/bucketAcl:BucketAcl",
                name: "site",
                before: { acl: secret("public-read"), bucket: "site" },
                after: { acl: secret("private"), bucket: "site" },
                remediations: [{ policyName: "no-public-buckets", policyPackName: "pack", policyPackVersion: "1.0.0", description: "d" }],
            },
        ],
        ...(showRemediations === undefined ? {} : { showRemediations }),
    });

    it("text with --remediate: the diff, secrets masked", () => {
        const text = formatText(report(true), "/work");
        expect(text).toContain('    ~ alicloud:oss/bucketAcl:BucketAcl: site  (no-public-buckets)\n        ~ acl: "[secret]" => "[secret]"\n');
        expect(text).not.toMatch(/public-read|private/);
    });

    it("text without --remediate: one line saying resources were remediated", () => {
        const text = formatText(report(false), "/work");
        expect(text).not.toContain("Remediations:");
        expect(text).toContain("1 resources remediated by policies at level remediate (findings are for the remediated inputs); run with --remediate to see the changes");
    });

    it("json: changes, and before/after with secrets masked; empty without --remediate", () => {
        const out = toJsonOutput(report(true));
        expect(out.remediations).toEqual([
            {
                urn: "urn:pulumi:dev::p::alicloud:oss/bucketAcl:BucketAcl::site",
                resourceType: "alicloud:oss/bucketAcl:BucketAcl",
                resourceName: "site",
                policies: ["no-public-buckets"],
                changes: [{ path: "acl", kind: "changed", before: "[secret]", after: "[secret]" }],
                before: { acl: "[secret]", bucket: "site" },
                after: { acl: "[secret]", bucket: "site" },
            },
        ]);
        expect(toJsonOutput(report(false)).remediations).toEqual([]);
    });
});
