// The data the offline engine exchanges with its callers (scan, tests, bench).
// Property bags are kept in Pulumi's wire form so that they reach the pack exactly as the CLI
// sends them: an unknown value is the UNKNOWN sentinel string, a secret is
// { [SIG_KEY]: SECRET_SIG, value }.

/** Pulumi's wire sentinel for a value that is unknown during preview (sdk/go/common/resource/plugin/rpc.go). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
/** Key that marks a special wire object (secret, asset, archive, resource reference). */
export const SIG_KEY = "4dabf18193072939515e22adb298388d";
/** Signature of a secret wire object. */
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

export type WireValue = unknown;
export type WireProperties = Record<string, WireValue>;

export type EnforcementLevel = "advisory" | "mandatory" | "remediate" | "disabled";
export type Severity = "low" | "medium" | "high" | "critical";

/** A provider as the engine attaches it to a resource (AnalyzerProviderResource). */
export interface EngineProvider {
    urn: string;
    type: string; // e.g. "pulumi:providers:aws"
    name: string;
    properties: WireProperties;
}

/** One resource of a stack, as the engine sends it to Analyze and AnalyzeStack. */
export interface EngineResource {
    urn: string;
    type: string;
    name: string;
    /** false for component resources and the root stack. */
    custom: boolean;
    /** Inputs, as Analyze and Remediate see them (keys starting with `__` are dropped for Analyze). */
    properties: WireProperties;
    /**
     * Outputs, when known ahead of the provider: what a component or the root stack registered.
     * AnalyzeStack sends these instead of the inputs, as the CLI does.
     */
    outputs?: WireProperties;
    parent?: string;
    dependencies: string[];
    propertyDependencies: Record<string, string[]>;
    provider?: EngineProvider;
    protect?: boolean;
    /** Further resource options the CLI passes to the analyzer (AnalyzerResourceOptions). */
    options?: EngineResourceOptions;
    /** Where the program registered the resource (RegisterResourceRequest.sourcePosition), when known. */
    source?: SourcePosition;
}

export interface EngineResourceOptions {
    ignoreChanges?: string[];
    additionalSecretOutputs?: string[];
    aliases?: string[];
    deleteBeforeReplace?: boolean;
    customTimeouts?: { create?: number; update?: number; delete?: number };
}

/** A position in the program's source: `uri` is a file:// URL, line and column are 1-based. */
export interface SourcePosition {
    uri: string;
    line: number;
    column: number;
}

/** A diagnostic returned by the pack (AnalyzeDiagnostic), with the resource it was reported on. */
export interface Finding {
    policyName: string;
    policyPackName: string;
    policyPackVersion: string;
    description: string;
    message: string;
    enforcementLevel: EnforcementLevel;
    severity?: Severity;
    /** URN of the resource the finding is about; undefined for a finding on the stack itself. */
    urn?: string;
}

/** A remediation returned by the pack (Remediation). */
export interface RemediationResult {
    policyName: string;
    policyPackName: string;
    policyPackVersion: string;
    description: string;
    /** New properties, when the policy changed the resource. */
    properties?: Record<string, unknown>;
    diagnostic?: string;
}

/** What GetAnalyzerInfo tells about one policy. */
export interface PolicyInfo {
    name: string;
    description: string;
    enforcementLevel: EnforcementLevel;
    severity?: Severity;
    type: "resource" | "stack" | "unknown";
    configSchema?: { properties: Record<string, unknown>; required: string[] };
    tags: string[];
    framework?: { name?: string; version?: string; reference?: string; specification?: string };
    remediationSteps?: string;
    displayName?: string;
    url?: string;
}

/** Config as a pack or a config file states it, before defaults and validation. */
export interface PolicyConfigEntry {
    enforcementLevel?: EnforcementLevel;
    properties?: Record<string, unknown>;
}

export interface AnalyzerInfo {
    name: string;
    version: string;
    description?: string;
    displayName?: string;
    policies: PolicyInfo[];
    /** Config the pack passed to its PolicyPack constructor; applied before the config file, as the CLI does. */
    initialConfig?: Record<string, PolicyConfigEntry>;
}

/** Per-policy config after validation and defaulting, as sent with Configure. */
export type ResolvedConfig = Record<string, { enforcementLevel: EnforcementLevel; properties: Record<string, unknown> }>;
