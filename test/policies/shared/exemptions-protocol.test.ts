// Exemptions through the protocol: the real pack (dist/index.js) over gRPC, as the Pulumi CLI runs
// it. An exempted finding arrives as advisory with who exempted it and why, on both clouds' tagged
// resources (Alibaba Cloud launch templates carry their own tags in templateTags) and through
// config patterns for untaggable resources; a tag without a reason is itself a finding; an
// exempted resource is not remediated. One pack process for the whole file.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAnalysis } from "../../../tools/engine/analyze";
import { PolicyPackEngine } from "../../../tools/engine/engine";
import type { EngineResource, Finding } from "../../../tools/engine/types";
import { ROOT, provider, resource, stackResource } from "../../tools/helpers";

const AWS = provider("aws", "default_7_48_0", { region: "cn-north-1", version: "7.48.0" });
const ALICLOUD = provider("alicloud", "default_3_108_0", { region: "cn-beijing", version: "3.108.0" });
const REASON = "approved by CISO, ticket SEC-42";
const exempt = (policies: string, reason?: string): Record<string, string> => ({ "compliance:exempt": policies, ...(reason ? { "compliance:exempt-reason": reason } : {}) });

const RESOURCES: EngineResource[] = [
    stackResource(),
    resource("aws:cloudwatch/logGroup:LogGroup", "tagged-logs", { retentionInDays: 7, tags: exempt("log-retention-minimum", REASON) }, { provider: AWS }),
    resource("aws:cloudwatch/logGroup:LogGroup", "no-reason-logs", { retentionInDays: 7, tags: exempt("log-retention-minimum") }, { provider: AWS }),
    resource("aws:cloudwatch/logGroup:LogGroup", "plain-logs", { retentionInDays: 7 }, { provider: AWS }),
    resource("alicloud:oss/bucket:Bucket", "site", { bucket: "site", acl: "public-read", serverSideEncryptionRule: { sseAlgorithm: "AES256" }, tags: exempt("no-public-buckets, object-storage-encrypted", REASON) }, { provider: ALICLOUD }),
    resource("alicloud:ecs/ecsLaunchTemplate:EcsLaunchTemplate", "legacy-template", { securityGroupIds: ["sg-1"], systemDisk: { encrypted: false }, templateTags: exempt("disks-encrypted", REASON) }, { provider: ALICLOUD }),
    resource("aws:cloudwatch/logGroup:LogGroup", "expired-logs", { retentionInDays: 7, tags: { ...exempt("log-retention-minimum", REASON), "compliance:exempt-until": "2020-01-31" } }, { provider: AWS }),
    resource("aws:cloudwatch/logGroup:LogGroup", "dated-logs", { retentionInDays: 7, tags: { ...exempt("log-retention-minimum", REASON), "compliance:exempt-until": "2999-12-31" } }, { provider: AWS }),
    resource("aws:cloudwatch/logGroup:LogGroup", "undated-logs", { retentionInDays: 7, tags: { ...exempt("log-retention-minimum", REASON), "compliance:exempt-until": "next spring" } }, { provider: AWS }),
    resource("alicloud:log/store:Store", "old-store", { projectName: "p", logstoreName: "old", retentionPeriod: 7, encryptConf: { enable: true } }, { provider: ALICLOUD }),
    resource("alicloud:log/store:Store", "legacy-store", { projectName: "p", logstoreName: "legacy", retentionPeriod: 7, encryptConf: { enable: true } }, { provider: ALICLOUD }),
];
const CONFIG = {
    all: "advisory",
    "log-retention-minimum": { enforcementLevel: "mandatory", exemptResources: [{ pattern: "legacy-*", reason: "migration ticket OPS-12" }, { pattern: "old-*", reason: "migration ticket OPS-9", until: "2021-06-30" }] },
    "no-public-buckets": "mandatory",
    "disks-encrypted": "mandatory",
} as const;

describe("exemptions through the engine", () => {
    let engine: PolicyPackEngine;
    let findings: Finding[];
    const about = (name: string, policy: string): Finding[] => findings.filter((f) => f.urn?.endsWith(`::${name}`) && f.policyName === policy);

    beforeAll(async () => {
        engine = await PolicyPackEngine.start(ROOT, { sdkResolution: "pack", stack: { project: "test", stack: "dev", config: { "aws:region": "cn-north-1" } } });
        findings = (await runAnalysis(engine, RESOURCES, { config: CONFIG })).findings;
    });
    afterAll(async () => {
        await engine?.close();
    });

    it.each([
        ["AWS tags", "tagged-logs", "log-retention-minimum", "the resource's compliance:exempt tag"],
        ["Alibaba Cloud tags, a policy in a comma-separated list", "site", "no-public-buckets", "the resource's compliance:exempt tag"],
        ["Alibaba Cloud launch template templateTags", "legacy-template", "disks-encrypted", "the resource's compliance:exempt tag"],
        ["config pattern for an untaggable logstore", "legacy-store", "log-retention-minimum", 'policy config exemptResources pattern "legacy-*"'],
    ])("%s: reported, as advisory, saying who and why", (_n, name, policy, by) => {
        const fs = about(name, policy);
        expect(fs.map((f) => f.enforcementLevel)).toEqual(["advisory"]);
        expect(fs[0]!.message).toContain(`Exempted (reported as advisory) by ${by}; reason: `);
        expect(fs[0]!.message).toMatch(/reason: (approved by CISO, ticket SEC-42|migration ticket OPS-12)/);
        expect(fs[0]!.message).toContain("已豁免");
    });

    it("an exemption dated in the future holds, and the note says until when", () => {
        const fs = about("dated-logs", "log-retention-minimum");
        expect(fs.map((f) => f.enforcementLevel)).toEqual(["advisory"]);
        expect(fs[0]!.message).toContain(`reason: ${REASON}; until 2999-12-31`);
    });

    it.each([
        ["a tag", "expired-logs", "Exemption expired on 2020-01-31 (by the resource's compliance:exempt tag; reason: approved by CISO, ticket SEC-42)"],
        ["a config entry", "old-store", 'Exemption expired on 2021-06-30 (by policy config exemptResources pattern "old-*"; reason: migration ticket OPS-9)'],
        ["a tag whose date is not a date", "undated-logs", 'Exemption ignored: its compliance:exempt-until "next spring" is not a date YYYY-MM-DD'],
    ])("an exemption that lapsed (%s): reported at the policy's own level, saying so", (_n, name, note) => {
        const fs = about(name, "log-retention-minimum");
        expect(fs.map((f) => f.enforcementLevel)).toEqual(["mandatory"]);
        expect(fs[0]!.message).toContain(note);
        expect(fs[0]!.message).toContain("按策略本身的级别报告");
    });

    it("a tag without a reason exempts nothing and is itself a finding", () => {
        const fs = about("no-reason-logs", "log-retention-minimum");
        expect(fs.map((f) => f.enforcementLevel).sort()).toEqual(["advisory", "mandatory"]);
        expect(fs.find((f) => f.enforcementLevel === "advisory")!.message).toContain("no compliance:exempt-reason tag, so the exemption is ignored");
    });

    it("without an exemption the finding keeps its level", () => {
        expect(about("plain-logs", "log-retention-minimum").map((f) => f.enforcementLevel)).toEqual(["mandatory"]);
    });

    it("an exempted resource is not remediated; the others are", async () => {
        const run = await runAnalysis(engine, RESOURCES, { config: { ...CONFIG, "log-retention-minimum": { ...CONFIG["log-retention-minimum"], enforcementLevel: "remediate" } } });
        // Lapsed exemptions remediate again.
        expect(run.remediations.map((r) => r.name).sort()).toEqual(["expired-logs", "no-reason-logs", "old-store", "plain-logs", "undated-logs"]);
        expect(run.findings.filter((f) => f.policyName === "log-retention-minimum").map((f) => [f.urn?.split("::").pop(), f.enforcementLevel]).sort()).toEqual([
            ["dated-logs", "advisory"],
            ["legacy-store", "advisory"],
            ["no-reason-logs", "advisory"],
            ["tagged-logs", "advisory"],
        ]);
    });
});
