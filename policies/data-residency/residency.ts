// What the data-residency controls share: their config (the same keys pack-wide), how a region
// value is judged against the allowlist, and how findings are worded and reported.
import type { ReportViolation } from "@pulumi/policy";
import { choiceList, readConfig, stringList } from "../shared/config";
import { LEGAL, type LegalBasis } from "../shared/legal";
import { type Bilingual, bi, findingMessage, resourceLabel, safeValue } from "../shared/messages";
import { KNOWN_REGIONS, MAINLAND_CHINA_REGIONS, isKnownRegion, matchesAny, supportedGlobPattern } from "../shared/regions";
import { reportAdvisory } from "../shared/report";

/** A Pulumi type token (`aws:s3/bucket:Bucket`) or a provider type (`pulumi:providers:aws`). */
export const TYPE_TOKEN_PATTERN = "^(?:[a-z0-9-]+:[A-Za-z0-9/]+:[A-Za-z0-9]+|pulumi:providers:[a-z0-9-]+)$";

export const config = {
    allowedRegions: choiceList(
        "Regions where resources and copies of data may be placed: region names of AWS or Alibaba Cloud, `*`, or leading name segments followed by `-*` " +
            "(e.g. `eu-*`, `ap-southeast-*`). Default: mainland China (AWS cn-north-1, cn-northwest-1; every Alibaba Cloud cn-* region except cn-hongkong). " +
            "Note that `cn-*` includes cn-hongkong.",
        [...MAINLAND_CHINA_REGIONS],
        KNOWN_REGIONS,
        supportedGlobPattern(),
    ),
    exemptResourceTypes: stringList(
        "Type tokens (e.g. `aws:s3/bucket:Bucket`) whose findings are reported as advisory, marked as exempted by this setting.",
        [],
        TYPE_TOKEN_PATTERN,
    ),
};

export interface ResidencyConfig {
    allowedRegions: string[];
    exemptResourceTypes: string[];
}

export function readResidencyConfig(given: Record<string, unknown>): ResidencyConfig {
    return readConfig(config, given);
}

/** How a region value stands against the allowlist. */
export type Verdict = "allowed" | "off-list" | "unrecognised" | "not-a-string";

export function judgeRegion(value: unknown, allowed: readonly string[]): Verdict {
    if (typeof value !== "string") {
        return "not-a-string";
    }
    if (matchesAny(allowed, value)) {
        return "allowed";
    }
    // A name missing from the table may be a region launched after it: say so, but do not block.
    return isKnownRegion(value) ? "off-list" : "unrecognised";
}

/** A region for a message: only names from the table are echoed (a value could be a secret). */
export function showRegion(value: unknown): Bilingual {
    const shown = safeValue(value, { vocabulary: KNOWN_REGIONS });
    return shown === "a string value" ? bi("a region name not in the known region table", "不在已知地域列表中的地域名") : bi(`region ${shown}`, `地域 ${shown}`);
}

export function showAllowlist(allowed: readonly string[]): Bilingual {
    const head = allowed.slice(0, 6).join(", ");
    const more = allowed.length > 6 ? allowed.length - 6 : 0;
    return bi(
        `a region on \`allowedRegions\` (${head}${more ? `, and ${more} more` : ""})`,
        `位于 \`allowedRegions\` 允许的地域（${head}${more ? ` 等共 ${allowed.length} 个` : ""}）`,
    );
}

export function typeLabel(type: string, name: string): Bilingual {
    return resourceLabel(bi(`resource ${type}`, `资源 ${type}`), name);
}

export const RESIDENCY_BASIS: readonly LegalBasis[] = [LEGAL.dsl, LEGAL.pipl];
export const TRANSFER_BASIS: readonly LegalBasis[] = [LEGAL.dsl, LEGAL.pipl, LEGAL["cbdt-measures"]];

export interface RegionFinding {
    resource: Bilingual;
    /** What the region is of, e.g. "region" or "copy destination". */
    what: Bilingual;
    value: unknown;
    verdict: Exclude<Verdict, "allowed">;
    property: string;
    fix: Bilingual;
    basis: readonly LegalBasis[];
    allowed: readonly string[];
    urn?: string;
}

/**
 * Reports one region finding: off the list → the policy's level (advisory when the type is
 * exempted by config); unrecognised or not a string → advisory, since the region cannot be placed.
 */
export function reportRegion(report: ReportViolation, f: RegionFinding, exempted: boolean): void {
    const shown = showRegion(f.value);
    const found = bi(f.what.en ? `${f.what.en} ${shown.en}` : shown.en, `${f.what.zh}${shown.zh}`);
    const note =
        f.verdict === "off-list"
            ? bi("", "")
            : f.verdict === "unrecognised"
              ? bi(" The region is not in the pack's region table, so it cannot be confirmed;", "该地域不在本策略包的地域表中，无法确认；")
              : bi(" The value is not a region name, so it cannot be confirmed;", "该值不是地域名，无法确认；");
    const exemptNote = exempted ? bi(" Exempted by policy config `exemptResourceTypes`.", "已由策略配置 `exemptResourceTypes` 豁免。") : bi("", "");
    const message = findingMessage({
        resource: f.resource,
        found: bi(`${found.en}${note.en}`, `${found.zh}${note.zh}`),
        required: showAllowlist(f.allowed),
        property: f.property,
        fix: bi(`${f.fix.en}${exemptNote.en}`, `${f.fix.zh}${exemptNote.zh}`),
        basis: f.basis,
    });
    if (f.verdict === "off-list" && !exempted) {
        report(message, f.urn);
    } else {
        reportAdvisory(report, message, f.urn);
    }
}
