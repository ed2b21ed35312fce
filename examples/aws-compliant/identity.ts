// Identity (GB/T 22239-2019 8.1.4.1): console users sign in with strong, regularly changed
// passwords and a second factor.
import * as aws from "@pulumi/aws";

// Length 14, three character classes, changed every 90 days, the last 5 not reused.
export const passwordPolicy = new aws.iam.AccountPasswordPolicy("account-password-policy", {
    minimumPasswordLength: 14,
    requireLowercaseCharacters: true,
    requireUppercaseCharacters: true,
    requireNumbers: true,
    requireSymbols: true,
    maxPasswordAge: 90,
    passwordReusePrevention: 5,
    allowUsersToChangePassword: true,
});

// Everything but setting up MFA is denied until the user has signed in with MFA.
export const requireMfa = new aws.iam.Policy("require-mfa", {
    description: "Deny all but MFA self-service without MFA",
    policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "DenyWithoutMfa",
                Effect: "Deny",
                NotAction: ["iam:CreateVirtualMFADevice", "iam:EnableMFADevice", "iam:ListMFADevices", "iam:ResyncMFADevice", "sts:GetSessionToken"],
                Resource: "*",
                Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } },
            },
        ],
    }),
});

export const operator = new aws.iam.User("operator", { name: "operator" });
export const operatorMfa = new aws.iam.UserPolicyAttachment("operator-require-mfa", { user: operator.name, policyArn: requireMfa.arn });
export const operatorLogin = new aws.iam.UserLoginProfile("operator-login", { user: operator.name, passwordResetRequired: true });
