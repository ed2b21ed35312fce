// Threat-protection controls: vulnerability scanning and intrusion prevention (GB/T 22239-2019
// 8.1.3.3, 8.1.4.4, 8.1.4.5, 8.1.10.5; CSL Art. 23(2)).
import { type Control } from "../shared/control";
import publicEntryIntrusionPrevention from "./public-entry-intrusion-prevention";
import vulnerabilityScanningEnabled from "./vulnerability-scanning-enabled";

export const threatProtectionControls: readonly Control[] = [vulnerabilityScanningEnabled, publicEntryIntrusionPrevention];
