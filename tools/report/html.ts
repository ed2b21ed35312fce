// The assessor's report as one self-contained HTML file: inline CSS, no script, no font or image
// from a network (pipelines are offline); Chinese first, English beside it; a print stylesheet
// that starts each control area on a new page. Every value goes through `html`, which escapes it:
// resource names, tags and exemption reasons are user input.
import { BASES, type Basis } from "../../policies/shared/bases";
import type { Bilingual } from "../../policies/shared/messages";
import type { ScanReport } from "../scan/report";
import { LEVEL3_REQUIREMENTS, under } from "./coverage";
import { type Check, type ClauseSection, type ControlResult, type Counts, type ReportModel, type Status, buildModel, packControls } from "./model";

/** Markup that is already safe; anything else interpolated into `html` is escaped. */
class Safe {
    constructor(readonly text: string) {}
    toString(): string {
        return this.text;
    }
}

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(s: string): string {
    return s.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

type Part = Safe | string | number | null | undefined | readonly Part[];

function piece(v: Part): string {
    if (v === null || v === undefined) return "";
    if (v instanceof Safe) return v.text;
    if (Array.isArray(v)) return (v as readonly Part[]).map(piece).join("");
    return escapeHtml(String(v));
}

export function html(strings: TemplateStringsArray, ...values: Part[]): Safe {
    return new Safe(strings.reduce((out, s, i) => out + s + (i < values.length ? piece(values[i]) : ""), ""));
}

export const STATUS_LABEL: Record<Status | "notApplicable", Bilingual> = {
    passed: { zh: "符合", en: "Passed" },
    failed: { zh: "不符合", en: "Failed" },
    exempted: { zh: "已豁免", en: "Exempted" },
    unknown: { zh: "待部署后确认", en: "Unknown until deployment" },
    notApplicable: { zh: "不适用", en: "Not applicable" },
};

/** Chinese first, English beside it. */
const both = (b: Bilingual): Safe => html`<span lang="zh-CN">${b.zh}</span> <span class="en" lang="en">${b.en}</span>`;

const CSS = `
:root{--ok:#1a7f37;--bad:#cf222e;--ex:#9a6700;--unk:#6639ba;--na:#57606a;--line:#d0d7de}
*{box-sizing:border-box}
body{font:15px/1.5 "Noto Sans CJK SC","WenQuanYi Micro Hei","PingFang SC","Microsoft YaHei",system-ui,sans-serif;margin:0 auto;max-width:1100px;padding:16px;color:#1f2328}
h1{font-size:1.5em;margin:.2em 0}h2{font-size:1.25em;border-bottom:2px solid var(--line);padding-bottom:4px;margin-top:1.6em}h3{font-size:1.1em;margin:1.4em 0 .2em;background:#f6f8fa;padding:4px 6px}h4{font-size:1em;margin:1em 0 .3em}.ref{margin:.2em 0 .8em;font-size:.92em}
.en{color:#57606a}
.scroll{overflow-x:auto}
table{border-collapse:collapse;width:100%;margin:.4em 0 1em}
th,td{border:1px solid var(--line);padding:4px 6px;text-align:left;vertical-align:top}
th{background:#f6f8fa}td.n{text-align:right;font-variant-numeric:tabular-nums}
code,.mono{font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:.85em;word-break:break-all}
.s{font-weight:600;white-space:nowrap}.s-passed{color:var(--ok)}.s-failed{color:var(--bad)}.s-exempted{color:var(--ex)}.s-unknown{color:var(--unk)}.s-notApplicable{color:var(--na)}
.notice{border-left:4px solid var(--ex);background:#fff8c5;padding:8px 12px}
dl.prov{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px}dl.prov dt{font-weight:600}dl.prov dd{margin:0;overflow-wrap:anywhere}
.requires{color:#57606a;font-size:.92em}
@media (max-width:640px){body{font-size:14px;padding:8px}dl.prov{grid-template-columns:1fr}}
@media print{body{max-width:none;padding:0;font-size:10.5pt}.area{break-before:page}h2,h3,h4{break-after:avoid}tr{break-inside:avoid}.scroll{overflow:visible}a{color:inherit;text-decoration:none}}
@page{size:A4;margin:14mm 12mm}
`;

function countCells(c: Counts): Safe {
    return html`<td class="n">${c.checked}</td><td class="n">${c.passed}</td><td class="n">${c.failed}</td><td class="n">${c.exempted}</td><td class="n">${c.unknown}</td><td class="n">${c.notApplicable}</td>`;
}

const COUNT_HEAD = html`<th>检查项 <span class="en">Checked</span></th><th>${both(STATUS_LABEL.passed)}</th><th>${both(STATUS_LABEL.failed)}</th><th>${both(STATUS_LABEL.exempted)}</th><th>${both(STATUS_LABEL.unknown)}</th><th>${both(STATUS_LABEL.notApplicable)}<br><span class="en">(controls)</span></th>`;

const clauseTitle = (s: ClauseSection): Bilingual => ({ zh: `${s.instrument.zh} ${s.basis.clause.zh}`.trim(), en: `${s.instrument.en} ${s.basis.clause.en}`.trim() });

function status(s: Status | "notApplicable"): Safe {
    return html`<span class="s s-${s}">${STATUS_LABEL[s].zh}</span> <span class="en">${STATUS_LABEL[s].en}</span>`;
}

function checkRow(c: Check): Safe {
    const evidence = c.evidence ? both(c.evidence) : html`未发现问题 <span class="en">no finding</span>`;
    const fix = c.status === "failed" && c.fix ? both(c.fix) : c.status === "exempted" && c.exemption ? html`${c.exemption.reason}` : "";
    return html`<tr data-status="${c.status}"><td><span class="mono">${c.resourceName}</span><br><code>${c.resourceType}</code></td><td>${status(c.status)}${c.level && c.status !== "passed" ? html`<br><span class="en">${c.level}</span>` : ""}</td><td>${evidence}</td><td>${fix}</td></tr>`;
}

function controlBlock(r: ControlResult, detailed: boolean, area: string): Safe {
    const head = html`<h4 id="${detailed ? `${area}--${r.control.name}` : null}"><code>${r.control.name}</code> ${r.control.zhDescription} <span class="en">${r.control.description}</span></h4>`;
    if (!detailed) {
        const c = r.checks;
        const n = (s: Status): number => c.filter((x) => x.status === s).length;
        return html`${head}<p class="ref">${STATUS_LABEL.passed.zh} ${n("passed")} · ${STATUS_LABEL.failed.zh} ${n("failed")} · ${STATUS_LABEL.exempted.zh} ${n("exempted")} · ${STATUS_LABEL.unknown.zh} ${n("unknown")} — 逐资源结果见上文 <span class="en">resource-by-resource results above</span>: <a href="#${area}--${r.control.name}">${r.control.name}</a></p>`;
    }
    if (r.notApplicable) {
        return html`${head}<p>${status("notApplicable")}: 堆栈中没有本控制检查的资源类型 <span class="en">the stack has no resource of the types this control reads</span> (<code>${r.control.resourceTypes.join(", ")}</code>)</p>`;
    }
    return html`${head}<div class="scroll"><table><thead><tr><th>资源 <span class="en">Resource</span></th><th>状态 <span class="en">Status</span></th><th>证据（读取的值） <span class="en">Evidence (value seen)</span></th><th>整改 / 豁免理由 <span class="en">Fix / exemption reason</span></th></tr></thead><tbody>${r.checks.map(checkRow)}</tbody></table></div>`;
}

function clauseBlock(s: ClauseSection, area: string): Safe {
    const b: Basis = s.basis;
    return html`<section class="clause" data-clause="${s.id}"><h3>${both(clauseTitle(s))}</h3><p class="requires">${both(b.requires)}</p>${s.controls.map((r) => controlBlock(r, s.detailed.includes(r.control.name), area))}</section>`;
}

function provenance(m: ReportModel): Safe {
    const p = m.provenance;
    const source = p.source === "offline-scan" ? { zh: "离线扫描（程序在模拟环境中运行，相当于首次预览）", en: "offline scan (program run under mocks, as a first preview)" } : { zh: "真实 pulumi preview 的事件日志", en: "event log of a real pulumi preview" };
    return html`<dl class="prov">
<dt>策略包 <span class="en">Policy pack</span></dt><dd>${p.pack.name} v${p.pack.version}</dd>
<dt>项目 / 堆栈 <span class="en">Project / stack</span></dt><dd>${p.project ?? "—"} / ${p.stack ?? "—"}</dd>
<dt>检查对象 <span class="en">Target</span></dt><dd>${p.target}</dd>
<dt>程序提交 <span class="en">Program commit</span></dt><dd class="mono">${p.commit ?? "无（不在 git 仓库中） none (not in a git repository)"}</dd>
<dt>来源 <span class="en">Source</span></dt><dd>${both(source)}</dd>
<dt>生成时间 <span class="en">Generated</span></dt><dd>${p.generatedAt}</dd>
<dt>生成工具 <span class="en">Tool</span></dt><dd>${p.tool.name} ${p.tool.version}</dd>
<dt>配置哈希 <span class="en">Configuration SHA-256</span></dt><dd class="mono">${p.configHash}</dd>
</dl>
<details><summary>策略配置 <span class="en">Policy configuration</span></summary><pre class="mono">${JSON.stringify(p.config, null, 2)}</pre></details>`;
}

function summary(m: ReportModel): Safe {
    return html`<h3>按控制领域 <span class="en">By control area</span></h3><div class="scroll"><table class="by-area"><thead><tr><th>领域 <span class="en">Area</span></th>${COUNT_HEAD}</tr></thead><tbody>
${m.areas.map((a) => html`<tr data-area="${a.category}"><td><a href="#area-${a.category}">${both(a.title)}</a></td>${countCells(a.counts)}</tr>`)}
<tr class="total" data-area="total"><th>合计 <span class="en">Total</span></th>${countCells(m.totals)}</tr></tbody></table></div>
<h3>按条款 <span class="en">By clause</span></h3><div class="scroll"><table class="by-clause"><thead><tr><th>条款 <span class="en">Clause</span></th>${COUNT_HEAD}</tr></thead><tbody>
${m.clauses.map((c) => html`<tr data-clause="${c.id}"><td>${both(clauseTitle(c))}</td>${countCells(c.counts)}</tr>`)}</tbody></table></div>`;
}

function register(m: ReportModel): Safe {
    if (m.exemptions.length === 0) return html`<p>无豁免。 <span class="en">No exemptions.</span></p>`;
    const st: Record<string, Bilingual> = { active: { zh: "有效", en: "active" }, expired: { zh: "已过期（按原级别报告）", en: "expired (reported at the policy's level)" }, "invalid-date": { zh: "日期无效（按原级别报告）", en: "invalid date (reported at the policy's level)" } };
    return html`<div class="scroll"><table class="register"><thead><tr><th>资源 <span class="en">Resource</span></th><th>策略 <span class="en">Policy</span></th><th>理由 <span class="en">Reason</span></th><th>设置者 <span class="en">Set by</span></th><th>有效期至 <span class="en">Until</span></th><th>状态 <span class="en">Status</span></th></tr></thead><tbody>
${m.exemptions.map((c) => {
    const e = c.exemption;
    if (!e) return "";
    const by = e.source === "tag" ? { zh: "资源标签 compliance:exempt", en: "the resource's compliance:exempt tag" } : { zh: `策略配置 exemptResources 规则 ${e.pattern ?? ""}`, en: `policy config exemptResources pattern ${e.pattern ?? ""}` };
    return html`<tr><td><span class="mono">${c.resourceName}</span><br><code>${c.resourceType}</code></td><td><code>${c.policyName}</code></td><td>${e.reason}</td><td>${both(by)}</td><td>${e.until ?? "未写明 / not stated"}</td><td>${both(st[e.status] ?? { zh: e.status, en: e.status })}</td></tr>`;
})}</tbody></table></div>`;
}

function coverage(m: ReportModel): Safe {
    const cited = m.clauses.filter((c) => c.basis.instrument === "mlps");
    const rows = LEVEL3_REQUIREMENTS.map((r) => {
        const covering = cited.filter((c) => under(c.basis.clause.en, r.clause));
        const controls = [...new Set(covering.flatMap((c) => c.controls.map((x) => x.control.name)))];
        const who: Bilingual = controls.length > 0 ? { zh: "本策略包检查（基础设施代码部分）", en: "checked by this pack (the infrastructure-code part)" } : r.otherwise === "provider" ? { zh: "云服务商责任（索取其等保测评结论）", en: "cloud provider's responsibility (ask for its MLPS assessment)" } : { zh: "需人工提供证据（制度、记录、演练、合同等）", en: "needs manual evidence (process, records, drills, contracts)" };
        const kind = controls.length > 0 ? "checked" : r.otherwise;
        return html`<tr data-coverage="${kind}"><td>${r.clause}</td><td>${both(r.title)}</td><td>${both(who)}</td><td>${controls.map((n, i) => html`${i > 0 ? ", " : ""}<code>${n}</code>`)}</td></tr>`;
    });
    return html`<div class="scroll"><table class="coverage"><thead><tr><th>条款 <span class="en">Clause</span></th><th>要求 <span class="en">Requirement</span></th><th>证据来源 <span class="en">Evidence from</span></th><th>控制 <span class="en">Controls</span></th></tr></thead><tbody>${rows}</tbody></table></div>`;
}

export function renderHtml(m: ReportModel): string {
    const p = m.provenance;
    const title = `等保合规检查报告 MLPS compliance evidence — ${p.project ?? p.target}${p.stack ? ` / ${p.stack}` : ""}`;
    const body = html`<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${title}</title><style>${new Safe(CSS)}</style></head><body>
<header><h1>等保 2.0 合规检查证据报告 <span class="en">MLPS 2.0 compliance evidence report</span></h1>
<p>GB/T 22239-2019 第三级，按条款、逐资源列出检查结果 <span class="en">GB/T 22239-2019 level 3, clause by clause, resource by resource</span></p>
<p class="notice">${both({ zh: "本报告仅反映基础设施代码在部署前的检查结果，不是等级保护测评结论或备案证明；通过全部检查也不代表系统已通过等保测评。", en: "This report shows pre-deployment checks of infrastructure code only. It is not an MLPS assessment result or certificate; passing every check does not mean the system has passed MLPS assessment." })}</p></header>
<section id="provenance"><h2>来源信息 <span class="en">Provenance</span></h2>${provenance(m)}</section>
<section id="summary"><h2>汇总 <span class="en">Summary</span></h2>${summary(m)}${m.unplaced.length > 0 ? html`<p>无法归入条款的策略（缺少元数据） <span class="en">Policies without metadata, not placed</span>: ${m.unplaced.join(", ")}</p>` : ""}</section>
${m.areas.map((a) => html`<section class="area" id="area-${a.category}"><h2>${both(a.title)}</h2>${a.clauses.map((c) => clauseBlock(c, a.category))}</section>`)}
<section class="area" id="exemptions"><h2>风险接受登记（豁免） <span class="en">Risk-acceptance register (exemptions)</span></h2>${register(m)}</section>
<section class="area" id="coverage"><h2>覆盖范围 <span class="en">Coverage matrix</span></h2>
<p>${both({ zh: "下表列出第三级要求中哪些由本策略包检查、哪些属于云服务商责任、哪些需人工证据。", en: "Which level-3 requirements this pack checks, which are the cloud provider's responsibility, and which need manual evidence." })}</p>${coverage(m)}</section>
</body></html>
`;
    return body.text;
}

/** scan --format html. */
export function formatHtml(report: ScanReport, opts: { now?: Date; source?: "offline-scan" | "preview-event-log" } = {}): string {
    return renderHtml(buildModel(report, { controls: packControls(report.pack.dir), ...opts }));
}

/** Clause ids the pack knows, for tests that look for every cited clause. */
export const KNOWN_CLAUSES = Object.keys(BASES);
