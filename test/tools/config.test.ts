// Policy pack config: parsing, merging (as the CLI does), and validation against the schemas.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { loadPolicyConfigFile, parsePolicyConfig, resolveConfig } from "../../tools/engine/config";
import { UserInputError } from "../../tools/engine/errors";
import type { AnalyzerInfo, PolicyInfo } from "../../tools/engine/types";

function policy(name: string, extra: Partial<PolicyInfo> = {}): PolicyInfo {
    return { name, description: `${name} description`, enforcementLevel: "mandatory", type: "resource", tags: [], ...extra };
}

const INFO: AnalyzerInfo = {
    name: "china-compliance",
    version: "0.1.0",
    policies: [
        policy("allowed-regions", {
            configSchema: {
                properties: {
                    allowedRegions: { type: "array", items: { type: "string", pattern: "^[a-z0-9*-]+$" }, default: ["cn-north-1"] },
                    mode: { type: "string", enum: ["strict", "lenient"], default: "strict" },
                },
                required: [],
            },
        }),
        policy("audit-trail-present", { enforcementLevel: "advisory", type: "stack" }),
        policy("log-retention-minimum", {
            configSchema: {
                properties: { minimumRetentionDays: { type: "integer", minimum: 1, maximum: 3650, default: 180 } },
                required: [],
            },
        }),
        policy("needs-owner", {
            configSchema: { properties: { owner: { type: "string", minLength: 1 } }, required: ["owner"] },
            enforcementLevel: "disabled",
        }),
    ],
};

/** needs-owner requires config; most tests are not about it. */
const OWNER = { "needs-owner": { owner: "platform" } };

function rejection(config: unknown): string {
    try {
        resolveConfig(INFO, { ...OWNER, ...(config as Record<string, unknown>) });
    } catch (err) {
        expect(err).toBeInstanceOf(UserInputError);
        return (err as Error).message;
    }
    throw new Error("config was accepted");
}

describe("resolveConfig", () => {
    it("without a file: every policy, its own level, schema defaults filled in", () => {
        expect(resolveConfig(INFO, OWNER)).toEqual({
            "allowed-regions": { enforcementLevel: "mandatory", properties: { allowedRegions: ["cn-north-1"], mode: "strict" } },
            "audit-trail-present": { enforcementLevel: "advisory", properties: {} },
            "log-retention-minimum": { enforcementLevel: "mandatory", properties: { minimumRetentionDays: 180 } },
            "needs-owner": { enforcementLevel: "disabled", properties: { owner: "platform" } },
        });
    });

    it("a level string, or an object with a level and properties", () => {
        const config = resolveConfig(INFO, { ...OWNER, "audit-trail-present": "mandatory", "log-retention-minimum": { enforcementLevel: "advisory", minimumRetentionDays: 365 } });
        expect(config["audit-trail-present"]).toEqual({ enforcementLevel: "mandatory", properties: {} });
        expect(config["log-retention-minimum"]).toEqual({ enforcementLevel: "advisory", properties: { minimumRetentionDays: 365 } });
    });

    it('"all" sets every level; a policy\'s own entry wins over it', () => {
        const config = resolveConfig(INFO, { ...OWNER, all: "advisory", "log-retention-minimum": "disabled" });
        expect(Object.values(config).map((c) => c.enforcementLevel)).toEqual(["advisory", "advisory", "disabled", "advisory"]);
        const viaObject = resolveConfig(INFO, { ...OWNER, all: { enforcementLevel: "remediate" } });
        expect(new Set(Object.values(viaObject).map((c) => c.enforcementLevel))).toEqual(new Set(["remediate"]));
    });

    it("the pack's initial config applies before the file, as in the CLI", () => {
        const info: AnalyzerInfo = {
            ...INFO,
            initialConfig: { all: { enforcementLevel: "advisory" }, "log-retention-minimum": { enforcementLevel: "mandatory", properties: { minimumRetentionDays: 200 } } },
        };
        const base = resolveConfig(info, OWNER);
        expect(base["log-retention-minimum"]).toEqual({ enforcementLevel: "mandatory", properties: { minimumRetentionDays: 200 } });
        expect(base["allowed-regions"]!.enforcementLevel).toBe("advisory");
        const overridden = resolveConfig(info, { ...OWNER, all: "disabled", "log-retention-minimum": { minimumRetentionDays: 365 } });
        expect(overridden["log-retention-minimum"]).toEqual({ enforcementLevel: "disabled", properties: { minimumRetentionDays: 365 } });
    });

    it("does not change the file's objects", () => {
        const file = { ...OWNER, "allowed-regions": { mode: "lenient" } };
        resolveConfig(INFO, file);
        expect(file["allowed-regions"]).toEqual({ mode: "lenient" });
    });

    it("rejects an out-of-range value", () => {
        expect(rejection({ "log-retention-minimum": { minimumRetentionDays: 0 } })).toBe(
            "invalid policy config: china-compliance/log-retention-minimum: minimumRetentionDays: must be >= 1 (got 0)",
        );
    });

    it("rejects a wrong type", () => {
        expect(rejection({ "log-retention-minimum": { minimumRetentionDays: "180" } })).toBe(
            'invalid policy config: china-compliance/log-retention-minimum: minimumRetentionDays: must be integer (got "180")',
        );
    });

    it("rejects an unknown key, naming the known ones", () => {
        expect(rejection({ "log-retention-minimum": { minimumRetentionDay: 200 } })).toBe(
            "invalid policy config: china-compliance/log-retention-minimum: minimumRetentionDay: unknown key (got 200); known keys: minimumRetentionDays",
        );
        expect(rejection({ "audit-trail-present": { trail: true } })).toBe(
            "invalid policy config: china-compliance/audit-trail-present: trail: unknown key (got true); this policy takes no config",
        );
    });

    it("rejects an unknown policy, suggesting the closest name", () => {
        expect(rejection({ "log-retention-minimun": "advisory" })).toBe(
            "invalid policy config: china-compliance/log-retention-minimun: no such policy in policy pack china-compliance; did you mean log-retention-minimum?",
        );
        expect(rejection({ "something-else": "advisory" })).toBe("invalid policy config: china-compliance/something-else: no such policy in policy pack china-compliance");
    });

    it("rejects an invalid level, in a string entry, an object entry and all", () => {
        const expected = "enforcementLevel: must be one of advisory, mandatory, remediate, disabled";
        expect(rejection({ "log-retention-minimum": "strict" })).toBe(`invalid policy config: china-compliance/log-retention-minimum: ${expected} (got "strict")`);
        expect(rejection({ "log-retention-minimum": { enforcementLevel: 1 } })).toBe(`invalid policy config: china-compliance/log-retention-minimum: ${expected} (got 1)`);
        expect(rejection({ all: "off" })).toBe(`invalid policy config: all: ${expected} (got "off")`);
    });

    it('rejects properties under "all"', () => {
        expect(rejection({ all: { enforcementLevel: "advisory", minimumRetentionDays: 30 } })).toBe(
            'invalid policy config: all: minimumRetentionDays: "all" takes only enforcementLevel (got 30)',
        );
    });

    it("rejects an entry that is neither a level nor an object", () => {
        expect(rejection({ "log-retention-minimum": 180 })).toBe(
            "invalid policy config: china-compliance/log-retention-minimum: must be an enforcement level or an object (got 180)",
        );
    });

    it("rejects a bad array item, an enum miss and a missing required key, naming the key", () => {
        expect(rejection({ "allowed-regions": { allowedRegions: ["cn-north-1", "CN NORTH"] } })).toBe(
            'invalid policy config: china-compliance/allowed-regions: allowedRegions[1]: must match pattern "^[a-z0-9*-]+$" (got "CN NORTH")',
        );
        expect(rejection({ "allowed-regions": { mode: "loose" } })).toBe(
            'invalid policy config: china-compliance/allowed-regions: mode: must be one of "strict", "lenient" (got "loose")',
        );
        expect(() => resolveConfig(INFO, {})).toThrow(new UserInputError("invalid policy config: china-compliance/needs-owner: owner: is required (got nothing)"));
    });
});

describe("config files", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "config-test-"));
    const write = (name: string, text: string): string => {
        const file = path.join(dir, name);
        fs.writeFileSync(file, text);
        return file;
    };

    it("reads the --policy-pack-config format", () => {
        const file = write("ok.json", '{"all": "advisory", "log-retention-minimum": {"minimumRetentionDays": 365}}');
        expect(loadPolicyConfigFile(file)).toEqual({ all: "advisory", "log-retention-minimum": { minimumRetentionDays: 365 } });
    });

    it("an empty file is no config, as in the CLI", () => {
        expect(parsePolicyConfig("  \n", "empty.json")).toEqual({});
    });

    it("an empty --config file of scan or report is an error, not the defaults", () => {
        for (const text of ["", "  \n"]) {
            const file = write("empty.json", text);
            expect(() => loadPolicyConfigFile(file)).toThrow(new UserInputError(`invalid policy config: ${file}: the file is empty; write a JSON object (\`{}\` for the defaults) or leave out --config`));
        }
        expect(loadPolicyConfigFile(write("defaults.json", "{}"))).toEqual({});
    });

    it("rejects a file that is not JSON, naming the file", () => {
        const file = write("bad.json", '{"all": advisory}');
        expect(() => loadPolicyConfigFile(file)).toThrow(new RegExp(`^invalid policy config: ${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: not valid JSON \\(`));
    });

    it("rejects JSON that is not an object", () => {
        expect(() => parsePolicyConfig('["log-retention-minimum"]', "list.json")).toThrow(
            new UserInputError("invalid policy config: list.json: must be a JSON object mapping policy names to config (got an array)"),
        );
        expect(() => parsePolicyConfig("42", "n.json")).toThrow(new UserInputError("invalid policy config: n.json: must be a JSON object mapping policy names to config (got 42)"));
    });

    it("rejects a file that cannot be read", () => {
        const file = path.join(dir, "missing.json");
        expect(() => loadPolicyConfigFile(file)).toThrow(new UserInputError(`invalid policy config: ${file}: cannot read the file (ENOENT)`));
    });
});
