// What the data-residency controls share: their config (the same keys pack-wide), how a region
// value is judged against the allowlist, and how region findings are worded: the region word of
// each cloud's console (AWS 区域, Alibaba Cloud 地域), and the conditional cross-border note.
import { choiceList, readConfig, stringList } from "../shared/config";
import { type Change, type Emit, shownValue } from "../shared/emit";
import { type Bilingual, bi } from "../shared/messages";
import { type Cloud, KNOWN_REGIONS, MAINLAND_CHINA_REGIONS, REGION_WORD, isKnownRegion, matchesAny, supportedGlobPattern } from "../shared/regions";

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

/** The region word for a cloud; "region" / 区域 when the cloud is not known. */
export function regionWord(cloud: Cloud | undefined): Bilingual {
    return cloud ? REGION_WORD[cloud] : REGION_WORD.aws;
}

/** A region for a message: only names from the table are echoed (a value could be a secret). */
export function showRegion(value: unknown, cloud: Cloud | undefined): Bilingual {
    const word = regionWord(cloud);
    const shown = shownValue(value, { vocabulary: KNOWN_REGIONS });
    return shown.en === "a string value" ? bi("a region name not in the known region table", `不在已知${word.zh}列表中的${word.zh}名`) : bi(`region ${shown.en}`, `${word.zh} ${shown.zh}`);
}

export function showAllowlist(allowed: readonly string[], cloud: Cloud | undefined): Bilingual {
    const word = regionWord(cloud);
    const head = allowed.slice(0, 6).join(", ");
    const headZh = allowed.slice(0, 6).join("、");
    const more = allowed.length > 6 ? allowed.length - 6 : 0;
    return bi(
        `a region on \`allowedRegions\` (${head}${more ? `, and ${more} more` : ""})`,
        `位于 \`allowedRegions\` 允许的${word.zh}（${headZh}${more ? ` 等共 ${allowed.length} 个` : ""}）`,
    );
}

/** The finding's `kind` for any resource type: `resource \`<type token>\``, the token quoted as an identifier in both languages. */
export function typeKind(type: string): Bilingual {
    return bi(`resource \`${type}\``, `资源 \`${type}\``);
}

/**
 * What to do when data must go abroad, worded conditionally: since the 2024 Provisions on Promoting
 * and Regulating Cross-Border Data Flows a CAC security assessment is needed only for CIIOs,
 * important data and personal information above the thresholds (Provisions Art. 7; Measures Art. 4);
 * between the thresholds the standard contract or certification (Provisions Art. 8; PIPL Art. 38);
 * below them neither (Provisions Art. 5). Separate consent (PIPL Art. 39) applies in every case.
 */
export function crossBorderNote(cloud: Cloud | undefined): Bilingual {
    const word = regionWord(cloud);
    return bi(
        "If the data must go abroad: a CAC security assessment is required only for critical information infrastructure operators, important data, " +
            "or personal information above the thresholds; otherwise the standard contract or certification, or neither below the lower threshold; " +
            "then add the region to `allowedRegions`.",
        "如确需出境：仅关键信息基础设施运营者、重要数据或超过规定数量的个人信息须申报数据出境安全评估；其他情形订立个人信息出境标准合同或通过个人信息保护认证，" +
            `低于规定数量的免予申报；之后再将该${word.zh}加入 \`allowedRegions\`。`,
    );
}

const EXEMPTED_BY_TYPE = bi("Exempted by policy config `exemptResourceTypes`.", "已由策略配置 `exemptResourceTypes` 豁免。");

export interface RegionFinding {
    kind: Bilingual;
    /** In a stack policy: the resource reported on. */
    on?: { urn: string; name: string };
    cloud: Cloud | undefined;
    /** What the region is of, e.g. "" (the resource's), "provider" or "copy destination". */
    what: Bilingual;
    value: unknown;
    verdict: Exclude<Verdict, "allowed">;
    change: Change;
    fix: Bilingual;
    allowed: readonly string[];
    /** The type is listed in `exemptResourceTypes`. */
    exempted: boolean;
    /** Advisory whatever the verdict: the cause is reported on another resource (the provider). */
    advisory?: boolean;
}

/**
 * Emits one region finding: off the list → the policy's level (advisory when the type is
 * exempted by config); unrecognised or not a string → advisory, since the region cannot be placed.
 */
export function emitRegion(emit: Emit, f: RegionFinding): void {
    const shown = showRegion(f.value, f.cloud);
    const word = regionWord(f.cloud);
    const found = bi(f.what.en ? `${f.what.en} ${shown.en}` : shown.en, `${f.what.zh}${shown.zh}`);
    const note =
        f.verdict === "off-list"
            ? bi("", "")
            : f.verdict === "unrecognised"
              ? bi(" The region is not in the pack's region table, so it cannot be confirmed;", `该${word.zh}不在本策略包的${word.zh}表中，无法确认；`)
              : bi(" The value is not a region name, so it cannot be confirmed;", `该值不是${word.zh}名，无法确认；`);
    const exempt = f.exempted ? EXEMPTED_BY_TYPE : bi("", "");
    emit({
        kind: f.kind,
        ...(f.on ? { on: f.on } : {}),
        found: bi(`${found.en}${note.en}`, `${found.zh}${note.zh}`),
        required: showAllowlist(f.allowed, f.cloud),
        change: f.change,
        fix: bi(`${f.fix.en}${exempt.en ? ` ${exempt.en}` : ""}`, `${f.fix.zh}${exempt.zh}`),
        advisory: f.verdict !== "off-list" || f.exempted || f.advisory === true,
    });
}
