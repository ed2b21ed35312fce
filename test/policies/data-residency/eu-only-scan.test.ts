// The EU-only policy config (examples/config/eu-only.json) through the offline scan, as
// `pulumi preview --policy-pack-config` would apply it: the mainland-China examples then fail
// residency everywhere, and a typo in such a file stops the scan before any policy runs.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "..", "..", "..");
const CLI = path.join(ROOT, "dist", "tools", "scan", "cli.js");
const EU_ONLY = path.join(ROOT, "examples", "config", "eu-only.json");

interface Finding {
    policyName: string;
    message: string;
    enforcementLevel: string;
    resourceType?: string;
    resourceName?: string;
}

function scan(example: string, config: string) {
    const run = spawnSync(process.execPath, [CLI, path.join(ROOT, "examples", example), "--format", "json", "--config", config], { encoding: "utf8", timeout: 180_000 });
    const findings = run.stdout ? (JSON.parse(run.stdout) as { findings: Finding[] }).findings : [];
    const rows = findings.map((f) => `${f.policyName} ${f.enforcementLevel} ${f.resourceType}::${f.resourceName}`);
    return { status: run.status, stderr: run.stderr, findings, rows };
}

const RESIDENCY = ["allowed-regions", "copy-destination-allowed-regions", "s3-replication-destination-allowed-regions"];

describe("scan with examples/config/eu-only.json", () => {
    it("aws-compliant: every Beijing and Ningxia resource violates, the global IAM role does not, and so does the replication", () => {
        const { status, findings, rows } = scan("aws-compliant", EU_ONLY);
        expect(status).toBe(1);
        expect(rows).toEqual(
            expect.arrayContaining([
                // One cause, one finding: the providers (default and Ningxia) are mandatory; the resources
                // that only inherit their region are advisories pointing to them.
                "allowed-regions mandatory pulumi:providers:aws::default_7_48_0",
                "allowed-regions mandatory pulumi:providers:aws::ningxia",
                "allowed-regions advisory aws:ec2/vpc:Vpc::app-vpc",
                "allowed-regions advisory aws:s3/bucket:Bucket::reports",
                "allowed-regions advisory aws:s3/bucket:Bucket::reports-dr",
                "allowed-regions advisory aws:s3/bucketReplicationConfig:BucketReplicationConfig::reports-to-ningxia",
                "s3-replication-destination-allowed-regions mandatory aws:s3/bucketReplicationConfig:BucketReplicationConfig::reports-to-ningxia",
            ]),
        );
        const residency = findings.filter((f) => RESIDENCY.includes(f.policyName));
        // Every advisory is an inherited region naming its provider; everything else is mandatory.
        for (const f of residency.filter((x) => x.enforcementLevel !== "mandatory")) {
            expect(f.policyName).toBe("allowed-regions");
            expect(f.message).toContain("the cause is reported once, as mandatory, on the provider `pulumi:providers:aws`");
        }
        expect(residency.filter((f) => f.resourceType?.startsWith("aws:iam/"))).toEqual([]);
    });

    it("alicloud-compliant: the Hangzhou → Shanghai replication and the Shanghai provider violate", () => {
        const { status, rows } = scan("alicloud-compliant", EU_ONLY);
        expect(status).toBe(1);
        expect(rows).toEqual(
            expect.arrayContaining([
                "allowed-regions advisory alicloud:vpc/network:Network::app-vpc",
                "allowed-regions mandatory pulumi:providers:alicloud::shanghai",
                "allowed-regions advisory alicloud:oss/bucket:Bucket::reports-dr",
                "copy-destination-allowed-regions mandatory alicloud:oss/bucketReplication:BucketReplication::reports-to-shanghai",
            ]),
        );
    });

    it("a typo in the allowlist stops the scan, naming the policy, the key and the value", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "residency-"));
        const file = path.join(dir, "typo.json");
        fs.writeFileSync(file, JSON.stringify({ "allowed-regions": { allowedRegions: ["eu-*", "eu-wset-1"] } }));
        try {
            const { status, stderr, findings } = scan("aws-compliant", file);
            expect(status).toBe(2);
            expect(findings).toEqual([]);
            expect(stderr).toMatch(/allowed-regions: allowedRegions\[1\]: .*\(got "eu-wset-1"\)/);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
});
