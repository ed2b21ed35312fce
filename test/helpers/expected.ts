// An example's expected findings: one file per area under examples/<example>/expected-findings/,
// concatenated; the offline example tests and the real-CLI tests read the same files.
import * as fs from "fs";
import * as path from "path";

export interface Row {
    policy: string;
    /** `<type>::<name>`, or "stack" for a finding on the stack as a whole. */
    resource: string;
    level: string;
    /** The exemption the finding carries: "tag" or "config" while it holds, "expired" once it has lapsed (scan's JSON; the real CLI shows it in the message). */
    exemption?: string;
}

const ROOT = path.resolve(__dirname, "..", "..");

export function sortRows(rows: Row[]): Row[] {
    return [...rows].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

export function expectedFindings(example: string): Row[] {
    const dir = path.join(ROOT, "examples", example, "expected-findings");
    if (!fs.existsSync(dir)) return [];
    return fs
        .readdirSync(dir)
        .filter((f) => f.endsWith(".json"))
        .sort()
        .flatMap((f) => JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")) as Row[]);
}
