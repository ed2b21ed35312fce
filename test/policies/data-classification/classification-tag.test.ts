import { describe, expect, it } from "vitest";
import control, { metadata } from "../../../policies/data-classification/classification-tag";
import { levels, runResource, secret, unknown } from "../../helpers/harness";

const RDS = "aws:rds/instance:Instance";
const OSS = "alicloud:oss/bucket:Bucket";

describe("data-classification-tag", () => {
    it.each(metadata.resourceTypes.map((t) => [t]))("%s: unset is an advisory finding, a configured level passes", async (type) => {
        expect(levels(await runResource(control, { type, props: {} }))).toEqual(["advisory"]);
        expect(await runResource(control, { type, props: { tags: { "data-classification": "personal" } } })).toEqual([]);
    });

    it("names the tag, the allowed values and the bases in both languages", async () => {
        const [d] = await runResource(control, { type: RDS, name: "orders-db", props: { tags: { team: "orders" } } });
        expect(d!.message).toContain('RDS instance "orders-db": found no `data-classification` tag; required a `data-classification` tag with one of: public, internal, personal, important, core. Change `tags.data-classification`.');
        expect(d!.message).toContain("Compliance basis: Data Security Law Art. 21; PIPL Art. 51(2); Cybersecurity Law Art. 23(4) (Art. 21(4) before 2026-01-01); GB/T 22239-2019 level 3 8.1.10.2 b)–c).");
        expect(d!.message).toContain("RDS 实例“orders-db”：当前：没有 `data-classification` 标签；要求：`data-classification` 标签，取值为以下之一：public、internal、personal、important、core。");
        expect(d!.message).toContain("《中华人民共和国数据安全法》第二十一条");
    });

    it("a value that is not a level is a finding naming the allowed values, without echoing it", async () => {
        const ds = await runResource(control, { type: OSS, props: { tags: { "data-classification": "Top-Secret-Project-X" } } });
        expect(levels(ds)).toEqual(["advisory"]);
        expect(ds[0]!.message).toContain("one of: public, internal, personal, important, core");
        expect(ds[0]!.message).not.toContain("Top-Secret-Project-X");
    });

    it("a secret tag value is never echoed", async () => {
        const ds = await runResource(control, { type: OSS, props: { tags: { "data-classification": secret("S3CRET-LEVEL") } } });
        expect(ds.map((d) => d.message).join("\n")).not.toContain("S3CRET-LEVEL");
    });

    it("an unknown tag value or tag map is advisory even when the policy is mandatory", async () => {
        for (const tags of [unknown(), { "data-classification": unknown() }]) {
            const ds = await runResource(control, { type: RDS, props: { tags } }, { config: { enforcementLevel: "mandatory" } });
            expect(levels(ds)).toEqual(["advisory"]);
            expect(ds[0]!.message).toContain("unknown until deployment");
        }
        expect(levels(await runResource(control, { type: RDS, props: {} }, { config: { enforcementLevel: "mandatory" } }))).toEqual(["mandatory"]);
    });

    it("the key and the levels are configurable", async () => {
        const config = { classificationTagKey: "dataClass", classificationLevels: ["L1", "L2", "L3"] };
        expect(await runResource(control, { type: RDS, props: { tags: { dataClass: "L2" } } }, { config })).toEqual([]);
        const ds = await runResource(control, { type: RDS, props: { tags: { dataClass: "personal" } } }, { config });
        expect(ds[0]!.message).toContain("a `dataClass` tag with one of: L1, L2, L3");
    });

    it("an AWS provider's defaultTags classify its resources", async () => {
        const provider = { type: "pulumi:providers:aws", props: { region: "cn-north-1", defaultTags: { tags: { "data-classification": "internal" } } } };
        expect(await runResource(control, { type: RDS, props: {}, provider })).toEqual([]);
        expect(await runResource(control, { type: RDS, props: { tags: { "data-classification": "core" } }, provider })).toEqual([]);
        // An explicit provider's object inputs arrive JSON-encoded.
        const explicit = { type: "pulumi:providers:aws", props: { region: "cn-north-1", defaultTags: JSON.stringify({ tags: { "data-classification": "internal" } }) } };
        expect(await runResource(control, { type: RDS, props: {}, provider: explicit })).toEqual([]);
        const broken = { type: "pulumi:providers:aws", props: { region: "cn-north-1", defaultTags: "{not json" } };
        expect(levels(await runResource(control, { type: RDS, props: {}, provider: broken }))).toEqual(["advisory"]);
    });

    it.each([[null], ["x"], [[1]], [{ "data-classification": { deep: 1 } }], [{ "data-classification": 3 }]])("odd tags %j never throw", async (tags) => {
        await expect(runResource(control, { type: RDS, props: { tags } })).resolves.toBeDefined();
    });
});
