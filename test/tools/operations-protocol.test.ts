// The operations-security policies (keys, database audit logs, identity, threat protection,
// protected audit records, access logs) through the real pack over gRPC, as the Pulumi CLI runs
// them: declared with their schemas, config validated by the engine, resource and stack analysis,
// unknown values never mandatory. Their logic is tested in test/policies.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveConfig } from "../../tools/engine/config";
import { PolicyPackEngine } from "../../tools/engine/engine";
import { UserInputError } from "../../tools/engine/errors";
import { UNKNOWN, type AnalyzerInfo, type Finding } from "../../tools/engine/types";
import { ROOT, provider, resource } from "./helpers";

const AWS = provider("aws", "default_7_48_0", { region: "cn-north-1", version: "7.48.0" });
const ALICLOUD = provider("alicloud", "default_3_108_0", { region: "cn-beijing", version: "3.108.0" });
const NEW_POLICIES = {
    "keys-ready-for-crypto-erase": "resource",
    "database-audit-logs-kept": "resource",
    "audit-records-protected": "stack",
    "access-logs-enabled": "stack",
    "password-policy-strong": "stack",
    "console-login-mfa": "stack",
    "vulnerability-scanning-enabled": "stack",
    "public-entry-intrusion-prevention": "stack",
};

describe("operations-security policies over gRPC", () => {
    let engine: PolicyPackEngine;
    let info: AnalyzerInfo;
    const of = (fs: Finding[], policy: string) => fs.filter((f) => f.policyName === policy).map((f) => f.enforcementLevel);

    beforeAll(async () => {
        engine = await PolicyPackEngine.start(ROOT, { sdkResolution: "pack", stack: { project: "test", stack: "dev", config: { "aws:region": "cn-north-1" } } });
        info = await engine.getAnalyzerInfo();
        await engine.configure(resolveConfig(info, {}));
    });
    afterAll(async () => {
        await engine?.close();
    });

    it("declares each policy with its kind, level and tags", () => {
        for (const [name, type] of Object.entries(NEW_POLICIES)) {
            const p = info.policies.find((x) => x.name === name);
            expect(p, name).toMatchObject({ type });
            expect(p!.tags.length, name).toBeGreaterThan(1);
        }
        expect(info.policies.find((p) => p.name === "password-policy-strong")?.tags).toContain("identity");
        expect(info.policies.find((p) => p.name === "vulnerability-scanning-enabled")?.tags).toContain("threat-protection");
    });

    it("the engine rejects out-of-range config naming policy, key and value", () => {
        expect(() => resolveConfig(info, { "keys-ready-for-crypto-erase": { minimumKeyDeletionWindowDays: 6 } })).toThrow(
            new UserInputError("invalid policy config: china-compliance/keys-ready-for-crypto-erase: minimumKeyDeletionWindowDays: must be >= 7 (got 6)"),
        );
        expect(() => resolveConfig(info, { "password-policy-strong": { minimumPasswordLength: 7 } })).toThrow(UserInputError);
    });

    it("a KMS key without rotation is mandatory; an unknown rotation only advisory", async () => {
        const key = (name: string, props: Record<string, unknown>) => resource("aws:kms/key:Key", name, props, { provider: AWS });
        expect(of(await engine.analyze(key("plain", {})), "keys-ready-for-crypto-erase")).toEqual(["mandatory"]);
        expect(of(await engine.analyze(key("rotating", { enableKeyRotation: true })), "keys-ready-for-crypto-erase")).toEqual([]);
        expect(of(await engine.analyze(key("later", { enableKeyRotation: UNKNOWN })), "keys-ready-for-crypto-erase")).toEqual(["advisory"]);
    });

    it("an RDS instance without SQL audit is mandatory, and a configured minimum applies", async () => {
        const db = resource("alicloud:rds/instance:Instance", "db", { engine: "MySQL", sqlCollectorStatus: "Enabled", sqlCollectorConfigValue: 180 }, { provider: ALICLOUD });
        expect(of(await engine.analyze(db), "database-audit-logs-kept")).toEqual([]);
        await engine.configure(resolveConfig(info, { "database-audit-logs-kept": { minimumRetentionDays: 365 } }));
        expect(of(await engine.analyze(db), "database-audit-logs-kept")).toEqual(["mandatory"]);
        await engine.configure(resolveConfig(info, {}));
    });

    it("stack policies: console users, compute and a public load balancer without protection", async () => {
        const stack = [
            resource("aws:iam/userLoginProfile:UserLoginProfile", "alice-login", { user: "alice" }, { provider: AWS }),
            resource("aws:iam/accountPasswordPolicy:AccountPasswordPolicy", "policy", { minimumPasswordLength: 14 }, { provider: AWS }),
            resource("aws:ec2/instance:Instance", "web", { ami: "ami-1", instanceType: "t3.micro" }, { provider: AWS }),
            resource("aws:lb/loadBalancer:LoadBalancer", "web-lb", { internal: false }, { provider: AWS }),
        ];
        const findings = await engine.analyzeStack(stack);
        expect(of(findings, "password-policy-strong")).toEqual(["mandatory", "mandatory", "mandatory"]);
        expect(of(findings, "console-login-mfa")).toEqual(["advisory"]);
        expect(of(findings, "vulnerability-scanning-enabled")).toEqual(["advisory"]);
        expect(of(findings, "public-entry-intrusion-prevention")).toEqual(["advisory", "advisory"]);
        expect(of(findings, "access-logs-enabled")).toEqual(["mandatory"]);
        const lb = findings.find((f) => f.policyName === "access-logs-enabled")!;
        expect(lb.urn).toContain("web-lb");
        expect(lb.message).toContain("负载均衡“web-lb”");
    });

    it("unknown values in a stack are never mandatory", async () => {
        const stack = [
            resource("aws:iam/accountPasswordPolicy:AccountPasswordPolicy", "policy", { minimumPasswordLength: UNKNOWN, requireNumbers: UNKNOWN, requireSymbols: UNKNOWN, requireLowercaseCharacters: UNKNOWN, maxPasswordAge: 90, passwordReusePrevention: 5 }, { provider: AWS }),
            resource("aws:lb/loadBalancer:LoadBalancer", "lb", { accessLogs: UNKNOWN }, { provider: AWS }),
        ];
        const findings = await engine.analyzeStack(stack);
        const mine = findings.filter((f) => f.policyName in NEW_POLICIES);
        expect(mine.length).toBeGreaterThan(0);
        expect(mine.filter((f) => f.enforcementLevel === "mandatory").map((f) => f.policyName)).toEqual([]);
    });
});
