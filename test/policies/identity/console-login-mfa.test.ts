import { describe, expect, it } from "vitest";
import control from "../../../policies/identity/console-login-mfa";
import { type TestResource, levels, runStack, secret, unknown } from "../../helpers/harness";

const RAM_LOGIN = "alicloud:ram/loginProfile:LoginProfile";
const RAM_PREFERENCE = "alicloud:ram/securityPreference:SecurityPreference";
const IAM_LOGIN = "aws:iam/userLoginProfile:UserLoginProfile";
const IAM_POLICY = "aws:iam/policy:Policy";
const r = (type: string, props: Record<string, unknown> = {}, name = "r"): TestResource => ({ type, name, props });

const denyWithoutMfa = JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Deny", NotAction: ["iam:*Mfa*"], Resource: "*", Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } } }],
});

describe("console-login-mfa: Alibaba Cloud RAM", () => {
    const login = r(RAM_LOGIN, { userName: "bob", password: secret("pw-SECRET") }, "bob-login");
    it.each<[string, TestResource[], string[]]>([
        ["login profile without MFA, no preference", [login], ["advisory"]],
        ["login profile with mfaBindRequired", [r(RAM_LOGIN, { userName: "bob", mfaBindRequired: true })], []],
        ["preference mandatory covers every profile", [login, r(RAM_PREFERENCE, { mfaOperationForLogin: "mandatory" })], []],
        ["the deprecated enforceMfaForLogin true counts", [login, r(RAM_PREFERENCE, { enforceMfaForLogin: true })], []],
        ["preference independent (default) does not", [login, r(RAM_PREFERENCE, { mfaOperationForLogin: "independent" })], ["advisory"]],
        ["preference adaptive does not", [login, r(RAM_PREFERENCE, { mfaOperationForLogin: "adaptive" })], ["advisory"]],
        ["a preference alone, no console users: nothing", [r(RAM_PREFERENCE, {})], []],
    ])("%s", async (_n, resources, expected) => {
        expect(levels(await runStack(control, resources))).toEqual(expected);
    });

    it("names the profile, the default, the preference and what is required, in both languages, without the password", async () => {
        const [d] = await runStack(control, [login, r(RAM_PREFERENCE, { mfaOperationForLogin: "adaptive" }, "prefs")]);
        expect(d!.urn).toContain("bob-login");
        expect(d!.message).toContain(
            'RAM login profile "bob-login": found unset (default false), and the stack\'s SecurityPreference asks for MFA only on unusual logins ("adaptive"); required true, or a SecurityPreference with mfaOperationForLogin "mandatory". Change `mfaBindRequired`.',
        );
        expect(d!.message).toContain("RAM 登录配置“bob-login”：当前：未设置（默认 false），且堆栈的 SecurityPreference 仅在异常登录时要求 MFA（adaptive）");
        expect(d!.message).toContain("GB/T 22239-2019 level 3 8.1.4.1 a)–d)");
        expect(d!.message).not.toContain("pw-SECRET");
    });

    it("unknown values give an advisory with the unknown note", async () => {
        const ds = await runStack(control, [login, r(RAM_PREFERENCE, { mfaOperationForLogin: unknown() })]);
        expect(levels(ds)).toEqual(["advisory"]);
        expect(ds[0]!.message).toContain("unknown until deployment");
        expect(levels(await runStack(control, [r(RAM_LOGIN, { mfaBindRequired: unknown() })]))).toEqual(["advisory"]);
    });
});

describe("console-login-mfa: AWS IAM", () => {
    const login = r(IAM_LOGIN, { user: "alice" }, "alice-login");
    it.each<[string, TestResource[], string[]]>([
        ["login profile, no policy", [login], ["advisory"]],
        ["a policy requiring aws:MultiFactorAuthPresent (string document)", [login, r(IAM_POLICY, { policy: denyWithoutMfa })], []],
        ["the condition key is case-insensitive", [login, r(IAM_POLICY, { policy: denyWithoutMfa.replace("aws:MultiFactorAuthPresent", "aws:multifactorauthpresent") })], []],
        ["a user policy as an object document", [login, r("aws:iam/userPolicy:UserPolicy", { user: "alice", policy: JSON.parse(denyWithoutMfa) as unknown })], []],
        ["a group policy", [login, r("aws:iam/groupPolicy:GroupPolicy", { group: "admins", policy: denyWithoutMfa })], []],
        ["a policy without the MFA key", [login, r(IAM_POLICY, { policy: JSON.stringify({ Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }] }) })], ["advisory"]],
        ["two login profiles: one finding each", [login, r(IAM_LOGIN, { user: "carol" }, "carol-login")], ["advisory", "advisory"]],
        ["no console users: nothing", [r(IAM_POLICY, { policy: "{}" })], []],
    ])("%s", async (_n, resources, expected) => {
        expect(levels(await runStack(control, resources))).toEqual(expected);
    });

    it("an unknown document is reported as unknown, not as missing", async () => {
        const ds = await runStack(control, [login, r(IAM_POLICY, { policy: unknown() })]);
        expect(levels(ds)).toEqual(["advisory"]);
        expect(ds[0]!.message).toContain('IAM login profile "alice-login": found IAM policies whose documents are unknown until deployment;');
        expect(ds[0]!.message).toContain("so it is advisory now");
    });

    it("names the policy to add", async () => {
        const [d] = await runStack(control, [login]);
        expect(d!.message).toContain("found no IAM policy in the stack requiring aws:MultiFactorAuthPresent; required a policy denying access without MFA, attached to the user. Add an `aws.iam.Policy` with `policy` set.");
        expect(d!.message).toContain("请添加 `aws.iam.Policy` 并设置 `policy`。");
    });

    it("mfaEnforcedInAnotherStack silences every finding; a configured level is followed", async () => {
        expect(await runStack(control, [login, r(RAM_LOGIN)], { config: { mfaEnforcedInAnotherStack: true } })).toEqual([]);
        expect(levels(await runStack(control, [login], { config: { enforcementLevel: "mandatory" } }))).toEqual(["mandatory"]);
    });
});
