import { describe, expect, it } from "vitest";
import { PROTECTION_SOURCES } from "../../../policies/backup-recovery/database-deletion-protection";
import control, { metadata } from "../../../policies/data-classification/classified-data-deletion-protected";
import { levels, runResource, unknown } from "../../helpers/harness";

const tags = (level: string): Record<string, string> => ({ "data-classification": level });
const ON: Record<string, Record<string, unknown>> = Object.fromEntries(Object.entries(PROTECTION_SOURCES).map(([t, s]) => [t, { [s.input]: s.on }]));

describe("classified-data-deletion-protected", () => {
    it.each(metadata.resourceTypes.map((t) => [t]))("%s: unset is mandatory from personal up, nothing below, protection on passes", async (type) => {
        for (const level of ["personal", "important", "core"]) expect(levels(await runResource(control, { type, props: { tags: tags(level) } }))).toEqual(["mandatory"]);
        for (const level of ["public", "internal"]) expect(await runResource(control, { type, props: { tags: tags(level) } })).toEqual([]);
        expect(await runResource(control, { type, props: {} })).toEqual([]);
        expect(await runResource(control, { type, props: { tags: tags("core"), ...ON[type] } })).toEqual([]);
    });

    it("names the classification, the switch and the bases in both languages", async () => {
        const [d] = await runResource(control, { type: "aws:rds/instance:Instance", name: "users", props: { tags: tags("personal"), deletionProtection: false } });
        expect(d!.message).toContain('RDS instance "users": found false, on data classified `data-classification` = "personal"; required `deletionProtection` true (deletion protection on). Change `deletionProtection`.');
        expect(d!.message).toContain("Compliance basis: Data Security Law Art. 21; GB/T 22239-2019 level 3 8.1.4.9;");
        expect(d!.message).toContain('RDS 实例“users”：当前：false，而该资源的数据分类为 `data-classification` = "personal"（个人信息）；要求：`deletionProtection` 为 true（开启删除保护）。');
    });

    it("is mandatory where database-deletion-protection is advisory, and follows the charge-type exceptions", async () => {
        expect(levels(await runResource(control, { type: "alicloud:polardb/cluster:Cluster", props: { tags: tags("important"), deletionLock: 0 } }))).toEqual(["mandatory"]);
        expect(await runResource(control, { type: "alicloud:rds/instance:Instance", props: { tags: tags("core"), instanceChargeType: "Prepaid" } })).toEqual([]);
    });

    it("unknown values are never mandatory: the switch, the charge type, the tag", async () => {
        expect(levels(await runResource(control, { type: "aws:rds/cluster:Cluster", props: { tags: tags("core"), deletionProtection: unknown() } }))).toEqual(["advisory"]);
        expect(levels(await runResource(control, { type: "alicloud:rds/instance:Instance", props: { tags: tags("core"), instanceChargeType: unknown() } }))).toEqual(["advisory"]);
        expect(await runResource(control, { type: "aws:rds/cluster:Cluster", props: { tags: { "data-classification": unknown() } } })).toEqual([]);
        expect(await runResource(control, { type: "aws:rds/cluster:Cluster", props: { tags: unknown() } })).toEqual([]);
    });

    it("a tag value that is not a level makes no finding here (data-classification-tag reports it)", async () => {
        expect(await runResource(control, { type: "aws:rds/cluster:Cluster", props: { tags: tags("secret") } })).toEqual([]);
    });

    it("fromLevel, the key and the levels are configurable", async () => {
        expect(await runResource(control, { type: "aws:rds/cluster:Cluster", props: { tags: tags("personal") } }, { config: { fromLevel: "important" } })).toEqual([]);
        expect(levels(await runResource(control, { type: "aws:rds/cluster:Cluster", props: { tags: tags("internal") } }, { config: { fromLevel: "internal" } }))).toEqual(["mandatory"]);
        const custom = { classificationTagKey: "dataClass", classificationLevels: ["L1", "L2", "L3"], fromLevel: "L2" };
        expect(levels(await runResource(control, { type: "aws:rds/cluster:Cluster", props: { tags: { dataClass: "L3" } } }, { config: custom }))).toEqual(["mandatory"]);
        expect(await runResource(control, { type: "aws:rds/cluster:Cluster", props: { tags: { dataClass: "L1" } } }, { config: custom })).toEqual([]);
    });

    it("a fromLevel that is not a level is an advisory naming the allowed levels, never silent", async () => {
        const ds = await runResource(control, { type: "aws:rds/cluster:Cluster", props: { tags: tags("core") } }, { config: { fromLevel: "secret" } });
        expect(levels(ds)).toEqual(["advisory"]);
        expect(ds[0]!.message).toContain('policy config `fromLevel` "secret", which is not one of classificationLevels; required `fromLevel` one of: public, internal, personal, important, core.');
    });

    it("an AWS provider's defaultTags classify its databases", async () => {
        const provider = { type: "pulumi:providers:aws", props: { region: "cn-north-1", defaultTags: { tags: tags("personal") } } };
        expect(levels(await runResource(control, { type: "aws:rds/instance:Instance", props: {}, provider }))).toEqual(["mandatory"]);
    });

    it.each([[null], ["x"], [[1]], [{ "data-classification": 3 }]])("odd tags %j never throw", async (t) => {
        await expect(runResource(control, { type: "aws:rds/instance:Instance", props: { tags: t } })).resolves.toEqual([]);
    });
});
