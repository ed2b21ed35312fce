import { describe, expect, it } from "vitest";
import control from "../../../policies/backup-recovery/database-deletion-protection";
import { levels, runRemediation, runResource, toWire, unknown } from "../../helpers/harness";

describe("database-deletion-protection: every type, unset means off", () => {
    it.each([
        ["aws:rds/instance:Instance", "deletionProtection", true, false],
        ["aws:rds/cluster:Cluster", "deletionProtection", true, false],
        ["aws:docdb/cluster:Cluster", "deletionProtection", true, false],
        ["aws:neptune/cluster:Cluster", "deletionProtection", true, false],
        ["aws:dynamodb/table:Table", "deletionProtectionEnabled", true, false],
        ["alicloud:rds/instance:Instance", "deletionProtection", true, false],
        ["alicloud:polardb/cluster:Cluster", "deletionLock", 1, 0],
        ["alicloud:mongodb/instance:Instance", "dbInstanceReleaseProtection", true, false],
        ["alicloud:mongodb/shardingInstance:ShardingInstance", "dbInstanceReleaseProtection", true, false],
        ["alicloud:kvstore/instance:Instance", "instanceReleaseProtection", true, false],
    ])("%s %s", async (type, input, on, off) => {
        expect(levels(await runResource(control, { type, props: {} }))).toEqual(["advisory"]);
        expect(levels(await runResource(control, { type, props: { [input]: off } }))).toEqual(["advisory"]);
        expect(await runResource(control, { type, props: { [input]: on } })).toEqual([]);
        expect(levels(await runResource(control, { type, props: { [input]: unknown() } }))).toEqual(["advisory"]);
    });
});

describe("database-deletion-protection: where the switch applies", () => {
    it("alicloud.rds.Instance: pay-as-you-go (default) and serverless only", async () => {
        const RDS = "alicloud:rds/instance:Instance";
        expect(await runResource(control, { type: RDS, props: { instanceChargeType: "Prepaid" } })).toEqual([]);
        expect(levels(await runResource(control, { type: RDS, props: { instanceChargeType: "Serverless" } }))).toEqual(["advisory"]);
        expect(levels(await runResource(control, { type: RDS, props: { instanceChargeType: "Postpaid" } }))).toEqual(["advisory"]);
        const ds = await runResource(control, { type: RDS, props: { instanceChargeType: unknown(), deletionProtection: true } });
        expect(ds).toEqual([]);
    });

    it("alicloud.polardb.Cluster: pay-as-you-go clusters only", async () => {
        expect(await runResource(control, { type: "alicloud:polardb/cluster:Cluster", props: { payType: "PrePaid" } })).toEqual([]);
    });
});

describe("database-deletion-protection: messages and levels", () => {
    it("names the input, the value and the bases in both languages", async () => {
        const [d] = await runResource(control, { type: "aws:rds/instance:Instance", name: "orders-db", props: {} });
        expect(d!.message).toContain('RDS instance "orders-db": found unset (default false: no deletion protection); required `deletionProtection` true (deletion protection on). Change `deletionProtection`.');
        expect(d!.message).toContain("RDS 实例“orders-db”：当前：未设置（默认 false：无删除保护）；要求：`deletionProtection` 为 true（开启删除保护）。请修改 `deletionProtection`。");
        expect(d!.message).toContain("GB/T 22239-2019 level 3 8.1.4.9");
    });

    it("can be made mandatory", async () => {
        const ds = await runResource(control, { type: "aws:rds/cluster:Cluster", props: { deletionProtection: false } }, { config: { enforcementLevel: "mandatory" } });
        expect(levels(ds)).toEqual(["mandatory"]);
    });

    it("an unknown switch stays advisory when made mandatory", async () => {
        const ds = await runResource(control, { type: "aws:rds/cluster:Cluster", props: { deletionProtection: unknown() } }, { config: { enforcementLevel: "mandatory" } });
        expect(levels(ds)).toEqual(["advisory"]);
    });

    it("a wrongly shaped value is a finding, never echoed", async () => {
        const ds = await runResource(control, { type: "aws:rds/instance:Instance", props: { deletionProtection: "S3CRET-ish" } });
        expect(levels(ds)).toEqual(["advisory"]);
        expect(ds[0]!.message).not.toContain("S3CRET");
    });

    it("a boolean string counts", async () => {
        expect(await runResource(control, { type: "aws:rds/instance:Instance", props: { deletionProtection: "true" } })).toEqual([]);
    });
});

describe("database-deletion-protection: remediation", () => {
    it("turns the switch on in place", async () => {
        expect(await runRemediation(control, { type: "aws:rds/instance:Instance", props: { engine: "mysql" } })).toEqual(toWire({ engine: "mysql", deletionProtection: true }));
        expect(await runRemediation(control, { type: "alicloud:polardb/cluster:Cluster", props: { deletionLock: 0 } })).toEqual(toWire({ deletionLock: 1 }));
    });

    it("leaves unknown, wrongly shaped and compliant values alone", async () => {
        expect(await runRemediation(control, { type: "aws:rds/instance:Instance", props: { deletionProtection: unknown() } })).toBeUndefined();
        expect(await runRemediation(control, { type: "aws:rds/instance:Instance", props: { deletionProtection: "x" } })).toBeUndefined();
        expect(await runRemediation(control, { type: "aws:rds/instance:Instance", props: { deletionProtection: true } })).toBeUndefined();
        expect(await runRemediation(control, { type: "alicloud:rds/instance:Instance", props: { instanceChargeType: "Prepaid" } })).toBeUndefined();
    });
});
