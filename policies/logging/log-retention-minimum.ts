// Network logs kept at least six months (CSL Art. 21(3)): every log store the stack creates
// must keep its logs for at least `minimumRetentionDays`.
import type * as alicloud from "@pulumi/alicloud";
import type * as aws from "@pulumi/aws";
import { type ResourceValidationArgs, type ReportViolation } from "@pulumi/policy";
import { integer, readConfig } from "../shared/config";
import { type ControlMetadata, resourceControl } from "../shared/control";
import { FRAMEWORKS, LEGAL } from "../shared/legal";
import { type Bilingual, bi, findingMessage, resourceLabel, safeValue } from "../shared/messages";
import { type Read, inputName, readNumber, readString } from "../shared/properties";

export const config = {
    minimumRetentionDays: integer("Minimum number of days a log store must keep logs (CSL Art. 21: six months).", 180, 1, 3650),
};

/** Days a store keeps logs, "forever", or a value of the wrong shape. */
type Retention = { days: number | "forever"; note?: Bilingual } | { invalid: unknown };

interface RetentionSource {
    kind: Bilingual;
    property: string;
    fix: Bilingual;
    read(props: unknown): Retention;
}

function fromRead(read: Read<number>, onAbsent: Retention, forever: (days: number) => boolean): Retention {
    switch (read.kind) {
        case "absent":
            return onAbsent;
        case "invalid":
            return { invalid: read.raw };
        case "value":
            return { days: forever(read.value) ? "forever" : read.value };
    }
}

export const RETENTION_SOURCES: Record<string, RetentionSource> = {
    "aws:cloudwatch/logGroup:LogGroup": {
        kind: bi("CloudWatch log group", "CloudWatch 日志组"),
        property: inputName<aws.cloudwatch.LogGroupArgs>("retentionInDays"),
        fix: bi("Use 180, 365 or more, or 0 to keep logs forever.", "可设为 180、365 或更大，或设为 0 永久保留。"),
        read(props) {
            // The DELIVERY class ignores retentionInDays and keeps logs for 2 days.
            const cls = readString(props, [inputName<aws.cloudwatch.LogGroupArgs>("logGroupClass")]);
            if (cls.kind === "value" && cls.value === "DELIVERY") {
                return { days: 2, note: bi("(logGroupClass DELIVERY forces 2 days)", "（logGroupClass 为 DELIVERY 时强制为 2 天）") };
            }
            // Unset and 0 both mean "never expire" (terraform-provider-aws logs/group.go).
            return fromRead(readNumber(props, [inputName<aws.cloudwatch.LogGroupArgs>("retentionInDays")]), { days: "forever" }, (d) => d === 0);
        },
    },
    "alicloud:log/store:Store": {
        kind: bi("Log Service logstore", "日志服务 Logstore"),
        property: inputName<alicloud.log.StoreArgs>("retentionPeriod"),
        fix: bi("Use 180 or more, or 3650 to keep logs permanently.", "可设为 180 或更大，或设为 3650 永久保存。"),
        // Unset = 30 days (documented default); 3650 = permanent.
        read: (props) => fromRead(readNumber(props, [inputName<alicloud.log.StoreArgs>("retentionPeriod")]), { days: 30, note: bi("(unset: default 30)", "（未设置：默认 30 天）") }, (d) => d >= 3650),
    },
};

export const metadata: ControlMetadata = {
    name: "log-retention-minimum",
    description: "Log stores keep network logs for at least the minimum retention (default 180 days, six months).",
    category: "logging",
    frameworks: ["csl-art21", "mlps2-l3"],
    severity: "high",
    enforcementLevel: "mandatory",
    framework: FRAMEWORKS.cslLogRetention,
    remediationSteps:
        "Set the log store's retention to at least the minimum: aws.cloudwatch.LogGroup `retentionInDays` to 180 or more (0 = never expire); " +
        "alicloud.log.Store `retentionPeriod` to 180 or more (3650 = permanent). Retention changes in place; no data is lost.",
    resourceTypes: Object.keys(RETENTION_SOURCES),
    config,
};

function describe(r: Retention): Bilingual {
    if ("invalid" in r) {
        return bi(safeValue(r.invalid), safeValue(r.invalid));
    }
    if (r.days === "forever") {
        return bi("never expires", "永久保留");
    }
    const note = r.note ?? bi("", "");
    return bi(`${r.days} days${note.en ? " " + note.en : ""}`, `${r.days} 天${note.zh}`);
}

function isCompliant(r: Retention, minimum: number): boolean {
    return !("invalid" in r) && (r.days === "forever" || r.days >= minimum);
}

function validate(args: ResourceValidationArgs, report: ReportViolation): void {
    const source = RETENTION_SOURCES[args.type];
    if (!source) {
        return;
    }
    const { minimumRetentionDays } = readConfig(config, args.getConfig());
    const retention = source.read(args.props);
    if (isCompliant(retention, minimumRetentionDays)) {
        return;
    }
    report(
        findingMessage({
            resource: resourceLabel(source.kind, args.name),
            found: describe(retention),
            required: bi(`at least ${minimumRetentionDays} days`, `至少保留 ${minimumRetentionDays} 天`),
            property: source.property,
            fix: source.fix,
            basis: [LEGAL["csl-art21"], LEGAL["mlps2-l3"]],
        }),
    );
}

export default resourceControl(metadata, validate);
