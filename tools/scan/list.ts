// `scan list`: every policy of the pack with its level (after --config), severity, resource types
// and compliance basis, from the pack itself (GetAnalyzerInfo), so it is true for any pack. Resource
// types are not part of the protocol: they come from the pack's compiled controls when it has them
// (this pack's dist/policies), else are left out.
import * as fs from "fs";
import * as path from "path";
import type { AnalyzerInfo, PolicyInfo, ResolvedConfig } from "../engine/types";

export interface ListedPolicy {
    name: string;
    description: string;
    enforcementLevel: string;
    severity: string | null;
    type: PolicyInfo["type"];
    resourceTypes: string[] | null;
    basis: string | null;
    tags: string[];
}

/** Resource types per policy from the pack's compiled controls (`controls[].metadata`), if any. */
export function packResourceTypes(packDir: string): Map<string, string[]> {
    const file = path.join(packDir, "dist", "policies", "index.js");
    const out = new Map<string, string[]>();
    if (!fs.existsSync(file)) return out;
    try {
        const mod = require(file) as { controls?: unknown };
        if (!Array.isArray(mod.controls)) return out;
        for (const c of mod.controls as { metadata?: { name?: unknown; resourceTypes?: unknown } }[]) {
            const m = c.metadata;
            if (typeof m?.name === "string" && Array.isArray(m.resourceTypes)) out.set(m.name, m.resourceTypes.filter((t): t is string => typeof t === "string"));
        }
    } catch {
        // A pack that cannot be loaded here still lists from GetAnalyzerInfo.
    }
    return out;
}

function basis(p: PolicyInfo): string | null {
    const f = p.framework;
    if (!f?.name) return null;
    return [f.name, f.reference].filter(Boolean).join(", ");
}

export function listPolicies(info: AnalyzerInfo, config: ResolvedConfig, types: Map<string, string[]>, selected: (name: string) => boolean): ListedPolicy[] {
    return info.policies
        .filter((p) => selected(p.name))
        .map((p) => ({
            name: p.name,
            description: p.description,
            enforcementLevel: config[p.name]?.enforcementLevel ?? p.enforcementLevel,
            severity: p.severity ?? null,
            type: p.type,
            resourceTypes: types.get(p.name) ?? null,
            basis: basis(p),
            tags: p.tags,
        }));
}

export function formatList(info: AnalyzerInfo, policies: ListedPolicy[]): string {
    const lines = [`${info.name}@v${info.version}: ${policies.length} policies (levels as configured)`];
    for (const p of policies) {
        lines.push(
            "",
            p.name,
            `  ${p.enforcementLevel} · severity ${p.severity ?? "none"} · ${p.type} policy`,
            `  ${p.description}`,
            ...(p.resourceTypes ? [`  resource types: ${p.resourceTypes.join(", ") || "(stack)"}`] : []),
            ...(p.basis ? [`  basis: ${p.basis}`] : []),
            `  tags: ${p.tags.join(", ")}`,
        );
    }
    return lines.join("\n") + "\n";
}
