// The offline engine: runs a policy pack as the Pulumi CLI does and analyzes resources with it.
export * from "./types";
export * from "./errors";
export * from "./urn";
export * from "./wire";
export { PolicyPackEngine, AnalyzerCallError, ENGINE_ADDRESS_PLACEHOLDER, readPolicyYamlVersion, type StackContext, type StartOptions } from "./engine";
export { loadSdk, findSdkDir, type SdkResolution } from "./sdk";
export { ALL, ENFORCEMENT_LEVELS, loadPolicyConfigFile, parsePolicyConfig, policySchema, resolveConfig, type PolicyConfigFile } from "./config";
export {
    analyzeStack,
    passedChecks,
    runAnalysis,
    type AnalysisTimings,
    type AnalyzeStackOptions,
    type PassedCheck,
    type ResourceRemediation,
    type RunOptions,
    type StackAnalysis,
} from "./analyze";
