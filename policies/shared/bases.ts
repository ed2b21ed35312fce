// The compliance bases the pack cites: each instrument (law, regulation, standard) and each
// article or clause, named once, in English and Chinese. A control's metadata lists the ids of
// its bases; the finding messages, the policy reference (docs/policies.md), the scan's JSON and
// SARIF and the assessor's report are all rendered from this table, so a report can group
// findings by clause and a citation is corrected in one place.
import type { PolicyComplianceFramework } from "@pulumi/policy";
import { type Bilingual, bi } from "./messages";

export interface Instrument {
    /** Short tag, used in policy `tags` (kebab-case). */
    tag: string;
    /** Full title, e.g. 《中华人民共和国网络安全法》. */
    title: Bilingual;
    /** How a message names it before the article or clause. */
    short: Bilingual;
    /** law and regulation bind; a recommended national standard (GB/T) is a compliance basis, not law. */
    kind: "law" | "regulation" | "standard" | "benchmark";
    /** The version cited (amendment, edition). */
    version: string;
    /** Where the cited version's text is published, so a reader can check the citation. */
    source: string;
}

export const INSTRUMENTS = {
    csl: {
        tag: "csl",
        title: bi("Cybersecurity Law of the PRC (as amended 2025-10-28, in force 2026-01-01)", "《中华人民共和国网络安全法》（2025年10月28日修正，2026年1月1日起施行）"),
        short: bi("Cybersecurity Law", "《中华人民共和国网络安全法》"),
        kind: "law",
        version: "2025 amendment",
        source: "NPC Standing Committee Decision of 2025-10-28 amending the Cybersecurity Law (全国人民代表大会常务委员会关于修改《中华人民共和国网络安全法》的决定): inserts Art. 3 and Art. 20, so Art. 21 → 23 and Art. 37 → 39; published by Xinhua 2025-10-28 and on cac.gov.cn",
    },
    dsl: {
        tag: "dsl",
        title: bi("Data Security Law of the PRC", "《中华人民共和国数据安全法》"),
        short: bi("Data Security Law", "《中华人民共和国数据安全法》"),
        kind: "law",
        version: "2021",
        source: "Adopted 2021-06-10, in force 2021-09-01; text on npc.gov.cn",
    },
    pipl: {
        tag: "pipl",
        title: bi("Personal Information Protection Law of the PRC", "《中华人民共和国个人信息保护法》"),
        short: bi("PIPL", "《中华人民共和国个人信息保护法》"),
        kind: "law",
        version: "2021",
        source: "Adopted 2021-08-20, in force 2021-11-01; text on npc.gov.cn",
    },
    "cbdt-provisions": {
        tag: "cbdt-provisions",
        title: bi("Provisions on Promoting and Regulating Cross-Border Data Flows (CAC, 2024)", "《促进和规范数据跨境流动规定》（国家互联网信息办公室，2024年）"),
        short: bi("Cross-Border Data Flow Provisions (2024)", "《促进和规范数据跨境流动规定》"),
        kind: "regulation",
        version: "2024",
        source: "CAC Order No. 16, published and in force 2024-03-22; text on cac.gov.cn",
    },
    "cbdt-measures": {
        tag: "cbdt-measures",
        title: bi("Measures for the Security Assessment of Outbound Data Transfers (CAC, 2022)", "《数据出境安全评估办法》（国家互联网信息办公室，2022年）"),
        short: bi("Outbound Data Transfer Assessment Measures", "《数据出境安全评估办法》"),
        kind: "regulation",
        version: "2022",
        source: "CAC Order No. 11, in force 2022-09-01 (thresholds adjusted by the 2024 Provisions); text on cac.gov.cn",
    },
    mlps: {
        tag: "mlps2-l3",
        title: bi(
            "GB/T 22239-2019 Information security technology — Baseline for classified protection of cybersecurity (MLPS 2.0), level 3",
            "GB/T 22239-2019《信息安全技术 网络安全等级保护基本要求》第三级",
        ),
        short: bi("GB/T 22239-2019 level 3", "GB/T 22239-2019《信息安全技术 网络安全等级保护基本要求》第三级"),
        kind: "standard",
        version: "2019",
        source: "Recommended national standard, published 2019-05-10, in force 2019-12-01 (SAMR / SAC); openstd.samr.gov.cn",
    },
    "cis-aws": {
        tag: "cis-aws",
        title: bi("CIS Amazon Web Services Foundations Benchmark", "CIS AWS 基础安全基准"),
        short: bi("CIS AWS Foundations Benchmark", "CIS AWS 基础安全基准"),
        kind: "benchmark",
        version: "3.0",
        source: "Center for Internet Security, cisecurity.org",
    },
} as const satisfies Record<string, Instrument>;

export type InstrumentId = keyof typeof INSTRUMENTS;

export interface Basis {
    instrument: InstrumentId;
    /** The article or clause as cited, e.g. `Art. 23(3) (Art. 21(3) before 2026-01-01)` / `第二十三条第三项`. */
    clause: Bilingual;
    /** What it asks, in one line. */
    requires: Bilingual;
}

function basis(instrument: InstrumentId, clauseEn: string, clauseZh: string, requiresEn: string, requiresZh: string): Basis {
    return { instrument, clause: bi(clauseEn, clauseZh), requires: bi(requiresEn, requiresZh) };
}

/**
 * Every article and clause the pack cites. Ids are `<instrument>-<clause>`. Add a row here
 * before citing it from a control; the registry test fails on an id that is not here.
 */
export const BASES = {
    // Cybersecurity Law, as amended 2025-10-28 (in force 2026-01-01): the amendment inserted new
    // articles, so Art. 21 became Art. 23 and Art. 37 became Art. 39.
    "csl-23": basis("csl", "Art. 23 (Art. 21 before 2026-01-01)", "第二十三条", "network operators fulfil the security duties of the graded protection scheme (MLPS)", "网络运营者应当按照网络安全等级保护制度的要求，履行安全保护义务"),
    "csl-23-2": basis("csl", "Art. 23(2) (Art. 21(2) before 2026-01-01)", "第二十三条第二项", "technical measures against computer viruses, network attacks and intrusions", "采取防范计算机病毒和网络攻击、网络侵入等危害网络安全行为的技术措施"),
    "csl-23-3": basis("csl", "Art. 23(3) (Art. 21(3) before 2026-01-01)", "第二十三条第三项", "monitor and record network operation and security events, and keep the network logs at least six months", "采取监测、记录网络运行状态、网络安全事件的技术措施，并按照规定留存相关的网络日志不少于六个月"),
    "csl-23-4": basis("csl", "Art. 23(4) (Art. 21(4) before 2026-01-01)", "第二十三条第四项", "data classification, backup of important data, and encryption", "采取数据分类、重要数据备份和加密等措施"),
    "csl-39": basis("csl", "Art. 39 (Art. 37 before 2026-01-01)", "第三十九条", "operators of critical information infrastructure store personal information and important data collected and generated in China inside China; an export they need goes through a security assessment", "关键信息基础设施的运营者在境内运营中收集和产生的个人信息和重要数据应当在境内存储；因业务需要确需向境外提供的，应当进行安全评估"),
    "dsl-21": basis("dsl", "Art. 21", "第二十一条", "data classified and protected by class; core data under stricter management", "国家建立数据分类分级保护制度，对核心数据实行更加严格的管理制度"),
    "dsl-31": basis("dsl", "Art. 31", "第三十一条", "outbound transfer of important data: CIIOs under the Cybersecurity Law, other processors under the CAC's measures", "重要数据的出境安全管理：关键信息基础设施运营者适用《网络安全法》的规定，其他数据处理者适用国家网信部门会同有关部门制定的办法"),
    "pipl-38": basis("pipl", "Art. 38", "第三十八条", "personal information goes abroad only with one of: a CAC security assessment, certification, the standard contract, or another condition set by law or the CAC", "向境外提供个人信息应当具备下列条件之一：通过国家网信部门组织的安全评估、经专业机构进行个人信息保护认证、按照标准合同与境外接收方订立合同、法律法规或者国家网信部门规定的其他条件"),
    "pipl-39": basis("pipl", "Art. 39", "第三十九条", "individuals are told who receives their personal information abroad and how, and give separate consent", "向境外提供个人信息的，应当告知境外接收方的名称、联系方式、处理目的、处理方式等事项，并取得个人的单独同意"),
    "pipl-40": basis("pipl", "Art. 40", "第四十条", "CIIOs and processors of personal information above the CAC's volume store it in China; an export they need passes the CAC security assessment", "关键信息基础设施运营者和处理个人信息达到国家网信部门规定数量的个人信息处理者，应当将在境内收集和产生的个人信息存储在境内；确需向境外提供的，应当通过国家网信部门组织的安全评估"),
    "pipl-47": basis("pipl", "Art. 47", "第四十七条", "personal information is deleted when the purpose ends or the retention period expires", "处理目的已实现、保存期限已届满等情形下应当主动删除个人信息"),
    "pipl-51-2": basis("pipl", "Art. 51(2)", "第五十一条第二项", "personal information is managed by category", "对个人信息实行分类管理"),
    "pipl-51-3": basis("pipl", "Art. 51(3)", "第五十一条第三项", "encryption, de-identification and other security measures", "采取相应的加密、去标识化等安全技术措施"),
    "cbdt-provisions-7-8": basis(
        "cbdt-provisions",
        "Art. 7, Art. 8 (exemptions: Art. 5)",
        "第七条、第八条（免予申报：第五条）",
        "a CAC security assessment only for CIIOs, important data, or personal information of 1,000,000+ people (10,000+ for sensitive) since 1 January; standard contract or certification for 100,000–1,000,000 (sensitive: under 10,000); neither under 100,000 (non-sensitive)",
        "关键信息基础设施运营者、重要数据，或自当年1月1日起累计向境外提供100万人以上个人信息（不含敏感个人信息）或1万人以上敏感个人信息的，申报数据出境安全评估；10万人以上、不满100万人个人信息或不满1万人敏感个人信息的，订立标准合同或通过认证；不满10万人个人信息（不含敏感个人信息）的免予申报",
    ),
    "cbdt-measures-4": basis("cbdt-measures", "Art. 4", "第四条", "the cases in which an outbound transfer is declared for security assessment (volume thresholds as adjusted by the 2024 Provisions)", "数据处理者向境外提供数据应当申报数据出境安全评估的情形（数量标准以2024年《促进和规范数据跨境流动规定》的调整为准）"),
    // GB/T 22239-2019, level 3: 8.1 general requirements, 8.2 cloud computing extension.
    "mlps-8.1.3.1": basis("mlps", "8.1.3.1", "8.1.3.1", "boundary protection: traffic crosses the boundary only through controlled ports", "边界防护：跨越边界的访问和数据流通过边界设备提供的受控接口进行通信"),
    "mlps-8.1.3.2": basis("mlps", "8.1.3.2", "8.1.3.2", "access control rules at network boundaries; deny by default", "访问控制：在网络边界根据访问控制策略设置访问控制规则，默认情况下除允许通信外受控接口拒绝所有通信"),
    "mlps-8.1.3.3": basis("mlps", "8.1.3.3", "8.1.3.3", "intrusion prevention at key network nodes", "入侵防范：在关键网络节点处检测、防止或限制从外部发起的网络攻击行为"),
    "mlps-8.1.3.5": basis("mlps", "8.1.3.5", "8.1.3.5", "security audit at network boundaries and key nodes", "安全审计：在网络边界、重要网络节点进行安全审计，审计覆盖到每个用户"),
    "mlps-8.1.4.1": basis("mlps", "8.1.4.1 a)–d)", "8.1.4.1 a)～d)", "identification and authentication: unique identities, complex passwords changed regularly, login-failure handling, two factors", "身份鉴别：身份标识唯一、口令复杂度并定期更换、登录失败处理、采用两种或两种以上组合的鉴别技术"),
    "mlps-8.1.4.2": basis("mlps", "8.1.4.2", "8.1.4.2", "access control on the computing environment", "访问控制：对登录的用户分配账户和权限"),
    "mlps-8.1.4.3": basis("mlps", "8.1.4.3 a)–d)", "8.1.4.3 a)～d)", "security audit: audit enabled for every user and important event, records protected and kept", "安全审计：启用安全审计功能，审计覆盖到每个用户，对审计记录进行保护、定期备份，避免受到未预期的删除、修改或覆盖"),
    "mlps-8.1.4.4": basis("mlps", "8.1.4.4", "8.1.4.4", "intrusion prevention: unneeded services and high-risk ports closed, management terminals restricted, vulnerabilities found and fixed", "入侵防范：关闭不需要的系统服务、默认共享和高危端口，限制管理终端，发现可能存在的已知漏洞并及时修补"),
    "mlps-8.1.4.5": basis("mlps", "8.1.4.5", "8.1.4.5", "malicious-code prevention", "恶意代码防范"),
    "mlps-8.1.4.8": basis("mlps", "8.1.4.8 b)", "8.1.4.8 b)", "data confidentiality: important data encrypted in storage", "数据保密性：采用密码技术保证重要数据在存储过程中的保密性"),
    "mlps-8.1.4.9": basis("mlps", "8.1.4.9", "8.1.4.9", "data backup and recovery: local backup, off-site backup, hot redundancy", "数据备份恢复：提供重要数据的本地数据备份与恢复功能、异地实时备份功能、重要数据处理系统的热冗余"),
    "mlps-8.1.4.10": basis("mlps", "8.1.4.10", "8.1.4.10", "residual information protection", "剩余信息保护：保证鉴别信息和敏感数据所在的存储空间被释放或重新分配前得到完全清除"),
    "mlps-8.1.10.2": basis("mlps", "8.1.10.2 b)–c)", "8.1.10.2 b)～c)", "asset management: assets marked by importance; information classified and labelled, and its use, transfer and storage managed", "资产管理：根据资产的重要程度对资产进行标识管理；对信息分类与标识方法作出规定，并对信息的使用、传输和存储等进行规范化管理"),
    "mlps-8.1.10.5": basis("mlps", "8.1.10.5", "8.1.10.5", "vulnerability and risk management: vulnerabilities found and fixed in time", "漏洞和风险管理：识别安全漏洞和隐患，及时进行修补"),
    "mlps-8.2.3.1": basis("mlps", "8.2.3.1", "8.2.3.1", "cloud: access control between virtual networks and at their boundaries", "云计算扩展要求 访问控制：在虚拟化网络边界部署访问控制机制"),
    "mlps-8.2.3.3": basis("mlps", "8.2.3.3", "8.2.3.3", "cloud: security audit of cloud operations and administrators", "云计算扩展要求 安全审计：对云服务商和云服务客户的操作进行审计"),
    "mlps-8.2.4.5": basis("mlps", "8.2.4.5 a)", "8.2.4.5 a)", "cloud: customer data and personal information stored inside China", "云计算扩展要求 数据完整性和保密性：确保云服务客户数据、用户个人信息等存储于中国境内"),
    "mlps-8.2.4.5-d": basis("mlps", "8.2.4.5 d)", "8.2.4.5 d)", "cloud: the customer deploys its own key management and encrypts and decrypts its data itself", "云计算扩展要求 数据完整性和保密性：支持云服务客户部署密钥管理解决方案，保证云服务客户自行实现数据的加解密过程"),
    "mlps-8.2.4.6": basis("mlps", "8.2.4.6", "8.2.4.6", "cloud: backup and recovery, replicas kept where the customer can control them", "云计算扩展要求 数据备份恢复：云服务客户在本地保存其业务数据的备份，查询数据及备份存储位置"),
    "mlps-8.2.4.7": basis("mlps", "8.2.4.7", "8.2.4.7", "cloud: residual information removed when a cloud service ends", "云计算扩展要求 剩余信息保护：云服务客户删除业务应用数据时，云存储中所有副本被删除"),
    "cis-aws": basis("cis-aws", "", "", "CIS AWS Foundations Benchmark recommendation", "CIS AWS 基础安全基准建议"),
} as const satisfies Record<string, Basis>;

export type BasisId = keyof typeof BASES;

/** Renders bases grouped by instrument: `Cybersecurity Law Art. 23(3) …; GB/T 22239-2019 level 3 8.1.4.3 a)–d), 8.1.3.5`. */
export function renderBases(ids: readonly BasisId[]): Bilingual {
    const groups = new Map<InstrumentId, Basis[]>();
    for (const id of ids) {
        const b: Basis = BASES[id];
        const list = groups.get(b.instrument) ?? [];
        list.push(b);
        groups.set(b.instrument, list);
    }
    const en: string[] = [];
    const zh: string[] = [];
    for (const [instrument, list] of groups) {
        const i: Instrument = INSTRUMENTS[instrument];
        const clausesEn = list.map((b) => b.clause.en).filter((c) => c !== "");
        const clausesZh = list.map((b) => b.clause.zh).filter((c) => c !== "");
        en.push(clausesEn.length > 0 ? `${i.short.en} ${clausesEn.join(", ")}` : i.short.en);
        zh.push(clausesZh.length > 0 ? `${i.short.zh}${i.kind === "standard" ? " " : ""}${clausesZh.join("、")}` : i.short.zh);
    }
    return bi(en.join("; "), zh.join("；"));
}

/** The policy tags of a set of bases: one per instrument, in first-cited order. */
export function instrumentTags(ids: readonly BasisId[]): string[] {
    return [...new Set(ids.map((id) => INSTRUMENTS[BASES[id].instrument].tag))];
}

/**
 * A policy's tags: its category, the instruments it cites, then each basis id, so SARIF rules and
 * scan's JSON can be grouped by instrument and by clause (`csl-23-3`, `mlps-8.1.4.3`).
 */
export function policyTags(category: string, ids: readonly BasisId[]): string[] {
    // A Set: the CIS benchmark's instrument tag and its one basis id are both `cis-aws`.
    return [...new Set([category, ...instrumentTags(ids), ...ids])];
}

/** The @pulumi/policy `framework` of a control: its first instrument, with every clause cited from it. */
export function frameworkOf(ids: readonly BasisId[]): PolicyComplianceFramework {
    const first = ids[0];
    if (first === undefined) throw new Error("a control needs at least one basis");
    const instrument = BASES[first].instrument;
    const same = ids.filter((id) => BASES[id].instrument === instrument).map((id): Basis => BASES[id]);
    return {
        name: INSTRUMENTS[instrument].title.en,
        version: INSTRUMENTS[instrument].version,
        reference: same.map((b) => b.clause.en).join(", "),
        specification: same.map((b) => b.requires.en).join("; "),
    };
}
