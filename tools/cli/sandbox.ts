// A throw-away, fully offline home for the real Pulumi CLI: a fresh PULUMI_HOME holding the test
// provider plugins (aws and alicloud at the versions the SDKs request), a file backend, a
// passphrase secrets provider, this Node first on PATH, and the analyzer shim for the pack.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/** The project root: the nearest directory up from here with the project's package.json (source or dist/). */
function projectRoot(from: string): string {
    for (let dir = from; ; dir = path.dirname(dir)) {
        const manifest = path.join(dir, "package.json");
        if (fs.existsSync(manifest) && (JSON.parse(fs.readFileSync(manifest, "utf8")) as { name?: string }).name === "china-compliance-policies") return dir;
        if (path.dirname(dir) === dir) throw new Error(`no china-compliance-policies package.json above ${from}`);
    }
}

export const ROOT = projectRoot(__dirname);
/** The compiled tools/cli (npm run build), whether this module runs from source or from dist/. */
export const DIST_CLI = path.join(ROOT, "dist", "tools", "cli");
const PROVIDER_JS = path.join(DIST_CLI, "provider.js");

/** Provider packages the examples use; the version is what the installed SDK asks the CLI for. */
export const PROVIDER_PACKAGES = ["aws", "alicloud"] as const;

export function sdkVersion(pkg: string): string {
    const manifest = path.join(path.dirname(require.resolve(`@pulumi/${pkg}/package.json`, { paths: [ROOT] })), "package.json");
    return (JSON.parse(fs.readFileSync(manifest, "utf8")) as { version: string }).version;
}

export interface Sandbox {
    dir: string;
    home: string;
    /** What to pass as --policy-pack: the analyzer shim of the pack (see analyzerShim). */
    policyPack: string;
    /** Environment for the CLI and everything it starts; nothing of the caller's Pulumi setup leaks in. */
    env: Record<string, string>;
    dispose(): void;
}

export const PASSPHRASE = "china-compliance-test";

function writeExecutable(file: string, text: string): void {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text, { mode: 0o755 });
}

/** Installs the test provider as `pulumi-resource-<pkg>` v<version> in `home`. */
function installProvider(home: string, pkg: string, version: string): void {
    const dir = path.join(home, "plugins", `resource-${pkg}-v${version}`);
    writeExecutable(
        path.join(dir, `pulumi-resource-${pkg}`),
        `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(PROVIDER_JS)} ${pkg} ${version} "$@"\n`,
    );
}

/**
 * The CLI runs a policy pack directory through the pack runtime's language host (RunPlugin of
 * pulumi-language-nodejs), which cannot be had here; given an executable instead, it runs that
 * as the analyzer, with the engine address as its argument, and reads PulumiPolicy.yaml from the
 * executable's directory. The shim does what the Node language host does for a pack: it runs
 * the pack's own @pulumi/pulumi/cmd/run-policy-pack from the pack directory with the engine
 * address and the pack directory.
 */
function analyzerShim(dir: string, packDir: string): string {
    fs.mkdirSync(dir, { recursive: true });
    fs.copyFileSync(path.join(packDir, "PulumiPolicy.yaml"), path.join(dir, "PulumiPolicy.yaml"));
    const shim = path.join(dir, "pulumi-analyzer-policy-nodejs");
    const quoted = `'${packDir.replace(/'/g, `'\\''`)}'`;
    // run-policy-pack is resolved from the pack directory up, as Node resolves the pack's own imports.
    const resolve = `node -p 'require.resolve("@pulumi/pulumi/cmd/run-policy-pack")'`;
    writeExecutable(shim, `#!/bin/sh\ncd ${quoted} && exec node "$(${resolve})" "$@" "$PWD"\n`);
    return shim;
}

export function createSandbox(packDir: string = ROOT): Sandbox {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-cli-"));
    const home = path.join(dir, "home");
    const state = path.join(dir, "state");
    fs.mkdirSync(state, { recursive: true });
    for (const pkg of PROVIDER_PACKAGES) installProvider(home, pkg, sdkVersion(pkg));
    const policyPack = analyzerShim(path.join(dir, "pack"), path.resolve(packDir));
    // This Node and the system tools only: Pulumi plugins elsewhere on the caller's PATH would
    // change what the CLI runs.
    const pathDirs = [path.dirname(process.execPath), "/usr/local/bin", "/usr/bin", "/bin"];
    const env: Record<string, string> = {
        PATH: pathDirs.join(path.delimiter),
        HOME: dir,
        TMPDIR: os.tmpdir(),
        PULUMI_HOME: home,
        PULUMI_BACKEND_URL: `file://${state}`,
        PULUMI_CONFIG_PASSPHRASE: PASSPHRASE,
        PULUMI_SKIP_UPDATE_CHECK: "true",
        PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
        PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK: "true",
        PULUMI_SKIP_CONFIRMATIONS: "true",
    };
    return { dir, home, policyPack, env, dispose: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
