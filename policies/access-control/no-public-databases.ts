// No database reachable from the whole internet (MLPS 2.0 L3 access control): RDS instances not
// publicly accessible; Alibaba Cloud RDS, KVStore (Redis) and PolarDB whitelists without
// 0.0.0.0/0 (also written "0.0.0.0", or ::/0).
import type * as alicloud from "@pulumi/alicloud";
import type * as aws from "@pulumi/aws";
import { type ResourceValidationArgs, type ReportViolation } from "@pulumi/policy";
import { type ControlMetadata } from "../shared/control";
import { legacyResourceControl } from "../shared/control-legacy";
import { LEGAL } from "../shared/legal";
import { type Bilingual, PREVIEW_UNKNOWN, bi, findingMessage, resourceLabel, safeValue } from "../shared/messages";
import { anywhereText, isAnywhere, parseCidr } from "../shared/network";
import { inputName, isRecord, readBoolean } from "../shared/properties";
import { reportOrAdvise } from "../shared/report";
import { tryRead } from "../shared/stack";

type Exposure = { property: string; found: Bilingual } | { property: string; unknown: true };

interface DatabaseSource {
    kind: Bilingual;
    required: Bilingual;
    read(props: unknown): Exposure[];
}

function publiclyAccessible(props: unknown): Exposure[] {
    // Default false. An unknown flag propagates: the SDK reports one advisory for the resource.
    const name = inputName<aws.rds.InstanceArgs>("publiclyAccessible");
    const r = readBoolean(props, [name]);
    if (r.kind === "value" && r.value) {
        return [{ property: name, found: bi("publiclyAccessible true", "publiclyAccessible 为 true") }];
    }
    if (r.kind === "invalid") {
        return [{ property: name, found: bi(`publiclyAccessible ${safeValue(r.raw)}`, `publiclyAccessible 为${safeValue(r.raw)}`) }];
    }
    return [];
}

/** Whitelist entries that admit anywhere; each entry may itself be a comma-separated list, as the API accepts. */
function openWhitelist(list: unknown, path: string): Exposure[] {
    if (!Array.isArray(list)) {
        return [];
    }
    const out: Exposure[] = [];
    for (let i = 0; i < list.length; i++) {
        const property = `${path}[${i}]`;
        const item = tryRead(() => list[i]);
        if (!item.known) {
            out.push({ property, unknown: true });
            continue;
        }
        const entries = typeof item.value === "string" ? item.value.split(",") : [];
        const open = entries.map(parseCidr).find((c) => c !== undefined && isAnywhere(c));
        if (open) {
            const where = anywhereText(open);
            out.push({ property, found: bi(`a whitelist entry admitting ${where} (anywhere on the internet)`, `允许 ${where}（整个互联网）访问的白名单条目`) });
        }
    }
    return out;
}

function whitelistAt(props: unknown, name: string): Exposure[] {
    const list = tryRead(() => (isRecord(props) ? props[name] : undefined));
    return list.known ? openWhitelist(list.value, name) : [{ property: name, unknown: true }];
}

function polardb(props: unknown): Exposure[] {
    const arraysName = inputName<alicloud.polardb.ClusterArgs>("dbClusterIpArrays");
    const out = whitelistAt(props, inputName<alicloud.polardb.ClusterArgs>("securityIps"));
    const arrays = tryRead(() => (isRecord(props) ? props[arraysName] : undefined));
    if (!arrays.known) {
        return [...out, { property: arraysName, unknown: true }];
    }
    const groups = Array.isArray(arrays.value) ? arrays.value : [];
    for (let i = 0; i < groups.length; i++) {
        const group = tryRead(() => groups[i]);
        if (!group.known) {
            out.push({ property: `${arraysName}[${i}]`, unknown: true });
            continue;
        }
        // modifyMode "Delete" removes the listed addresses from the whitelist: it opens nothing.
        const mode = tryRead(() => (isRecord(group.value) ? group.value["modifyMode"] : undefined));
        if (mode.known && typeof mode.value === "string" && mode.value.trim().toLowerCase() === "delete") {
            continue;
        }
        out.push(...whitelistAt(group.value, "securityIps").map((e) => ({ ...e, property: `${arraysName}[${i}].${e.property}` })));
    }
    return out;
}

const PRIVATE_ONLY = bi("not publicly accessible (publiclyAccessible false)", "不可公开访问（publiclyAccessible 为 false）");
const NO_ANYWHERE = bi("a whitelist without 0.0.0.0/0, 0.0.0.0 or ::/0", "白名单中不含 0.0.0.0/0、0.0.0.0 或 ::/0");

export const DATABASE_SOURCES: Record<string, DatabaseSource> = {
    "aws:rds/instance:Instance": { kind: bi("RDS instance", "RDS 实例"), required: PRIVATE_ONLY, read: publiclyAccessible },
    "aws:rds/clusterInstance:ClusterInstance": { kind: bi("RDS cluster instance", "RDS 集群实例"), required: PRIVATE_ONLY, read: publiclyAccessible },
    "alicloud:rds/instance:Instance": {
        kind: bi("ApsaraDB RDS instance", "云数据库 RDS 实例"),
        required: NO_ANYWHERE,
        read: (p) => whitelistAt(p, inputName<alicloud.rds.InstanceArgs>("securityIps")),
    },
    "alicloud:kvstore/instance:Instance": {
        kind: bi("Tair/Redis (KVStore) instance", "Tair/Redis（KVStore）实例"),
        required: NO_ANYWHERE,
        read: (p) => whitelistAt(p, inputName<alicloud.kvstore.InstanceArgs>("securityIps")),
    },
    "alicloud:polardb/cluster:Cluster": { kind: bi("PolarDB cluster", "PolarDB 集群"), required: NO_ANYWHERE, read: polardb },
};

export const metadata: ControlMetadata = {
    name: "no-public-databases",
    description: "No database is publicly accessible: RDS `publiclyAccessible` is off and Alibaba Cloud RDS, KVStore and PolarDB whitelists do not admit 0.0.0.0/0.",
    category: "access-control",
    bases: ["csl-23-2", "mlps-8.1.3.2", "mlps-8.1.4.2", "mlps-8.2.3.1"],
    severity: "critical",
    enforcementLevel: "mandatory",
    remediationSteps:
        "Set aws.rds.Instance `publiclyAccessible` to false and reach the database from inside the VPC. On Alibaba Cloud, list only the " +
        "application's private CIDRs in `securityIps` (PolarDB: `dbClusterIpArrays[].securityIps`), never 0.0.0.0/0 or 0.0.0.0.",
    zh: {
        description: "数据库不得公开访问：RDS 的 `publiclyAccessible` 关闭，阿里云 RDS、KVStore 和 PolarDB 的白名单不包含 0.0.0.0/0。",
        remediationSteps:
            "将 aws.rds.Instance 的 `publiclyAccessible` 设为 false，并从 VPC 内部访问数据库。在阿里云上，" +
            "`securityIps`（PolarDB 为 `dbClusterIpArrays[].securityIps`）中只列出应用的私有网段，不得包含 0.0.0.0/0 或 0.0.0.0。",
    },
    resourceTypes: Object.keys(DATABASE_SOURCES),
};

function validate(args: ResourceValidationArgs, report: ReportViolation): void {
    const source = DATABASE_SOURCES[args.type];
    if (!source) {
        return;
    }
    for (const e of source.read(args.props)) {
        const message = findingMessage({
            resource: resourceLabel(source.kind, args.name),
            found: "unknown" in e ? PREVIEW_UNKNOWN : e.found,
            required: source.required,
            property: e.property,
            basis: [LEGAL["mlps2-l3"]],
        });
        reportOrAdvise(report, message, "unknown" in e);
    }
}

export default legacyResourceControl(metadata, validate);
