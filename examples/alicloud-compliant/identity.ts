// Identity (GB/T 22239-2019 8.1.4.1): RAM console users sign in with strong, regularly changed
// passwords, are locked out after 5 failures, and always use MFA.
import * as alicloud from "@pulumi/alicloud";
import * as pulumi from "@pulumi/pulumi";

const config = new pulumi.Config();

export const passwordPolicy = new alicloud.ram.AccountPasswordPolicy("account-password-policy", {
    minimumPasswordLength: 14,
    maxPasswordAge: 90,
    passwordReusePrevention: 5,
    maxLoginAttempts: 5,
});
export const securityPreference = new alicloud.ram.SecurityPreference("security-preference", { mfaOperationForLogin: "mandatory" });

export const operator = new alicloud.ram.User("operator", { name: "operator" });
// The initial password comes from stack config; the user must change it at first login.
export const operatorLogin = new alicloud.ram.LoginProfile("operator-login", {
    userName: operator.name,
    password: config.getSecret("operatorInitialPassword") ?? pulumi.secret("CHANGE_ME-at-first-login-1"),
    passwordResetRequired: true,
    mfaBindRequired: true,
});
