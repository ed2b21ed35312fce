// Reads a Pulumi program directory as the CLI does: Pulumi.yaml (name, runtime, main) and the
// stack's Pulumi.<stack>.yaml, and turns stack config into what the CLI hands the program.
import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import { UserInputError } from "../engine/errors";
import { isPlainObject } from "../engine/wire";

export interface ProjectSpec {
    dir: string;
    name: string;
    runtime: string;
    /** The nodejs runtime option `typescript` (default true). */
    typescript: boolean;
    /** `main` from Pulumi.yaml, if set. */
    main?: string;
}

export interface StackConfig {
    name: string;
    file: string;
    /** Namespaced keys (`aws:region`) to the string values the CLI passes in PULUMI_CONFIG. */
    config: Record<string, string>;
    /** Keys whose values are secrets; offline they are placeholders. */
    secretKeys: string[];
}

/** What a program sees in place of a `secure:` value: scan cannot decrypt it. */
export const SECRET_PLACEHOLDER = "[secret]";

function readYaml(file: string, what: string): unknown {
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch (err) {
        throw new UserInputError(`cannot read ${what} ${file} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
    }
    try {
        return yaml.load(text);
    } catch (err) {
        throw new UserInputError(`${file} is not valid YAML: ${(err as Error).message.split("\n")[0]}`);
    }
}

export function readProject(dir: string): ProjectSpec {
    const file = path.join(dir, "Pulumi.yaml");
    if (!fs.existsSync(file)) throw new UserInputError(`${dir} has no Pulumi.yaml: not a Pulumi program directory`);
    const doc = readYaml(file, "project file");
    if (!isPlainObject(doc) || typeof doc.name !== "string" || doc.name === "") {
        throw new UserInputError(`${file} has no project name`);
    }
    const runtime = isPlainObject(doc.runtime) ? doc.runtime : { name: doc.runtime };
    const runtimeName = typeof runtime.name === "string" ? runtime.name : "";
    if (runtimeName !== "nodejs") {
        throw new UserInputError(`${file}: runtime is ${JSON.stringify(runtimeName || null)}; scan runs nodejs programs only`);
    }
    const options = isPlainObject(runtime.options) ? runtime.options : {};
    return {
        dir,
        name: doc.name,
        runtime: runtimeName,
        typescript: options.typescript !== false,
        main: typeof doc.main === "string" ? doc.main : undefined,
    };
}

/** `--stack`, else the only Pulumi.<stack>.yaml present, else `dev`. */
export function selectStackName(dir: string, requested: string | undefined): string {
    if (requested) return requested;
    const stacks = fs
        .readdirSync(dir)
        .map((f) => /^Pulumi\.(.+)\.ya?ml$/.exec(f)?.[1])
        .filter((s): s is string => s !== undefined);
    if (stacks.length === 1 && stacks[0] !== undefined) return stacks[0];
    if (stacks.length > 1 && !stacks.includes("dev")) {
        throw new UserInputError(`${dir} has several stack files (${stacks.sort().join(", ")}); choose one with --stack`);
    }
    return "dev";
}

function hasSecure(v: unknown): boolean {
    if (Array.isArray(v)) return v.some(hasSecure);
    if (!isPlainObject(v)) return false;
    return "secure" in v || Object.values(v).some(hasSecure);
}

function replaceSecure(v: unknown): unknown {
    if (Array.isArray(v)) return v.map(replaceSecure);
    if (!isPlainObject(v)) return v;
    if ("secure" in v) return SECRET_PLACEHOLDER;
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, replaceSecure(x)]));
}

/** The CLI's string form of one config value: scalars as text, objects and arrays as JSON. */
export function configValue(v: unknown): string {
    if (isPlainObject(v) && Object.keys(v).length === 1 && "secure" in v) return SECRET_PLACEHOLDER;
    if (typeof v === "string") return v;
    if (Array.isArray(v) || isPlainObject(v)) return JSON.stringify(replaceSecure(v));
    return String(v);
}

/** `region` in project `web` → `web:region`; `aws:region` stays. */
export function namespacedKey(key: string, project: string): string {
    return key.includes(":") ? key : `${project}:${key}`;
}

/** Project-level config in Pulumi.yaml: `key: value` or `key: {default|value: ...}`. */
function projectDefaults(doc: unknown): Record<string, unknown> {
    const config = isPlainObject(doc) && isPlainObject(doc.config) ? doc.config : {};
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(config)) {
        if (!isPlainObject(v)) out[k] = v;
        else if ("value" in v) out[k] = v.value;
        else if ("default" in v) out[k] = v.default;
    }
    return out;
}

export function readStackConfig(project: ProjectSpec, stack: string, warnings: string[] = []): StackConfig {
    const candidates = [`Pulumi.${stack}.yaml`, `Pulumi.${stack}.yml`].map((f) => path.join(project.dir, f));
    const found = candidates.find((f) => fs.existsSync(f));
    const [yamlFile = ""] = candidates;
    // As after `pulumi stack init`: the stack exists, its config is empty (project defaults apply).
    if (!found) warnings.push(`no stack file Pulumi.${stack}.yaml: the program runs with empty stack config, as after pulumi stack init`);
    const file = found ?? yamlFile;
    // An empty stack file is a mistake (a truncated write), not "no config": `pulumi stack init` writes none.
    if (found && fs.readFileSync(found, "utf8").trim() === "") {
        throw new UserInputError(`${found} is empty: a stack file is a YAML mapping (\`config: {}\` for none); delete it to run with empty stack config`);
    }
    const doc = (found ? readYaml(file, "stack file") : {}) ?? {};
    if (!isPlainObject(doc)) throw new UserInputError(`${file} is not a YAML mapping`);
    if (doc.config !== undefined && doc.config !== null && !isPlainObject(doc.config)) {
        throw new UserInputError(`${file}: config must be a mapping of keys to values`);
    }
    const projectDoc = readYaml(path.join(project.dir, "Pulumi.yaml"), "project file");
    const merged: Record<string, unknown> = { ...projectDefaults(projectDoc), ...(isPlainObject(doc.config) ? doc.config : {}) };
    const config: Record<string, string> = {};
    const secretKeys: string[] = [];
    for (const [key, value] of Object.entries(merged)) {
        const full = namespacedKey(key, project.name);
        config[full] = configValue(value);
        if (hasSecure(value)) secretKeys.push(full);
    }
    return { name: stack, file, config, secretKeys };
}

/**
 * The module the language host loads: `main` from Pulumi.yaml, else the package.json entry,
 * else the directory itself (Node then picks index.js / index.ts).
 */
export function resolveEntry(project: ProjectSpec, warnings: string[] = []): string {
    const dir = project.dir;
    const fromMain = project.main ? path.resolve(dir, project.main) : undefined;
    if (fromMain) {
        if (!fs.existsSync(fromMain)) throw new UserInputError(`${dir}: Pulumi.yaml main ${project.main} does not exist`);
        return fromMain;
    }
    const pkgFile = path.join(dir, "package.json");
    let missingMain: string | undefined;
    if (fs.existsSync(pkgFile)) {
        let pkg: unknown;
        try {
            pkg = JSON.parse(fs.readFileSync(pkgFile, "utf8"));
        } catch (err) {
            throw new UserInputError(`${pkgFile} is not valid JSON (${(err as Error).message})`);
        }
        if (isPlainObject(pkg) && typeof pkg.main === "string") {
            const main = path.resolve(dir, pkg.main);
            if (fs.existsSync(main) || fs.existsSync(`${main}.js`) || fs.existsSync(`${main}.ts`)) return main;
            // The language host warns and falls back to the directory (a main of index.js beside an index.ts).
            missingMain = pkg.main;
        }
    }
    // Node resolves a directory to index.js before index.ts, and so does the language host.
    const index = ["index.js", "index.ts"].map((f) => path.join(dir, f)).find((f) => fs.existsSync(f));
    if (!index) {
        const why = missingMain ? `package.json main ${missingMain} does not exist` : "no main in Pulumi.yaml or package.json";
        throw new UserInputError(`${dir} has no index.ts or index.js, and ${why}`);
    }
    // The language host warns and falls back to the directory (a main of index.js beside an index.ts).
    if (missingMain) warnings.push(`package.json main ${missingMain} does not exist; running ${path.basename(index)} instead, as Pulumi does`);
    return index;
}
