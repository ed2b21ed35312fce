// Bilingual finding messages. Every finding names the resource, the value found, the value
// required, the property to change and the legal basis, in English and in simplified Chinese.
import { type LegalBasis } from "./legal";

export interface Bilingual {
    en: string;
    zh: string;
}

export interface FindingText {
    /** The resource, e.g. `log group "app-logs"`. */
    resource: Bilingual;
    /** What was found, already rendered safely (see `safeValue`). */
    found: Bilingual;
    required: Bilingual;
    /** Input property (path) to change, e.g. `retentionInDays` or `ingress[2].cidrBlocks`. */
    property: string;
    /** Optional extra hint on how to change it. */
    fix?: Bilingual;
    basis: readonly LegalBasis[];
}

export function bi(en: string, zh: string): Bilingual {
    return { en, zh };
}

/** What a finding says it found when the value only exists after deployment (first preview). */
export const PREVIEW_UNKNOWN: Bilingual = bi("a value that is unknown until the resource is deployed", "部署前未知的值");

/** Renders a finding as two lines: English first, then Chinese. */
export function findingMessage(t: FindingText): string {
    const fixEn = t.fix ? ` ${t.fix.en}` : "";
    const fixZh = t.fix ? t.fix.zh : "";
    const basisEn = t.basis.map((b) => b.en).join("; ");
    const basisZh = t.basis.map((b) => b.zh).join("；");
    const en = `${t.resource.en}: found ${t.found.en}; required ${t.required.en}. Change \`${t.property}\`.${fixEn} Legal basis: ${basisEn}.`;
    const zh = `${t.resource.zh}：当前：${t.found.zh}；要求：${t.required.zh}。请修改 \`${t.property}\`。${fixZh}法律依据：${basisZh}。`;
    return `${en}\n${zh}`;
}

const SAFE_TOKEN = /^[A-Za-z0-9][A-Za-z0-9._:/*-]{0,63}$/;

/**
 * Renders a value read from a resource for a message. During Analyze the SDK unwraps secrets, so
 * a policy cannot tell a secret from a plain value: only values from a closed vocabulary are
 * echoed (finite numbers, booleans, strings from `vocabulary` or matching `shape`); anything else
 * is described by its type, never printed.
 */
export function safeValue(value: unknown, opts: { vocabulary?: readonly string[]; shape?: RegExp } = {}): string {
    if (value === undefined || value === null) {
        return "unset";
    }
    if (typeof value === "number") {
        return Number.isFinite(value) ? String(value) : "a non-finite number";
    }
    if (typeof value === "boolean") {
        return String(value);
    }
    if (typeof value === "string") {
        const known = opts.vocabulary?.includes(value) ?? false;
        const shaped = opts.shape !== undefined && opts.shape.test(value) && SAFE_TOKEN.test(value);
        return known || shaped ? JSON.stringify(value) : "a string value";
    }
    if (Array.isArray(value)) {
        return "a list";
    }
    return `a value of type ${typeof value}`;
}

/** Names a resource in a message: `<kind> "<pulumi name>"`. Pulumi names are chosen by the program author, not secret. */
export function resourceLabel(kind: Bilingual, name: string): Bilingual {
    return { en: `${kind.en} "${name}"`, zh: `${kind.zh}“${name}”` };
}
