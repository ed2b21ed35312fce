// Classified data is not deleted by one mistaken update (Data Security Law Art. 21: data protected
// by its class; GB/T 22239-2019 8.1.4.9): from `fromLevel` up (default personal), a database has
// deletion (release) protection on. Mandatory, where database-deletion-protection is advisory; the
// switch and where it applies are database-deletion-protection's table.
import { type ResourceValidationArgs } from "@pulumi/policy";
import { PROTECTION_SOURCES, protection } from "../backup-recovery/database-deletion-protection";
import { readConfig } from "../shared/config";
import { type ControlMetadata, resourceControl } from "../shared/control";
import { type Emit, shown } from "../shared/emit";
import { bi } from "../shared/messages";
import { Input } from "../shared/reader";
import { STATEFUL } from "./classification";
import { applies, badConfigFinding, classifiedConfig, onClassified } from "./classified";

const RULE = "a database must have deletion protection on";

export const config = classifiedConfig(RULE);

const TYPES = Object.keys(PROTECTION_SOURCES).filter((t) => t in STATEFUL);

export const metadata: ControlMetadata = {
    name: "classified-data-deletion-protected",
    description: "Databases holding classified data (default: personal information and above) have deletion (release) protection on.",
    category: "data-classification",
    bases: ["dsl-21", "mlps-8.1.4.9", "csl-23-4"],
    severity: "high",
    enforcementLevel: "mandatory",
    remediationSteps:
        "Turn deletion protection on, as database-deletion-protection describes (`deletionProtection` true; DynamoDB `deletionProtectionEnabled`; PolarDB `deletionLock` 1; " +
        "MongoDB `dbInstanceReleaseProtection`; KVStore `instanceReleaseProtection`), or lower the resource's classification if it holds no such data. The switch changes in place.",
    zh: {
        description: "存放分类数据（默认：个人信息及以上）的数据库开启删除（释放）保护。",
        remediationSteps:
            "按 database-deletion-protection 的说明开启删除保护（`deletionProtection` 设为 true；DynamoDB 为 `deletionProtectionEnabled`；PolarDB 的 `deletionLock` 设为 1；" +
            "MongoDB 为 `dbInstanceReleaseProtection`；KVStore 为 `instanceReleaseProtection`），或在资源不含此类数据时降低其分类。该开关为原地更新。",
    },
    resourceTypes: TYPES,
    config,
};

function validate(args: ResourceValidationArgs, emit: Emit): void {
    const source = PROTECTION_SOURCES[args.type];
    if (!source || !(args.type in STATEFUL)) return;
    const a = applies(args, readConfig(config, args.getConfig()));
    if (a.kind === "bad-config") {
        emit({ kind: source.kind, ...badConfigFinding(a) });
        return;
    }
    if (a.kind !== "applies") return;
    const v = protection(args.type, Input.of(args.props));
    if (v.ok) return;
    const off = typeof source.on === "number" ? "0" : "false";
    emit({
        kind: source.kind,
        found: onClassified(shown(v.read, { unset: bi(`default ${off}: no deletion protection`, `默认 ${off}：无删除保护`) }), a.classified),
        required: bi(`\`${source.input}\` ${String(source.on)} (deletion protection on)`, `\`${source.input}\` 为 ${String(source.on)}（开启删除保护）`),
        change: v.read,
        unknown: v.unknown,
    });
}

export default resourceControl(metadata, validate);
