// The region table for both clouds, glob matching, zone → region, and the effective region of a
// resource. Kept in the project (not fetched) so that config can be checked offline at Configure
// and a typo in an allowlist fails instead of silently allowing nothing.
import type * as aws from "@pulumi/aws";
import { matchesGlob } from "./glob";
import { type Bilingual, bi } from "./messages";
import { Input, type Read } from "./reader";

/**
 * AWS regions. Source: the `aws.Region` enum of @pulumi/aws 7.48.0 (types/enums/index.d.ts): every
 * commercial, China, GovCloud, ISO and European Sovereign Cloud region. The two type checks below
 * keep this list and the installed SDK's enum identical after an upgrade.
 */
export const AWS_REGIONS = [
    "af-south-1",
    "ap-east-1",
    "ap-east-2",
    "ap-northeast-1",
    "ap-northeast-2",
    "ap-northeast-3",
    "ap-south-1",
    "ap-south-2",
    "ap-southeast-1",
    "ap-southeast-2",
    "ap-southeast-3",
    "ap-southeast-4",
    "ap-southeast-5",
    "ap-southeast-6",
    "ap-southeast-7",
    "ca-central-1",
    "ca-west-1",
    "eu-central-1",
    "eu-central-2",
    "eu-north-1",
    "eu-south-1",
    "eu-south-2",
    "eu-west-1",
    "eu-west-2",
    "eu-west-3",
    "il-central-1",
    "me-central-1",
    "me-south-1",
    "mx-central-1",
    "sa-east-1",
    "us-east-1",
    "us-east-2",
    "us-west-1",
    "us-west-2",
    "cn-north-1",
    "cn-northwest-1",
    "eusc-de-east-1",
    "us-gov-east-1",
    "us-gov-west-1",
    "us-iso-east-1",
    "us-iso-west-1",
    "us-isob-east-1",
    "us-isob-west-1",
    "eu-isoe-west-1",
    "us-isof-east-1",
    "us-isof-south-1",
] as const satisfies readonly aws.Region[];
// Fails to compile when the SDK's enum gains a region this table lacks.
const awsTableIsComplete: Exclude<aws.Region, (typeof AWS_REGIONS)[number]> extends never ? true : never = true;
void awsTableIsComplete;

/** Alibaba Cloud regions in mainland China that are ordinary public regions. */
const ALICLOUD_MAINLAND_PUBLIC = [
    "cn-qingdao",
    "cn-beijing",
    "cn-zhangjiakou",
    "cn-huhehaote",
    "cn-wulanchabu",
    "cn-hangzhou",
    "cn-shanghai",
    "cn-nanjing",
    "cn-fuzhou",
    "cn-shenzhen",
    "cn-heyuan",
    "cn-guangzhou",
    "cn-wuhan-lr",
    "cn-chengdu",
    "cn-zhongwei",
    "cn-zhengzhou-jva",
    "cn-heyuan-acdr-1",
] as const;

/** Alibaba Cloud finance and government regions (mainland China, restricted access). */
const ALICLOUD_MAINLAND_FINANCE_GOV = ["cn-hangzhou-finance", "cn-shanghai-finance-1", "cn-shenzhen-finance-1", "cn-beijing-finance-1", "cn-north-2-gov-1"] as const;

/**
 * Alibaba Cloud regions. Source: the ECS 2014-05-26 region list of the Alibaba Cloud OpenAPI
 * portal (api.aliyun.com, "Regions"), as recorded in aliyun/terraform-provider-alicloud's ECS
 * endpoint test (alicloud/connectivity), plus the finance and government regions of the
 * provider's region constants, checked against Alibaba Cloud's "Regions and zones" list (2026:
 * ap-southeast-8, Malaysia (Johor), added). @pulumi/alicloud ships no region enum, so a region
 * launched later is "not in the table": an advisory, and a configuration naming it is rejected
 * until it is added here. The operators of the mainland regions are in docs/regions.md.
 */
export const ALICLOUD_REGIONS = [
    ...ALICLOUD_MAINLAND_PUBLIC,
    ...ALICLOUD_MAINLAND_FINANCE_GOV,
    "cn-hongkong",
    "ap-northeast-1",
    "ap-northeast-2",
    "ap-south-1",
    "ap-southeast-1",
    "ap-southeast-2",
    "ap-southeast-3",
    "ap-southeast-5",
    "ap-southeast-6",
    "ap-southeast-7",
    "ap-southeast-8",
    "eu-central-1",
    "eu-west-1",
    "me-central-1",
    "me-east-1",
    "na-south-1",
    "us-east-1",
    "us-southeast-1",
    "us-west-1",
] as const;

/** Every region either cloud publishes, sorted, without duplicates (some names exist on both). */
export const KNOWN_REGIONS: readonly string[] = [...new Set<string>([...AWS_REGIONS, ...ALICLOUD_REGIONS])].sort();

/**
 * Mainland China: AWS China (Beijing, Ningxia) and every Alibaba Cloud `cn-*` region except
 * `cn-hongkong` (Hong Kong is outside the mainland for the Data Security Law and PIPL), finance and
 * government regions included. Listed by name rather than `cn-*` so that Hong Kong stays out.
 */
export const MAINLAND_CHINA_REGIONS: readonly string[] = ["cn-north-1", "cn-northwest-1", ...ALICLOUD_MAINLAND_PUBLIC, ...ALICLOUD_MAINLAND_FINANCE_GOV];

const KNOWN = new Set(KNOWN_REGIONS);

export function isKnownRegion(name: unknown): name is string {
    return typeof name === "string" && KNOWN.has(name);
}

export function isGlob(pattern: string): boolean {
    return pattern.includes("*");
}

/** True when `region` matches `pattern`: a region name, or a glob where `*` matches any run of characters. */
export function globMatches(pattern: string, region: string): boolean {
    return isGlob(pattern) ? matchesGlob(region, pattern) : pattern === region;
}

export function matchesAny(patterns: readonly string[], region: string): boolean {
    return patterns.some((p) => globMatches(p, region));
}

export function globMatchesSomeRegion(pattern: string): boolean {
    return KNOWN_REGIONS.some((r) => globMatches(pattern, r));
}

/**
 * Leading segments of known region names: `cn-shanghai-finance-1` gives `cn`, `cn-shanghai` and
 * `cn-shanghai-finance`. A supported glob is `*` or one of these followed by `-*`.
 */
export function regionFamilies(): string[] {
    const families = new Set<string>();
    for (const r of KNOWN_REGIONS) {
        const parts = r.split("-");
        for (let i = 1; i < parts.length; i++) {
            families.add(parts.slice(0, i).join("-"));
        }
    }
    return [...families].sort();
}

/**
 * A JSON-schema `pattern` accepting exactly the supported globs that match at least one known
 * region: `*`, or a family from `regionFamilies()` followed by `-*` (`eu-*`, `ap-southeast-*`,
 * `cn-shanghai-finance-*`). Globs with `*` elsewhere are not accepted: a pattern accepting exactly
 * every glob that matches some region needs look-ahead or grows exponentially, and the Pulumi
 * CLI checks patterns with Go's RE2, which has no look-ahead. Valid in RE2 and in ECMAScript
 * with the `u` flag (ajv).
 */
export function supportedGlobPattern(): string {
    return `^(?:\\*|(?:${regionFamilies().join("|")})-\\*)$`;
}

/**
 * The region of an availability zone: `cn-hangzhou-h` → `cn-hangzhou`, `cn-shanghai-finance-1a` →
 * `cn-shanghai-finance-1`, `us-east-1a` → `us-east-1`. A zone is a known region followed by one
 * letter, separated by `-` when the region name ends in a letter. Undefined when no known region fits.
 */
export function zoneToRegion(zone: unknown): string | undefined {
    if (typeof zone !== "string") {
        return undefined;
    }
    // Longest first, so that `cn-hangzhou-finance-b` is not read as a zone of `cn-hangzhou`.
    const candidates = KNOWN_REGIONS.filter((r) => zone.startsWith(r)).sort((a, b) => b.length - a.length);
    for (const r of candidates) {
        const rest = zone.slice(r.length);
        const endsInDigit = /\d$/.test(r);
        if (endsInDigit ? /^[a-z]$/.test(rest) : /^-[a-z]$/.test(rest)) {
            return r;
        }
    }
    return undefined;
}

/** The region of an OSS location: `oss-cn-beijing` → `cn-beijing`; a bare region name is accepted too. */
export function ossLocationToRegion(location: unknown): string | undefined {
    if (typeof location !== "string") {
        return undefined;
    }
    const name = location.startsWith("oss-") ? location.slice("oss-".length) : location;
    return isKnownRegion(name) ? name : undefined;
}

export type Cloud = "aws" | "alicloud";

const CLOUD_PREFIXES: readonly (readonly [string, Cloud])[] = [
    ["aws:", "aws"],
    ["alicloud:", "alicloud"],
];

/** The cloud whose resource (or provider resource) a type token names: the pack's one reading of a token's package. */
export function cloudOf(type: string): Cloud | undefined {
    const provider = type.startsWith(PROVIDER_PREFIX) ? type.slice(PROVIDER_PREFIX.length) + ":" : type;
    return CLOUD_PREFIXES.find(([prefix]) => provider.startsWith(prefix))?.[1];
}

const PROVIDER_PREFIX = "pulumi:providers:";

export function isProviderType(type: string): boolean {
    return type.startsWith(PROVIDER_PREFIX);
}

/** What each cloud's Chinese console calls a region: AWS 区域, Alibaba Cloud 地域. */
export const REGION_WORD: Readonly<Record<Cloud, Bilingual>> = {
    aws: bi("region", "区域"),
    alicloud: bi("region", "地域"),
};

/** Where a resource's region was read from, for messages ("property to change"). */
export type RegionSource = "region" | "provider";

/**
 * The region a resource runs in, as far as its inputs tell: `set` with the raw value and where it
 * came from, `unset` (no per-resource region and no provider region: env-only configuration is
 * invisible to policies), or `unknown` during preview. The raw value is not validated here: it
 * may be missing from the table. Never throws, also on the SDK's unknown-checking proxy.
 */
export type EffectiveRegion = { kind: "set"; value: unknown; source: RegionSource } | { kind: "unset" } | { kind: "unknown"; source: RegionSource };

interface Placed {
    type: string;
    props: unknown;
    provider?: { props: unknown } | undefined;
}

/** A region input: an empty string is no region (the provider's applies). */
function regionInput(props: unknown): Read<unknown> {
    const read = Input.of(props).get("region").raw();
    return read.kind === "value" && read.value === "" ? { kind: "absent", path: read.path } : read;
}

/**
 * AWS: the resource's own `region` input (@pulumi/aws v7), else its provider's `region`. Alibaba
 * Cloud has no per-resource region: the provider's `region`. A provider resource: its own `region`.
 * `cloud` defaults to the type token's.
 */
export function effectiveRegion(r: Placed, cloud: Cloud | undefined = cloudOf(r.type)): EffectiveRegion {
    const provider = isProviderType(r.type);
    if (provider || cloud === "aws") {
        const own = regionInput(r.props);
        const source: RegionSource = provider ? "provider" : "region";
        if (own.kind === "unknown") return { kind: "unknown", source };
        if (own.kind === "value" || own.kind === "invalid") return { kind: "set", value: own.kind === "value" ? own.value : own.raw, source };
        if (provider) return { kind: "unset" };
    }
    const fromProvider = regionInput(r.provider?.props);
    if (fromProvider.kind === "unknown") return { kind: "unknown", source: "provider" };
    return fromProvider.kind === "value" ? { kind: "set", value: fromProvider.value, source: "provider" } : { kind: "unset" };
}
