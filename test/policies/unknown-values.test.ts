// Access-control and residency policies read every input through the reader, so a value unknown
// during preview gives the policy's own advisory naming that input: never the core's catch-all
// for an escaped UnknownValueError, and never a mandatory finding.
import { describe, expect, it } from "vitest";
import adminPorts from "../../policies/access-control/no-internet-admin-ports";
import databasePorts from "../../policies/access-control/no-internet-database-ports";
import publicAccessBlocked from "../../policies/access-control/bucket-public-access-blocked";
import publicBuckets from "../../policies/access-control/no-public-buckets";
import publicDatabases from "../../policies/access-control/no-public-databases";
import securityGroupRequired from "../../policies/access-control/security-group-required";
import allowedRegions from "../../policies/data-residency/allowed-regions";
import copyDestinations from "../../policies/data-residency/copy-destination-allowed-regions";
import s3Replication from "../../policies/data-residency/s3-replication-destination-allowed-regions";
import { type Control } from "../../policies/shared/control";
import { type TestResource, runResource, runStack, unknown } from "../helpers/harness";

/** The core's line for an UnknownValueError that escaped a validator. */
const ESCAPED = "a value this policy reads that is unknown until deployment";
const AWS_CN = { type: "pulumi:providers:aws", name: "cn", props: { region: "cn-north-1" } };
const ALI_CN = { type: "pulumi:providers:alicloud", name: "cn", props: { region: "cn-hangzhou" } };

const CASES: [string, Control, TestResource, string][] = [
    ["a whole rule list", adminPorts, { type: "aws:ec2/securityGroup:SecurityGroup", name: "sg", props: { ingress: unknown() } }, "ingress"],
    ["one rule", adminPorts, { type: "aws:ec2/securityGroup:SecurityGroup", name: "sg", props: { ingress: [unknown()] } }, "ingress[0]"],
    ["a rule's action", adminPorts, { type: "aws:ec2/networkAclRule:NetworkAclRule", name: "r", props: { cidrBlock: "0.0.0.0/0", protocol: "tcp", fromPort: 22, toPort: 22, ruleAction: unknown() } }, "ruleAction"],
    ["an Alibaba rule's port range", databasePorts, { type: "alicloud:ecs/securityGroupRule:SecurityGroupRule", name: "r", props: { type: "ingress", ipProtocol: "tcp", cidrIp: "0.0.0.0/0", portRange: unknown() } }, "portRange"],
    ["a public-access flag", publicAccessBlocked, { type: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", name: "b", props: { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: unknown() } }, "restrictPublicBuckets"],
    ["a grant list", publicBuckets, { type: "aws:s3/bucketAclV2:BucketAclV2", name: "a", props: { accessControlPolicy: { grants: unknown() } } }, "accessControlPolicy.grants"],
    ["a grantee", publicBuckets, { type: "aws:s3/bucketAclV2:BucketAclV2", name: "a", props: { accessControlPolicy: { grants: [{ grantee: unknown(), permission: "READ" }] } } }, "accessControlPolicy.grants[0].grantee.uri"],
    ["publiclyAccessible", publicDatabases, { type: "aws:rds/instance:Instance", name: "db", props: { publiclyAccessible: unknown() } }, "publiclyAccessible"],
    ["a PolarDB whitelist group", publicDatabases, { type: "alicloud:polardb/cluster:Cluster", name: "p", props: { dbClusterIpArrays: [unknown()] } }, "dbClusterIpArrays[0]"],
    ["the security group list", securityGroupRequired, { type: "aws:ec2/instance:Instance", name: "i", props: { vpcSecurityGroupIds: unknown() } }, "vpcSecurityGroupIds"],
    ["a resource's own region", allowedRegions, { type: "aws:s3/bucket:Bucket", name: "b", props: { region: unknown() }, provider: AWS_CN }, "region"],
    // An OSS replication whose destination is unknown is resolved through the stack (s3-replication-destination-allowed-regions' tests).
    ["a snapshot policy's copy switch", copyDestinations, { type: "alicloud:ecs/autoSnapshotPolicy:AutoSnapshotPolicy", name: "p", props: { enableCrossRegionCopy: unknown(), targetCopyRegions: ["us-east-1"] }, provider: ALI_CN }, "enableCrossRegionCopy"],
    ["a DynamoDB replica list", copyDestinations, { type: "aws:dynamodb/table:Table", name: "t", props: { replicas: unknown() }, provider: AWS_CN }, "replicas"],
];

describe("a value unknown during preview is the policy's own advisory, naming the input", () => {
    it.each(CASES)("%s", async (_name, control, resource, input) => {
        const ds = await runResource(control, resource);
        expect(ds.length).toBeGreaterThan(0);
        for (const d of ds) {
            expect(d.enforcementLevel).toBe("advisory");
            expect(d.message).not.toContain(ESCAPED);
            expect(d.message).toMatch(/\n.*部署前未知/);
        }
        expect(ds.map((d) => d.message).join("\n")).toContain(`\`${input}\``);
    });

    it("S3 replication rules unknown during preview", async () => {
        const ds = await runStack(s3Replication, [{ type: "aws:s3/bucketReplicationConfig:BucketReplicationConfig", name: "repl", props: { rules: unknown() } }]);
        expect(ds.map((d) => d.enforcementLevel)).toEqual(["advisory"]);
        expect(ds[0]!.message).not.toContain(ESCAPED);
        expect(ds[0]!.message).toContain("Change `rules`.");
    });
});
