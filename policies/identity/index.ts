// Identity controls: password policy and multi-factor login (GB/T 22239-2019 8.1.4.1).
import { type Control } from "../shared/control";
import consoleLoginMfa from "./console-login-mfa";
import passwordPolicyStrong from "./password-policy-strong";

export const identityControls: readonly Control[] = [passwordPolicyStrong, consoleLoginMfa];
