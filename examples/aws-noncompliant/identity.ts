// Identity (GB/T 22239-2019 8.1.4.1), with mistakes.
import * as aws from "@pulumi/aws";

// BREAKS password-policy-strong: maxPasswordAge unset, so IAM passwords never expire.
// FIX: maxPasswordAge: 90 (in place; users are asked for a new password when theirs expires).
export const passwordPolicy = new aws.iam.AccountPasswordPolicy("account-password-policy", {
    minimumPasswordLength: 14,
    requireLowercaseCharacters: true,
    requireUppercaseCharacters: true,
    requireNumbers: true,
    passwordReusePrevention: 5,
});

export const operator = new aws.iam.User("operator", { name: "operator" });
// BREAKS console-login-mfa: a console password and no policy in the stack requiring aws:MultiFactorAuthPresent.
// FIX: an aws.iam.Policy denying everything but MFA set-up when aws:MultiFactorAuthPresent is false, attached to the user.
export const operatorLogin = new aws.iam.UserLoginProfile("operator-login", { user: operator.name, passwordResetRequired: true });
