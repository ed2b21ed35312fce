// The coverage matrix: the level-3 requirements of GB/T 22239-2019 (general, 8.1, and the cloud
// extension, 8.2), each with who provides the evidence when the pack does not check it. Whether
// the pack checks a row is not written here: it is derived from the clauses its controls cite.
import type { Bilingual } from "../../policies/shared/messages";

/** Who answers a requirement the pack does not check from the infrastructure code. */
export type Otherwise = "provider" | "manual";

export interface Requirement {
    /** Clause number; a row covers every clause that starts with it. */
    clause: string;
    title: Bilingual;
    otherwise: Otherwise;
}

const row = (clause: string, zh: string, en: string, otherwise: Otherwise): Requirement => ({ clause, title: { en, zh }, otherwise });

export const LEVEL3_REQUIREMENTS: readonly Requirement[] = [
    row("8.1.1", "安全物理环境", "Physical environment", "provider"),
    row("8.1.2", "安全通信网络（网络架构、通信传输、可信验证）", "Communication network (architecture, transmission, trusted verification)", "manual"),
    row("8.1.3.1", "安全区域边界 边界防护", "Area boundary: boundary protection", "manual"),
    row("8.1.3.2", "安全区域边界 访问控制", "Area boundary: access control", "manual"),
    row("8.1.3.3", "安全区域边界 入侵防范", "Area boundary: intrusion prevention", "manual"),
    row("8.1.3.4", "安全区域边界 恶意代码和垃圾邮件防范", "Area boundary: malicious code and spam prevention", "manual"),
    row("8.1.3.5", "安全区域边界 安全审计", "Area boundary: security audit", "manual"),
    row("8.1.3.6", "安全区域边界 可信验证", "Area boundary: trusted verification", "manual"),
    row("8.1.4.1", "安全计算环境 身份鉴别", "Computing environment: identification and authentication", "manual"),
    row("8.1.4.2", "安全计算环境 访问控制", "Computing environment: access control", "manual"),
    row("8.1.4.3", "安全计算环境 安全审计", "Computing environment: security audit", "manual"),
    row("8.1.4.4", "安全计算环境 入侵防范", "Computing environment: intrusion prevention", "manual"),
    row("8.1.4.5", "安全计算环境 恶意代码防范", "Computing environment: malicious code prevention", "manual"),
    row("8.1.4.6", "安全计算环境 可信验证", "Computing environment: trusted verification", "manual"),
    row("8.1.4.7", "安全计算环境 数据完整性", "Computing environment: data integrity", "manual"),
    row("8.1.4.8", "安全计算环境 数据保密性", "Computing environment: data confidentiality", "manual"),
    row("8.1.4.9", "安全计算环境 数据备份恢复", "Computing environment: data backup and recovery", "manual"),
    row("8.1.4.10", "安全计算环境 剩余信息保护", "Computing environment: residual information protection", "manual"),
    row("8.1.4.11", "安全计算环境 个人信息保护", "Computing environment: personal information protection", "manual"),
    row("8.1.5", "安全管理中心", "Security management centre", "manual"),
    row("8.1.6", "安全管理制度", "Security management policies", "manual"),
    row("8.1.7", "安全管理机构", "Security management organisation", "manual"),
    row("8.1.8", "安全管理人员", "Security management personnel", "manual"),
    row("8.1.9", "安全建设管理", "Security construction management", "manual"),
    row("8.1.10", "安全运维管理（含应急预案与演练）", "Security operations management (incl. emergency plans and drills)", "manual"),
    row("8.2.1", "云计算扩展要求 安全物理环境（基础设施位于中国境内）", "Cloud: physical environment (infrastructure in China)", "provider"),
    row("8.2.2", "云计算扩展要求 安全通信网络", "Cloud: communication network", "provider"),
    row("8.2.3.1", "云计算扩展要求 安全区域边界 访问控制", "Cloud: area boundary, access control", "manual"),
    row("8.2.3.2", "云计算扩展要求 安全区域边界 入侵防范", "Cloud: area boundary, intrusion prevention", "manual"),
    row("8.2.3.3", "云计算扩展要求 安全区域边界 安全审计", "Cloud: area boundary, security audit", "manual"),
    row("8.2.4.1", "云计算扩展要求 安全计算环境 身份鉴别", "Cloud: computing environment, identification", "manual"),
    row("8.2.4.2", "云计算扩展要求 安全计算环境 访问控制", "Cloud: computing environment, access control", "manual"),
    row("8.2.4.3", "云计算扩展要求 安全计算环境 入侵防范", "Cloud: computing environment, intrusion prevention", "manual"),
    row("8.2.4.4", "云计算扩展要求 安全计算环境 镜像和快照保护", "Cloud: computing environment, image and snapshot protection", "manual"),
    row("8.2.4.5", "云计算扩展要求 安全计算环境 数据完整性和保密性", "Cloud: computing environment, data integrity and confidentiality", "manual"),
    row("8.2.4.6", "云计算扩展要求 安全计算环境 数据备份恢复", "Cloud: computing environment, data backup and recovery", "manual"),
    row("8.2.4.7", "云计算扩展要求 安全计算环境 剩余信息保护", "Cloud: computing environment, residual information protection", "manual"),
    row("8.2.5", "云计算扩展要求 安全管理中心", "Cloud: security management centre", "manual"),
    row("8.2.6", "云计算扩展要求 安全建设管理（云服务商选择、供应链管理）", "Cloud: construction management (provider selection, supply chain)", "manual"),
    row("8.2.7", "云计算扩展要求 安全运维管理", "Cloud: operations management", "manual"),
];

/** The first clause number of a cited clause text: "8.1.4.3 a)–d)" → "8.1.4.3". */
export function clauseNumber(cited: string): string {
    return /^[0-9.]+/.exec(cited)?.[0].replace(/\.$/, "") ?? cited;
}

/** Whether a cited clause falls under a requirement row ("8.1.10.5" under "8.1.10", not "8.1.1"). */
export function under(cited: string, row: string): boolean {
    const n = clauseNumber(cited);
    return n === row || n.startsWith(`${row}.`);
}
