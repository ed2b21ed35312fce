// The environment the Pulumi CLI's Node.js language host gives the processes it starts: the
// program (RunRequest) and a policy pack (RunPlugin, kind analyzer). Defined once here for scan's
// program runner and the offline engine.

/** What the CLI knows about the stack being previewed. */
export interface StackIdentityEnv {
    project: string;
    stack: string;
    /** The DIY (file) backend's only organization is "organization"; Pulumi Cloud's is the user's. */
    organization?: string;
    /** Stack config, namespaced keys (`aws:region`) to string values, secrets decrypted. */
    config?: Record<string, string>;
    configSecretKeys?: string[];
    dryRun?: boolean;
}

/** The organization `pulumi preview` reports on a DIY backend (file://, s3://, ...). */
export const DIY_ORGANIZATION = "organization";

/**
 * A policy pack's environment. The language host learns the stack from the engine's
 * ConfigureStack call (through a proxy in front of the pack) and sets the PULUMI_NODEJS_*
 * variables and PULUMI_CONFIG, each only when it has a value; PULUMI_NODEJS_TYPESCRIPT follows
 * the runtime's typescript option, on unless PulumiPolicy.yaml turns it off. It does not set
 * PULUMI_PROJECT, PULUMI_STACK or PULUMI_DRY_RUN for a pack.
 */
export function policyPackEnv(id: StackIdentityEnv, typescript = true): Record<string, string> {
    const env: Record<string, string> = {};
    const set = (k: string, v: string | undefined): void => {
        if (v) env[k] = v;
    };
    if (typescript) env.PULUMI_NODEJS_TYPESCRIPT = "true";
    set("PULUMI_NODEJS_ORGANIZATION", id.organization);
    set("PULUMI_NODEJS_PROJECT", id.project);
    set("PULUMI_NODEJS_STACK", id.stack);
    set("PULUMI_NODEJS_DRY_RUN", String(id.dryRun ?? true));
    if (id.config && Object.keys(id.config).length > 0) env.PULUMI_CONFIG = JSON.stringify(id.config);
    return env;
}

/** A program's environment for a preview: config, secret keys, and the stack in both spellings. */
export function programEnv(id: StackIdentityEnv): Record<string, string> {
    const dryRun = String(id.dryRun ?? true);
    const env: Record<string, string> = {
        PULUMI_CONFIG: JSON.stringify(id.config ?? {}),
        PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(id.configSecretKeys ?? []),
        PULUMI_PROJECT: id.project,
        PULUMI_STACK: id.stack,
        PULUMI_DRY_RUN: dryRun,
        PULUMI_NODEJS_PROJECT: id.project,
        PULUMI_NODEJS_STACK: id.stack,
        PULUMI_NODEJS_DRY_RUN: dryRun,
    };
    if (id.organization) {
        env.PULUMI_ORGANIZATION = id.organization;
        env.PULUMI_NODEJS_ORGANIZATION = id.organization;
    }
    return env;
}
