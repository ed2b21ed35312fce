// The one path out of the pack. A control describes a finding as data — what it is about, the
// value found, the value required, where to fix it — and `emit` renders it and is the only caller
// of the SDK's reportViolation. It picks the level (a finding that rests on a value unknown during
// preview is never mandatory; an exempted one is advisory and says who exempted it), writes the
// policy description, the English line and the Chinese line, and cites the control's bases from
// its metadata. Every finding of every policy therefore reads the same way:
//
//   <policy description>
//   <resource>: found <value>; required <value>. Change `<input>`. <fix> Compliance basis: <bases>.
//   <资源>：当前：<值>；要求：<值>。请修改 `<input>`。<修复>合规依据：<依据>。
//   [Exempted … / 已豁免 …]
import type { EnforcementLevel, ReportViolation } from "@pulumi/policy";
import { type BasisId, renderBases } from "./bases";
import { type Bilingual, bi, safeValue } from "./messages";
import { type Input, type Read } from "./reader";

/** Where a finding is fixed. */
export type Change =
    /** An input of the flagged resource, by path (usually a Read's or an Input's path). */
    | string
    | Read<unknown>
    | Input
    /** An input of another resource (`type` as written in a program, e.g. `aws.ec2.NetworkAcl`), or a resource to add. */
    | { type: string; input?: string; add?: boolean }
    /** A sentence of its own, where no single input is the fix. */
    | { text: Bilingual };

export interface Finding {
    /** The kind of resource, e.g. bi("CloudWatch log group", "CloudWatch 日志组"). */
    kind: Bilingual;
    /** In a stack policy: the resource the finding is reported on (omit for a stack-level finding). */
    on?: { urn: string; name: string };
    /** Overrides the `<kind> "<name>"` label (a stack-level finding names the stack). */
    label?: Bilingual;
    found: Bilingual;
    required: Bilingual;
    change: Change;
    /** One more sentence on how to fix it, built from the configured values. */
    fix?: Bilingual;
    /** The finding rests on a value unknown during preview: reported as advisory, with a note. */
    unknown?: boolean;
    /** Advisory whatever the policy's level (a recommendation beside the mandatory rule). */
    advisory?: boolean;
    /** A subset of the control's bases, when this finding rests on fewer of them. */
    bases?: readonly BasisId[];
}

export type Emit = (finding: Finding) => void;

/** What emit knows of the policy. */
export interface EmitPolicy {
    name: string;
    description: string;
    bases: readonly BasisId[];
}

/** An exemption found for a finding's resource, with its note in both languages. */
export interface ExemptionHit {
    note: Bilingual;
    /** False once the exemption has lapsed (expired or undated): the note stays, the level does not drop. */
    active: boolean;
}

export interface EmitContext {
    policy: EmitPolicy;
    report: ReportViolation;
    /** The resource of a resource policy; undefined in a stack policy. */
    subject?: { urn: string; name: string };
    exemptionFor(urn: string | undefined): ExemptionHit | undefined;
}

export const UNKNOWN_NOTE = bi(
    "(This rests on a value that is unknown until deployment, so it is advisory now; re-check after the update.)",
    "（该结论依赖部署后才能确定的值，现以建议级别报告；请在更新后复查。）",
);

export function resourceName(kind: Bilingual, name: string): Bilingual {
    return bi(`${kind.en} "${name}"`, `${kind.zh}“${name}”`);
}

/** "a" or "an" before a type name as it is read aloud (`aws.…`, `alicloud.…` take "an"). */
function article(word: string): string {
    return /^[aeiou]/i.test(word) ? "an" : "a";
}

function changeText(c: Change): Bilingual {
    if (typeof c === "string") return bi(`Change \`${c}\`.`, `请修改 \`${c}\`。`);
    if ("path" in c) return changeText(c.path);
    if ("text" in c) return c.text;
    if (c.add) {
        return c.input
            ? bi(`Add ${article(c.type)} \`${c.type}\` with \`${c.input}\` set.`, `请添加 \`${c.type}\` 并设置 \`${c.input}\`。`)
            : bi(`Add ${article(c.type)} \`${c.type}\`.`, `请添加 \`${c.type}\`。`);
    }
    return c.input ? bi(`Change \`${c.input}\` of the \`${c.type}\`.`, `请修改 \`${c.type}\` 的 \`${c.input}\`。`) : bi(`Change the \`${c.type}\`.`, `请修改 \`${c.type}\`。`);
}

/** The English and Chinese lines of a finding (without the description and the exemption note). */
export function renderFinding(policy: EmitPolicy, f: Finding, subjectName: string | undefined): Bilingual {
    const name = f.on?.name ?? subjectName;
    const label = f.label ?? (name === undefined ? f.kind : resourceName(f.kind, name));
    const change = changeText(f.change);
    const bases = renderBases(f.bases ?? policy.bases);
    const fixEn = f.fix ? ` ${f.fix.en}` : "";
    const fixZh = f.fix ? f.fix.zh : "";
    const noteEn = f.unknown ? ` ${UNKNOWN_NOTE.en}` : "";
    const noteZh = f.unknown ? UNKNOWN_NOTE.zh : "";
    return bi(
        `${label.en}: found ${f.found.en}; required ${f.required.en}. ${change.en}${fixEn} Compliance basis: ${bases.en}.${noteEn}`,
        `${label.zh}：当前：${f.found.zh}；要求：${f.required.zh}。${change.zh}${fixZh}合规依据：${bases.zh}。${noteZh}`,
    );
}

/** Builds the emit function a validator is given. */
export function makeEmit(ctx: EmitContext): Emit {
    return (f) => {
        const lines = renderFinding(ctx.policy, f, ctx.subject?.name);
        const urn = f.on?.urn ?? ctx.subject?.urn;
        const exemption = ctx.exemptionFor(urn);
        let message = `${ctx.policy.description}\n${lines.en}\n${lines.zh}`;
        let level: EnforcementLevel | undefined;
        if (f.unknown || f.advisory) level = "advisory";
        if (exemption) {
            message += `\n${exemption.note.en}\n${exemption.note.zh}`;
            if (exemption.active) level = "advisory";
        }
        // The object form is the only one that carries a level; without one the SDK applies the
        // policy's configured level. @pulumi/policy types reportViolation as string-only, but its
        // server accepts this form (server.js makeReportViolationFun): cast once, here.
        const violation = { message, ...(urn === undefined ? {} : { urn }), ...(level === undefined ? {} : { enforcementLevel: level }) };
        (ctx.report as unknown as (v: typeof violation) => void)(violation);
    };
}

/** How a value found on a resource reads in a finding, in both languages; never echoes what may be a secret (see safeValue). */
export function shown(read: Read<unknown>, opts: { vocabulary?: readonly string[]; shape?: RegExp; unset?: Bilingual } = {}): Bilingual {
    switch (read.kind) {
        case "unknown":
            return bi("a value that is unknown until deployment", "部署前未知的值");
        case "absent":
            return opts.unset ? bi(`unset (${opts.unset.en})`, `未设置（${opts.unset.zh}）`) : bi("unset", "未设置");
        case "invalid":
            return shownValue(read.raw, opts);
        case "value":
            return shownValue(read.value, opts);
    }
}

/** A value as safeValue renders it, with the Chinese for its descriptions. */
export function shownValue(value: unknown, opts: { vocabulary?: readonly string[]; shape?: RegExp } = {}): Bilingual {
    const en = safeValue(value, opts);
    return bi(en, SAFE_VALUE_ZH[en] ?? (en.startsWith("a value of type ") ? `${en.slice("a value of type ".length)} 类型的值` : en));
}

const SAFE_VALUE_ZH: Readonly<Record<string, string>> = {
    unset: "未设置",
    "a string value": "一个字符串值",
    "a list": "一个列表",
    "a non-finite number": "非有限数值",
};
