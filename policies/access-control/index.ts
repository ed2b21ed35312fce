// Access-control controls (PRODUCT.md §4.2).
import { type Control } from "../shared/control";

export const accessControlControls: readonly Control[] = [];
