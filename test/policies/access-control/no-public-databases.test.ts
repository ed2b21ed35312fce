import { describe, expect, it } from "vitest";
import control from "../../../policies/access-control/no-public-databases";
import { levels, runResource, secret, unknown } from "../../helpers/harness";

const RDS = "aws:rds/instance:Instance";
const RDS_CLUSTER_INSTANCE = "aws:rds/clusterInstance:ClusterInstance";
const ALI_RDS = "alicloud:rds/instance:Instance";
const KVSTORE = "alicloud:kvstore/instance:Instance";
const POLARDB = "alicloud:polardb/cluster:Cluster";

describe("no-public-databases: aws.rds publiclyAccessible", () => {
    it.each([
        ["unset = false", undefined, []],
        ["false", false, []],
        ["true", true, ["mandatory"]],
        ["string true", "true", ["mandatory"]],
    ])("%s", async (_n, publiclyAccessible, expected) => {
        expect(levels(await runResource(control, { type: RDS, props: { publiclyAccessible } }))).toEqual(expected);
        expect(levels(await runResource(control, { type: RDS_CLUSTER_INSTANCE, props: { publiclyAccessible } }))).toEqual(expected);
    });

    it("names the property in both languages", async () => {
        const [d] = await runResource(control, { type: RDS, name: "orders", props: { publiclyAccessible: true } });
        expect(d!.message).toContain('RDS instance "orders": found publiclyAccessible true; required not publicly accessible (publiclyAccessible false). Change `publiclyAccessible`.');
        expect(d!.message).toContain("RDS 实例“orders”");
    });

    it("unknown gives an advisory only", async () => {
        const ds = await runResource(control, { type: RDS, name: "orders", props: { publiclyAccessible: unknown() } });
        expect(levels(ds)).toEqual(["advisory"]);
        // The policy's own bilingual advisory, naming the input, not the SDK's English-only line.
        expect(ds[0]!.message).toContain('RDS instance "orders": found a value that is unknown until deployment');
        expect(ds[0]!.message).toContain("RDS 实例“orders”：当前：部署前未知的值；要求：不可公开访问（publiclyAccessible 为 false）。请修改 `publiclyAccessible`。");
    });
});

describe("no-public-databases: Alibaba Cloud whitelists", () => {
    it.each([
        ["unset", undefined, []],
        ["private CIDRs", ["10.20.0.0/16", "192.168.1.10"], []],
        ["0.0.0.0/0", ["0.0.0.0/0"], ["mandatory"]],
        ["0.0.0.0 without a prefix", ["0.0.0.0"], ["mandatory"]],
        ["::/0", ["::/0"], ["mandatory"]],
        ["after a private entry", ["10.0.0.0/8", "0.0.0.0/0"], ["mandatory"]],
        ["comma-separated in one entry", ["10.0.0.0/8,0.0.0.0/0"], ["mandatory"]],
        ["127.0.0.1 (the default)", ["127.0.0.1"], []],
        ["a /1 is not everything", ["0.0.0.0/1"], []],
    ])("securityIps %s", async (_n, securityIps, expected) => {
        for (const type of [ALI_RDS, KVSTORE, POLARDB]) expect(levels(await runResource(control, { type, props: { securityIps } }))).toEqual(expected);
    });

    it.each([
        ["a group admitting anywhere", [{ dbClusterIpArrayName: "default", securityIps: ["10.0.0.0/8"] }, { dbClusterIpArrayName: "app", securityIps: ["0.0.0.0/0"] }], ["mandatory"]],
        ["modifyMode Delete removes the entry", [{ dbClusterIpArrayName: "app", modifyMode: "Delete", securityIps: ["0.0.0.0/0"] }], []],
        ["modifyMode Append adds it", [{ dbClusterIpArrayName: "app", modifyMode: "Append", securityIps: ["0.0.0.0"] }], ["mandatory"]],
        ["private only", [{ dbClusterIpArrayName: "app", securityIps: ["10.20.0.0/16"] }], []],
    ])("PolarDB dbClusterIpArrays: %s", async (_n, dbClusterIpArrays, expected) => {
        expect(levels(await runResource(control, { type: POLARDB, props: { dbClusterIpArrays } }))).toEqual(expected);
    });

    it("names the whitelist entry", async () => {
        const [d] = await runResource(control, { type: POLARDB, name: "orders", props: { dbClusterIpArrays: [{ securityIps: ["10.0.0.0/8"] }, { securityIps: ["10.1.0.0/16", "0.0.0.0"] }] } });
        expect(d!.message).toContain('PolarDB cluster "orders": found a whitelist entry admitting 0.0.0.0/0 (anywhere on the internet)');
        expect(d!.message).toContain("Change `dbClusterIpArrays[1].securityIps[1]`.");
        expect(d!.message).toContain("PolarDB 集群“orders”：当前：允许 0.0.0.0/0（整个互联网）访问的 IP 白名单条目；要求：IP 白名单中不含 0.0.0.0/0、0.0.0.0 或 ::/0。请修改 `dbClusterIpArrays[1].securityIps[1]`。");
    });

    it("an unknown entry gives an advisory and does not hide a known open one", async () => {
        expect(levels(await runResource(control, { type: ALI_RDS, props: { securityIps: [unknown(), "0.0.0.0/0"] } }))).toEqual(["advisory", "mandatory"]);
        expect(levels(await runResource(control, { type: KVSTORE, props: { securityIps: unknown() } }))).toEqual(["advisory"]);
    });

    it.each([[{ securityIps: "0.0.0.0/0" }], [{ securityIps: [1, null, { a: 1 }] }], [{ dbClusterIpArrays: [null, "x", { securityIps: 5 }] }], [{ dbClusterIpArrays: { a: 1 } }]])("odd props %j never throw", async (props) => {
        for (const type of [ALI_RDS, POLARDB]) await expect(runResource(control, { type, props })).resolves.toBeDefined();
    });

    it("a secret whitelist entry is evaluated but never echoed", async () => {
        const ds = await runResource(control, { type: ALI_RDS, props: { securityIps: [secret("203.0.113.9/32,0.0.0.0/0")] } });
        expect(levels(ds)).toEqual(["mandatory"]);
        expect(ds[0]!.message).not.toContain("203.0.113.9");
    });
});
