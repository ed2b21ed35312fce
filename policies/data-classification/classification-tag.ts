// Classify before you store (DSL Art. 21, PIPL Art. 51(2), CSL Art. 23(4)): every stateful
// resource carries the classification tag, with one of the configured levels. The level is what
// classified-data-protection tightens the other rules by, so a typo is a finding too.
import { type ResourceValidationArgs } from "@pulumi/policy";
import { readConfig } from "../shared/config";
import { type ControlMetadata, resourceControl } from "../shared/control";
import { type Emit, shown } from "../shared/emit";
import { bi } from "../shared/messages";
import { STATEFUL, classificationConfig, readClassification } from "./classification";

export const config = classificationConfig;

export const metadata: ControlMetadata = {
    name: "data-classification-tag",
    description: "Stateful resources (databases, caches, buckets, disks, file systems, log stores) carry a data-classification tag with one of the configured levels.",
    category: "data-classification",
    bases: ["dsl-21", "pipl-51-2", "csl-23-4", "mlps-8.1.10.2"],
    severity: "medium",
    enforcementLevel: "advisory",
    remediationSteps:
        "Add the tag `data-classification` (or the configured `classificationTagKey`) to the resource's `tags`, with one of the configured levels: public, internal, personal, important, core. " +
        "On AWS a provider's `defaultTags` count. Tags change in place.",
    zh: {
        description: "有状态资源（数据库、缓存、存储桶、云盘、文件系统、日志存储）带有数据分类标签，取值为配置的分级之一。",
        remediationSteps:
            "在资源的 `tags` 中添加 `data-classification` 标签（或配置的 `classificationTagKey`），取值为配置的分级之一：public（公开）、internal（内部）、personal（个人信息）、important（重要数据）、core（核心数据）。" +
            "AWS 提供程序的 `defaultTags` 同样有效。修改标签为原地更新。",
    },
    resourceTypes: Object.keys(STATEFUL),
    config,
};

function validate(args: ResourceValidationArgs, emit: Emit): void {
    const kind = STATEFUL[args.type];
    if (!kind) return;
    const { classificationTagKey: key, classificationLevels: levels } = readConfig(config, args.getConfig());
    const read = readClassification(args.props, args.provider, key);
    if (read.kind === "value" && levels.includes(read.value)) return;
    const allowed = levels.join(", ");
    emit({
        kind,
        found: read.kind === "absent" ? bi(`no \`${key}\` tag`, `没有 \`${key}\` 标签`) : shown(read, { vocabulary: levels }),
        required: bi(`a \`${key}\` tag with one of: ${allowed}`, `\`${key}\` 标签，取值为以下之一：${levels.join("、")}`),
        change: read,
        unknown: read.kind === "unknown",
    });
}

export default resourceControl(metadata, validate);
