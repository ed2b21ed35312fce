// Data-classification controls: resources are classified, and the classification tightens the
// rules for them.
import { type Control } from "../shared/control";
import dataClassificationTag from "./classification-tag";

export const dataClassificationControls: readonly Control[] = [dataClassificationTag];
