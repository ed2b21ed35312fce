// The noncompliant examples teach by comments: every expected finding sits on a resource whose
// declaration is preceded by `// BREAKS <policy>` (with the fix below it), or — where the finding
// lands on something the comment cannot sit above (the stack, a VPC whose flow log is wrong) — is
// named by a `// BREAKS <policy> on <name>:` comment. Conversely every BREAKS comment must match an
// expected finding, so a reader can trust them. Static: parses the .ts files, runs nothing.
import * as fs from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "..", "..");
const EXAMPLES = ["aws-compliant", "aws-noncompliant", "alicloud-compliant", "alicloud-noncompliant"];
const NONCOMPLIANT = EXAMPLES.filter((e) => e.endsWith("-noncompliant"));

interface Row {
    policy: string;
    resource: string;
    level: string;
}

export interface Declaration {
    file: string;
    line: number;
    /** Type token derived from the class (`aws.ec2.Subnet` → `aws:ec2/subnet:Subnet`). */
    type: string;
    name: string;
    /** Policies named by `// BREAKS <policy>` in the comment lines right above the statement. */
    breaks: string[];
}

export interface RemoteMark {
    file: string;
    line: number;
    policy: string;
    /** Resource name, or `stack` for a finding on the stack itself. */
    name: string;
}

const NEW = /new\s+([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)\s*\(\s*(["'])([^"'\n]+)\2/g;
const BREAKS = /^\s*\/\/\s*BREAKS\s+([a-z0-9]+(?:-[a-z0-9]+)*)(\s+on\s+([^\s:]+):)?/;

/** `aws.ec2.SecurityGroup` → `aws:ec2/securityGroup:SecurityGroup`; `aws.Provider` → `pulumi:providers:aws`. */
export function typeToken(cls: string): string {
    const parts = cls.split(".");
    if (parts.length === 2 && parts[1] === "Provider") return `pulumi:providers:${parts[0]}`;
    if (parts.length !== 3) return cls;
    const [pkg, mod, name] = parts;
    return `${pkg}:${mod}/${name![0]!.toLowerCase()}${name!.slice(1)}:${name}`;
}

/** Declarations with a literal name, and the BREAKS comments of a TypeScript source. */
export function parseExample(file: string, text: string): { declarations: Declaration[]; remote: RemoteMark[] } {
    const lines = text.split("\n");
    const lineOf = (offset: number) => text.slice(0, offset).split("\n").length - 1;
    const declarations: Declaration[] = [];
    for (const m of text.matchAll(NEW)) {
        const line = lineOf(m.index ?? 0);
        const breaks: string[] = [];
        for (let i = line - 1; i >= 0 && /^\s*\/\//.test(lines[i]!); i--) {
            const b = BREAKS.exec(lines[i]!);
            // An `on <name>:` comment is about another resource, not the one below it.
            if (b && !b[2]) breaks.push(b[1]!);
        }
        declarations.push({ file, line: line + 1, type: typeToken(m[1]!), name: m[3]!, breaks });
    }
    const remote = lines.flatMap((l, i) => {
        const b = BREAKS.exec(l);
        return b && b[3] ? [{ file, line: i + 1, policy: b[1]!, name: b[3] }] : [];
    });
    return { declarations, remote };
}

function sources(example: string): { file: string; text: string }[] {
    const dir = path.join(ROOT, "examples", example);
    return fs
        .readdirSync(dir)
        .filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))
        .sort()
        .map((f) => ({ file: `${example}/${f}`, text: fs.readFileSync(path.join(dir, f), "utf8") }));
}

function expected(example: string): Row[] {
    const dir = path.join(ROOT, "examples", example, "expected-findings");
    return fs
        .readdirSync(dir)
        .filter((f) => f.endsWith(".json"))
        .sort()
        .flatMap((f) => JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")) as Row[]);
}

function parsed(example: string) {
    const all = sources(example).map((s) => parseExample(s.file, s.text));
    return { declarations: all.flatMap((p) => p.declarations), remote: all.flatMap((p) => p.remote) };
}

describe("the comment parser", () => {
    it.each([
        ["aws.ec2.Subnet", "aws:ec2/subnet:Subnet"],
        ["aws.vpc.SecurityGroupIngressRule", "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"],
        ["alicloud.ecs.EcsDisk", "alicloud:ecs/ecsDisk:EcsDisk"],
        ["alicloud.Provider", "pulumi:providers:alicloud"],
    ])("derives the type token of %s", (cls, token) => {
        expect(typeToken(cls)).toBe(token);
    });

    it("reads the comment block right above a declaration, multi-line names and remote marks", () => {
        const text = [
            "// BREAKS no-public-buckets: public-read.",
            "// FIX: private.",
            'export const a = new aws.s3.BucketAcl("a-acl", { acl: "public-read" });',
            "",
            "// BREAKS allowed-regions: abroad.",
            "",
            "export const b = new aws.s3.Bucket(",
            '    "b",',
            "    {},",
            ");",
            "// BREAKS audit-trail-present on stack: no trail.",
            "// BREAKS vpc-flow-logs-all-traffic on app-vpc: REJECT only.",
            'export const f = new aws.ec2.FlowLog("f", {});',
        ].join("\n");
        const { declarations, remote } = parseExample("x.ts", text);
        expect(declarations.map((d) => [d.type, d.name, d.breaks])).toEqual([
            ["aws:s3/bucketAcl:BucketAcl", "a-acl", ["no-public-buckets"]],
            // A blank line detaches a comment from the declaration.
            ["aws:s3/bucket:Bucket", "b", []],
            ["aws:ec2/flowLog:FlowLog", "f", []],
        ]);
        expect(remote.map((r) => [r.policy, r.name])).toEqual([
            ["audit-trail-present", "stack"],
            ["vpc-flow-logs-all-traffic", "app-vpc"],
        ]);
    });
});

describe.each(NONCOMPLIANT)("example %s", (example) => {
    const { declarations, remote } = parsed(example);
    const rows = expected(example);

    it.each(rows.map((r) => [`${r.policy} on ${r.resource}`, r] as const))("explains %s with a BREAKS comment", (_label, row) => {
        const name = row.resource === "stack" ? "stack" : row.resource.slice(row.resource.indexOf("::") + 2);
        const type = row.resource === "stack" ? undefined : row.resource.slice(0, row.resource.indexOf("::"));
        const above = declarations.filter((d) => d.type === type && d.name === name && d.breaks.includes(row.policy));
        const named = remote.filter((r) => r.policy === row.policy && r.name === name);
        expect(above.length + named.length, `no "// BREAKS ${row.policy}" above ${row.resource} and no "// BREAKS ${row.policy} on ${name}:"`).toBeGreaterThan(0);
    });

    it("has no BREAKS comment without an expected finding", () => {
        const found = new Set(rows.map((r) => `${r.policy} ${r.resource === "stack" ? "stack" : r.resource}`));
        const foundByName = new Set(rows.map((r) => `${r.policy} ${r.resource === "stack" ? "stack" : r.resource.slice(r.resource.indexOf("::") + 2)}`));
        const stray = [
            ...declarations.flatMap((d) => d.breaks.filter((p) => !found.has(`${p} ${d.type}::${d.name}`)).map((p) => `${d.file}:${d.line} ${p} on ${d.type}::${d.name}`)),
            ...remote.filter((r) => !foundByName.has(`${r.policy} ${r.name}`)).map((r) => `${r.file}:${r.line} ${r.policy} on ${r.name}`),
        ];
        expect(stray).toEqual([]);
    });

    it("puts a FIX line under every BREAKS comment above a declaration", () => {
        const missing: string[] = [];
        for (const { file, text } of sources(example)) {
            const lines = text.split("\n");
            lines.forEach((l, i) => {
                const b = BREAKS.exec(l);
                if (!b) return;
                // The fix is in the same comment block, below the BREAKS line.
                let j = i + 1;
                while (j < lines.length && /^\s*\/\//.test(lines[j]!) && !/^\s*\/\/\s*FIX:/.test(lines[j]!)) j++;
                if (j >= lines.length || !/^\s*\/\/\s*FIX:/.test(lines[j]!)) missing.push(`${file}:${i + 1}`);
            });
        }
        expect(missing).toEqual([]);
    });
});

describe.each(EXAMPLES)("example %s", (example) => {
    it("gives every resource a distinct type and name (the engine refuses a duplicate URN)", () => {
        const keys = parsed(example).declarations.map((d) => `${d.type}::${d.name}`);
        expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
    });
});

describe.each(EXAMPLES)("examples/%s/README.md", (example) => {
    const file = path.join(ROOT, "examples", example, "README.md");
    const readme = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";

    it("says how to run it offline and with the real CLI", () => {
        expect(readme).toContain(`npm run scan -- examples/${example}`);
        expect(readme).toContain(`cd examples/${example}`);
        expect(readme).toContain("pulumi preview --policy-pack ../..");
    });

    it("summarises every finding the preview prints, with the right counts", () => {
        const rows = fs.existsSync(path.join(ROOT, "examples", example, "expected-findings")) ? expected(example) : [];
        const table = readme.split("\n").filter((l) => l.startsWith("| "));
        const missing = rows.filter((r) => {
            const name = r.resource === "stack" ? "the stack" : `\`${r.resource.slice(r.resource.indexOf("::") + 2)}\``;
            return !table.some((l) => l.includes(`\`${r.policy}\``) && l.includes(name) && l.includes(`| ${r.level} |`));
        });
        expect(missing).toEqual([]);
        if (rows.length > 0) {
            const mandatory = rows.filter((r) => r.level === "mandatory").length;
            expect(readme).toContain(`${rows.length} findings, ${mandatory} mandatory and ${rows.length - mandatory} advisory`);
        } else {
            expect(readme).toContain("No finding.");
        }
    });
});
