// Classified data stays in the approved regions, strictly (Data Security Law Art. 21 and 31, PIPL
// Art. 40, GB/T 22239-2019 8.2.4.5 a)): from `fromLevel` up (default personal), a stateful
// resource is in a region on `allowedRegions` and no copy of it (replica, cross-region backup,
// replication) leaves them; the most sensitive level (core data by default) must also be in a
// region on `coreDataRegions` (default: the allowlist). Strictly: where allowed-regions and
// copy-destination-allowed-regions give an advisory (a region the pack cannot place, no region
// visible, a type exempted by `exemptResourceTypes`), this control reports at its own level.
// The regions are read as the data-residency controls read them (effectiveRegion, the copy
// table); a stack policy, because a copy is a resource of its own that names its source.
import type * as alicloud from "@pulumi/alicloud";
import type * as aws from "@pulumi/aws";
import type { PolicyResource, StackValidationArgs } from "@pulumi/policy";
import { COPY_DESTINATIONS } from "../data-residency/copy-destination-allowed-regions";
import { type Destination, EFFECTIVE } from "../data-residency/destinations";
import { config as residencyConfig, judgeRegion, regionWord, showRegion } from "../data-residency/residency";
import { Candidates, knownIds, pairwiseLinks, programType } from "../logging/links";
import { choiceList, readConfig } from "../shared/config";
import { type ControlMetadata, stackControl } from "../shared/control";
import { type Change, type Emit } from "../shared/emit";
import { type Bilingual, bi } from "../shared/messages";
import { inputName } from "../shared/properties";
import { Input } from "../shared/reader";
import { type Cloud, KNOWN_REGIONS, cloudOf, effectiveRegion, supportedGlobPattern } from "../shared/regions";
import { StackIndex } from "../shared/stack";
import { STATEFUL } from "./classification";
import { type Subject, classifiedConfig, eachClassified, emitProblem } from "./classified";

const RULE = "a stateful resource and every copy of it must be in a region on allowedRegions (and, for the most sensitive level, on coreDataRegions)";

export const config = {
    ...classifiedConfig(RULE),
    allowedRegions: residencyConfig.allowedRegions,
    coreDataRegions: choiceList(
        "Regions where data of the most sensitive classification level (core data by default) may be placed; empty (the default) means the same as allowedRegions. " +
            "Names and patterns as in allowedRegions; a region must be on both lists.",
        [],
        KNOWN_REGIONS,
        supportedGlobPattern(),
    ),
};

/** Copy resources that name the resource they copy, and the input that names it. */
export const COPY_SOURCES: Readonly<Record<string, { input: string; ids: readonly string[] }>> = {
    "aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication": { input: inputName<aws.rds.InstanceAutomatedBackupsReplicationArgs>("sourceDbInstanceArn"), ids: ["arn"] },
    "aws:dynamodb/tableReplica:TableReplica": { input: inputName<aws.dynamodb.TableReplicaArgs>("globalTableArn"), ids: ["arn"] },
    "alicloud:rds/rdsInstanceCrossBackupPolicy:RdsInstanceCrossBackupPolicy": { input: inputName<alicloud.rds.RdsInstanceCrossBackupPolicyArgs>("instanceId"), ids: [] },
    "alicloud:ebs/diskReplicaPair:DiskReplicaPair": { input: inputName<alicloud.ebs.DiskReplicaPairArgs>("diskId"), ids: [] },
    "alicloud:oss/bucketReplication:BucketReplication": { input: inputName<alicloud.oss.BucketReplicationArgs>("bucket"), ids: ["bucket"] },
    "alicloud:polardb/backupPolicy:BackupPolicy": { input: inputName<alicloud.polardb.BackupPolicyArgs>("dbClusterId"), ids: [] },
};

const TYPES = Object.keys(STATEFUL);

export const metadata: ControlMetadata = {
    name: "classified-data-in-region",
    description:
        "Stateful resources holding classified data (default: personal information and above), and every copy of them, are strictly in regions on the allowlist; core data also on `coreDataRegions`.",
    category: "data-classification",
    bases: ["dsl-21", "dsl-31", "pipl-40", "mlps-8.2.4.5"],
    severity: "critical",
    enforcementLevel: "mandatory",
    remediationSteps:
        "Place the resource in an allowed region (its provider's `region`, or on AWS its own `region`), and point every replica, cross-region backup and replication of it at an allowed region, " +
        "as allowed-regions and copy-destination-allowed-regions describe. Set the region explicitly: for classified data a region the pack cannot see or place is not accepted. " +
        "Core data must also be in a region on `coreDataRegions`. Moving a stateful resource replaces it: copy the data first. Or lower the resource's classification if it holds no such data.",
    zh: {
        description: "存放分类数据（默认：个人信息及以上）的有状态资源及其所有副本严格位于允许列表中的区域或地域；核心数据还须位于 `coreDataRegions` 之中。",
        remediationSteps:
            "将资源放在允许的区域或地域（其提供程序的 `region`，AWS 上也可用资源自身的 `region`），并将其所有副本、跨区域或跨地域备份和复制指向允许的区域或地域，" +
            "具体见 allowed-regions 和 copy-destination-allowed-regions。请显式设置区域或地域：对分类数据，策略看不到或无法确认的区域或地域不予接受。" +
            "核心数据还须位于 `coreDataRegions` 中的区域或地域。迁移有状态资源会替换该资源：请先复制数据。如资源不含此类数据，也可降低其分类。",
    },
    resourceTypes: [...TYPES, ...Object.keys(COPY_SOURCES)],
    config,
};

type Cfg = ReturnType<typeof readConfig<typeof config>>;

/** One place the data is: the resource itself or a copy, its region, and where to change it. */
interface Place {
    what: Bilingual;
    region: Destination;
    change: Change;
}

const PROVIDER_TYPE: Record<Cloud, string> = { aws: "aws.Provider", alicloud: "alicloud.Provider" };

/** The resource's own region, as allowed-regions reads it. */
function ownPlace(r: PolicyResource, cloud: Cloud): Place {
    const eff = effectiveRegion({ type: r.type, props: r.props, provider: r.provider }, cloud);
    const change: Change = eff.kind !== "unset" && eff.source === "region" ? "region" : { type: PROVIDER_TYPE[cloud], input: "region" };
    const region: Destination =
        eff.kind === "unknown" ? { property: "region", region: undefined, unknown: true } : eff.kind === "unset" ? { property: "region", region: undefined, unplaced: true } : { property: "region", region: eff.value };
    return { what: bi("", ""), region, change };
}

/**
 * The copy resources of each COPY_SOURCES type, by the URN of the resource each one copies.
 * Built once per stack: one read of each copy and each candidate, rather than one per pair.
 */
type CopiesOf = (type: string, urn: string) => readonly PolicyResource[];

function copiesOf(idx: StackIndex): CopiesOf {
    const candidates = idx.ofType(...TYPES);
    const byType = new Map<string, Map<string, PolicyResource[]>>();
    return (type, urn) => {
        let links = byType.get(type);
        if (links === undefined) {
            const source = COPY_SOURCES[type]!;
            links = pairwiseLinks(idx.ofType(type), { property: source.input, references: (p) => [p.get(source.input)] }, new Candidates(candidates, (t) => knownIds(t, source.ids)));
            byType.set(type, links);
        }
        return links.get(urn) ?? [];
    };
}

/** Where the copies of `r` go: its own replica inputs, and the copy resources that name it. */
function copyPlaces(r: PolicyResource, copies: CopiesOf): Place[] {
    const copy = bi("copy destination", "副本目标");
    const own = COPY_DESTINATIONS[r.type];
    const out: Place[] = own && own !== EFFECTIVE ? own(Input.of(r.props)).map((d) => ({ what: copy, region: d, change: d.property })) : [];
    for (const type of Object.keys(COPY_SOURCES)) {
        for (const c of copies(type, r.urn)) {
            const reader = COPY_DESTINATIONS[type];
            const via = bi(`copy destination (${c.name})`, `副本目标（${c.name}）`);
            if (reader === EFFECTIVE) {
                const cloud = cloudOf(type) ?? "aws";
                const place = ownPlace(c, cloud);
                out.push({ ...place, what: via, change: typeof place.change === "string" ? { type: programType(type), input: "region" } : place.change });
            } else if (reader) {
                out.push(...reader(Input.of(c.props)).map((d) => ({ what: via, region: d, change: { type: programType(type), input: d.property } })));
            }
        }
    }
    return out;
}

function allowedText(list: readonly string[], key: string, cloud: Cloud): Bilingual {
    const head = list.slice(0, 6);
    const more = list.length > 6 ? list.length - 6 : 0;
    return bi(`a region on \`${key}\` (${head.join(", ")}${more ? `, and ${more} more` : ""})`, `位于 \`${key}\` 中的${regionWord(cloud).zh}（${head.join("、")}${more ? ` 等共 ${list.length} 个` : ""}）`);
}

function judge(place: Place, s: Subject, cfg: Cfg, cloud: Cloud, emit: Emit): void {
    const d = place.region;
    const c = s.classified;
    const word = regionWord(cloud);
    const core = c.top && cfg.coreDataRegions.length > 0;
    const lists: [string, readonly string[]][] = [["allowedRegions", cfg.allowedRegions], ...(core ? ([["coreDataRegions", cfg.coreDataRegions]] as [string, readonly string[]][]) : [])];
    for (const [key, list] of lists) {
        const required = allowedText(list, key, cloud);
        if (d.unknown) {
            emitProblem(emit, s, required, { found: bi(`${place.what.en ? `a ${place.what.en} ` : "a "}region that is unknown until deployment`, `部署前未知的${place.what.zh}${word.zh}`), change: place.change, unknown: true });
            return;
        }
        const verdict = d.unreadable ? "not-a-string" : d.unplaced ? (d.region === undefined ? "unset" : "unrecognised") : judgeRegion(d.region, list);
        if (verdict === "allowed") continue;
        const shownRegion =
            verdict === "unset"
                ? bi("no region set on the resource or its provider (environment-only configuration is not visible to policies)", `资源及其提供程序均未设置${word.zh}（仅通过环境变量配置的${word.zh}对策略不可见）`)
                : showRegion(d.region, cloud);
        const found = place.what.en ? bi(`${place.what.en} ${shownRegion.en}`, `${place.what.zh}${shownRegion.zh}`) : shownRegion;
        emitProblem(emit, s, required, { found, change: place.change });
        return;
    }
}

function validate(args: StackValidationArgs, emit: Emit): void {
    const cfg = readConfig(config, args.getConfig());
    const copies = copiesOf(StackIndex.of(args.resources));
    eachClassified(args.resources, TYPES, cfg, emit, (s) => {
        const cloud = cloudOf(s.resource.type);
        if (!cloud) return;
        for (const place of [ownPlace(s.resource, cloud), ...copyPlaces(s.resource, copies)]) judge(place, s, cfg, cloud, emit);
    });
}

export default stackControl(metadata, validate);
