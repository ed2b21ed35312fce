// Data-residency controls (PRODUCT.md §4.3).
import { type Control } from "../shared/control";

export const dataResidencyControls: readonly Control[] = [];
