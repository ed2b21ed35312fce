// The Chinese laws and standards the pack implements, named once so every message and every
// policy's metadata cites them the same way, in English and in Chinese.
import type { PolicyComplianceFramework } from "@pulumi/policy";

export interface LegalBasis {
    /** Tag used in policy `tags` (kebab-case). */
    tag: FrameworkTag;
    en: string;
    zh: string;
}

export type FrameworkTag = "csl-art21" | "mlps2-l3" | "dsl" | "pipl" | "cbdt-measures" | "cis-aws";

export const LEGAL: Record<FrameworkTag, LegalBasis> = {
    "csl-art21": {
        tag: "csl-art21",
        en: "Cybersecurity Law of the PRC, Art. 21(3) (network logs kept at least six months)",
        zh: "《中华人民共和国网络安全法》第二十一条第（三）项（网络日志留存不少于六个月）",
    },
    "mlps2-l3": {
        tag: "mlps2-l3",
        en: "MLPS 2.0, GB/T 22239-2019, level 3",
        zh: "网络安全等级保护2.0（GB/T 22239-2019）第三级",
    },
    dsl: {
        tag: "dsl",
        en: "Data Security Law of the PRC",
        zh: "《中华人民共和国数据安全法》",
    },
    pipl: {
        tag: "pipl",
        en: "Personal Information Protection Law of the PRC, Art. 38-40",
        zh: "《中华人民共和国个人信息保护法》第三十八条至第四十条",
    },
    "cbdt-measures": {
        tag: "cbdt-measures",
        en: "Measures for the Security Assessment of Outbound Data Transfers",
        zh: "《数据出境安全评估办法》",
    },
    "cis-aws": {
        tag: "cis-aws",
        en: "CIS Amazon Web Services Foundations Benchmark",
        zh: "CIS AWS 基础安全基准",
    },
};

/** Compliance frameworks as @pulumi/policy reports them (PolicyInfo.framework). */
export const FRAMEWORKS = {
    cslLogRetention: {
        name: "Cybersecurity Law of the PRC (网络安全法)",
        version: "2017",
        reference: "Art. 21(3)",
        specification: "Take technical measures to monitor and record network operation and security events, and keep the relevant network logs for no less than six months.",
    },
    mlpsAudit: {
        name: "MLPS 2.0 (GB/T 22239-2019)",
        version: "2019",
        reference: "Level 3, security audit (安全审计)",
        specification: "Audit records are protected and retained; audit covers every user and important security event.",
    },
    mlpsAccessControl: {
        name: "MLPS 2.0 (GB/T 22239-2019)",
        version: "2019",
        reference: "Level 3, access control and boundary protection (访问控制、边界防护)",
        specification: "Access control rules are set at network boundaries; by default, everything not explicitly allowed is denied.",
    },
    dslResidency: {
        name: "Data Security Law of the PRC (数据安全法) / PIPL (个人信息保护法)",
        version: "2021",
        reference: "DSL Art. 31; PIPL Art. 38-40",
        specification: "Important data and personal information collected in mainland China are stored in mainland China; outbound transfer requires a security assessment.",
    },
    dslEncryption: {
        name: "Data Security Law of the PRC (数据安全法) / MLPS 2.0",
        version: "2021",
        reference: "DSL Art. 27; MLPS 2.0 level 3 data confidentiality (数据保密性)",
        specification: "Take technical measures such as encryption to protect data at rest.",
    },
} satisfies Record<string, PolicyComplianceFramework>;
