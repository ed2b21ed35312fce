// Complex passwords changed regularly, and login-failure handling (GB/T 22239-2019 8.1.4.1 b), c)).
// A stack that gives IAM or RAM users console passwords declares the account password policy, and
// every password policy a stack declares meets the configured minimums. The account policy is
// often managed once per account in another stack: `passwordPolicyInAnotherStack` acknowledges
// that, and a missing policy is advisory. IAM and RAM are global: this applies in any region.
import type * as alicloud from "@pulumi/alicloud";
import type * as aws from "@pulumi/aws";
import { type PolicyResource, type StackValidationArgs } from "@pulumi/policy";
import { type ConfigValues, boolean, integer, readConfig } from "../shared/config";
import { type ControlMetadata, stackControl } from "../shared/control";
import { type Emit, shown } from "../shared/emit";
import { type Bilingual, bi } from "../shared/messages";
import { inputName } from "../shared/properties";
import { Input, type Read } from "../shared/reader";

export const config = {
    minimumPasswordLength: integer("Minimum password length an account password policy must require.", 8, 8, 32),
    minimumPasswordCharacterClasses: integer("How many of the four character classes (lowercase, uppercase, digits, symbols) a password policy must require.", 3, 1, 4),
    maximumPasswordAgeDays: integer("Longest password lifetime a password policy may allow, in days (0, never expires, fails).", 90, 1, 1095),
    minimumPasswordReusePrevention: integer("How many previous passwords a password policy must forbid reusing.", 5, 1, 24),
    maximumLoginAttempts: integer("Most failed logins before the account is locked, where the cloud supports lockout (Alibaba Cloud RAM; AWS IAM has none).", 5, 1, 32),
    passwordPolicyInAnotherStack: boolean("The account password policy is managed in another stack: do not report a stack with console users but no policy.", false),
};

type Config = ConfigValues<typeof config>;

/** The numeric settings of a password policy, each checked against one configured bound. */
type Setting = "length" | "maxAge" | "reuse" | "lockout";

/** One password-policy resource type: per setting, its input and the value the provider applies when it is unset. */
interface PolicyType {
    cloud: "aws" | "alicloud";
    kind: Bilingual;
    /** Lockout (failed logins before lockout, 0 = none) is absent where the cloud has none. */
    settings: Partial<Record<Setting, { input: string; unset: number }>>;
    classes: { inputs: readonly string[]; unset: boolean };
    /** How the default reads in a finding, e.g. "IAM applies 6". */
    defaultNote: Bilingual;
}

/** What each setting must be, from the configuration; `zero` says what 0 means where it disables the setting. */
const RULES: Record<Setting, { ok: (n: number, c: Config) => boolean; required: (c: Config) => Bilingual; days?: true; zero?: Bilingual }> = {
    length: { ok: (n, c) => n >= c.minimumPasswordLength, required: (c) => bi(`at least ${c.minimumPasswordLength} characters`, `至少 ${c.minimumPasswordLength} 个字符`) },
    maxAge: {
        ok: (n, c) => n >= 1 && n <= c.maximumPasswordAgeDays,
        required: (c) => bi(`1 to ${c.maximumPasswordAgeDays} days`, `1～${c.maximumPasswordAgeDays} 天`),
        days: true,
        zero: bi("passwords never expire", "密码永不过期"),
    },
    reuse: { ok: (n, c) => n >= c.minimumPasswordReusePrevention, required: (c) => bi(`at least ${c.minimumPasswordReusePrevention} previous passwords`, `至少 ${c.minimumPasswordReusePrevention} 个历史密码`) },
    lockout: {
        ok: (n, c) => n >= 1 && n <= c.maximumLoginAttempts,
        required: (c) => bi(`lockout after 1 to ${c.maximumLoginAttempts} failed logins`, `连续登录失败 1～${c.maximumLoginAttempts} 次后锁定`),
        zero: bi("no lockout", "不锁定"),
    },
};

const CLASS_INPUTS = ["requireLowercaseCharacters", "requireUppercaseCharacters", "requireNumbers", "requireSymbols"] as const;
type AwsArgs = aws.iam.AccountPasswordPolicyArgs;
type RamArgs = alicloud.ram.AccountPasswordPolicyArgs;
type RamNewArgs = alicloud.ram.PasswordPolicyArgs;

export const POLICY_TYPES: Record<string, PolicyType> = {
    // The inputs document no defaults; IAM's UpdateAccountPasswordPolicy applies length 6, no
    // character classes, passwords that never expire and no reuse prevention to what is omitted.
    // IAM has no lockout.
    "aws:iam/accountPasswordPolicy:AccountPasswordPolicy": {
        cloud: "aws",
        kind: bi("IAM account password policy", "IAM 账号密码策略"),
        settings: {
            length: { input: inputName<AwsArgs>("minimumPasswordLength"), unset: 6 },
            maxAge: { input: inputName<AwsArgs>("maxPasswordAge"), unset: 0 },
            reuse: { input: inputName<AwsArgs>("passwordReusePrevention"), unset: 0 },
        },
        classes: { inputs: CLASS_INPUTS.map((n) => inputName<AwsArgs>(n)), unset: false },
        defaultNote: bi("IAM applies", "IAM 默认"),
    },
    // Documented defaults: length 12, every class required, never expires, no reuse check, 5 attempts.
    "alicloud:ram/accountPasswordPolicy:AccountPasswordPolicy": {
        cloud: "alicloud",
        kind: bi("RAM account password policy", "RAM 账号密码策略"),
        settings: {
            length: { input: inputName<RamArgs>("minimumPasswordLength"), unset: 12 },
            maxAge: { input: inputName<RamArgs>("maxPasswordAge"), unset: 0 },
            reuse: { input: inputName<RamArgs>("passwordReusePrevention"), unset: 0 },
            lockout: { input: inputName<RamArgs>("maxLoginAttempts"), unset: 5 },
        },
        classes: { inputs: CLASS_INPUTS.map((n) => inputName<RamArgs>(n)), unset: true },
        defaultNote: bi("default", "默认"),
    },
    // The newer resource: length 8, no class required, never expires, no reuse check, no lockout.
    "alicloud:ram/passwordPolicy:PasswordPolicy": {
        cloud: "alicloud",
        kind: bi("RAM password policy", "RAM 密码策略"),
        settings: {
            length: { input: inputName<RamNewArgs>("minimumPasswordLength"), unset: 8 },
            maxAge: { input: inputName<RamNewArgs>("maxPasswordAge"), unset: 0 },
            reuse: { input: inputName<RamNewArgs>("passwordReusePrevention"), unset: 0 },
            lockout: { input: inputName<RamNewArgs>("maxLoginAttemps"), unset: 0 },
        },
        classes: { inputs: CLASS_INPUTS.map((n) => inputName<RamNewArgs>(n)), unset: false },
        defaultNote: bi("default", "默认"),
    },
};

/** Resources that give a user a console password, per cloud. */
export const CONSOLE_LOGINS: Record<PolicyType["cloud"], { types: readonly string[]; name: Bilingual; add: string }> = {
    aws: { types: ["aws:iam/userLoginProfile:UserLoginProfile"], name: bi("IAM users with console passwords", "设置了控制台密码的 IAM 用户"), add: "aws.iam.AccountPasswordPolicy" },
    alicloud: { types: ["alicloud:ram/loginProfile:LoginProfile"], name: bi("RAM users with console passwords", "设置了控制台密码的 RAM 用户"), add: "alicloud.ram.AccountPasswordPolicy" },
};

export const metadata: ControlMetadata = {
    name: "password-policy-strong",
    description:
        "A stack that gives IAM or RAM users console passwords declares an account password policy, and every password policy requires long, complex passwords changed regularly, not reused, with lockout after repeated failures.",
    category: "identity",
    bases: ["mlps-8.1.4.1", "csl-23"],
    severity: "high",
    enforcementLevel: "mandatory",
    remediationSteps:
        "Set the password policy's `minimumPasswordLength` to 8 or more, require at least three of lowercase, uppercase, digits and symbols (`require*`), `maxPasswordAge` to 1–90 days, " +
        "`passwordReusePrevention` to 5 or more and, on Alibaba Cloud, `maxLoginAttempts` (alicloud.ram.PasswordPolicy: `maxLoginAttemps`) to 1–5. " +
        "aws.iam.AccountPasswordPolicy documents no defaults: IAM applies length 6, no classes, no expiry and no reuse check to whatever is omitted. " +
        "A stack with console users (aws.iam.UserLoginProfile, alicloud.ram.LoginProfile) and no password policy gets an advisory finding; set `passwordPolicyInAnotherStack` when the account's policy lives elsewhere. All of these change in place.",
    zh: {
        description: "为 IAM 或 RAM 用户设置控制台密码的堆栈同时声明账号密码策略；每个密码策略都要求足够长度和复杂度的口令、定期更换、不得重复使用，并在多次登录失败后锁定。",
        remediationSteps:
            "将密码策略的 `minimumPasswordLength` 设为 8 或更大，至少要求小写字母、大写字母、数字、符号中的三类（`require*`），`maxPasswordAge` 设为 1～90 天，" +
            "`passwordReusePrevention` 设为 5 或更大；阿里云还需将 `maxLoginAttempts`（alicloud.ram.PasswordPolicy 为 `maxLoginAttemps`）设为 1～5。" +
            "aws.iam.AccountPasswordPolicy 的输入没有文档默认值：未设置的项由 IAM 按长度 6、不要求字符类别、永不过期、不检查历史密码处理。" +
            "有控制台用户（aws.iam.UserLoginProfile、alicloud.ram.LoginProfile）但没有密码策略的堆栈会得到建议级别的结果；账号密码策略在其他堆栈管理时，请设置 `passwordPolicyInAnotherStack`。以上修改均为原地更新。",
    },
    resourceTypes: [...Object.keys(POLICY_TYPES), ...Object.values(CONSOLE_LOGINS).flatMap((c) => c.types)],
    config,
};

/** A number read with the provider's value for unset; undefined when unknown or of the wrong shape. */
function valueOf(read: Read<number>, unset: number): number | undefined {
    return read.kind === "absent" ? unset : read.kind === "value" ? read.value : undefined;
}

function found(read: Read<number>, unset: number, t: PolicyType, rule: (typeof RULES)[Setting]): Bilingual {
    const n = valueOf(read, unset);
    if (n === 0 && rule.zero) {
        const value = read.kind === "absent" ? bi(`unset (${t.defaultNote.en} 0)`, `未设置（${t.defaultNote.zh} 0）`) : bi("0", "0");
        return bi(`${value.en}: ${rule.zero.en}`, `${value.zh}：${rule.zero.zh}`);
    }
    const unit = rule.days ? bi(" days", " 天") : bi("", "");
    if (read.kind === "value") return bi(`${read.value}${unit.en}`, `${read.value}${unit.zh}`);
    return shown(read, { unset: bi(`${t.defaultNote.en} ${unset}`, `${t.defaultNote.zh} ${unset}`) });
}

const classOn = (r: Read<boolean>, unset: boolean) => (r.kind === "absent" ? unset : r.kind === "value" && r.value);

function checkPolicy(r: PolicyResource, t: PolicyType, c: Config, emit: Emit): void {
    const props = Input.of(r.props);
    const on = { urn: r.urn, name: r.name };
    for (const [setting, rule] of Object.entries(RULES) as [Setting, (typeof RULES)[Setting]][]) {
        const s = t.settings[setting];
        if (!s) continue;
        const read = props.get(s.input).number();
        const n = valueOf(read, s.unset);
        if (n !== undefined && rule.ok(n, c)) continue;
        emit({ kind: t.kind, on, found: found(read, s.unset, t, rule), required: rule.required(c), change: read, unknown: read.kind === "unknown" });
    }

    const classes = t.classes.inputs.map((input) => [input, props.get(input).boolean()] as const);
    const required = classes.filter(([, r]) => classOn(r, t.classes.unset)).length;
    if (required < c.minimumPasswordCharacterClasses) {
        const off = classes.filter(([, r]) => !classOn(r, t.classes.unset)).map(([input]) => `\`${input}\``);
        emit({
            kind: t.kind,
            on,
            found: bi(`${required} of 4 character classes required`, `要求 4 类字符中的 ${required} 类`),
            required: bi(`at least ${c.minimumPasswordCharacterClasses} of 4`, `至少 ${c.minimumPasswordCharacterClasses} 类`),
            change: { text: bi(`Set to true enough of ${off.join(", ")}.`, `请将 ${off.join("、")} 中足够多的项设为 true。`) },
            unknown: classes.some(([, r]) => r.kind === "unknown"),
        });
    }
}

function validate(args: StackValidationArgs, emit: Emit): void {
    const c = readConfig(config, args.getConfig());
    const declared = new Set<PolicyType["cloud"]>();
    for (const r of args.resources) {
        const t = POLICY_TYPES[r.type];
        if (!t) continue;
        declared.add(t.cloud);
        checkPolicy(r, t, c, emit);
    }
    if (c.passwordPolicyInAnotherStack) return;
    for (const [cloud, logins] of Object.entries(CONSOLE_LOGINS) as [PolicyType["cloud"], (typeof CONSOLE_LOGINS)["aws"]][]) {
        if (declared.has(cloud) || !args.resources.some((r) => logins.types.includes(r.type))) continue;
        emit({
            kind: bi("Stack", "堆栈"),
            label: bi(`This stack (creates ${logins.name.en})`, `本堆栈（创建了${logins.name.zh}）`),
            found: bi("no account password policy", "没有账号密码策略"),
            required: bi("a password policy meeting the minimums", "满足最低要求的密码策略"),
            change: { type: logins.add, add: true },
            fix: bi("If the account's policy lives in another stack, set `passwordPolicyInAnotherStack: true`.", "若账号密码策略在其他堆栈中管理，请设置 `passwordPolicyInAnotherStack: true`。"),
            // The account policy is often owned by another stack: advisory whatever the policy's level.
            advisory: true,
        });
    }
}

export default stackControl(metadata, validate);
