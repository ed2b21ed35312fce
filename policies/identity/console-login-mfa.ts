// Two factors at console login (GB/T 22239-2019 8.1.4.1 d)). Every IAM or RAM user a stack gives a
// console password also needs multi-factor login: on Alibaba Cloud a RAM SecurityPreference with
// `mfaOperationForLogin: "mandatory"` or the login profile's `mfaBindRequired`; on AWS an IAM
// policy in the stack that requires `aws:MultiFactorAuthPresent` (IAM has no account-wide switch).
// Advisory: policy documents are often unknown during preview, and the AWS check can only see that
// such a policy exists, not that it is attached to every user.
import type * as alicloud from "@pulumi/alicloud";
import type * as aws from "@pulumi/aws";
import { type PolicyResource, type StackValidationArgs } from "@pulumi/policy";
import { boolean, readConfig } from "../shared/config";
import { type ControlMetadata, stackControl } from "../shared/control";
import { type Emit, shown } from "../shared/emit";
import { bi } from "../shared/messages";
import { inputName } from "../shared/properties";
import { Input } from "../shared/reader";

export const config = {
    mfaEnforcedInAnotherStack: boolean("Multi-factor login is enforced by another stack (an account-wide RAM security preference or IAM policy): do not report console users here.", false),
};

const RAM_LOGIN = "alicloud:ram/loginProfile:LoginProfile";
const RAM_PREFERENCE = "alicloud:ram/securityPreference:SecurityPreference";
const IAM_LOGIN = "aws:iam/userLoginProfile:UserLoginProfile";
/** IAM resources whose `policy` document can require MFA. */
export const IAM_POLICY_TYPES = ["aws:iam/policy:Policy", "aws:iam/userPolicy:UserPolicy", "aws:iam/groupPolicy:GroupPolicy"];
const IAM_POLICY_DOCUMENT = inputName<aws.iam.PolicyArgs>("policy");
const MFA_BIND = inputName<alicloud.ram.LoginProfileArgs>("mfaBindRequired");
const MFA_LOGIN = inputName<alicloud.ram.SecurityPreferenceArgs>("mfaOperationForLogin");
const MFA_LOGIN_DEPRECATED = inputName<alicloud.ram.SecurityPreferenceArgs>("enforceMfaForLogin");
const MFA_KEY = /aws:multifactorauthpresent/i;

export const metadata: ControlMetadata = {
    name: "console-login-mfa",
    description: "IAM and RAM users with console passwords must log in with a second factor (MFA).",
    category: "identity",
    bases: ["mlps-8.1.4.1", "csl-23"],
    severity: "high",
    enforcementLevel: "advisory",
    remediationSteps:
        'Alibaba Cloud: add an alicloud.ram.SecurityPreference with `mfaOperationForLogin: "mandatory"` ("adaptive" asks only on unusual logins), or set `mfaBindRequired: true` on each alicloud.ram.LoginProfile. ' +
        'AWS: attach to console users an IAM policy that denies actions when `aws:MultiFactorAuthPresent` is false (Condition "BoolIfExists"). ' +
        "Set `mfaEnforcedInAnotherStack` when another stack enforces it. Advisory by default: the policy document is often unknown during preview.",
    zh: {
        description: "设置了控制台密码的 IAM 和 RAM 用户登录时必须使用第二种鉴别因素（MFA）。",
        remediationSteps:
            '阿里云：添加 alicloud.ram.SecurityPreference 并将 `mfaOperationForLogin` 设为 "mandatory"（"adaptive" 仅在异常登录时要求），或在每个 alicloud.ram.LoginProfile 上设置 `mfaBindRequired: true`。' +
            'AWS：为控制台用户附加一个 IAM 策略，在 `aws:MultiFactorAuthPresent` 为 false 时拒绝操作（条件运算符 "BoolIfExists"）。' +
            "由其他堆栈强制 MFA 时，请设置 `mfaEnforcedInAnotherStack`。默认级别为建议（advisory），因为策略文档在预览时常常未知。",
    },
    resourceTypes: [RAM_LOGIN, RAM_PREFERENCE, IAM_LOGIN, ...IAM_POLICY_TYPES],
    config,
};

/** "yes" when a RAM security preference makes MFA mandatory at login, the reason when not. */
function ramPreference(resources: readonly PolicyResource[]): "yes" | "unknown" | "adaptive" | "no" {
    let best: "unknown" | "adaptive" | "no" = "no";
    for (const r of resources.filter((x) => x.type === RAM_PREFERENCE)) {
        const props = Input.of(r.props);
        const mode = props.get(MFA_LOGIN).string();
        const legacy = props.get(MFA_LOGIN_DEPRECATED).boolean();
        if ((mode.kind === "value" && mode.value === "mandatory") || (mode.kind === "absent" && legacy.kind === "value" && legacy.value)) return "yes";
        if (mode.kind === "unknown" || (mode.kind === "absent" && legacy.kind === "unknown")) best = "unknown";
        else if (mode.kind === "value" && mode.value === "adaptive" && best === "no") best = "adaptive";
    }
    return best;
}

/** Whether an IAM policy of the stack mentions aws:MultiFactorAuthPresent. */
function iamRequiresMfa(resources: readonly PolicyResource[]): "yes" | "unknown" | "no" {
    let result: "unknown" | "no" = "no";
    for (const r of resources.filter((x) => IAM_POLICY_TYPES.includes(x.type))) {
        const doc = Input.of(r.props).get(IAM_POLICY_DOCUMENT).raw();
        if (doc.kind === "unknown") result = "unknown";
        if (doc.kind !== "value") continue;
        const text = typeof doc.value === "string" ? doc.value : safeJson(doc.value);
        if (text === undefined) result = "unknown";
        else if (MFA_KEY.test(text)) return "yes";
    }
    return result;
}

/** JSON of a document object; undefined when part of it is unknown during preview. */
function safeJson(v: unknown): string | undefined {
    try {
        return JSON.stringify(v);
    } catch {
        return undefined;
    }
}

function validate(args: StackValidationArgs, emit: Emit): void {
    if (readConfig(config, args.getConfig()).mfaEnforcedInAnotherStack) return;

    const preference = ramPreference(args.resources);
    if (preference !== "yes") {
        for (const r of args.resources.filter((x) => x.type === RAM_LOGIN)) {
            const bind = Input.of(r.props).get(MFA_BIND).boolean();
            if (bind.kind === "value" && bind.value) continue;
            const why =
                preference === "adaptive"
                    ? bi('the stack\'s SecurityPreference asks for MFA only on unusual logins ("adaptive")', "堆栈的 SecurityPreference 仅在异常登录时要求 MFA（adaptive）")
                    : bi("no SecurityPreference making MFA mandatory", "没有强制 MFA 的 SecurityPreference");
            const value = shown(bind, { unset: bi("default false", "默认 false") });
            emit({
                kind: bi("RAM login profile", "RAM 登录配置"),
                on: { urn: r.urn, name: r.name },
                found: bi(`${value.en}, and ${why.en}`, `${value.zh}，且${why.zh}`),
                required: bi('true, or a SecurityPreference with mfaOperationForLogin "mandatory"', 'true，或 SecurityPreference 的 mfaOperationForLogin 为 "mandatory"'),
                change: bind,
                unknown: bind.kind === "unknown" || preference === "unknown",
            });
        }
    }

    const iam = iamRequiresMfa(args.resources);
    if (iam === "yes") return;
    for (const r of args.resources.filter((x) => x.type === IAM_LOGIN)) {
        emit({
            kind: bi("IAM login profile", "IAM 登录配置"),
            on: { urn: r.urn, name: r.name },
            found: iam === "unknown" ? bi("IAM policies whose documents are unknown until deployment", "部署前未知的 IAM 策略文档") : bi("no IAM policy in the stack requiring aws:MultiFactorAuthPresent", "堆栈中没有要求 aws:MultiFactorAuthPresent 的 IAM 策略"),
            required: bi("a policy denying access without MFA, attached to the user", "附加到该用户、在未使用 MFA 时拒绝访问的策略"),
            change: { type: "aws.iam.Policy", input: "policy", add: true },
            unknown: iam === "unknown",
        });
    }
}

export default stackControl(metadata, validate);
