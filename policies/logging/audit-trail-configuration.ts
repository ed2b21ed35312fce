// Audit trails that exist record everything (GB/T 22239-2019 security audit: every user, every
// important event; Cybersecurity Law Art. 23(3)): logging on, every region, read and write
// management events, delivered somewhere that keeps them. Mandatory: a trail missing any of these
// silently loses audit records. AWS log file validation is reported as advisory: it detects
// tampering after the fact (integrity hardening, CIS AWS 3.2) rather than deciding whether logs
// are kept. The destination's retention is checked on the destination itself
// (log-bucket-lifecycle-minimum for the trail's bucket, log-retention-minimum for log groups and
// logstores).
import type * as alicloud from "@pulumi/alicloud";
import type * as aws from "@pulumi/aws";
import { type ResourceValidationArgs } from "@pulumi/policy";
import { type BasisId } from "../shared/bases";
import { type ControlMetadata, resourceControl } from "../shared/control";
import { type Emit, shown } from "../shared/emit";
import { type Bilingual, bi } from "../shared/messages";
import { inputName, toBoolean } from "../shared/properties";
import { Input, type Read } from "../shared/reader";
import { isSetOrUnknown } from "./links";

/** A failed check: what was found, what is required, where to change it. */
interface Failure {
    found: Bilingual;
    required: Bilingual;
    change: string;
    /** Advisory: integrity hardening beside the mandatory rule. */
    advisory?: boolean;
    unknown?: boolean;
    bases?: readonly BasisId[];
}

type Check = (props: Input) => Failure | undefined;

interface TrailSpec {
    kind: Bilingual;
    checks: readonly Check[];
}

const UNKNOWN = bi("a value that is unknown until deployment", "部署前未知的值");

/** `name` and what it holds: "`x` false" / "`x` 为 false", "`x` unset (default false)" / "`x` 未设置（默认 false）". */
function named(name: string, read: Read<unknown>, value: Bilingual): Bilingual {
    return bi(`\`${name}\` ${value.en}`, read.kind === "absent" ? `\`${name}\` ${value.zh}` : `\`${name}\` 为 ${value.zh}`);
}

/** A boolean input that must be true; `def` is its documented default. */
function mustBeTrue(name: string, def: boolean, what: Bilingual, extra: Partial<Failure> = {}): Check {
    return (props) => {
        const r = props.get(name).boolean();
        if (r.kind === "unknown") return { found: UNKNOWN, required: what, change: r.path, unknown: true, ...extra };
        const value = r.kind === "absent" ? def : r.kind === "value" ? r.value : undefined;
        if (value === true) return undefined;
        return { found: named(name, r, shown(r, { unset: bi(`default ${def}`, `默认 ${def}`) })), required: what, change: r.path, ...extra };
    };
}

/** A string input that must equal `want`; `def` is its documented default. */
function mustEqual(name: string, want: string, def: string, vocabulary: readonly string[], what: Bilingual): Check {
    return (props) => {
        const r = props.get(name).string();
        if (r.kind === "unknown") return { found: UNKNOWN, required: what, change: r.path, unknown: true };
        const value = r.kind === "absent" ? def : r.kind === "value" ? r.value : undefined;
        if (value === want) return undefined;
        const found = shown(r, { vocabulary, shape: /^[a-z]{2}-[a-z0-9-]+$/, unset: bi(`default "${def}"`, `默认 "${def}"`) });
        return { found: named(name, r, found), required: what, change: r.path };
    };
}

type Access = "read" | "write";
const BOTH: readonly Access[] = ["read", "write"];

/** A list of strings; [] when absent or not a list; undefined when any of it is unknown during preview. */
function stringList(input: Input): string[] | undefined {
    const items = input.items();
    if (items.kind === "unknown") return undefined;
    if (items.kind !== "value") return [];
    const out: string[] = [];
    for (const item of items.value) {
        const r = item.raw();
        if (r.kind === "unknown") return undefined;
        if (r.kind === "value") out.push(String(r.value));
    }
    return out;
}

/** The field selectors of an advanced selector by field name (first one wins); undefined when unknown. */
function fieldsByName(selector: Input): Map<string, Input> | undefined {
    const fields = selector.get("fieldSelectors").items();
    if (fields.kind === "unknown") return undefined;
    const out = new Map<string, Input>();
    if (fields.kind !== "value") return out;
    for (const f of fields.value) {
        const name = f.get("field").raw();
        if (name.kind === "unknown") return undefined;
        if (name.kind === "value" && typeof name.value === "string" && !out.has(name.value)) out.set(name.value, f);
    }
    return out;
}

function readOnlyAccess(field: Input | undefined): Access[] | undefined {
    if (!field) return [...BOTH];
    const eq = stringList(field.get("equals"));
    const ne = stringList(field.get("notEquals"));
    if (eq === undefined || ne === undefined) return undefined;
    const out: Access[] = [];
    if ((eq.length === 0 || eq.includes("true")) && !ne.includes("true")) out.push("read");
    if ((eq.length === 0 || eq.includes("false")) && !ne.includes("false")) out.push("write");
    return out;
}

/**
 * Which management events a CloudTrail trail records, read from the selector list that decides
 * it (its path is the input to change): advanced event selectors (eventCategory Management,
 * optional readOnly field) when given, else basic event selectors (readWriteType,
 * includeManagementEvents), else the default (all management events).
 */
export function cloudTrailManagementAccess(props: Input): Read<Set<Access>> {
    const advancedInput = props.get(inputName<aws.cloudtrail.TrailArgs>("advancedEventSelectors"));
    const advanced = advancedInput.items();
    if (advanced.kind === "unknown") return advanced;
    if (advanced.kind === "value" && advanced.value.length > 0) {
        const out = new Set<Access>();
        for (const sel of advanced.value) {
            const fields = fieldsByName(sel);
            if (!fields) return { kind: "unknown", path: sel.path };
            const category = fields.get("eventCategory");
            if (!category) continue;
            const equals = stringList(category.get("equals"));
            if (equals === undefined) return { kind: "unknown", path: sel.path };
            if (!equals.includes("Management")) continue;
            const access = readOnlyAccess(fields.get("readOnly"));
            if (!access) return { kind: "unknown", path: sel.path };
            access.forEach((a) => out.add(a));
        }
        return { kind: "value", value: out, path: advancedInput.path };
    }
    const basicInput = props.get(inputName<aws.cloudtrail.TrailArgs>("eventSelectors"));
    const basic = basicInput.items();
    if (basic.kind === "unknown") return basic;
    if (basic.kind === "value" && basic.value.length > 0) {
        const out = new Set<Access>();
        for (const sel of basic.value) {
            const record = sel.record();
            // An unknown selector may be the one that records management events.
            if (record.kind === "unknown") return record;
            if (record.kind !== "value") continue;
            // includeManagementEvents defaults to true; readWriteType to All.
            const include = sel.get("includeManagementEvents").raw();
            const rw = sel.get("readWriteType").raw();
            if (include.kind === "unknown") return include;
            if (rw.kind === "unknown") return rw;
            if (include.kind === "value" && toBoolean(include.value) === false) continue;
            const type = rw.kind === "value" ? rw.value : "All";
            if (type === "All" || type === "ReadOnly") out.add("read");
            if (type === "All" || type === "WriteOnly") out.add("write");
        }
        return { kind: "value", value: out, path: basicInput.path };
    }
    return { kind: "value", value: new Set(BOTH), path: basicInput.path };
}

const READ_AND_WRITE = bi("read and write management events (`readWriteType` All)", "记录读和写管理事件（`readWriteType` 为 All）");

const readAndWrite: Check = (props) => {
    const r = cloudTrailManagementAccess(props);
    if (r.kind === "unknown") return { found: UNKNOWN, required: READ_AND_WRITE, change: r.path, unknown: true };
    if (r.kind !== "value") return undefined;
    const access = r.value;
    if (access.has("read") && access.has("write")) return undefined;
    const got = access.size === 0 ? "no management events" : access.has("read") ? "read-only management events" : "write-only management events";
    const gotZh = access.size === 0 ? "不记录管理事件" : access.has("read") ? "仅记录只读管理事件" : "仅记录写管理事件";
    return { found: bi(got, gotZh), required: READ_AND_WRITE, change: r.path };
};

const ACTIONTRAIL_DESTINATIONS = [
    inputName<alicloud.actiontrail.TrailArgs>("ossBucketName"),
    inputName<alicloud.actiontrail.TrailArgs>("slsProjectArn"),
    inputName<alicloud.actiontrail.TrailArgs>("maxComputeProjectArn"),
];

// ActionTrail keeps only 90 days of event history by itself; a trail must deliver somewhere.
const delivers: Check = (props) =>
    ACTIONTRAIL_DESTINATIONS.some((n) => isSetOrUnknown(props.get(n)))
        ? undefined
        : {
              found: bi("no delivery destination (event history alone keeps 90 days)", "未配置投递目标（事件历史仅保留 90 天）"),
              required: bi("delivery to an OSS bucket or an SLS project", "投递到 OSS Bucket（存储空间）或日志服务（SLS）Project"),
              change: inputName<alicloud.actiontrail.TrailArgs>("ossBucketName"),
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
            mustBeTrue(inputName<aws.cloudtrail.TrailArgs>("isMultiRegionTrail"), false, bi("a multi-region trail (true)", "多区域跟踪（true）")),
            readAndWrite,
            // Integrity hardening: advisory, on the audit-record protection clause and CIS AWS 3.2.
            mustBeTrue(inputName<aws.cloudtrail.TrailArgs>("enableLogFileValidation"), false, bi("log file validation on (true)", "启用日志文件完整性验证（true）"), {
                advisory: true,
                bases: ["mlps-8.1.4.3", "cis-aws"],
            }),
        ],
    },
    // Trail: status Enable, eventRw All, trailRegion All by default (API defaults).
    "alicloud:actiontrail/trail:Trail": { kind: bi("ActionTrail trail", "操作审计（ActionTrail）跟踪"), checks: actionTrailChecks("All") },
    // The deprecated class documents eventRw default Write: unset logs only write events.
    "alicloud:actiontrail/trailDeprecated:TrailDeprecated": { kind: bi("ActionTrail trail", "操作审计（ActionTrail）跟踪"), checks: actionTrailChecks("Write") },
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
        description: "CloudTrail 跟踪覆盖全部区域、ActionTrail 跟踪覆盖全部地域，记录读写事件、处于开启状态并投递日志；AWS 跟踪开启日志文件验证。",
        remediationSteps:
            "aws.cloudtrail.Trail：`isMultiRegionTrail: true`，`enableLogging` 为 true（默认），事件选择器记录全部（All）管理事件，`enableLogFileValidation: true`" +
            '（建议级：完整性加固）。alicloud.actiontrail.Trail / TrailDeprecated：`status: "Enable"`、`trailRegion: "All"`、`eventRw: "All"`（已弃用的类' +
            "默认为 Write），并设置 `ossBucketName` 或 `slsProjectArn`。缺少区域（地域）、关闭日志或只记录写事件都会丢失审计记录，因此这些为强制级（mandatory）。" +
            "投递目标的日志保留期由 log-bucket-lifecycle-minimum 和 log-retention-minimum 检查。",
    },
    resourceTypes: Object.keys(TRAILS),
};

/** The bases of the mandatory checks: what CIS asks beside them is the advisory's alone. */
const MANDATORY_BASES: readonly BasisId[] = ["csl-23-3", "mlps-8.1.4.3", "mlps-8.2.3.3"];

function validate(args: ResourceValidationArgs, emit: Emit): void {
    const spec = TRAILS[args.type];
    if (!spec) return;
    const props = Input.of(args.props);
    for (const check of spec.checks) {
        const f = check(props);
        if (!f) continue;
        emit({
            kind: spec.kind,
            found: f.found,
            required: f.required,
            change: f.change,
            ...(f.unknown ? { unknown: true } : {}),
            ...(f.advisory ? { advisory: true } : {}),
            bases: f.bases ?? MANDATORY_BASES,
        });
    }
}

export default resourceControl(metadata, validate);
