// What scan says about itself: version, and where the policy reference lives, from this package's
// package.json (read once; scan runs from a clone or from node_modules).
import * as fs from "fs";
import * as path from "path";

export interface PackageInfo {
    name: string;
    version: string;
    /** https://github.com/<owner>/<repo> when package.json names a GitHub repository. */
    repository?: string;
}

export function readPackageInfo(root: string): PackageInfo {
    try {
        const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { name?: string; version?: string; repository?: string | { url?: string } };
        const url = typeof pkg.repository === "string" ? pkg.repository : pkg.repository?.url;
        const gh = url ? /github\.com[/:]([^/]+)\/([^/#]+?)(?:\.git)?\/?$/.exec(url) : null;
        return { name: pkg.name ?? "china-compliance-policies", version: pkg.version ?? "0.0.0", ...(gh ? { repository: `https://github.com/${gh[1]}/${gh[2]}` } : {}) };
    } catch {
        return { name: "china-compliance-policies", version: "0.0.0" };
    }
}

/** The package's page on the npm registry. */
export function informationUri(p: PackageInfo): string {
    return p.repository ?? `https://www.npmjs.com/package/${p.name}`;
}

/**
 * A policy's section of docs/policies.md at this version: on GitHub when package.json names the
 * repository (rendered, so the anchor works), else the file in the published package (unpkg).
 */
export function policyDocUri(p: PackageInfo, policy: string): string {
    return p.repository ? `${p.repository}/blob/v${p.version}/docs/policies.md#${policy}` : `https://unpkg.com/${p.name}@${p.version}/docs/policies.md#${policy}`;
}
