// Audit trail (GB/T 22239-2019 security audit; Cybersecurity Law Art. 23(3)): a stack that provisions AWS or
// Alibaba Cloud resources also provisions a CloudTrail / ActionTrail trail. Advisory by
// default: many organisations run one account-wide trail from a dedicated stack, which
// `trailInAnotherStack` acknowledges.
import { type StackValidationArgs } from "@pulumi/policy";
import { boolean, readConfig } from "../shared/config";
import { type ControlMetadata, stackControl } from "../shared/control";
import { type Emit } from "../shared/emit";
import { type Bilingual, bi } from "../shared/messages";
import { type Cloud as CloudId, cloudOf, isProviderType } from "../shared/regions";

export const config = {
    trailInAnotherStack: boolean("The organisation's CloudTrail / ActionTrail trail is managed in another stack: do not report a stack without one.", false),
};

interface Cloud {
    /** The cloud, as the shared cloudOf reads a type token (provider resources provision nothing). */
    id: CloudId;
    name: Bilingual;
    trailTypes: readonly string[];
    trailKind: Bilingual;
    /** The trail type as written in a program, for "Add a `<type>`". */
    program: string;
}

export const CLOUDS: readonly Cloud[] = [
    {
        id: "aws",
        name: bi("AWS", "AWS"),
        trailTypes: ["aws:cloudtrail/trail:Trail"],
        trailKind: bi("a CloudTrail trail (aws.cloudtrail.Trail)", "CloudTrail 跟踪（aws.cloudtrail.Trail）"),
        program: "aws.cloudtrail.Trail",
    },
    {
        id: "alicloud",
        name: bi("Alibaba Cloud", "阿里云"),
        // TrailDeprecated is the pre-1.95.0 class; it still emits its own token.
        trailTypes: ["alicloud:actiontrail/trail:Trail", "alicloud:actiontrail/trailDeprecated:TrailDeprecated"],
        trailKind: bi("an ActionTrail trail (alicloud.actiontrail.Trail)", "操作审计（ActionTrail）跟踪（alicloud.actiontrail.Trail）"),
        program: "alicloud.actiontrail.Trail",
    },
];

export const metadata: ControlMetadata = {
    name: "audit-trail-present",
    description: "A stack that provisions AWS or Alibaba Cloud resources also provisions a CloudTrail / ActionTrail trail recording API activity.",
    category: "logging",
    bases: ["csl-23-3", "mlps-8.1.4.3", "mlps-8.2.3.3"],
    severity: "medium",
    enforcementLevel: "advisory",
    remediationSteps:
        "Add an aws.cloudtrail.Trail (multi-region, log file validation on) or an alicloud.actiontrail.Trail (all regions, read and write events) delivering to a bucket or " +
        "log store that keeps logs at least 180 days. If the organisation's trail is managed in another stack, set this policy's `trailInAnotherStack` to true. " +
        "Advisory by default because the trail is often account-wide and owned by another team.",
    zh: {
        description: "创建 AWS 或阿里云资源的堆栈，同时创建记录 API 操作的 CloudTrail / ActionTrail 跟踪。",
        remediationSteps:
            "添加 aws.cloudtrail.Trail（多区域，开启日志文件验证）或 alicloud.actiontrail.Trail（全部地域，记录读写事件），投递到日志保留至少 180 天的 S3 存储桶、OSS Bucket（存储空间）或日志服务（SLS）日志库（Logstore）。" +
            "如果组织的跟踪由其他堆栈管理，请将本策略的 `trailInAnotherStack` 设为 true。" +
            "默认级别为建议（advisory），因为跟踪通常是账号级的，由其他团队负责。",
    },
    resourceTypes: CLOUDS.flatMap((c) => c.trailTypes),
    config,
};

function validate(args: StackValidationArgs, emit: Emit): void {
    const { trailInAnotherStack } = readConfig(config, args.getConfig());
    if (trailInAnotherStack) return;
    for (const cloud of CLOUDS) {
        const provisions = args.resources.some((r) => !isProviderType(r.type) && cloudOf(r.type) === cloud.id);
        const hasTrail = args.resources.some((r) => cloud.trailTypes.includes(r.type));
        if (!provisions || hasTrail) continue;
        emit({
            kind: bi("Stack", "堆栈"),
            label: bi(`This stack (provisions ${cloud.name.en} resources)`, `本堆栈（创建了${cloud.name.zh}资源）`),
            found: bi("no audit trail", "没有审计跟踪"),
            required: cloud.trailKind,
            change: { type: cloud.program, add: true },
            fix: bi(
                "If the trail lives in another stack, set this policy's `trailInAnotherStack: true` instead.",
                "若跟踪在其他堆栈中管理，请改为将本策略的 `trailInAnotherStack` 设为 true。",
            ),
        });
    }
}

export default stackControl(metadata, validate);
