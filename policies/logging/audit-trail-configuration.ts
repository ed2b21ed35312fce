// Audit trails that exist record everything (MLPS 2.0 L3 security audit: every user, every
// important event; CSL Art. 21(3)): logging on, every region, read and write management events,
// delivered somewhere that keeps them. Mandatory: a trail missing any of these silently loses
// audit records. AWS log file validation is reported as advisory: it detects tampering after
// the fact (integrity hardening, CIS AWS 3.2) rather than deciding whether logs are kept.
// The destination's retention is checked on the destination itself (log-bucket-lifecycle-minimum
// for the trail's bucket, log-retention-minimum for log groups and logstores).
import type * as alicloud from "@pulumi/alicloud";
import type * as aws from "@pulumi/aws";
import { type ReportViolation, type ResourceValidationArgs } from "@pulumi/policy";
import { type ControlMetadata } from "../shared/control";
import { legacyResourceControl } from "../shared/control-legacy";
import { LEGAL } from "../shared/legal";
import { type Bilingual, bi, findingMessage, resourceLabel, safeValue } from "../shared/messages";
import { type Read, inputName, isRecord, readBoolean, readList, readString, toBoolean } from "../shared/properties";
import { reportAdvisory } from "../shared/report";
import { isSetOrUnknown } from "./links";

type Level = "mandatory" | "advisory";

/** A failed check: what was found, what is required, where to change it. */
interface Failure {
    found: Bilingual;
    required: Bilingual;
    property: string;
    level: Level;
}

type Check = (props: Record<string, unknown>) => Failure | undefined;

interface TrailSpec {
    kind: Bilingual;
    checks: readonly Check[];
}

/** A boolean input that must be true; `def` is its documented default. */
function mustBeTrue(name: string, def: boolean, what: Bilingual, level: Level = "mandatory"): Check {
    return (props) => {
        const r = readBoolean(props, [name]);
        const value = r.kind === "absent" ? def : r.kind === "value" ? r.value : undefined;
        if (value === true) return undefined;
        const found = r.kind === "absent" ? `unset (default ${def})` : r.kind === "invalid" ? safeValue(r.raw) : String(value);
        return { found: bi(`\`${name}\` ${found}`, `\`${name}\` 为 ${found}`), required: what, property: name, level };
    };
}

/** A string input that must equal `want`; `def` is its documented default. */
function mustEqual(name: string, want: string, def: string, vocabulary: readonly string[], what: Bilingual): Check {
    return (props) => {
        const r: Read<string> = readString(props, [name]);
        const value = r.kind === "absent" ? def : r.kind === "value" ? r.value : undefined;
        if (value === want) return undefined;
        const shown = r.kind === "absent" ? `unset (default "${def}")` : safeValue(r.kind === "value" ? r.value : r.raw, { vocabulary, shape: /^[a-z]{2}-[a-z0-9-]+$/ });
        return { found: bi(`\`${name}\` ${shown}`, `\`${name}\` 为 ${shown}`), required: what, property: name, level: "mandatory" };
    };
}

type Access = "read" | "write";

/**
 * Which management events a CloudTrail trail records: advanced event selectors (eventCategory
 * Management, optional readOnly field) when given, else basic event selectors (readWriteType,
 * includeManagementEvents), else the default (all management events).
 */
export function cloudTrailManagementAccess(props: Record<string, unknown>): Set<Access> {
    const both = new Set<Access>(["read", "write"]);
    const advanced = readList(props, [inputName<aws.cloudtrail.TrailArgs>("advancedEventSelectors")]);
    if (advanced.kind === "value" && advanced.value.length > 0) {
        const out = new Set<Access>();
        for (const sel of advanced.value) {
            const fields = isRecord(sel) && Array.isArray(sel.fieldSelectors) ? sel.fieldSelectors.filter(isRecord) : [];
            const category = fields.find((f) => f.field === "eventCategory");
            if (!category || !listOf(category.equals).includes("Management")) continue;
            readOnlyAccess(fields.find((f) => f.field === "readOnly")).forEach((a) => out.add(a));
        }
        return out;
    }
    const basic = readList(props, [inputName<aws.cloudtrail.TrailArgs>("eventSelectors")]);
    if (basic.kind === "value" && basic.value.length > 0) {
        const out = new Set<Access>();
        for (const sel of basic.value) {
            if (!isRecord(sel)) continue;
            // includeManagementEvents defaults to true; readWriteType to All.
            if (toBoolean(sel.includeManagementEvents) === false) continue;
            const rw = sel.readWriteType ?? "All";
            if (rw === "All" || rw === "ReadOnly") out.add("read");
            if (rw === "All" || rw === "WriteOnly") out.add("write");
        }
        return out;
    }
    return both;
}

function listOf(v: unknown): unknown[] {
    return Array.isArray(v) ? v : [];
}

function readOnlyAccess(field: Record<string, unknown> | undefined): Access[] {
    if (!field) return ["read", "write"];
    const eq = listOf(field.equals).map(String);
    const ne = listOf(field.notEquals).map(String);
    const out: Access[] = [];
    if ((eq.length === 0 || eq.includes("true")) && !ne.includes("true")) out.push("read");
    if ((eq.length === 0 || eq.includes("false")) && !ne.includes("false")) out.push("write");
    return out;
}

const readAndWrite: Check = (props) => {
    const access = cloudTrailManagementAccess(props);
    if (access.has("read") && access.has("write")) return undefined;
    const got = access.size === 0 ? "no management events" : access.has("read") ? "read-only management events" : "write-only management events";
    const gotZh = access.size === 0 ? "不记录管理事件" : access.has("read") ? "仅记录只读管理事件" : "仅记录写管理事件";
    return {
        found: bi(got, gotZh),
        required: bi("read and write management events (`readWriteType` All)", "记录读和写管理事件（`readWriteType` 为 All）"),
        property: "eventSelectors[].readWriteType",
        level: "mandatory",
    };
};

const ACTIONTRAIL_DESTINATIONS = [
    inputName<alicloud.actiontrail.TrailArgs>("ossBucketName"),
    inputName<alicloud.actiontrail.TrailArgs>("slsProjectArn"),
    inputName<alicloud.actiontrail.TrailArgs>("maxComputeProjectArn"),
];

// ActionTrail keeps only 90 days of event history by itself; a trail must deliver somewhere.
const delivers: Check = (props) =>
    ACTIONTRAIL_DESTINATIONS.some((n) => isSetOrUnknown(props, n))
        ? undefined
        : {
              found: bi("no delivery destination (event history alone keeps 90 days)", "未配置投递目标（事件历史仅保留 90 天）"),
              required: bi("delivery to an OSS bucket or Log Service project", "投递到 OSS 存储桶或日志服务项目"),
              property: "ossBucketName",
              level: "mandatory",
          };

function actionTrailChecks(eventRwDefault: string): Check[] {
    return [
        mustEqual(inputName<alicloud.actiontrail.TrailArgs>("status"), "Enable", "Enable", ["Enable", "Disable"], bi('logging enabled ("Enable")', "启用日志记录（\"Enable\"）")),
        mustEqual(inputName<alicloud.actiontrail.TrailArgs>("trailRegion"), "All", "All", ["All"], bi('all regions ("All")', "全部地域（\"All\"）")),
        mustEqual(inputName<alicloud.actiontrail.TrailArgs>("eventRw"), "All", eventRwDefault, ["Read", "Write", "All"], bi('read and write events ("All")', "读和写事件（\"All\"）")),
        delivers,
    ];
}

export const TRAILS: Record<string, TrailSpec> = {
    "aws:cloudtrail/trail:Trail": {
        kind: bi("CloudTrail trail", "CloudTrail 跟踪"),
        checks: [
            mustBeTrue(inputName<aws.cloudtrail.TrailArgs>("enableLogging"), true, bi("logging enabled (true)", "启用日志记录（true）")),
            mustBeTrue(inputName<aws.cloudtrail.TrailArgs>("isMultiRegionTrail"), false, bi("a multi-region trail (true)", "多地域跟踪（true）")),
            readAndWrite,
            mustBeTrue(inputName<aws.cloudtrail.TrailArgs>("enableLogFileValidation"), false, bi("log file validation on (true)", "启用日志文件完整性验证（true）"), "advisory"),
        ],
    },
    // Trail: status Enable, eventRw All, trailRegion All by default (API defaults).
    "alicloud:actiontrail/trail:Trail": { kind: bi("ActionTrail trail", "操作审计跟踪"), checks: actionTrailChecks("All") },
    // The deprecated class documents eventRw default Write: unset logs only write events.
    "alicloud:actiontrail/trailDeprecated:TrailDeprecated": { kind: bi("ActionTrail trail", "操作审计跟踪"), checks: actionTrailChecks("Write") },
};

export const metadata: ControlMetadata = {
    name: "audit-trail-configuration",
    description: "CloudTrail / ActionTrail trails log in every region, record read and write events, are switched on and deliver their logs; AWS trails validate log files.",
    category: "logging",
    bases: ["csl-23-3", "mlps-8.1.4.3", "mlps-8.2.3.3", "cis-aws"],
    severity: "high",
    enforcementLevel: "mandatory",
    remediationSteps:
        "aws.cloudtrail.Trail: `isMultiRegionTrail: true`, `enableLogging` true (default), event selectors recording All management events, `enableLogFileValidation: true` " +
        "(advisory: integrity hardening). alicloud.actiontrail.Trail / TrailDeprecated: `status: \"Enable\"`, `trailRegion: \"All\"`, `eventRw: \"All\"` (the deprecated class " +
        "defaults to Write) and `ossBucketName` or `slsProjectArn` set. Missing regions, disabled logging or write-only logging lose audit records, so those are mandatory. " +
        "The destination's retention is checked by log-bucket-lifecycle-minimum and log-retention-minimum.",
    zh: {
        description: "CloudTrail / ActionTrail 跟踪覆盖全部地域、记录读写事件、处于开启状态并投递日志；AWS 跟踪开启日志文件验证。",
        remediationSteps:
            "aws.cloudtrail.Trail：`isMultiRegionTrail: true`，`enableLogging` 为 true（默认），事件选择器记录全部（All）管理事件，`enableLogFileValidation: true`" +
            '（建议级：完整性加固）。alicloud.actiontrail.Trail / TrailDeprecated：`status: "Enable"`、`trailRegion: "All"`、`eventRw: "All"`（已弃用的类' +
            "默认为 Write），并设置 `ossBucketName` 或 `slsProjectArn`。缺少地域、关闭日志或只记录写事件都会丢失审计记录，因此这些为强制级（mandatory）。" +
            "投递目标的日志保留期由 log-bucket-lifecycle-minimum 和 log-retention-minimum 检查。",
    },
    resourceTypes: Object.keys(TRAILS),
};

function validate(args: ResourceValidationArgs, report: ReportViolation): void {
    const spec = TRAILS[args.type];
    if (!spec) return;
    for (const check of spec.checks) {
        // Reported as found: an unknown input later on throws and the SDK adds its advisory.
        const f = check(args.props);
        if (!f) continue;
        const message = findingMessage({
            resource: resourceLabel(spec.kind, args.name),
            found: f.found,
            required: f.required,
            property: f.property,
            basis: [LEGAL["mlps2-l3"], LEGAL["csl-art21"]],
        });
        if (f.level === "advisory") reportAdvisory(report, message);
        else report(message);
    }
}

export default legacyResourceControl(metadata, validate);
