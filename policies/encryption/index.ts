// Encryption-at-rest controls (PRODUCT.md §4.4).
import { type Control } from "../shared/control";

export const encryptionControls: readonly Control[] = [];
