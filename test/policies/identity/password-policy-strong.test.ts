import { describe, expect, it } from "vitest";
import control from "../../../policies/identity/password-policy-strong";
import { type TestResource, levels, runStack, secret, unknown } from "../../helpers/harness";

const AWS_POLICY = "aws:iam/accountPasswordPolicy:AccountPasswordPolicy";
const RAM_POLICY = "alicloud:ram/accountPasswordPolicy:AccountPasswordPolicy";
const RAM_NEW_POLICY = "alicloud:ram/passwordPolicy:PasswordPolicy";
const AWS_LOGIN = "aws:iam/userLoginProfile:UserLoginProfile";
const RAM_LOGIN = "alicloud:ram/loginProfile:LoginProfile";

const strongAws = {
    minimumPasswordLength: 14,
    requireLowercaseCharacters: true,
    requireUppercaseCharacters: true,
    requireNumbers: true,
    requireSymbols: false,
    maxPasswordAge: 90,
    passwordReusePrevention: 5,
};
const strongRam = { maxPasswordAge: 90, passwordReusePrevention: 5 };
const r = (type: string, props: Record<string, unknown> = {}, name = "p"): TestResource => ({ type, name, props });

describe("password-policy-strong: aws.iam.AccountPasswordPolicy", () => {
    it("a policy meeting every minimum passes", async () => {
        expect(await runStack(control, [r(AWS_POLICY, strongAws), r(AWS_LOGIN, { user: "alice" })])).toEqual([]);
    });

    it("an empty policy fails every rule: IAM applies length 6, no classes, no expiry, no reuse check", async () => {
        const ds = await runStack(control, [r(AWS_POLICY, {}, "account")]);
        expect(levels(ds)).toEqual(["mandatory", "mandatory", "mandatory", "mandatory"]);
        const text = ds.map((d) => d.message).join("\n");
        expect(text).toContain('IAM account password policy "account": found unset (IAM applies 6); required at least 8 characters. Change `minimumPasswordLength`.');
        expect(text).toContain("found 0 of 4 character classes required; required at least 3 of 4. Set to true enough of `requireLowercaseCharacters`, `requireUppercaseCharacters`, `requireNumbers`, `requireSymbols`.");
        expect(text).toContain("found unset (IAM applies 0): passwords never expire; required 1 to 90 days. Change `maxPasswordAge`.");
        expect(text).toContain("found unset (IAM applies 0); required at least 5 previous passwords. Change `passwordReusePrevention`.");
        expect(text).toContain("Compliance basis: GB/T 22239-2019 level 3 8.1.4.1 a)–d); Cybersecurity Law Art. 23 (Art. 21 before 2026-01-01).");
        expect(text).toContain("合规依据：GB/T 22239-2019《信息安全技术 网络安全等级保护基本要求》第三级 8.1.4.1 a)～d)；《中华人民共和国网络安全法》第二十三条。");
        expect(text).toContain("IAM 账号密码策略“account”：当前：未设置（IAM 默认 6）；要求：至少 8 个字符。请修改 `minimumPasswordLength`。");
        expect(text).toContain("当前：未设置（IAM 默认 0）：密码永不过期；要求：1～90 天。请修改 `maxPasswordAge`。");
        // AWS IAM has no lockout setting: nothing is said about one.
        expect(text).not.toContain("failed logins");
        expect(text).not.toContain("maxLoginAttempts");
    });

    it.each<[string, Record<string, unknown>]>([
        ["length 7", { minimumPasswordLength: 7 }],
        ["two classes", { requireNumbers: false }],
        ["max age 0 (never expires)", { maxPasswordAge: 0 }],
        ["max age 91", { maxPasswordAge: 91 }],
        ["reuse 4", { passwordReusePrevention: 4 }],
    ])("one weaker setting is one mandatory finding: %s", async (_n, change) => {
        expect(levels(await runStack(control, [r(AWS_POLICY, { ...strongAws, ...change })]))).toEqual(["mandatory"]);
    });

    it("honours configured minimums", async () => {
        const config = { minimumPasswordLength: 16, minimumPasswordCharacterClasses: 4, maximumPasswordAgeDays: 60, minimumPasswordReusePrevention: 10 };
        expect(levels(await runStack(control, [r(AWS_POLICY, strongAws)], { config }))).toEqual(["mandatory", "mandatory", "mandatory", "mandatory"]);
        const relaxed = { minimumPasswordLength: 8, minimumPasswordCharacterClasses: 1, maximumPasswordAgeDays: 365, minimumPasswordReusePrevention: 1 };
        expect(await runStack(control, [r(AWS_POLICY, { ...strongAws, maxPasswordAge: 365, passwordReusePrevention: 1 })], { config: relaxed })).toEqual([]);
    });

    it("unknown values are advisory, never mandatory; a secret is not echoed", async () => {
        const ds = await runStack(control, [r(AWS_POLICY, { ...strongAws, minimumPasswordLength: unknown(), requireNumbers: unknown(), requireLowercaseCharacters: false })]);
        expect(levels(ds)).toEqual(["advisory", "advisory"]);
        const leaky = await runStack(control, [r(AWS_POLICY, { ...strongAws, minimumPasswordLength: secret("SECRET-LEN") })]);
        expect(levels(leaky)).toEqual(["mandatory"]);
        expect(leaky[0]!.message).not.toContain("SECRET-LEN");
    });
});

describe("password-policy-strong: Alibaba Cloud RAM", () => {
    it("AccountPasswordPolicy defaults (length 12, all classes, 5 attempts) pass once age and reuse are set", async () => {
        expect(await runStack(control, [r(RAM_POLICY, strongRam), r(RAM_LOGIN, { userName: "bob", password: secret("pw") })])).toEqual([]);
    });

    it("AccountPasswordPolicy unset age (0, never expires) and reuse (0) fail", async () => {
        const ds = await runStack(control, [r(RAM_POLICY, {}, "ram")]);
        expect(levels(ds)).toEqual(["mandatory", "mandatory"]);
        expect(ds[0]!.message).toContain('RAM account password policy "ram": found unset (default 0): passwords never expire; required 1 to 90 days.');
    });

    it.each<[string, Record<string, unknown>, string[]]>([
        ["lockout after 5", { maxLoginAttempts: 5 }, []],
        ["lockout after 6", { maxLoginAttempts: 6 }, ["mandatory"]],
        ["lockout off (0)", { maxLoginAttempts: 0 }, ["mandatory"]],
        ["symbols and digits off: two classes", { requireSymbols: false, requireNumbers: false }, ["mandatory"]],
    ])("%s", async (_n, change, expected) => {
        expect(levels(await runStack(control, [r(RAM_POLICY, { ...strongRam, ...change })]))).toEqual(expected);
    });

    it("the newer PasswordPolicy defaults: no classes and no lockout (maxLoginAttemps 0)", async () => {
        const ds = await runStack(control, [r(RAM_NEW_POLICY, strongRam, "new")]);
        expect(levels(ds)).toEqual(["mandatory", "mandatory"]);
        const text = ds.map((d) => d.message).join("\n");
        expect(text).toContain("found unset (default 0): no lockout; required lockout after 1 to 5 failed logins. Change `maxLoginAttemps`.");
        expect(text).toContain("当前：未设置（默认 0）：不锁定；要求：连续登录失败 1～5 次后锁定。请修改 `maxLoginAttemps`。");
        const full = { ...strongRam, requireLowercaseCharacters: true, requireUppercaseCharacters: true, requireNumbers: true, maxLoginAttemps: 3 };
        expect(await runStack(control, [r(RAM_NEW_POLICY, full)])).toEqual([]);
    });
});

describe("password-policy-strong: console users without a policy", () => {
    it.each<[string, TestResource[], string[]]>([
        ["IAM console user, no policy: advisory", [r(AWS_LOGIN)], ["advisory"]],
        ["RAM console user, no policy: advisory", [r(RAM_LOGIN)], ["advisory"]],
        ["both clouds: one per cloud", [r(AWS_LOGIN), r(RAM_LOGIN)], ["advisory", "advisory"]],
        ["an AWS policy does not cover RAM users", [r(AWS_LOGIN), r(RAM_LOGIN), r(AWS_POLICY, strongAws)], ["advisory"]],
        ["the newer RAM PasswordPolicy counts", [r(RAM_LOGIN), r(RAM_NEW_POLICY, { ...strongRam, requireLowercaseCharacters: true, requireUppercaseCharacters: true, requireNumbers: true, maxLoginAttemps: 5 })], []],
        ["users without console access: nothing to say", [r("aws:iam/user:User"), r("alicloud:ram/user:User")], []],
    ])("%s", async (_n, resources, expected) => {
        expect(levels(await runStack(control, resources))).toEqual(expected);
    });

    it("names the stack and the resource to add, in both languages", async () => {
        const [d] = await runStack(control, [r(AWS_LOGIN)]);
        expect(d!.urn).toBeUndefined();
        expect(d!.message).toContain("This stack (creates IAM users with console passwords): found no account password policy; required a password policy meeting the minimums. Add an `aws.iam.AccountPasswordPolicy`.");
        expect(d!.message).toContain("本堆栈（创建了设置了控制台密码的 IAM 用户）：当前：没有账号密码策略；要求：满足最低要求的密码策略。请添加 `aws.iam.AccountPasswordPolicy`。");
    });

    it("IAM and RAM are global: the region of the provider does not matter", async () => {
        const abroad = { type: "pulumi:providers:aws", name: "virginia", props: { region: "us-east-1" } };
        expect(levels(await runStack(control, [{ ...r(AWS_LOGIN), provider: abroad }]))).toEqual(["advisory"]);
        expect(levels(await runStack(control, [{ ...r(AWS_POLICY, {}), provider: abroad }]))).toEqual(["mandatory", "mandatory", "mandatory", "mandatory"]);
    });

    it("passwordPolicyInAnotherStack silences the missing policy but not a weak one", async () => {
        const config = { passwordPolicyInAnotherStack: true };
        expect(await runStack(control, [r(AWS_LOGIN), r(RAM_LOGIN)], { config })).toEqual([]);
        expect(levels(await runStack(control, [r(RAM_POLICY, {})], { config }))).toEqual(["mandatory", "mandatory"]);
    });
});
