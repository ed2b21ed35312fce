// Network logs kept at least six months (CSL Art. 21(3)): every log store the stack creates
// must keep its logs for at least `minimumRetentionDays`.
import type * as alicloud from "@pulumi/alicloud";
import type * as aws from "@pulumi/aws";
import { type ResourceValidationArgs, type ReportViolation } from "@pulumi/policy";
import { integer, readConfig } from "../shared/config";
import { type ControlMetadata, resourceControl } from "../shared/control";
import { FRAMEWORKS, LEGAL } from "../shared/legal";
import { type Bilingual, bi, findingMessage, resourceLabel, safeValue } from "../shared/messages";
import { type Read, inputName, isRecord, readNumber, readString, toBoolean } from "../shared/properties";
import { type Fix, known, remediation, setInput } from "../shared/remediate";
import { tryRead } from "../shared/stack";

export const config = {
    minimumRetentionDays: integer("Minimum number of days a log store must keep logs (CSL Art. 21: six months).", 180, 1, 3650),
};

/** Days a store keeps logs, "forever", or a value of the wrong shape. */
type Retention = { days: number | "forever"; note?: Bilingual } | { invalid: unknown };

/** One retention a resource declares, and the input (path) that sets it. */
export interface RetentionCheck {
    property: string;
    retention: Retention;
}

interface RetentionSource {
    kind: Bilingual;
    /** Input named in the remediation text. */
    property: string;
    fix: Bilingual;
    /** Every retention the resource declares (most have one; a log audit has one per log type). */
    read(props: unknown): RetentionCheck[];
}

const AUDIT_VARIABLES = inputName<alicloud.log.AuditArgs>("variableMap");
// Snake-case log audit keys such as `vpc_flow_ttl`; anything else in the map is not a retention.
const AUDIT_TTL_KEY = /^([a-z0-9]+(?:_[a-z0-9]+)*)_ttl$/;

/**
 * alicloud.log.Audit `variableMap`: every `<logtype>_ttl` (days, as a string) is a retention,
 * unless its `<logtype>_enabled` switch is explicitly "false" (nothing is collected then).
 * An unset ttl keeps the log audit app's own default and is not reported.
 */
export function auditRetentions(props: unknown): RetentionCheck[] {
    if (!isRecord(props)) {
        return [];
    }
    const vars = props[AUDIT_VARIABLES];
    if (!isRecord(vars)) {
        return [];
    }
    const out: RetentionCheck[] = [];
    for (const key of Object.keys(vars)) {
        const m = key.length <= 64 ? AUDIT_TTL_KEY.exec(key) : null;
        if (!m) {
            continue;
        }
        const enabledKey = `${m[1]}_enabled`;
        if (enabledKey in vars && toBoolean(vars[enabledKey]) === false) {
            continue;
        }
        const read = readNumber(vars, [key]);
        out.push({ property: `${AUDIT_VARIABLES}.${key}`, retention: fromRead(read, { days: "forever" }, (d) => d >= 3650) });
    }
    return out;
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
            const property = inputName<aws.cloudwatch.LogGroupArgs>("retentionInDays");
            const cls = readString(props, [inputName<aws.cloudwatch.LogGroupArgs>("logGroupClass")]);
            if (cls.kind === "value" && cls.value === "DELIVERY") {
                return [{ property, retention: { days: 2, note: bi("(logGroupClass DELIVERY forces 2 days)", "（logGroupClass 为 DELIVERY 时强制为 2 天）") } }];
            }
            // Unset and 0 both mean "never expire" (terraform-provider-aws logs/group.go).
            return [{ property, retention: fromRead(readNumber(props, [property]), { days: "forever" }, (d) => d === 0) }];
        },
    },
    "aws:cloudtrail/eventDataStore:EventDataStore": {
        kind: bi("CloudTrail Lake event data store", "CloudTrail Lake 事件数据存储"),
        property: inputName<aws.cloudtrail.EventDataStoreArgs>("retentionPeriod"),
        fix: bi("Use 180 or more (up to 2555 days, seven years).", "可设为 180 或更大（最长 2555 天，即七年）。"),
        // Unset = 2555 days (documented default); the API has no "forever".
        read: (props) => [
            {
                property: inputName<aws.cloudtrail.EventDataStoreArgs>("retentionPeriod"),
                retention: fromRead(readNumber(props, [inputName<aws.cloudtrail.EventDataStoreArgs>("retentionPeriod")]), { days: 2555 }, () => false),
            },
        ],
    },
    "alicloud:log/store:Store": {
        kind: bi("Log Service logstore", "日志服务 Logstore"),
        property: inputName<alicloud.log.StoreArgs>("retentionPeriod"),
        fix: bi("Use 180 or more, or 3650 to keep logs permanently.", "可设为 180 或更大，或设为 3650 永久保存。"),
        // Unset = 30 days (documented default); 3650 = permanent.
        read: (props) => [
            {
                property: inputName<alicloud.log.StoreArgs>("retentionPeriod"),
                retention: fromRead(readNumber(props, [inputName<alicloud.log.StoreArgs>("retentionPeriod")]), { days: 30, note: bi("(unset: default 30)", "（未设置：默认 30 天）") }, (d) => d >= 3650),
            },
        ],
    },
    "alicloud:log/audit:Audit": {
        kind: bi("Log Service log audit", "日志服务日志审计"),
        property: `${AUDIT_VARIABLES}.<logtype>_ttl`,
        fix: bi('Set each `<logtype>_ttl` to "180" or more ("3650" keeps logs permanently).', "将每个 `<日志类型>_ttl` 设为 \"180\" 或更大（\"3650\" 为永久保存）。"),
        read: auditRetentions,
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
        "aws.cloudtrail.EventDataStore `retentionPeriod` to 180 or more (unset = 2555); " +
        "alicloud.log.Store `retentionPeriod` to 180 or more (unset = 30 days; 3650 = permanent); " +
        'alicloud.log.Audit `variableMap` `<logtype>_ttl` entries to "180" or more. Retention changes in place; no data is lost.',
    zh: {
        description: "日志存储保留网络日志的时间不短于最短日志保留期限（默认 180 天，即六个月）。",
        remediationSteps:
            "将日志存储的日志保留期设为不低于最短期限：aws.cloudwatch.LogGroup 的 `retentionInDays` 设为 180 或更大（0 表示永不过期）；" +
            "aws.cloudtrail.EventDataStore 的 `retentionPeriod` 设为 180 或更大（未设置时为 2555）；" +
            "alicloud.log.Store 的 `retentionPeriod` 设为 180 或更大（未设置时为 30 天；3650 表示永久保存）；" +
            'alicloud.log.Audit 的 `variableMap` 中各 `<logtype>_ttl` 设为 "180" 或更大。修改日志保留期为原地更新，不会丢失数据。',
    },
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
    for (const { property, retention } of source.read(args.props)) {
        if (isCompliant(retention, minimumRetentionDays)) {
            continue;
        }
        report(
            findingMessage({
                resource: resourceLabel(source.kind, args.name),
                found: describe(retention),
                required: bi(`at least ${minimumRetentionDays} days`, `至少保留 ${minimumRetentionDays} 天`),
                property,
                fix: source.fix,
                basis: [LEGAL["csl-art21"], LEGAL["mlps2-l3"]],
            }),
        );
    }
}

// Remediation: raise each short retention to the minimum, in place (in-place-updates.ts). A value
// unknown during preview is left alone: it may already exceed the minimum, and lowering it would
// shorten how long logs are kept. A value of the wrong shape is left for the user to fix.

/** The only retentions CloudWatch accepts (terraform-provider-aws logs/group.go). */
export const CLOUDWATCH_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];
/** CloudTrail Lake keeps events at most seven years. */
const EVENT_DATA_STORE_MAX_DAYS = 2555;

/** The value a remediation writes for a minimum, per type; undefined when no allowed value reaches it. */
export const RETENTION_TARGETS: Record<string, (minimum: number) => number | string | undefined> = {
    "aws:cloudwatch/logGroup:LogGroup": (m) => CLOUDWATCH_RETENTION_DAYS.find((d) => d >= m),
    "aws:cloudtrail/eventDataStore:EventDataStore": (m) => (m <= EVENT_DATA_STORE_MAX_DAYS ? m : undefined),
    "alicloud:log/store:Store": (m) => m,
    // variableMap values are strings.
    "alicloud:log/audit:Audit": (m) => String(m),
};

/** A DELIVERY log group keeps 2 days whatever retentionInDays says; changing the class replaces it. */
function retentionPinned(props: unknown): boolean {
    const cls = known(props, inputName<aws.cloudwatch.LogGroupArgs>("logGroupClass"));
    return !cls.known || cls.value === "DELIVERY";
}

/** The object holding a property path's last key: `variableMap.vpc_flow_ttl` → [props.variableMap, "vpc_flow_ttl"]. */
function parentOf(props: unknown, path: string): [unknown, string] {
    const dot = path.indexOf(".");
    if (dot < 0) return [props, path];
    const parent = known(props, path.slice(0, dot));
    return [parent.known ? parent.value : undefined, path.slice(dot + 1)];
}

const fixRetention: Fix = (args) => {
    const source = RETENTION_SOURCES[args.type];
    const target = RETENTION_TARGETS[args.type];
    if (!source || !target || retentionPinned(args.props)) return false;
    const { minimumRetentionDays } = readConfig(config, args.getConfig());
    const value = target(minimumRetentionDays);
    const checks = tryRead(() => source.read(args.props));
    if (value === undefined || !checks.known) return false;
    const short = checks.value.filter(({ retention }) => !("invalid" in retention) && !isCompliant(retention, minimumRetentionDays));
    for (const { property } of short) {
        const [parent, key] = parentOf(args.props, property);
        setInput(parent, key, value);
    }
    return short.length > 0;
};

export default resourceControl(metadata, validate, remediation(fixRetention));
