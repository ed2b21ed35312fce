// Renders docs/policies.md from the policies' own metadata and config schemas, so the reference
// cannot drift from the code: test/docs/policy-reference.test.ts regenerates it in memory and
// compares. Pure: controls in, markdown out.
import { CATEGORIES, type Category, type Control } from "../../policies/shared/control";
import { BASES, type Basis, INSTRUMENTS, policyTags } from "../../policies/shared/bases";

/** The part of a JSON schema the reference describes (what shared/config.ts and exemptions.ts emit). */
interface SchemaNode {
    type?: string;
    description?: string;
    default?: unknown;
    minimum?: number;
    maximum?: number;
    minLength?: number;
    maxItems?: number;
    uniqueItems?: boolean;
    pattern?: string;
    enum?: unknown[];
    anyOf?: SchemaNode[];
    items?: SchemaNode;
    properties?: Record<string, SchemaNode>;
}

const CATEGORY_ZH: Record<Category, string> = {
    logging: "日志",
    "access-control": "访问控制",
    "data-residency": "数据驻留",
    encryption: "加密",
    "backup-recovery": "备份与恢复",
    "data-classification": "数据分类分级",
    identity: "身份鉴别",
    "threat-protection": "入侵和漏洞防范",
};

const SEVERITY_ZH: Record<string, string> = { low: "低", medium: "中", high: "高", critical: "严重" };
const LEVEL_ZH: Record<string, string> = { advisory: "建议", mandatory: "强制", remediate: "自动修复", disabled: "禁用" };

const KIND = {
    resource: { en: "resource policy: checks each resource on its own", zh: "资源策略：逐个检查资源" },
    stack: { en: "stack policy: checks the resources of the stack together", zh: "堆栈策略：综合检查堆栈中的全部资源" },
} as const;

/** Enumerations longer than this are counted, not listed. */
const MAX_LISTED_VALUES = 10;
/** Patterns longer than this are described, not printed. */
const MAX_SHOWN_PATTERN = 60;

type Kind = keyof typeof KIND;

export function kindOf(c: Control): Kind {
    return "validateStack" in c.policy ? "stack" : "resource";
}

/** The config schema as the engine sees it, `exemptResources` included. */
export function configProperties(c: Control): Record<string, SchemaNode> {
    return (c.policy.configSchema?.properties ?? {}) as Record<string, SchemaNode>;
}

function cell(text: string): string {
    return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

function code(value: unknown): string {
    return "`" + JSON.stringify(value) + "`";
}

function typeOf(node: SchemaNode): string {
    if (node.type !== "array") return node.type ?? "any";
    const items = node.items ?? {};
    if (items.type === "object") return `array of {${Object.keys(items.properties ?? {}).join(", ")}}`;
    return `array of ${items.type ?? "any"}s`;
}

function itemRule(items: SchemaNode): string[] {
    const out: string[] = [];
    if (items.minimum !== undefined && items.maximum !== undefined) out.push(`each ${items.minimum}–${items.maximum}`);
    const choices = items.anyOf ?? [items];
    const values = choices.flatMap((c) => c.enum ?? []);
    const patterns = choices.flatMap((c) => (c.pattern ? [c.pattern] : []));
    const alternatives: string[] = [];
    if (values.length > 0) {
        alternatives.push(values.length <= MAX_LISTED_VALUES ? `one of ${values.map((v) => code(v)).join(", ")}` : `one of ${values.length} known values`);
    }
    for (const p of patterns) alternatives.push(p.length <= MAX_SHOWN_PATTERN ? `matching \`${p}\`` : "matching the schema's pattern");
    if (alternatives.length > 0) out.push(`each ${alternatives.join(" or ")}`);
    for (const [name, prop] of Object.entries(items.properties ?? {})) {
        if (prop.minLength !== undefined) out.push(`\`${name}\` at least ${prop.minLength} character${prop.minLength === 1 ? "" : "s"}`);
    }
    return out;
}

function bounds(node: SchemaNode): string {
    const out: string[] = [];
    if (node.minimum !== undefined && node.maximum !== undefined) out.push(`${node.minimum}–${node.maximum}`);
    if (node.type === "array") {
        if (node.maxItems !== undefined) out.push(`at most ${node.maxItems}${node.uniqueItems ? " unique" : ""} items`);
        out.push(...itemRule(node.items ?? {}));
    }
    return out.length > 0 ? out.join("; ") : "—";
}

function configTable(c: Control): string[] {
    const rows = Object.entries(configProperties(c)).map(
        ([key, node]) => `| \`${key}\` | ${typeOf(node)} | ${code(node.default)} | ${cell(bounds(node))} | ${cell(node.description ?? "")} |`,
    );
    return ["| key | type | default | bounds | description |", "|---|---|---|---|---|", ...rows];
}

function complianceBasis(c: Control): string[] {
    return c.metadata.bases.map((id) => {
        const b: Basis = BASES[id];
        const i = INSTRUMENTS[b.instrument];
        const clause = (x: string) => (x === "" ? "" : ` ${x}`);
        return `- \`${id}\`: ${i.title.en}${clause(b.clause.en)} — ${b.requires.en} / ${i.title.zh}${clause(b.clause.zh)}：${b.requires.zh}`;
    });
}

function section(c: Control): string[] {
    const m = c.metadata;
    const kind = kindOf(c);
    const remediation = "remediateResource" in c.policy && c.policy.remediateResource !== undefined;
    return [
        `### ${m.name}`,
        "",
        m.description,
        "",
        m.zh.description,
        "",
        "| | |",
        "|---|---|",
        `| category · 类别 | ${m.category} · ${CATEGORY_ZH[m.category]} |`,
        `| severity · 严重性 | ${m.severity} · ${SEVERITY_ZH[m.severity] ?? m.severity} |`,
        `| default level · 默认级别 | ${m.enforcementLevel} · ${LEVEL_ZH[m.enforcementLevel] ?? m.enforcementLevel} |`,
        `| kind · 类型 | ${KIND[kind].en} · ${KIND[kind].zh} |`,
        `| automatic remediation · 自动修复 | ${remediation ? "yes, at level `remediate` · 支持（级别设为 `remediate`）" : "no · 不支持"} |`,
        `| tags · 标签 | ${policyTags(m.category, m.bases).map((t) => `\`${t}\``).join(", ")} |`,
        "",
        "**Compliance basis · 合规依据**",
        "",
        ...complianceBasis(c),
        "",
        `**Resource types · 资源类型** (${m.resourceTypes.length})`,
        "",
        m.resourceTypes.map((t) => `\`${t}\``).join(", "),
        "",
        "**Configuration · 配置**",
        "",
        ...configTable(c),
        "",
        "**Remediation**",
        "",
        m.remediationSteps,
        "",
        "**修复步骤**",
        "",
        m.zh.remediationSteps,
        "",
    ];
}

function indexTable(controls: readonly Control[]): string[] {
    const rows = controls.map((c) => {
        const m = c.metadata;
        const keys = Object.keys(configProperties(c))
            .map((k) => `\`${k}\``)
            .join(", ");
        return `| [${m.name}](#${m.name}) | ${m.category} | ${m.severity} | ${m.enforcementLevel} | ${kindOf(c)} | ${keys} |`;
    });
    return ["| policy · 策略 | category · 类别 | severity · 严重性 | default level · 默认级别 | kind · 类型 | config keys · 配置项 |", "|---|---|---|---|---|---|", ...rows];
}

const KIND_ZH = { law: "法律", regulation: "部门规章", standard: "推荐性国家标准", benchmark: "行业基准" } as const;

/** The instruments cited, each with the version and where its text is published. */
function instrumentTable(): string[] {
    const rows = Object.values(INSTRUMENTS).map((i) => `| ${i.title.en}<br>${i.title.zh} | ${i.kind} · ${KIND_ZH[i.kind]} | ${i.version} | ${cell(i.source)} |`);
    return [
        "## Instruments cited · 引用的法规与标准",
        "",
        "GB/T 22239-2019 is a recommended national standard, cited as a compliance basis (合规依据), not as law. · GB/T 22239-2019 为推荐性国家标准，作为合规依据引用，而非法律。",
        "",
        "| instrument · 名称 | kind · 性质 | version · 版本 | source · 出处 |",
        "|---|---|---|---|",
        ...rows,
    ];
}

/** docs/policies.md for the given controls, in registry order grouped by category. */
export function renderPolicyReference(controls: readonly Control[]): string {
    const lines = [
        "# Policy reference · 策略参考",
        "",
        "<!-- Generated by `npm run docs` (tools/docs/generate.ts) from each policy's metadata and config schema. Do not edit by hand: test/docs/policy-reference.test.ts fails when this file is out of date. -->",
        "",
        `The \`china-compliance\` policy pack has ${controls.length} policies. Each section below is generated from the policy's own ` +
            "metadata: what it checks, its severity and default enforcement level, the resource types it reads, its configuration " +
            "keys (JSON schema: type, default, bounds), its compliance basis (law articles and GB/T 22239-2019 clauses) and how to fix a finding — in English and in Chinese.",
        "",
        `\`china-compliance\` 策略包共有 ${controls.length} 条策略。以下各节由策略自身的元数据生成：检查内容、严重性和默认执行级别、` +
            "读取的资源类型、配置项（JSON Schema：类型、默认值、取值范围）、合规依据（法律条款与 GB/T 22239-2019 条款）以及修复方法，中英文对照。",
        "",
        "Every policy's level can be changed in the policy pack config (`\"<policy>\": \"advisory\"`, or `\"all\": \"mandatory\"`); " +
            "every policy accepts `exemptResources`. See the [README](../README.md) and [configuration](configuration.md).",
        "",
        ...indexTable(controls),
        "",
        ...instrumentTable(),
        "",
    ];
    for (const category of CATEGORIES) {
        const inCategory = controls.filter((c) => c.metadata.category === category);
        if (inCategory.length === 0) continue;
        lines.push(`## ${category} · ${CATEGORY_ZH[category]}`, "", ...inCategory.flatMap(section));
    }
    return lines.join("\n").replace(/\n+$/, "") + "\n";
}
