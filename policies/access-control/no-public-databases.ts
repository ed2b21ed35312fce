// No database reachable from the whole internet (MLPS 2.0 L3 access control): RDS instances not
// publicly accessible; Alibaba Cloud RDS, KVStore (Redis) and PolarDB IP whitelists without
// 0.0.0.0/0 (also written "0.0.0.0", or ::/0).
import type * as alicloud from "@pulumi/alicloud";
import type * as aws from "@pulumi/aws";
import { type ResourceValidationArgs } from "@pulumi/policy";
import { type ControlMetadata, resourceControl } from "../shared/control";
import { type Emit, shownValue } from "../shared/emit";
import { type Bilingual, bi } from "../shared/messages";
import { anywhereText, isAnywhere, parseCidr } from "../shared/network";
import { inputName } from "../shared/properties";
import { Input } from "../shared/reader";

export type Exposure = { property: string; found: Bilingual } | { property: string; unknown: true };

interface DatabaseSource {
    kind: Bilingual;
    required: Bilingual;
    read(props: Input): Exposure[];
}

function publiclyAccessible(props: Input): Exposure[] {
    // Default false.
    const r = props.get(inputName<aws.rds.InstanceArgs>("publiclyAccessible")).boolean();
    if (r.kind === "unknown") {
        return [{ property: r.path, unknown: true }];
    }
    if (r.kind === "value" && r.value) {
        return [{ property: r.path, found: bi("publiclyAccessible true", "publiclyAccessible 为 true") }];
    }
    if (r.kind === "invalid") {
        const v = shownValue(r.raw);
        return [{ property: r.path, found: bi(`publiclyAccessible ${v.en}`, `publiclyAccessible 为${v.zh}`) }];
    }
    return [];
}

/** IP whitelist entries that admit anywhere; each entry may itself be a comma-separated list, as the API accepts. */
function openWhitelist(list: Input): Exposure[] {
    const items = list.items();
    if (items.kind === "unknown") {
        return [{ property: items.path, unknown: true }];
    }
    if (items.kind !== "value") {
        return [];
    }
    const out: Exposure[] = [];
    for (const item of items.value) {
        const read = item.raw();
        if (read.kind === "unknown") {
            out.push({ property: read.path, unknown: true });
            continue;
        }
        const entries = read.kind === "value" && typeof read.value === "string" ? read.value.split(",") : [];
        const open = entries.map(parseCidr).find((c) => c !== undefined && isAnywhere(c));
        if (open) {
            const where = anywhereText(open);
            out.push({ property: read.path, found: bi(`a whitelist entry admitting ${where} (anywhere on the internet)`, `允许 ${where}（整个互联网）访问的 IP 白名单条目`) });
        }
    }
    return out;
}

function polardb(props: Input): Exposure[] {
    const out = openWhitelist(props.get(inputName<alicloud.polardb.ClusterArgs>("securityIps")));
    const arrays = props.get(inputName<alicloud.polardb.ClusterArgs>("dbClusterIpArrays")).items();
    if (arrays.kind === "unknown") {
        return [...out, { property: arrays.path, unknown: true }];
    }
    for (const group of arrays.kind === "value" ? arrays.value : []) {
        if (group.unknown) {
            out.push({ property: group.path, unknown: true });
            continue;
        }
        // modifyMode "Delete" removes the listed addresses from the whitelist: it opens nothing.
        const mode = group.get("modifyMode").string();
        if (mode.kind === "value" && mode.value.trim().toLowerCase() === "delete") {
            continue;
        }
        out.push(...openWhitelist(group.get("securityIps")));
    }
    return out;
}

const PRIVATE_ONLY = bi("not publicly accessible (publiclyAccessible false)", "不可公开访问（publiclyAccessible 为 false）");
const NO_ANYWHERE = bi("an IP whitelist without 0.0.0.0/0, 0.0.0.0 or ::/0", "IP 白名单中不含 0.0.0.0/0、0.0.0.0 或 ::/0");

export const DATABASE_SOURCES: Record<string, DatabaseSource> = {
    "aws:rds/instance:Instance": { kind: bi("RDS instance", "RDS 实例"), required: PRIVATE_ONLY, read: publiclyAccessible },
    "aws:rds/clusterInstance:ClusterInstance": { kind: bi("RDS cluster instance", "RDS 集群实例"), required: PRIVATE_ONLY, read: publiclyAccessible },
    "alicloud:rds/instance:Instance": {
        kind: bi("ApsaraDB RDS instance", "云数据库 RDS 实例"),
        required: NO_ANYWHERE,
        read: (p) => openWhitelist(p.get(inputName<alicloud.rds.InstanceArgs>("securityIps"))),
    },
    "alicloud:kvstore/instance:Instance": {
        kind: bi("Tair/Redis (KVStore) instance", "Tair/Redis（KVStore）实例"),
        required: NO_ANYWHERE,
        read: (p) => openWhitelist(p.get(inputName<alicloud.kvstore.InstanceArgs>("securityIps"))),
    },
    "alicloud:polardb/cluster:Cluster": { kind: bi("PolarDB cluster", "PolarDB 集群"), required: NO_ANYWHERE, read: polardb },
};

export const metadata: ControlMetadata = {
    name: "no-public-databases",
    description: "No database is publicly accessible: RDS `publiclyAccessible` is off and Alibaba Cloud RDS, KVStore and PolarDB IP whitelists do not admit 0.0.0.0/0.",
    category: "access-control",
    bases: ["csl-23-2", "mlps-8.1.3.2", "mlps-8.1.4.2", "mlps-8.2.3.1"],
    severity: "critical",
    enforcementLevel: "mandatory",
    remediationSteps:
        "Set aws.rds.Instance `publiclyAccessible` to false and reach the database from inside the VPC. On Alibaba Cloud, list only the " +
        "application's private CIDRs in `securityIps` (PolarDB: `dbClusterIpArrays[].securityIps`), never 0.0.0.0/0 or 0.0.0.0.",
    zh: {
        description: "数据库不得公开访问：RDS 的 `publiclyAccessible` 关闭，阿里云 RDS、KVStore 和 PolarDB 的 IP 白名单不包含 0.0.0.0/0。",
        remediationSteps:
            "将 aws.rds.Instance 的 `publiclyAccessible` 设为 false，并从 VPC 内部访问数据库。在阿里云上，" +
            "IP 白名单 `securityIps`（PolarDB 为 `dbClusterIpArrays[].securityIps`）中只列出应用的私有网段，不得包含 0.0.0.0/0 或 0.0.0.0。",
    },
    resourceTypes: Object.keys(DATABASE_SOURCES),
};

function validate(args: ResourceValidationArgs, emit: Emit): void {
    const source = DATABASE_SOURCES[args.type];
    if (!source) {
        return;
    }
    for (const e of source.read(Input.of(args.props))) {
        emit({
            kind: source.kind,
            found: "unknown" in e ? bi("a value that is unknown until deployment", "部署前未知的值") : e.found,
            required: source.required,
            change: e.property,
            unknown: "unknown" in e,
        });
    }
}

export default resourceControl(metadata, validate);
