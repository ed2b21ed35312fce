// JSON-schema helpers for policy configuration. The engine validates config against these
// schemas and fills defaults before Configure; policies still merge the defaults themselves so
// that they behave the same when run with no config at all (unit tests, older engines).
import type { PolicyConfigSchema } from "@pulumi/policy";

export interface IntegerProperty {
    type: "integer";
    description: string;
    default: number;
    minimum: number;
    maximum: number;
}

export interface BooleanProperty {
    type: "boolean";
    description: string;
    default: boolean;
}

export interface StringProperty {
    type: "string";
    description: string;
    default: string;
    minLength: 1;
    maxLength: number;
    pattern?: string;
}

export interface StringListProperty {
    type: "array";
    description: string;
    items: { type: "string"; minLength: 1; pattern?: string };
    default: string[];
    uniqueItems: true;
    maxItems: number;
}

export interface IntegerListProperty {
    type: "array";
    description: string;
    items: { type: "integer"; minimum: number; maximum: number };
    default: number[];
    uniqueItems: true;
    maxItems: number;
}

export type ConfigProperty = IntegerProperty | BooleanProperty | StringProperty | StringListProperty | IntegerListProperty;
export type ConfigProperties = Record<string, ConfigProperty>;

export function integer(description: string, def: number, minimum: number, maximum: number): IntegerProperty {
    return { type: "integer", description, default: def, minimum, maximum };
}

export function boolean(description: string, def: boolean): BooleanProperty {
    return { type: "boolean", description, default: def };
}

export function string(description: string, def: string, maxLength: number, pattern?: string): StringProperty {
    return { type: "string", description, default: def, minLength: 1, maxLength, ...(pattern ? { pattern } : {}) };
}

export function stringList(description: string, def: string[], pattern?: string): StringListProperty {
    const items: StringListProperty["items"] = pattern ? { type: "string", minLength: 1, pattern } : { type: "string", minLength: 1 };
    return { type: "array", description, items, default: def, uniqueItems: true, maxItems: 500 };
}

export function integerList(description: string, def: number[], minimum: number, maximum: number): IntegerListProperty {
    return { type: "array", description, items: { type: "integer", minimum, maximum }, default: def, uniqueItems: true, maxItems: 500 };
}

export function schema(properties: ConfigProperties): PolicyConfigSchema {
    return { properties };
}

type ValueOf<P extends ConfigProperty> = P["default"];
export type ConfigValues<P extends ConfigProperties> = { [K in keyof P]: ValueOf<P[K]> };

/**
 * Reads a policy's config: values given by the engine where they have the schema's type, the
 * schema default otherwise. Never throws: the engine has already rejected invalid config.
 */
export function readConfig<P extends ConfigProperties>(properties: P, given: Record<string, unknown>): ConfigValues<P> {
    const out: Record<string, unknown> = {};
    for (const [key, prop] of Object.entries(properties)) {
        const v = given[key];
        out[key] = matchesType(prop, v) ? v : prop.default;
    }
    return out as ConfigValues<P>;
}

function matchesType(prop: ConfigProperty, v: unknown): boolean {
    switch (prop.type) {
        case "integer":
            return typeof v === "number" && Number.isInteger(v);
        case "boolean":
            return typeof v === "boolean";
        case "string":
            return typeof v === "string";
        case "array":
            return Array.isArray(v) && v.every((e) => (prop.items.type === "string" ? typeof e === "string" : Number.isInteger(e)));
    }
}

/**
 * A string list whose items must each be one of `values` or, when given, match `pattern`. The
 * engine checks this at Configure (the only place config can fail before policies run), so a
 * mistyped item is rejected there. Structurally a StringListProperty, so readConfig handles it.
 */
export interface ChoiceListProperty extends StringListProperty {
    items: { type: "string"; minLength: 1; anyOf: [{ enum: string[] }, ...{ pattern: string }[]] };
}

export function choiceList(description: string, def: string[], values: readonly string[], pattern?: string): ChoiceListProperty {
    const anyOf: ChoiceListProperty["items"]["anyOf"] = pattern ? [{ enum: [...values] }, { pattern }] : [{ enum: [...values] }];
    return { type: "array", description, items: { type: "string", minLength: 1, anyOf }, default: def, uniqueItems: true, maxItems: 500 };
}
