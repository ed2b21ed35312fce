// Identity (GB/T 22239-2019 8.1.4.1), with mistakes.
import * as alicloud from "@pulumi/alicloud";
import * as pulumi from "@pulumi/pulumi";

const config = new pulumi.Config();

// BREAKS password-policy-strong: maxLoginAttempts 10 allows ten wrong passwords an hour before lockout.
// FIX: maxLoginAttempts: 5 (or fewer, but not 0, which turns lockout off).
export const passwordPolicy = new alicloud.ram.AccountPasswordPolicy("account-password-policy", {
    minimumPasswordLength: 14,
    maxPasswordAge: 90,
    passwordReusePrevention: 5,
    maxLoginAttempts: 10,
});
// "adaptive" asks for MFA only on unusual logins.
export const securityPreference = new alicloud.ram.SecurityPreference("security-preference", { mfaOperationForLogin: "adaptive" });

export const operator = new alicloud.ram.User("operator", { name: "operator" });
// BREAKS console-login-mfa: mfaBindRequired unset and the SecurityPreference is only "adaptive".
// FIX: mfaBindRequired: true, or mfaOperationForLogin: "mandatory" on the SecurityPreference.
export const operatorLogin = new alicloud.ram.LoginProfile("operator-login", {
    userName: operator.name,
    password: config.getSecret("operatorInitialPassword") ?? pulumi.secret("CHANGE_ME-at-first-login-1"),
    passwordResetRequired: true,
});
