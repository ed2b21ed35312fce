// Data-classification controls: resources are classified, and the classification tightens the
// rules for them (one control per guarantee, each starting at its own `fromLevel`).
import { type Control } from "../shared/control";
import classifiedDataBackedUp from "./classified-data-backed-up";
import classifiedDataCustomerKey from "./classified-data-customer-key";
import classifiedDataDeletionProtected from "./classified-data-deletion-protected";
import classifiedDataInRegion from "./classified-data-in-region";
import classifiedDataNotPublic from "./classified-data-not-public";
import dataClassificationTag from "./classification-tag";

export const dataClassificationControls: readonly Control[] = [
    dataClassificationTag,
    classifiedDataCustomerKey,
    classifiedDataNotPublic,
    classifiedDataInRegion,
    classifiedDataBackedUp,
    classifiedDataDeletionProtected,
];
