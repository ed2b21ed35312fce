// The pack writes AnalyzeStack's response itself (policies/shared/response-bytes.ts); the bytes
// must be the generated serialiser's, for every field, empty or set, and every enum value.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { analyzeResponseBytes } from "../../../policies/shared/response-bytes";
import { loadSdk } from "../../../tools/engine/sdk";
import { ROOT } from "../../tools/helpers";

const { analyzer } = loadSdk(ROOT, "pack");
const text = fc.oneof(fc.constant(""), fc.string({ unit: "binary", maxLength: 40 }), fc.constantFrom("网络日志留存不少于六个月\nLogs are kept for 180 days", "urn:pulumi:dev::p::aws:s3/bucket:Bucket::b"));
// Every value the enums have, and one no version of them has (a newer SDK's).
const level = fc.constantFrom(...Object.values(analyzer.EnforcementLevel as unknown as Record<string, number>), 9);
const severity = fc.constantFrom(...Object.values(analyzer.PolicySeverity as unknown as Record<string, number>), 9);

const diagnostic = fc.record({ policyName: text, packName: text, packVersion: text, description: text, message: text, level, urn: text, severity });
const notApplicable = fc.record({ policy: text, reason: text });

type Of<A> = A extends fc.Arbitrary<infer T> ? T : never;

function response(ds: Of<typeof diagnostic>[], nas: Of<typeof notApplicable>[]) {
    const r = new analyzer.AnalyzeResponse();
    r.setDiagnosticsList(
        ds.map((d) => {
            const m = new analyzer.AnalyzeDiagnostic();
            m.setPolicyname(d.policyName);
            m.setPolicypackname(d.packName);
            m.setPolicypackversion(d.packVersion);
            m.setDescription(d.description);
            m.setMessage(d.message);
            m.setEnforcementlevel(d.level);
            m.setUrn(d.urn);
            m.setSeverity(d.severity);
            return m;
        }),
    );
    r.setNotApplicableList(
        nas.map((n) => {
            const m = new analyzer.PolicyNotApplicable();
            m.setPolicyName(n.policy);
            m.setReason(n.reason);
            return m;
        }),
    );
    return r;
}

describe("analyzeResponseBytes", () => {
    it("writes the generated serialiser's bytes, on random responses", () => {
        fc.assert(
            fc.property(fc.array(diagnostic, { maxLength: 5 }), fc.array(notApplicable, { maxLength: 3 }), (ds, nas) => {
                const r = response(ds, nas);
                expect(analyzeResponseBytes(r).toString("hex")).toBe(Buffer.from(r.serializeBinary()).toString("hex"));
            }),
            { numRuns: 300 },
        );
    });

    it("writes an empty response as no bytes, as a Buffer gRPC can send", () => {
        const bytes = analyzeResponseBytes(new analyzer.AnalyzeResponse());
        expect(Buffer.isBuffer(bytes)).toBe(true);
        expect(bytes.length).toBe(0);
    });
});
