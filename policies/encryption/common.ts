// Pieces the encryption-at-rest controls share: the pack-wide `requireCustomerManagedKeys`
// switch, reading an encryption flag that may be a boolean or a "true"/"false" string, telling
// whether a KMS key is named, and the bilingual texts every encryption finding uses.
import type { PolicyResource } from "@pulumi/policy";
import { type BasisId } from "../shared/bases";
import { boolean } from "../shared/config";
import { shownValue } from "../shared/emit";
import { type Bilingual, bi } from "../shared/messages";
import { isRecord } from "../shared/properties";
import { type Input } from "../shared/reader";
import { type Cloud, effectiveRegion } from "../shared/regions";
import { tryRead } from "../shared/stack";

export const CMK_CONFIG = {
    requireCustomerManagedKeys: boolean(
        "When true, disks, databases, file systems and buckets must name a customer-managed KMS key, not only be encrypted with a service-managed key. S3 buckets are only checked when this is true.",
        false,
    ),
};

/** The bases of a finding that data is not encrypted at rest. */
export const ENCRYPTION_BASES = ["csl-23-4", "pipl-51-3", "mlps-8.1.4.8"] as const satisfies readonly BasisId[];
/** The bases of a finding about the key rather than encryption itself: GB/T 22239 8.2.4.5 d), the customer's own key management. */
export const CMK_BASES = ["csl-23-4", "mlps-8.2.4.5-d"] as const satisfies readonly BasisId[];

/** An encryption flag as read: explicitly on or off, unset (the documented default applies), unknown during preview, or of the wrong shape. */
export type Flag = { kind: "on" } | { kind: "off" } | { kind: "unset" } | { kind: "unknown" } | { kind: "invalid"; raw: unknown };

/** Reads a flag input without throwing; "true"/"false" strings count. */
export function readFlag(input: Input): Flag {
    const r = input.boolean();
    switch (r.kind) {
        case "unknown":
            return { kind: "unknown" };
        case "absent":
            return { kind: "unset" };
        case "invalid":
            return { kind: "invalid", raw: r.raw };
        case "value":
            return r.value ? { kind: "on" } : { kind: "off" };
    }
}

/**
 * True when an input names something: a non-empty string, a non-empty object, or a value unknown
 * during preview. An unknown value is an output of another resource (typically `key.arn`), so it
 * will name a key; treating it as named never turns an unknown into a violation.
 */
export function isNamed(input: Input): boolean {
    const r = input.raw();
    if (r.kind === "unknown") return true;
    if (r.kind !== "value") return false;
    const v = r.value;
    if (typeof v === "string") return v.trim() !== "";
    if (isRecord(v)) {
        const keys = tryRead(() => Object.keys(v).length);
        return !keys.known || keys.value > 0;
    }
    return false;
}

/** Renders a flag for a message (values outside true/false are never echoed). */
export function describeFlag(flag: Flag, unsetMeans: Bilingual): Bilingual {
    switch (flag.kind) {
        case "on":
            return bi("encrypted", "已加密");
        case "off":
            return bi("encryption off (false)", "未加密（false）");
        case "unset":
            return unsetMeans;
        case "unknown":
            return bi("a value that is unknown until deployment", "部署前未知的值");
        case "invalid": {
            const v = shownValue(flag.raw, { vocabulary: ["true", "false"] });
            return bi(`encryption flag ${v.en}`, `加密开关为${v.zh}`);
        }
    }
}

export const REQUIRED_ENCRYPTED = bi("encrypted at rest", "静态加密");
export const REQUIRED_CMK = bi("encrypted with a customer-managed KMS key (requireCustomerManagedKeys)", "使用客户托管密钥（CMK）加密（requireCustomerManagedKeys）");
export const FOUND_SERVICE_KEY = bi("encrypted with a service-managed key, no KMS key named", "使用服务托管密钥加密，未指定 KMS 密钥");

/** Why these controls never remediate (docs/design.md, "Configuration, exemptions, remediation"): the change replaces a stateful resource. */
export const REPLACES = bi(
    "Changing this replaces the resource: copy the data to a new encrypted one (encrypted snapshot or backup, then restore) before switching.",
    "修改该项会替换资源：请先将数据迁移到新的加密资源（加密快照或备份后恢复）再切换。",
);

export type Tri = "yes" | "no" | "unknown";

/** Any of the values is yes → yes; else any unknown → unknown; else no. */
export function anyOf(values: readonly Tri[]): Tri {
    if (values.includes("yes")) return "yes";
    if (values.includes("unknown")) return "unknown";
    return "no";
}

export function allOf(values: readonly Tri[]): Tri {
    if (values.includes("no")) return "no";
    if (values.includes("unknown")) return "unknown";
    return "yes";
}

export type { Cloud } from "../shared/regions";

/**
 * The region a resource lives in, for matching account-level settings (which apply per region):
 * aws resources have their own `region` input, else the provider's; alicloud only the provider's.
 * `undefined` = the ambient default (no region given anywhere). Unknown during preview → `{known:false}`.
 */
export function regionOf(r: PolicyResource, cloud: Cloud): { known: true; value: string | undefined } | { known: false } {
    const eff = effectiveRegion({ type: r.type, props: r.props, provider: r.provider }, cloud);
    if (eff.kind === "unknown") return { known: false };
    return { known: true, value: eff.kind === "set" && typeof eff.value === "string" ? eff.value : undefined };
}

export function sameRegion(a: PolicyResource, b: PolicyResource, cloud: Cloud): Tri {
    const ra = regionOf(a, cloud);
    const rb = regionOf(b, cloud);
    if (!ra.known || !rb.known) return "unknown";
    return ra.value === rb.value ? "yes" : "no";
}
