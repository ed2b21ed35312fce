// Logging controls (PRODUCT.md §4.1).
import { type Control } from "../shared/control";
import logRetentionMinimum from "./log-retention-minimum";

export const loggingControls: readonly Control[] = [logRetentionMinimum];
