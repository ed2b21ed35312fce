// The input shapes of the resources the pack reads, derived from the installed provider SDKs'
// type declarations (@pulumi/aws, @pulumi/alicloud: devDependencies, pinned). For a type token
// `aws:ec2/instance:Instance` the inputs are the properties of `InstanceArgs` in
// `@pulumi/aws/ec2/instance.d.ts`; nested inputs (`inputs.ec2.InstanceEbsBlockDevice`) are the
// interfaces of the package's `types/input.d.ts`. Only the syntax is read (no type checker), so
// this stays fast. A token whose declaration cannot be found throws: a missing shape would
// silently weaken the property tests that rely on it.
import * as fs from "fs";
import * as path from "path";
import ts from "typescript";

export interface Field {
    /** `boolean`, `number`, `string`, `Record<string, string>` or `object` (nested), with `[]` for a list. */
    type: string;
    nested?: Shape;
}
export type Shape = Map<string, Field>;

/** Nested input interfaces are followed this deep; deeper ones become random values. */
const MAX_DEPTH = 3;

interface Package {
    dir: string;
    /** `types/input.d.ts`, parsed on first use: namespace path → interface name → declaration. */
    inputs?: Map<string, ts.InterfaceDeclaration>;
}

const PACKAGES = new Map<string, Package>();

function packageOf(name: string): Package {
    let pkg = PACKAGES.get(name);
    if (!pkg) {
        pkg = { dir: path.dirname(require.resolve(`@pulumi/${name}/package.json`)) };
        PACKAGES.set(name, pkg);
    }
    return pkg;
}

function parse(file: string): ts.SourceFile {
    return ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
}

/** Every interface of `types/input.d.ts`, keyed by its namespace path (`ec2.InstanceEbsBlockDevice`). */
function inputInterfaces(pkg: Package): Map<string, ts.InterfaceDeclaration> {
    if (pkg.inputs) return pkg.inputs;
    const out = new Map<string, ts.InterfaceDeclaration>();
    const walk = (node: ts.Node, prefix: string): void => {
        if (ts.isModuleDeclaration(node)) {
            const name = `${prefix}${node.name.getText()}.`;
            if (node.body) ts.forEachChild(node.body, (c) => walk(c, name));
            return;
        }
        if (ts.isInterfaceDeclaration(node)) out.set(`${prefix}${node.name.text}`, node);
    };
    const file = parse(path.join(pkg.dir, "types", "input.d.ts"));
    file.statements.forEach((s) => walk(s, ""));
    pkg.inputs = out;
    return out;
}

/** `pulumi.Input<T>` → T, recursively. */
function unwrap(t: ts.TypeNode): ts.TypeNode {
    if (ts.isTypeReferenceNode(t) && t.typeName.getText() === "pulumi.Input" && t.typeArguments?.[0]) return unwrap(t.typeArguments[0]);
    if (ts.isParenthesizedTypeNode(t)) return unwrap(t.type);
    return t;
}

function fieldOf(pkg: Package, node: ts.TypeNode, depth: number): Field {
    const t = unwrap(node);
    if (ts.isArrayTypeNode(t)) {
        const item = fieldOf(pkg, t.elementType, depth);
        return { ...item, type: `${item.type}[]` };
    }
    if (ts.isTypeLiteralNode(t)) return { type: "Record<string, string>" };
    if (ts.isUnionTypeNode(t)) {
        // `string | enums.x.Y`, `boolean | string`: the first member that says more than string.
        const members = t.types.map((m) => fieldOf(pkg, m, depth));
        return members.find((m) => m.type !== "string") ?? { type: "string" };
    }
    if (t.kind === ts.SyntaxKind.BooleanKeyword) return { type: "boolean" };
    if (t.kind === ts.SyntaxKind.NumberKeyword) return { type: "number" };
    if (ts.isTypeReferenceNode(t)) {
        const name = t.typeName.getText();
        if (name.startsWith("inputs.")) {
            if (depth >= MAX_DEPTH) return { type: "object" };
            const decl = inputInterfaces(pkg).get(name.slice("inputs.".length));
            if (!decl) throw new Error(`provider-shapes: ${name} is not declared in ${path.join(pkg.dir, "types", "input.d.ts")}`);
            return { type: "object", nested: membersOf(pkg, decl, depth + 1) };
        }
    }
    // Strings, enums (string unions), ARNs and anything else the SDK types as a string alias.
    return { type: "string" };
}

function membersOf(pkg: Package, decl: ts.InterfaceDeclaration, depth: number): Shape {
    const shape: Shape = new Map();
    for (const m of decl.members) {
        if (!ts.isPropertySignature(m) || !m.type) continue;
        shape.set(m.name.getText().replace(/^"|"$/g, ""), fieldOf(pkg, m.type, depth));
    }
    return shape;
}

/** `pulumi:providers:aws` → `aws:provider:Provider` (its ProviderArgs are in `@pulumi/aws/provider.d.ts`). */
function declarationToken(token: string): string {
    const provider = /^pulumi:providers:([a-z-]+)$/.exec(token);
    return provider ? `${provider[1]}:provider:Provider` : token;
}

/** `aws:ec2/instance:Instance` → the inputs of `InstanceArgs` in `@pulumi/aws/ec2/instance.d.ts`. */
export function shapeOf(token: string): Shape {
    const m = /^([a-z-]+):([A-Za-z0-9/]+):([A-Za-z0-9]+)$/.exec(declarationToken(token));
    if (!m) throw new Error(`provider-shapes: ${JSON.stringify(token)} is not a resource type token`);
    const [, pkgName, mod, cls] = m as unknown as [string, string, string, string];
    const pkg = packageOf(pkgName);
    const file = path.join(pkg.dir, `${mod}.d.ts`);
    if (!fs.existsSync(file)) throw new Error(`provider-shapes: no declaration file for ${token} (expected ${file})`);
    const args = parse(file).statements.find((s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === `${cls}Args`);
    if (!args) throw new Error(`provider-shapes: ${file} declares no ${cls}Args for ${token}`);
    return membersOf(pkg, args, 0);
}

/** The shapes of every token; throws naming the first token that has none. */
export function shapesOf(tokens: readonly string[]): Map<string, Shape> {
    return new Map(tokens.map((t) => [t, shapeOf(t)]));
}
