// Data-residency controls (docs/policies.md).
import { type Control } from "../shared/control";
import allowedRegions from "./allowed-regions";
import copyDestinationAllowedRegions from "./copy-destination-allowed-regions";
import s3ReplicationDestinationAllowedRegions from "./s3-replication-destination-allowed-regions";

export const dataResidencyControls: readonly Control[] = [allowedRegions, copyDestinationAllowedRegions, s3ReplicationDestinationAllowedRegions];
