// Translation between the engine's plain data (types.ts) and the analyzer protobuf messages.
import type * as analyzerPb from "@pulumi/pulumi/proto/analyzer_pb";
import type { Sdk } from "./sdk";
import type {
    AnalyzerInfo,
    EnforcementLevel,
    EngineProvider,
    EngineResource,
    Finding,
    PolicyConfigEntry,
    PolicyInfo,
    RemediationResult,
    ResolvedConfig,
    Severity,
} from "./types";
import * as encode from "./encode";
import { wireProperties, withoutInternalKeys } from "./wire";

const LEVELS: Record<string, EnforcementLevel> = {
    ADVISORY: "advisory",
    MANDATORY: "mandatory",
    DISABLED: "disabled",
    REMEDIATE: "remediate",
};

const SEVERITIES: Record<string, Severity | undefined> = {
    POLICY_SEVERITY_UNSPECIFIED: undefined,
    POLICY_SEVERITY_LOW: "low",
    POLICY_SEVERITY_MEDIUM: "medium",
    POLICY_SEVERITY_HIGH: "high",
    POLICY_SEVERITY_CRITICAL: "critical",
};

const POLICY_TYPES: Record<string, PolicyInfo["type"]> = {
    POLICY_TYPE_UNKNOWN: "unknown",
    POLICY_TYPE_RESOURCE: "resource",
    POLICY_TYPE_STACK: "stack",
};

/** Reverse of a generated enum object (name → number) into number → our string. */
function byNumber<T>(enumObject: Record<string, number>, names: Record<string, T>): Map<number, T> {
    const pairs: [number, T][] = [];
    for (const [name, value] of Object.entries(names)) {
        const n = enumObject[name];
        if (n !== undefined) pairs.push([n, value]);
    }
    return new Map(pairs);
}

export class Converter {
    private readonly levelOf: Map<number, EnforcementLevel>;
    private readonly severityOf: Map<number, Severity | undefined>;
    private readonly typeOf: Map<number, PolicyInfo["type"]>;
    private readonly providerCache = new WeakMap<object, { type: string; urn: string; name: string; bytes: Uint8Array }>();

    constructor(private readonly sdk: Sdk) {
        const { EnforcementLevel, PolicySeverity, PolicyType } = sdk.analyzer;
        this.levelOf = byNumber(EnforcementLevel as unknown as Record<string, number>, LEVELS);
        this.severityOf = byNumber(PolicySeverity as unknown as Record<string, number>, SEVERITIES);
        this.typeOf = byNumber(PolicyType as unknown as Record<string, number>, POLICY_TYPES);
    }

    level(n: number): EnforcementLevel {
        const level = this.levelOf.get(n);
        if (!level) throw new Error(`invalid enforcement level ${n} from the policy pack`);
        return level;
    }

    levelToProto(level: EnforcementLevel): number {
        const name = Object.keys(LEVELS).find((k) => LEVELS[k] === level);
        const n = name === undefined ? undefined : (this.sdk.analyzer.EnforcementLevel as unknown as Record<string, number>)[name];
        if (n === undefined) throw new Error(`invalid enforcement level ${level}`);
        return n;
    }

    analyzerInfo(msg: analyzerPb.AnalyzerInfo, versionOverride?: string): AnalyzerInfo {
        const policies = msg.getPoliciesList().map((p) => this.policyInfo(p));
        // The CLI sorts policies by name; so do we, so every listing is stable.
        policies.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
        const initialConfig: Record<string, PolicyConfigEntry> = {};
        msg.getInitialconfigMap().forEach((cfg, name) => {
            initialConfig[name] = {
                enforcementLevel: this.level(cfg.getEnforcementlevel()),
                properties: (cfg.getProperties()?.toJavaScript() ?? {}),
            };
        });
        return {
            name: msg.getName(),
            version: versionOverride || msg.getVersion(),
            description: msg.getDescription() || undefined,
            displayName: msg.getDisplayname() || undefined,
            policies,
            initialConfig: Object.keys(initialConfig).length > 0 ? initialConfig : undefined,
        };
    }

    private policyInfo(p: analyzerPb.PolicyInfo): PolicyInfo {
        const schema = p.getConfigschema();
        const framework = p.getFramework();
        return {
            name: p.getName(),
            description: p.getDescription(),
            enforcementLevel: this.level(p.getEnforcementlevel()),
            severity: this.severityOf.get(p.getSeverity()),
            type: this.typeOf.get(p.getPolicyType()) ?? "unknown",
            configSchema: schema
                ? {
                      properties: (schema.getProperties()?.toJavaScript() ?? {}),
                      required: schema.getRequiredList(),
                  }
                : undefined,
            tags: p.getTagsList(),
            framework: framework
                ? {
                      name: framework.getName() || undefined,
                      version: framework.getVersion() || undefined,
                      reference: framework.getReference() || undefined,
                      specification: framework.getSpecification() || undefined,
                  }
                : undefined,
            remediationSteps: p.getRemediationSteps() || undefined,
            displayName: p.getDisplayname() || undefined,
            url: p.getUrl() || undefined,
        };
    }

    /**
     * As the CLI does: an unspecified severity falls back to the policy's own, and the version
     * from PulumiPolicy.yaml wins over the one the pack reports.
     */
    finding(d: analyzerPb.AnalyzeDiagnostic, info: AnalyzerInfo | undefined, fallbackUrn?: string): Finding {
        const policy = info?.policies.find((p) => p.name === d.getPolicyname());
        return {
            policyName: d.getPolicyname(),
            policyPackName: d.getPolicypackname(),
            policyPackVersion: info?.version || d.getPolicypackversion(),
            description: d.getDescription(),
            message: d.getMessage(),
            enforcementLevel: this.level(d.getEnforcementlevel()),
            severity: this.severityOf.get(d.getSeverity()) ?? policy?.severity,
            urn: d.getUrn() || fallbackUrn,
        };
    }

    remediation(r: analyzerPb.Remediation, info: AnalyzerInfo | undefined): RemediationResult {
        const props = r.getProperties();
        return {
            policyName: r.getPolicyname(),
            policyPackName: r.getPolicypackname(),
            policyPackVersion: info?.version || r.getPolicypackversion(),
            description: r.getDescription(),
            properties: props ? (props.toJavaScript()) : undefined,
            diagnostic: r.getDiagnostic() || undefined,
        };
    }

    configureRequest(config: ResolvedConfig): analyzerPb.ConfigureAnalyzerRequest {
        const { ConfigureAnalyzerRequest, PolicyConfig } = this.sdk.analyzer;
        const req = new ConfigureAnalyzerRequest();
        const map = req.getPolicyconfigMap();
        for (const [name, c] of Object.entries(config)) {
            const pc = new PolicyConfig();
            pc.setEnforcementlevel(this.levelToProto(c.enforcementLevel));
            pc.setProperties(this.struct(c.properties));
            map.set(name, pc);
        }
        return req;
    }

    /**
     * Analyze and Remediate requests as generated messages; only Remediate keeps the resource's
     * `__` keys. The engine sends analyzeRequestBytes instead; these are what those bytes must equal.
     */
    analyzeRequest(r: EngineResource, keepInternalKeys = false): analyzerPb.AnalyzeRequest {
        const req = new this.sdk.analyzer.AnalyzeRequest();
        req.setType(r.type);
        req.setUrn(r.urn);
        req.setName(r.name);
        req.setProperties(this.struct(keepInternalKeys ? r.properties : this.public(r.properties)));
        req.setOptions(this.options(r));
        if (r.provider) req.setProvider(this.provider(r.provider));
        return req;
    }

    /** analyzeRequest's bytes, written without building it (encode.ts), each provider encoded once. */
    analyzeRequestBytes(r: EngineResource, keepInternalKeys = false): Uint8Array {
        return encode.analyzeRequestBytes(r, r.provider && this.providerBytes(r.provider), keepInternalKeys);
    }

    /**
     * The bytes of an AnalyzeStackRequest, each resource written and dropped in turn. The request
     * object of a large stack is many times the size of its bytes (20,000 resources: about 550 MB
     * of message objects), so it is never built.
     */
    analyzeStackRequestBytes(resources: Iterable<EngineResource>): Uint8Array {
        return encode.analyzeStackRequestBytes(resources, (p) => this.providerBytes(p));
    }

    /** A stack's resource as a generated message: what analyzeStackRequestBytes writes for it. */
    analyzerResource(r: EngineResource): analyzerPb.AnalyzerResource {
        const res = new this.sdk.analyzer.AnalyzerResource();
        res.setType(r.type);
        res.setUrn(r.urn);
        res.setName(r.name);
        res.setProperties(this.struct(this.public(r.properties)));
        res.setOptions(this.options(r));
        if (r.provider) res.setProvider(this.provider(r.provider));
        res.setParent(r.parent ?? "");
        res.setDependenciesList(r.dependencies);
        const deps = res.getPropertydependenciesMap();
        for (const [prop, urns] of Object.entries(r.propertyDependencies)) {
            // The CLI leaves out properties without dependencies.
            if (urns.length === 0) continue;
            const pd = new this.sdk.analyzer.AnalyzerPropertyDependencies();
            pd.setUrnsList(urns);
            deps.set(prop, pd);
        }
        return res;
    }

    private options(r: EngineResource): analyzerPb.AnalyzerResourceOptions {
        const { AnalyzerResourceOptions } = this.sdk.analyzer;
        const o = r.options ?? {};
        const opts = new AnalyzerResourceOptions();
        opts.setProtect(r.protect ?? false);
        opts.setIgnorechangesList(o.ignoreChanges ?? []);
        opts.setAdditionalsecretoutputsList(o.additionalSecretOutputs ?? []);
        opts.setAliasesList(o.aliases ?? []);
        opts.setDeletebeforereplacedefined(o.deleteBeforeReplace !== undefined);
        opts.setDeletebeforereplace(o.deleteBeforeReplace ?? false);
        const timeouts = new AnalyzerResourceOptions.CustomTimeouts();
        timeouts.setCreate(o.customTimeouts?.create ?? 0);
        timeouts.setUpdate(o.customTimeouts?.update ?? 0);
        timeouts.setDelete(o.customTimeouts?.delete ?? 0);
        opts.setCustomtimeouts(timeouts);
        opts.setParent(r.parent ?? "");
        return opts;
    }

    private provider(p: EngineProvider): analyzerPb.AnalyzerProviderResource {
        const msg = new this.sdk.analyzer.AnalyzerProviderResource();
        msg.setType(p.type);
        msg.setUrn(p.urn);
        msg.setName(p.name);
        msg.setProperties(this.struct(this.public(p.properties)));
        return msg;
    }

    /**
     * A provider's message bytes, encoded once per provider: a stack's resources share a handful,
     * and each request carries its own copy. Keyed by the provider's properties object, which the
     * engine never changes once built.
     */
    private providerBytes(p: EngineProvider): Uint8Array {
        const hit = this.providerCache.get(p.properties);
        if (hit && hit.type === p.type && hit.urn === p.urn && hit.name === p.name) return hit.bytes;
        const bytes = encode.providerBytes(p);
        this.providerCache.set(p.properties, { type: p.type, urn: p.urn, name: p.name, bytes });
        return bytes;
    }

    private public(props: Record<string, unknown>): Record<string, unknown> {
        return withoutInternalKeys(props) as Record<string, unknown>;
    }

    private struct(props: Record<string, unknown>) {
        // Struct.fromJavaScript's declared parameter type is narrower than the JSON it accepts.
        return this.sdk.struct.Struct.fromJavaScript(wireProperties(props) as Parameters<typeof this.sdk.struct.Struct.fromJavaScript>[0]);
    }
}
