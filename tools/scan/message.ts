// Finding messages as the pack sends them: the policy description (the SDK puts it first), then
// the finding in English, then in Chinese, then any exemption note in both. Viewers that title an
// alert by its first line (GitHub code scanning) need the finding first, and --lang keeps one
// language. The lines are told apart by script: a line is Chinese when it has Han characters
// outside quoted names and the free-text reason of an exemption.
import type { Lang } from "./args";

const QUOTED = /"[^"]*"|“[^”]*”|`[^`]*`/g;
const REASON = /reason: .*$/;
const HAN = /\p{Script=Han}/u;

export function isChinese(line: string): boolean {
    return HAN.test(line.replace(QUOTED, "").replace(REASON, ""));
}

/** The message's own lines, without the policy description the SDK prepends. */
export function ownLines(f: { message: string; description: string }): string[] {
    const lines = f.message.split(/\r?\n/);
    return (lines[0] === f.description && lines.length > 1 ? lines.slice(1) : lines).filter((l) => l.trim() !== "");
}

function inLang(lines: string[], lang: Lang): string[] {
    if (lang === "both") return lines;
    const kept = lines.filter((l) => isChinese(l) === (lang === "zh"));
    // A message with nothing in the wanted language is shown whole rather than not at all.
    return kept.length ? kept : lines;
}

/** The finding first, in the chosen language(s): for alert titles and one-line output. */
export function findingText(f: { message: string; description: string }, lang: Lang = "both"): string[] {
    return inLang(ownLines(f), lang);
}

/** The whole message for text output: the description (English), then the finding, in the chosen language(s). */
export function fullText(f: { message: string; description: string }, lang: Lang = "both"): string[] {
    const lines = f.message.split(/\r?\n/);
    if (lang === "both") return lines;
    const own = findingText(f, lang);
    return lang === "en" && lines[0] === f.description && lines.length > 1 ? [lines[0], ...own] : own;
}
