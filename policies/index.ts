// The registry: every control of the pack, in the order they are reported.
import type { Policies } from "@pulumi/policy";
import { type Control } from "./shared/control";
import logRetentionMinimum from "./logging/log-retention-minimum";

export const controls: readonly Control[] = [logRetentionMinimum];

export const policies: Policies = controls.map((c) => c.policy);
