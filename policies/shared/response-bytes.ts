// AnalyzeStack's response written with protobufjs's Writer. A 10,000-resource stack's response
// carries over a thousand findings of a few kilobytes each (English and Chinese), and
// google-protobuf's serialiser encodes every string a character at a time into arrays of
// numbers: a few per cent of the call. The bytes are the generated serialiser's
// (test/policies/shared/response-bytes.test.ts compares them): fields in number order, empty
// strings and zero enums left out.
import type { AnalyzeResponse } from "@pulumi/pulumi/proto/analyzer_pb";
import type { Writer as WriterType } from "protobufjs/minimal";
import { LEN, protobuf, tag } from "./resource-message";

function str(w: WriterType, field: number, s: string): void {
    if (s.length > 0) w.uint32(tag(field, LEN)).string(s);
}

function enumField(w: WriterType, field: number, n: number): void {
    if (n !== 0) w.uint32(tag(field, 0)).int32(n);
}

/** AnalyzeResponse: diagnostics (2: AnalyzeDiagnostic), not-applicable policies (3: PolicyNotApplicable). */
export function analyzeResponseBytes(response: AnalyzeResponse): Buffer {
    const w = protobuf().Writer.create();
    for (const d of response.getDiagnosticsList()) {
        w.uint32(tag(2, LEN)).fork();
        str(w, 1, d.getPolicyname());
        str(w, 2, d.getPolicypackname());
        str(w, 3, d.getPolicypackversion());
        str(w, 4, d.getDescription());
        str(w, 5, d.getMessage());
        enumField(w, 7, d.getEnforcementlevel());
        str(w, 8, d.getUrn());
        enumField(w, 9, d.getSeverity());
        w.ldelim();
    }
    for (const n of response.getNotApplicableList()) {
        w.uint32(tag(3, LEN)).fork();
        str(w, 1, n.getPolicyName());
        str(w, 2, n.getReason());
        w.ldelim();
    }
    const bytes = w.finish();
    return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
