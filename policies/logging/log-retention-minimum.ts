// Network logs kept at least six months (Cybersecurity Law Art. 23(3)): every log store the stack
// creates must keep its logs for at least `minimumRetentionDays`.
import type * as alicloud from "@pulumi/alicloud";
import type * as aws from "@pulumi/aws";
import { type ResourceValidationArgs } from "@pulumi/policy";
import { integer, readConfig } from "../shared/config";
import { type ControlMetadata, resourceControl } from "../shared/control";
import { type Emit, shownValue } from "../shared/emit";
import { type Bilingual, bi } from "../shared/messages";
import { inputName, toBoolean } from "../shared/properties";
import { Input, type Read } from "../shared/reader";
import { type Fix, known, remediation, setInput } from "../shared/remediate";

export const config = {
    minimumRetentionDays: integer("Minimum number of days a log store must keep logs (Cybersecurity Law Art. 23(3): six months).", 180, 1, 3650),
};

/** Days a store keeps logs, "forever", a value of the wrong shape, or unknown until deployment. */
type Retention = { days: number | "forever"; note?: Bilingual } | { invalid: unknown } | { unknown: true };

/** One retention a resource declares, and the input (path) that sets it. */
export interface RetentionCheck {
    property: string;
    retention: Retention;
}

interface RetentionSource {
    kind: Bilingual;
    /** Input named in the remediation text. */
    property: string;
    /** How to fix it, for a configured minimum. */
    fix(minimum: number): Bilingual;
    /** Every retention the resource declares (most have one; a log audit has one per log type). */
    read(props: Input): RetentionCheck[];
}

const AUDIT_VARIABLES = inputName<alicloud.log.AuditArgs>("variableMap");
// Snake-case log audit keys such as `vpc_flow_ttl`; anything else in the map is not a retention.
const AUDIT_TTL_KEY = /^([a-z0-9]+(?:_[a-z0-9]+)*)_ttl$/;

/**
 * alicloud.log.Audit `variableMap`: every `<logtype>_ttl` (days, as a string) is a retention,
 * unless its `<logtype>_enabled` switch is explicitly "false" (nothing is collected then).
 * An unset ttl keeps the log audit app's own default and is not reported.
 */
export function auditRetentions(props: Input): RetentionCheck[] {
    const vars = props.get(AUDIT_VARIABLES);
    const entries = vars.entries();
    if (entries.kind === "unknown") return [{ property: AUDIT_VARIABLES, retention: { unknown: true } }];
    if (entries.kind !== "value") return [];
    const out: RetentionCheck[] = [];
    for (const [key, input] of entries.value) {
        const m = key.length <= 64 ? AUDIT_TTL_KEY.exec(key) : null;
        if (!m) continue;
        const enabled = vars.get(`${m[1]}_enabled`).raw();
        if (enabled.kind === "value" && toBoolean(enabled.value) === false) continue;
        out.push({ property: input.path, retention: fromRead(input.number(), { days: "forever" }, (d) => d >= 3650) });
    }
    return out;
}

function fromRead(read: Read<number>, onAbsent: Retention, forever: (days: number) => boolean): Retention {
    switch (read.kind) {
        case "absent":
            return onAbsent;
        case "unknown":
            return { unknown: true };
        case "invalid":
            return { invalid: read.raw };
        case "value":
            return { days: forever(read.value) ? "forever" : read.value };
    }
}

const LOG_GROUP_RETENTION = inputName<aws.cloudwatch.LogGroupArgs>("retentionInDays");
const EVENT_STORE_RETENTION = inputName<aws.cloudtrail.EventDataStoreArgs>("retentionPeriod");
const LOG_STORE_RETENTION = inputName<alicloud.log.StoreArgs>("retentionPeriod");

export const RETENTION_SOURCES: Record<string, RetentionSource> = {
    "aws:cloudwatch/logGroup:LogGroup": {
        kind: bi("CloudWatch log group", "CloudWatch 日志组"),
        property: LOG_GROUP_RETENTION,
        fix: (m) => {
            const next = CLOUDWATCH_RETENTION_DAYS.find((d) => d >= m) ?? 3653;
            return bi(`CloudWatch accepts only listed values: use ${next} or more, or 0 to keep logs forever.`, `CloudWatch 仅接受固定取值：可设为 ${next} 或更大，或设为 0 永久保留。`);
        },
        read(props) {
            // The DELIVERY class ignores retentionInDays and keeps logs for 2 days.
            const cls = props.get(inputName<aws.cloudwatch.LogGroupArgs>("logGroupClass")).string();
            if (cls.kind === "unknown") return [{ property: LOG_GROUP_RETENTION, retention: { unknown: true } }];
            if (cls.kind === "value" && cls.value === "DELIVERY") {
                return [{ property: LOG_GROUP_RETENTION, retention: { days: 2, note: bi("(logGroupClass DELIVERY forces 2 days)", "（logGroupClass 为 DELIVERY 时强制为 2 天）") } }];
            }
            // Unset and 0 both mean "never expire" (terraform-provider-aws logs/group.go).
            return [{ property: LOG_GROUP_RETENTION, retention: fromRead(props.get(LOG_GROUP_RETENTION).number(), { days: "forever" }, (d) => d === 0) }];
        },
    },
    "aws:cloudtrail/eventDataStore:EventDataStore": {
        kind: bi("CloudTrail Lake event data store", "CloudTrail Lake 事件数据存储"),
        property: EVENT_STORE_RETENTION,
        fix: (m) => bi(`Use ${m} or more (up to 2555 days, seven years).`, `可设为 ${m} 或更大（最长 2555 天，即七年）。`),
        // Unset = 2555 days (documented default); the API has no "forever".
        read: (props) => [{ property: EVENT_STORE_RETENTION, retention: fromRead(props.get(EVENT_STORE_RETENTION).number(), { days: 2555 }, () => false) }],
    },
    "alicloud:log/store:Store": {
        kind: bi("SLS Logstore", "日志服务（SLS）日志库（Logstore）"),
        property: LOG_STORE_RETENTION,
        fix: (m) => bi(`Use ${m} or more, or 3650 to keep logs permanently.`, `可设为 ${m} 或更大，或设为 3650 永久保存。`),
        // Unset = 30 days (documented default); 3650 = permanent.
        read: (props) => [
            {
                property: LOG_STORE_RETENTION,
                retention: fromRead(props.get(LOG_STORE_RETENTION).number(), { days: 30, note: bi("(unset: default 30)", "（未设置：默认 30 天）") }, (d) => d >= 3650),
            },
        ],
    },
    "alicloud:log/audit:Audit": {
        kind: bi("Log Service log audit", "日志服务（SLS）日志审计"),
        property: `${AUDIT_VARIABLES}.<logtype>_ttl`,
        fix: (m) => bi(`Set each \`<logtype>_ttl\` to "${m}" or more ("3650" keeps logs permanently).`, `将每个 \`<logtype>_ttl\` 设为 "${m}" 或更大（"3650" 为永久保存）。`),
        read: auditRetentions,
    },
};

export const metadata: ControlMetadata = {
    name: "log-retention-minimum",
    description: "Log stores keep network logs for at least the minimum retention (default 180 days, six months).",
    category: "logging",
    bases: ["csl-23-3", "mlps-8.1.4.3", "mlps-8.1.3.5", "mlps-8.2.3.3"],
    severity: "high",
    enforcementLevel: "mandatory",
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
    if ("unknown" in r) return bi("a value that is unknown until deployment", "部署前未知的值");
    if ("invalid" in r) return shownValue(r.invalid);
    if (r.days === "forever") return bi("never expires", "永久保留");
    const note = r.note ?? bi("", "");
    return bi(`${r.days} days${note.en ? " " + note.en : ""}`, `${r.days} 天${note.zh}`);
}

function isCompliant(r: Retention, minimum: number): boolean {
    return !("invalid" in r) && !("unknown" in r) && (r.days === "forever" || r.days >= minimum);
}

/** A retention of a log store that does not keep logs `minimum` days (or cannot be shown to). */
export interface RetentionShortfall {
    property: string;
    found: Bilingual;
    unknown: boolean;
}

/**
 * The one definition of "a log store keeps logs long enough": the retentions of a resource of
 * `type` shorter than `minimum`, invalid, or unknown during preview. Undefined when `type` is not a
 * log store. Also used on a flow log's destination (vpc-flow-logs-all-traffic).
 */
export function retentionShortfalls(type: string, props: Input, minimum: number): RetentionShortfall[] | undefined {
    const source = RETENTION_SOURCES[type];
    if (!source) return undefined;
    return source
        .read(props)
        .filter(({ retention }) => !isCompliant(retention, minimum))
        .map(({ property, retention }) => ({ property, found: describe(retention), unknown: "unknown" in retention }));
}

function validate(args: ResourceValidationArgs, emit: Emit): void {
    const source = RETENTION_SOURCES[args.type];
    if (!source) return;
    const { minimumRetentionDays } = readConfig(config, args.getConfig());
    for (const { property, found, unknown } of retentionShortfalls(args.type, Input.of(args.props), minimumRetentionDays) ?? []) {
        emit({
            kind: source.kind,
            found,
            required: bi(`at least ${minimumRetentionDays} days`, `至少保留 ${minimumRetentionDays} 天`),
            change: property,
            fix: source.fix(minimumRetentionDays),
            unknown,
        });
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
    if (value === undefined) return false;
    const checks = source.read(Input.of(args.props));
    // One unknown retention leaves the whole resource alone: the user sees the advisory and re-runs.
    if (checks.some(({ retention }) => "unknown" in retention)) return false;
    const short = checks.filter(({ retention }) => "days" in retention && !isCompliant(retention, minimumRetentionDays));
    for (const { property } of short) {
        const [parent, key] = parentOf(args.props, property);
        setInput(parent, key, value);
    }
    return short.length > 0;
};

export default resourceControl(metadata, validate, remediation(fixRetention));
