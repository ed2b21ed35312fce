// Every finding the pack reports reads the same way, whatever the policy and whatever the level:
// the policy description, one English line, one Chinese line (and the exemption note in both
// languages when the resource is exempted), citing at least one article or clause from the
// policy's own bases. Checked on every finding of every example scanned through the engine,
// the noncompliant examples again with every resource exempted, and a fixture whose inputs are
// unknown in a first preview — so advisories, exemptions and unknown-value findings are covered.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { beforeAll, describe, expect, it } from "vitest";
import { controls } from "../../policies";
import { BASES, type BasisId, renderBases } from "../../policies/shared/bases";
import { type Bilingual } from "../../policies/shared/messages";

const ROOT = path.resolve(__dirname, "..", "..");
const CLI = path.join(ROOT, "dist", "tools", "scan", "cli.js");

interface JsonFinding {
    policyName: string;
    enforcementLevel: string;
    resourceName?: string;
    message: string;
}

interface Scan {
    name: string;
    dir: string;
    config?: string;
}

/** A config that exempts every resource from every policy, so each finding carries the exemption note. */
function exemptAllConfig(): string {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "findings-format-")), "exempt-all.json");
    const config = Object.fromEntries(controls.map((c) => [c.metadata.name, { exemptResources: [{ pattern: "*", reason: "format check: every resource exempted" }] }]));
    fs.writeFileSync(file, JSON.stringify(config));
    return file;
}

const EXAMPLES = ["aws-compliant", "aws-noncompliant", "alicloud-compliant", "alicloud-noncompliant"];
const SCANS: Scan[] = [
    ...EXAMPLES.map((e) => ({ name: e, dir: path.join(ROOT, "examples", e) })),
    { name: "unknowns fixture", dir: path.join(ROOT, "test", "fixtures", "programs", "unknowns") },
];
const EXEMPTED: Scan[] = EXAMPLES.filter((e) => e.endsWith("-noncompliant")).map((e) => ({ name: `${e}, every resource exempted`, dir: path.join(ROOT, "examples", e), config: "exempt-all" }));

let exemptConfig: string | undefined;
const results = new Map<string, JsonFinding[]>();

function findings(scan: Scan): JsonFinding[] {
    let out = results.get(scan.name);
    if (!out) {
        const args = [CLI, scan.dir, "--format", "json"];
        if (scan.config) args.push("--config", (exemptConfig ??= exemptAllConfig()));
        const run = spawnSync(process.execPath, args, { encoding: "utf8", timeout: 180_000 });
        if (!run.stdout) throw new Error(`scan of ${scan.name} printed nothing (exit ${run.status}): ${run.stderr}`);
        out = (JSON.parse(run.stdout) as { findings: JsonFinding[] }).findings;
        results.set(scan.name, out);
    }
    return out;
}

const all = (): { scan: Scan; f: JsonFinding }[] => [...SCANS, ...EXEMPTED].flatMap((scan) => findings(scan).map((f) => ({ scan, f })));

/** Every non-empty subsequence of a policy's bases, rendered: a finding cites all of them or a subset. */
function citable(ids: readonly BasisId[]): { ids: BasisId[]; text: Bilingual }[] {
    const out: { ids: BasisId[]; text: Bilingual }[] = [];
    for (let mask = 1; mask < 1 << ids.length; mask++) {
        const subset = ids.filter((_, i) => (mask & (1 << i)) !== 0);
        out.push({ ids: subset, text: renderBases(subset) });
    }
    return out;
}

const UNKNOWN_EN = " (This rests on a value that is unknown until deployment, so it is advisory now; re-check after the update.)";
const UNKNOWN_ZH = "（该结论依赖部署后才能确定的值，现以建议级别报告；请在更新后复查。）";
const EN_LINE = /^(?<what>.+): found (?<found>.+); required (?<required>.+)\. (?<rest>.+) Compliance basis: (?<bases>.+?)\.(?<note> \(This rests on .+\))?$/;
const ZH_LINE = /^(?<what>.+)：当前：(?<found>.+)；要求：(?<required>.+)。(?<rest>.+)合规依据：(?<bases>.+?)。(?<note>（该结论依赖.+）)?$/;
const HAN = /\p{Script=Han}/u;

/** English left in a Chinese line once code, quoted values, names, type names and the bases are taken out: three words in a row. */
function strayEnglish(zh: string, bases: string): string | undefined {
    const rest = zh
        .replace(bases, " ")
        .replace(/`[^`]*`/g, " ")
        .replace(/"[^"]*"/g, " ")
        .replace(/“[^”]*”/g, " ")
        .replace(/\b[a-z][a-z0-9-]*(?:\.[A-Za-z0-9]+)+\b/g, " ");
    return /[A-Za-z]{2,}(?:[\s,;:()（）]+[A-Za-z]{2,}){2,}/.exec(rest)?.[0];
}

/** What is wrong with one finding's message; [] when it reads as every finding must. */
function problems(f: JsonFinding): string[] {
    const control = controls.find((c) => c.metadata.name === f.policyName);
    if (!control) return [`unknown policy ${f.policyName}`];
    const lines = f.message.split("\n");
    const out: string[] = [];
    if (lines.length !== 3 && lines.length !== 5) out.push(`${lines.length} lines, not 3 (or 5 with an exemption)`);
    if (lines[0] !== control.metadata.description) out.push("first line is not the policy description");
    const en = EN_LINE.exec(lines[1] ?? "")?.groups;
    const zh = ZH_LINE.exec(lines[2] ?? "")?.groups;
    if (!en) out.push(`English line does not read "<resource>: found …; required …. <change> Compliance basis: ….": ${lines[1]}`);
    if (!zh) out.push(`Chinese line does not read "<资源>：当前：…；要求：…。<修改>合规依据：…。": ${lines[2]}`);
    if (!en || !zh) return out;
    if (!HAN.test(zh.what! + zh.found! + zh.required + zh.rest)) out.push("Chinese line has no Chinese outside the bases");
    const basis = citable(control.metadata.bases).find((c) => c.text.en === en.bases && c.text.zh === zh.bases);
    if (!basis) out.push(`bases are not the policy's own (or a subset), in the same order in both languages: ${en.bases} / ${zh.bases}`);
    else if (!basis.ids.some((id) => BASES[id].clause.en !== "")) out.push("no article or clause cited");
    const stray = strayEnglish(lines[2]!, zh.bases!);
    if (stray) out.push(`English in the Chinese line: "${stray}"`);
    if ((en.note === undefined) !== (zh.note === undefined)) out.push("the unknown-value note is in one language only");
    if (en.note !== undefined && (en.note !== UNKNOWN_EN || zh.note !== UNKNOWN_ZH)) out.push("the unknown-value note differs from emit's");
    if (en.note !== undefined && f.enforcementLevel !== "advisory") out.push("a finding on an unknown value is not advisory");
    if (lines.length === 5) {
        if (!lines[3]!.startsWith("Exempted (reported as advisory) by ")) out.push("4th line is not the English exemption note");
        if (!lines[4]!.startsWith("已豁免（以建议级别报告），依据：")) out.push("5th line is not the Chinese exemption note");
        if (f.enforcementLevel !== "advisory") out.push("an exempted finding is not advisory");
    }
    return out;
}

describe("every finding reads as description, English line, Chinese line, with its bases", () => {
    // Seven scans, each a real pack process: run them once, before the checks, with room to spare.
    beforeAll(() => void all(), 600_000);

    it.each(controls.map((c) => c.metadata.name))("%s", (policy) => {
        const mine = all().filter(({ f }) => f.policyName === policy);
        expect(mine.length, `no scan produced a ${policy} finding to check`).toBeGreaterThan(0);
        const bad = mine.flatMap(({ scan, f }) => problems(f).map((p) => `${scan.name} ${f.resourceName ?? "stack"}: ${p}`));
        expect(bad).toEqual([]);
    });

    it("the scans include advisories, exempted findings and findings on unknown values", () => {
        const every = all().map(({ f }) => f);
        expect(every.some((f) => f.enforcementLevel === "advisory" && f.message.split("\n").length === 3)).toBe(true);
        expect(every.some((f) => f.message.split("\n").length === 5)).toBe(true);
        expect(every.some((f) => f.message.includes(UNKNOWN_EN))).toBe(true);
    });

    it("the check rejects what it must", () => {
        const good = findings(SCANS[1]!).find((f) => problems(f).length === 0 && f.policyName === "log-retention-minimum");
        expect(good, "a well-formed log-retention-minimum finding in aws-noncompliant").toBeDefined();
        const lines = good!.message.split("\n");
        const variants: [string, string][] = [
            ["no description", lines.slice(1).join("\n")],
            ["English in Chinese", [lines[0], lines[1], lines[2]!.replace("当前：", "当前：unset (default false)，")].join("\n")],
            ["old legal basis", [lines[0], lines[1]!.replace("Compliance basis:", "Legal basis:"), lines[2]].join("\n")],
            ["a basis of another policy", [lines[0], lines[1]!.replace(/Compliance basis: .+\.$/, "Compliance basis: PIPL Art. 51(3)."), lines[2]].join("\n")],
            ["no Chinese", [lines[0], lines[1], lines[1]].join("\n")],
        ];
        for (const [name, message] of variants) expect(problems({ ...good!, message }), name).not.toEqual([]);
    });
});
