// Policy pack config, as `pulumi preview --policy-pack-config FILE` reads it: parse, merge with the
// pack's initial config and the schema defaults, validate against each policy's JSON schema.
// Stricter than the CLI on purpose: unknown policy names and unknown keys are errors, because a
// typo in a compliance threshold must not pass silently.
import * as fs from "fs";
import Ajv, { type ErrorObject, type ValidateFunction } from "ajv";
import { UserInputError } from "./errors";
import type { AnalyzerInfo, EnforcementLevel, PolicyConfigEntry, PolicyInfo, ResolvedConfig } from "./types";
import { isPlainObject } from "./wire";

export const ENFORCEMENT_LEVELS: readonly EnforcementLevel[] = ["advisory", "mandatory", "remediate", "disabled"];
/** Reserved key of a config file: its enforcement level applies to every policy. */
export const ALL = "all";

/** A config file as read: policy name (or "all") → a level string or an object; checked in resolveConfig. */
export type PolicyConfigFile = Record<string, unknown>;

const PREFIX = "invalid policy config";

function configError(where: string, what: string): UserInputError {
    return new UserInputError(`${PREFIX}: ${where}: ${what}`);
}

/** Short JSON rendering of a value for an error line. */
export function show(value: unknown): string {
    const text = value === undefined ? "nothing" : JSON.stringify(value);
    return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function isLevel(v: unknown): v is EnforcementLevel {
    return typeof v === "string" && (ENFORCEMENT_LEVELS as readonly string[]).includes(v);
}

function levelError(where: string, value: unknown): UserInputError {
    return configError(where, `enforcementLevel: must be one of ${ENFORCEMENT_LEVELS.join(", ")} (got ${show(value)})`);
}

/** One entry of the file: a level string, or an object with an optional level and properties. */
function parseEntry(name: string, value: unknown): PolicyConfigEntry {
    if (typeof value === "string") {
        if (!isLevel(value)) throw levelError(name, value);
        return { enforcementLevel: value };
    }
    if (!isPlainObject(value)) {
        throw configError(name, `must be an enforcement level or an object (got ${show(value)})`);
    }
    const { enforcementLevel, ...properties } = value;
    if (enforcementLevel !== undefined && !isLevel(enforcementLevel)) throw levelError(name, enforcementLevel);
    return { enforcementLevel, properties };
}

/** Parses config text; `source` names the file in errors. */
export function parsePolicyConfig(text: string, source: string): PolicyConfigFile {
    // The CLI accepts an empty file as "no config".
    if (text.trim() === "") return {};
    let doc: unknown;
    try {
        doc = JSON.parse(text);
    } catch (err) {
        throw configError(source, `not valid JSON (${(err as Error).message})`);
    }
    if (!isPlainObject(doc)) {
        const kind = Array.isArray(doc) ? "an array" : show(doc);
        throw configError(source, `must be a JSON object mapping policy names to config (got ${kind})`);
    }
    return doc;
}

/**
 * Reads a `--config` file of scan or report. Unlike the CLI (parsePolicyConfig), an empty file is
 * an error: it is a truncated write or the wrong file, and taking it as "the defaults" would
 * silently check, or report, against settings nobody chose.
 */
export function loadPolicyConfigFile(file: string): PolicyConfigFile {
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch (err) {
        throw configError(file, `cannot read the file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
    }
    if (text.trim() === "") throw configError(file, "the file is empty; write a JSON object (`{}` for the defaults) or leave out --config");
    return parsePolicyConfig(text, file);
}

/** Edit distance, for "did you mean" on a mistyped policy name. */
function distance(a: string, b: string): number {
    // One row of the edit-distance table; `at` reads it where every index is in range.
    const row = Array.from({ length: b.length + 1 }, (_, i) => i);
    const at = (j: number): number => row[j] ?? 0;
    for (let i = 1; i <= a.length; i++) {
        let prev = at(0);
        row[0] = i;
        for (let j = 1; j <= b.length; j++) {
            const cur = at(j);
            row[j] = Math.min(cur + 1, at(j - 1) + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
            prev = cur;
        }
    }
    return at(b.length);
}

function suggestion(name: string, candidates: string[]): string {
    const best = candidates
        .map((c) => ({ c, d: distance(name, c) }))
        .sort((x, y) => x.d - y.d)
        .find((x) => x.d <= Math.max(2, Math.floor(name.length / 4)));
    return best ? `; did you mean ${best.c}?` : "";
}

/** Checks names and shapes of the file's entries; policy-specific keys are checked by schema later. */
function parseEntries(info: AnalyzerInfo, file: PolicyConfigFile): Record<string, PolicyConfigEntry> {
    const names = info.policies.map((p) => p.name);
    const entries: Record<string, PolicyConfigEntry> = {};
    for (const [name, value] of Object.entries(file)) {
        const where = name === ALL ? ALL : `${info.name}/${name}`;
        if (name !== ALL && !names.includes(name)) {
            throw configError(where, `no such policy in policy pack ${info.name}${suggestion(name, names)}`);
        }
        const entry = parseEntry(where, value);
        const extra = Object.keys(entry.properties ?? {});
        const [first] = extra;
        if (name === ALL && first !== undefined) {
            throw configError(ALL, `${first}: "all" takes only enforcementLevel (got ${show(entry.properties?.[first])})`);
        }
        entries[name] = entry;
    }
    return entries;
}

/** The JSON schema the config of one policy must match: the pack's, closed to unknown keys. */
export function policySchema(policy: PolicyInfo): Record<string, unknown> {
    return {
        type: "object",
        properties: policy.configSchema?.properties ?? {},
        required: policy.configSchema?.required ?? [],
        additionalProperties: false,
    };
}

function valueAt(data: unknown, pointer: string): unknown {
    const parts = pointer.split("/").slice(1).map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
    return parts.reduce<unknown>((v, k) => (v !== null && typeof v === "object" ? (v as Record<string, unknown>)[k] : undefined), data);
}

/** `/allowedRegions/0` → `allowedRegions[0]`. */
function keyPath(pointer: string): string {
    return pointer
        .split("/")
        .slice(1)
        .map((p, i) => (/^\d+$/.test(p) ? `[${p}]` : i === 0 ? p : `.${p}`))
        .join("");
}

/** One line for the first schema violation: key, what is wrong, the value found. */
export function describeSchemaError(e: ErrorObject, data: unknown, policy: PolicyInfo): string {
    const allowedKeys = Object.keys(policy.configSchema?.properties ?? {});
    if (e.keyword === "additionalProperty" || e.keyword === "additionalProperties") {
        const key = String((e.params as { additionalProperty: string }).additionalProperty);
        const full = keyPath(`${e.instancePath}/${key}`);
        const known = e.instancePath === "" ? (allowedKeys.length ? `; known keys: ${allowedKeys.join(", ")}` : "; this policy takes no config") : "";
        return `${full}: unknown key (got ${show(valueAt(data, `${e.instancePath}/${key}`))})${known}`;
    }
    if (e.keyword === "required") {
        const key = String((e.params as { missingProperty: string }).missingProperty);
        return `${keyPath(`${e.instancePath}/${key}`)}: is required (got nothing)`;
    }
    const got = valueAt(data, e.instancePath);
    const message = e.keyword === "enum" ? enumMessage((e.params as { allowedValues: unknown[] }).allowedValues, got, e.schemaPath.includes("/anyOf/")) : (e.message ?? "is invalid");
    return `${keyPath(e.instancePath) || "(config)"}: ${message} (got ${show(got)})`;
}

/** Enums longer than this (the region list has 70+ names) are summarised, with the closest name. */
const LISTED_ENUM_VALUES = 10;

function enumMessage(values: unknown[], got: unknown, orPattern: boolean): string {
    if (values.length <= LISTED_ENUM_VALUES) return `must be one of ${values.map(show).join(", ")}`;
    const names = values.filter((v): v is string => typeof v === "string");
    const hint = typeof got === "string" ? suggestion(got, names) : "";
    // A choice list also takes patterns (e.g. region globs such as "eu-*"): say so rather than print the regexp.
    return `must be one of ${values.length} known values${orPattern ? " or a supported pattern" : ""}${hint}`;
}

type Entries = Record<string, PolicyConfigEntry>;

// strict: false because pack schemas may carry annotations ajv does not know; they do not validate.
const ajv = new Ajv({ useDefaults: true, allErrors: false, strict: false });
/** Compiling is the slow part (tens of ms a schema) and packs repeat: compile each schema once. */
const validators = new Map<string, ValidateFunction>();

function validatorFor(policy: PolicyInfo): ValidateFunction {
    const schema = policySchema(policy);
    const key = JSON.stringify(schema);
    let validate = validators.get(key);
    if (!validate) {
        validate = ajv.compile(schema);
        validators.set(key, validate);
    }
    return validate;
}

function levelFor(name: string, policy: PolicyInfo, initial: Entries, file: Entries): EnforcementLevel {
    // Same precedence as the CLI: initial config, then the file; within each, "all" then the policy.
    return (
        file[name]?.enforcementLevel ??
        file[ALL]?.enforcementLevel ??
        initial[name]?.enforcementLevel ??
        initial[ALL]?.enforcementLevel ??
        policy.enforcementLevel
    );
}

/**
 * Config for Configure: every policy of the pack, its level, and its properties validated and with
 * schema defaults filled in. Throws UserInputError naming the policy, key and value at fault.
 */
export function resolveConfig(info: AnalyzerInfo, configFile: PolicyConfigFile = {}): ResolvedConfig {
    const file = parseEntries(info, configFile);
    const initial = info.initialConfig ?? {};
    const resolved: ResolvedConfig = {};
    for (const policy of info.policies) {
        const properties: Record<string, unknown> = structuredClone({
            ...(initial[policy.name]?.properties ?? {}),
            ...(file[policy.name]?.properties ?? {}),
        });
        const validate = validatorFor(policy);
        if (!validate(properties)) {
            const first = (validate.errors ?? [])[0];
            throw configError(`${info.name}/${policy.name}`, first ? describeSchemaError(first, properties, policy) : "does not match its schema");
        }
        resolved[policy.name] = { enforcementLevel: levelFor(policy.name, policy, initial, file), properties };
    }
    return resolved;
}

/**
 * Entries the CLI passes to Configure as they are, beside the resolved policies: it sends "all"
 * as if it were a policy (its level, no properties). Unknown policy names pass the same way
 * under the CLI; resolveConfig rejects them first.
 */
export function passThroughConfig(configFile: PolicyConfigFile = {}): ResolvedConfig {
    const all = configFile[ALL];
    const level = typeof all === "string" ? all : isPlainObject(all) ? all.enforcementLevel : undefined;
    return isLevel(level) ? { [ALL]: { enforcementLevel: level, properties: {} } } : {};
}
