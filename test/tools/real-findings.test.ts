// Findings a real preview makes on programs as users write them (issue classes each with a
// fixture under test/fixtures/programs), scanned with the real pack through the compiled CLI.
// The policies' own logic is tested in test/policies; this checks the classes end to end.
import * as path from "path";
import { beforeAll, describe, expect, it } from "vitest";
import { PROGRAMS, ROOT, runCli } from "./helpers";

interface JsonFinding {
    policyName: string;
    enforcementLevel: string;
    resourceType: string;
    resourceName: string;
    message: string;
}
interface JsonReport {
    findings: JsonFinding[];
    warnings: string[];
}

/** Each scan: the fixture program and any further arguments (paths relative to the repository). */
const SCANS = {
    "flow-log-destinations": [],
    "baseline-disk-encryption": [],
    "oss-replication-in-stack": [],
    "provider-off-allowlist": ["--check", "allowed-regions"],
    "baseline-disk-encryption+config": ["--config", "test/fixtures/programs/baseline-disk-encryption/policy-config.json"],
} satisfies Record<string, string[]>;
type Name = keyof typeof SCANS;

describe("findings on real-world program shapes", () => {
    const reports: Partial<Record<Name, { code: number | null; json: JsonReport }>> = {};
    const get = (name: Name) => {
        const r = reports[name];
        if (!r) throw new Error(`${name} was not scanned`);
        return r;
    };
    const of = (name: Name, policy: string): JsonFinding[] => get(name).json.findings.filter((f) => f.policyName === policy);
    const line = (f: JsonFinding): string => f.message.split("\n")[1] ?? "";

    beforeAll(async () => {
        for (const [name, args] of Object.entries(SCANS) as [Name, string[]][]) {
            const program = path.relative(ROOT, path.join(PROGRAMS, name.split("+")[0]!));
            const r = await runCli([program, "--format", "json", ...args]);
            if (!r.stdout.startsWith("{")) throw new Error(`${name}: exit ${r.code}: ${r.stderr}`);
            reports[name] = { code: r.code, json: JSON.parse(r.stdout) as JsonReport };
        }
    }, 240_000);

    it("a VPC whose flow log's destination keeps logs too briefly is reported on the VPC, naming the store; the store keeps its own finding", () => {
        expect(get("flow-log-destinations").code).toBe(1);
        const onVpcs = of("flow-log-destinations", "vpc-flow-logs-all-traffic");
        expect(onVpcs.map((f) => [f.resourceType, f.resourceName, f.enforcementLevel]).sort()).toEqual([
            ["alicloud:vpc/network:Network", "ali-vpc", "mandatory"],
            ["aws:ec2/defaultVpc:DefaultVpc", "default", "mandatory"],
            ["aws:ec2/vpc:Vpc", "app-vpc", "mandatory"],
        ]);
        const byName = (n: string): string => line(onVpcs.find((f) => f.resourceName === n)!);
        expect(byName("app-vpc")).toContain('delivers to CloudWatch log group "flow-group" (retention: 30 days)');
        expect(byName("default")).toContain('delivers to S3 bucket "flow-bucket" (S3 lifecycle configuration "flow-bucket-lifecycle": objects expire after 90 days)');
        expect(byName("ali-vpc")).toContain('delivers to SLS Logstore "flow-store" (retention: 30 days (unset: default 30))');
        expect(of("flow-log-destinations", "log-retention-minimum").map((f) => f.resourceName).sort()).toEqual(["flow-group", "flow-store"]);
        expect(of("flow-log-destinations", "log-bucket-lifecycle-minimum").map((f) => f.resourceName)).toEqual(["flow-bucket-lifecycle"]);
    });

    it("default disk encryption in a baseline stack: listing the cloud and region silences unset flags, not an explicit false", () => {
        const rows = (name: Name) => of(name, "disks-encrypted").map((f) => [f.resourceName, f.enforcementLevel]);
        expect(rows("baseline-disk-encryption")).toEqual([
            ["data", "mandatory"],
            ["scratch", "mandatory"],
        ]);
        expect(rows("baseline-disk-encryption+config")).toEqual([["scratch", "mandatory"]]);
    });

    it("an OSS replication whose location is the destination bucket's output: the destination's region comes from the bucket in the stack", () => {
        const rows = (policy: string) => of("oss-replication-in-stack", policy).map((f) => [f.resourceName, f.enforcementLevel]);
        expect(rows("s3-replication-destination-allowed-regions")).toEqual([["to-frankfurt", "mandatory"]]);
        expect(line(of("oss-replication-in-stack", "s3-replication-destination-allowed-regions")[0]!)).toContain('found replication to OSS bucket "reports-eu" in region "eu-central-1"');
        // Unknown locations are no longer judged on the resource alone (that gave an advisory per replication).
        expect(rows("copy-destination-allowed-regions")).toEqual([]);
    });

    it("one cause, one finding: the off-list providers (default and explicit) are mandatory; resources that only inherit point to them", () => {
        const findings = of("provider-off-allowlist", "allowed-regions");
        expect(findings.map((f) => [f.resourceType, f.resourceName, f.enforcementLevel]).sort()).toEqual([
            ["aws:cloudwatch/logGroup:LogGroup", "app-logs", "advisory"],
            ["aws:cloudwatch/logGroup:LogGroup", "audit-logs", "advisory"],
            ["aws:cloudwatch/logGroup:LogGroup", "eu-logs", "mandatory"],
            ["aws:cloudwatch/logGroup:LogGroup", "sg-logs", "advisory"],
            ["pulumi:providers:aws", "default_7_48_0", "mandatory"],
            ["pulumi:providers:aws", "singapore", "mandatory"],
        ]);
        const named = (n: string): string => line(findings.find((f) => f.resourceName === n)!);
        expect(named("app-logs")).toContain('the cause is reported once, as mandatory, on the provider `pulumi:providers:aws` "default_7_48_0"');
        expect(named("sg-logs")).toContain('on the provider `pulumi:providers:aws` "singapore"');
        expect(named("eu-logs")).toContain('found region "eu-west-1"');
    });
});
