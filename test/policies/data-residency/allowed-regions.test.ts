import * as fs from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";
import control, { ALICLOUD_GLOBAL_TYPES, AWS_GLOBAL_MODULES, AWS_GLOBAL_TYPES, isComponentType, isGlobalServiceType } from "../../../policies/data-residency/allowed-regions";
import { type TestResource, levels, runResource, secret, unknown } from "../../helpers/harness";

const BUCKET = "aws:s3/bucket:Bucket";
const INSTANCE = "aws:ec2/instance:Instance";
const OSS = "alicloud:oss/bucket:Bucket";
const ECS = "alicloud:ecs/instance:Instance";
const SWITCH = "alicloud:vpc/switch:Switch";

const awsProvider = (region?: unknown, name = "default") => ({ type: "pulumi:providers:aws", name, props: region === undefined ? {} : { region } });
const aliProvider = (region?: unknown, name = "default") => ({ type: "pulumi:providers:alicloud", name, props: region === undefined ? {} : { region } });

const run = (r: TestResource, config?: Record<string, unknown>) => runResource(control, r, config ? { config } : {});

describe("allowed-regions: components are placed nowhere", () => {
    it("a component (no region of its own, no provider) gets no finding; its children are checked", async () => {
        for (const type of ["aws:s3:BucketEventSubscription", "aws:cloudwatch:EventRuleEventSubscription", "alicloud:fc:Subscription"]) {
            expect(isComponentType(type), type).toBe(true);
            expect(await run({ type, name: "sub", props: {} }), type).toEqual([]);
        }
        // A custom resource with no region anywhere still gets the advisory.
        expect(levels(await run({ type: BUCKET, name: "data", props: {} }))).toEqual(["advisory"]);
        expect(isComponentType(BUCKET)).toBe(false);
        expect(isComponentType("pulumi:providers:aws")).toBe(false);
    });
});

describe("allowed-regions: AWS effective region", () => {
    it("one cause, one finding: a resource that only inherits a provider's us-east-1 gets an advisory naming the provider, which carries the mandatory one", async () => {
        const provider = awsProvider("us-east-1", "virginia");
        const resources: TestResource[] = [
            { type: BUCKET, name: "data", props: {}, provider },
            { type: INSTANCE, name: "web", props: { ami: "ami-1" }, provider },
            { type: "aws:rds/instance:Instance", name: "db", props: {}, provider },
        ];
        for (const r of resources) {
            const ds = await run(r);
            expect(levels(ds), r.name).toEqual(["advisory"]);
            expect(ds[0]!.message).toContain('found provider region "us-east-1"');
            expect(ds[0]!.message).toContain('This resource only inherits the region: the cause is reported once, as mandatory, on the provider `pulumi:providers:aws` "virginia"; fixing it fixes this.');
            expect(ds[0]!.message).toContain("该资源只是继承了该区域：原因已在提供程序 `pulumi:providers:aws`“virginia”上以强制级别报告一次；修复后该资源随之合规。");
        }
        // The provider itself: mandatory.
        expect(levels(await run({ type: provider.type, name: provider.name, props: provider.props }))).toEqual(["mandatory"]);
    });

    it("a provider in cn-north-1 with a resource `region: ap-southeast-1` is a violation on `region`", async () => {
        const ds = await run({ type: BUCKET, name: "sg-data", props: { region: "ap-southeast-1" }, provider: awsProvider("cn-north-1") });
        expect(levels(ds)).toEqual(["mandatory"]);
        expect(ds[0]!.message).toContain('resource `aws:s3/bucket:Bucket` "sg-data": found region "ap-southeast-1"; required a region on `allowedRegions`');
        expect(ds[0]!.message).toContain("Change `region`. Set `region` to an allowed region");
        // Residency rests on GB/T 22239 8.2.4.5 a), PIPL Art. 40 and CSL Art. 39, not DSL Art. 31 (export of important data).
        expect(ds[0]!.message).toContain("Compliance basis: GB/T 22239-2019 level 3 8.2.4.5 a); PIPL Art. 40, Art. 38; Cybersecurity Law Art. 39 (Art. 37 before 2026-01-01);");
        expect(ds[0]!.message).not.toContain("Data Security Law");
        expect(ds[0]!.message).toContain("《中华人民共和国个人信息保护法》第四十条、第三十八条");
        // AWS's console says 区域; the cross-border route is conditional, never "assessment first".
        expect(ds[0]!.message).toContain('资源 `aws:s3/bucket:Bucket`“sg-data”：当前：区域 "ap-southeast-1"；要求：位于 `allowedRegions` 允许的区域');
        expect(ds[0]!.message).toContain("If the data must go abroad: a CAC security assessment is required only for critical information infrastructure operators");
        expect(ds[0]!.message).toContain("《促进和规范数据跨境流动规定》第七条、第八条（免予申报：第五条）；《数据出境安全评估办法》第四条");
    });

    it("a resource `region: cn-northwest-1` on a provider abroad is compliant: the resource's own region wins", async () => {
        expect(await run({ type: BUCKET, props: { region: "cn-northwest-1" }, provider: awsProvider("us-east-1") })).toEqual([]);
    });

    it.each([["cn-north-1"], ["cn-northwest-1"]])("provider region %s is compliant by default", async (region) => {
        expect(await run({ type: BUCKET, props: {}, provider: awsProvider(region) })).toEqual([]);
    });

    it("names the provider as the place to fix a provider-derived region", async () => {
        const [d] = await run({ type: BUCKET, name: "b", props: {}, provider: awsProvider("eu-west-1") });
        expect(d!.message).toContain('found provider region "eu-west-1"');
        expect(d!.message).toContain("stack config `aws:region`");
        expect(d!.message).toContain("堆栈配置 `aws:region`");
    });

    it("no provider and no region: advisory (environment-only config can't be verified)", async () => {
        const ds = await run({ type: BUCKET, props: {} });
        expect(levels(ds)).toEqual(["advisory"]);
        expect(ds[0]!.message).toContain("environment-only configuration is not visible to policies");
        expect(levels(await run({ type: BUCKET, props: {}, provider: awsProvider() }))).toEqual(["advisory"]);
    });

    it("a region missing from the table is advisory, not mandatory, and is not echoed", async () => {
        const ds = await run({ type: BUCKET, props: { region: "cn-south-9" }, provider: awsProvider("cn-north-1") });
        expect(levels(ds)).toEqual(["advisory"]);
        expect(ds[0]!.message).toContain("not in the pack's region table");
        expect(ds[0]!.message).not.toContain("cn-south-9");
    });

    it("a region that can't be known during preview gives an advisory only", async () => {
        expect(levels(await run({ type: BUCKET, props: { region: unknown() }, provider: awsProvider("cn-north-1") }))).toEqual(["advisory"]);
        const [d] = await run({ type: BUCKET, name: "b", props: {}, provider: awsProvider(unknown()) });
        expect(d!.enforcementLevel).toBe("advisory");
        // The policy's own bilingual advisory, naming where the region is set, not the SDK's English-only line.
        expect(d!.message).toContain('resource `aws:s3/bucket:Bucket` "b": found a region that is unknown until deployment');
        expect(d!.message).toContain("Change `region` of the `aws.Provider`.");
        expect(d!.message).toContain("当前：部署前未知的区域");
    });

    it("a secret value is never echoed", async () => {
        const ds = await run({ type: BUCKET, props: { region: secret("TOP-SECRET-VALUE") }, provider: awsProvider("cn-north-1") });
        expect(levels(ds)).toEqual(["advisory"]);
        expect(ds.map((d) => d.message).join("\n")).not.toContain("TOP-SECRET-VALUE");
    });

    it.each([[42], [["cn-north-1"]], [{ nested: [1, { deep: true }] }], [true]])("a non-string region %j is advisory and never throws", async (region) => {
        expect(levels(await run({ type: BUCKET, props: { region }, provider: awsProvider("cn-north-1") }))).toEqual(["advisory"]);
    });
});

describe("allowed-regions: explicit provider resources", () => {
    it.each([
        ["pulumi:providers:aws", "ap-southeast-1", ["mandatory"]],
        ["pulumi:providers:aws", "us-east-1", ["mandatory"]],
        ["pulumi:providers:aws", "cn-north-1", []],
        ["pulumi:providers:alicloud", "cn-hongkong", ["mandatory"]],
        ["pulumi:providers:alicloud", "ap-southeast-1", ["mandatory"]],
        ["pulumi:providers:alicloud", "cn-shanghai-finance-1", []],
        ["pulumi:providers:alicloud", "cn-hangzhou", []],
        ["pulumi:providers:random", "us-east-1", []],
    ])("%s in %s → %j", async (type, region, expected) => {
        const ds = await run({ type, name: "p", props: { region } });
        expect(levels(ds)).toEqual(expected);
    });

    it("reports on the provider resource and tells to change its region", async () => {
        const [d] = await run({ type: "pulumi:providers:aws", name: "singapore", props: { region: "ap-southeast-1" } });
        expect(d!.message).toContain('resource `pulumi:providers:aws` "singapore": found provider region "ap-southeast-1"');
        expect(d!.message).toContain("Set the provider's `region` to an allowed region.");
    });

    it("a provider without a region is advisory", async () => {
        expect(levels(await run({ type: "pulumi:providers:alicloud", props: {} }))).toEqual(["advisory"]);
    });
});

describe("allowed-regions: Alibaba Cloud provider region and zones", () => {
    it.each([
        // Inherited from the provider: advisory here, mandatory on the provider.
        ["cn-hongkong", ["advisory"]],
        ["ap-southeast-1", ["advisory"]],
        ["eu-central-1", ["advisory"]],
        ["cn-shanghai-finance-1", []],
        ["cn-north-2-gov-1", []],
        ["cn-hangzhou", []],
        ["cn-beijing", []],
    ])("provider in %s → %j", async (region, expected) => {
        expect(levels(await run({ type: OSS, name: "b", props: { bucket: "b" }, provider: aliProvider(region) }))).toEqual(expected);
    });

    it("a `region` input on an Alibaba resource is not a placement: only the provider's counts", async () => {
        expect(await run({ type: OSS, props: { region: "ap-southeast-1" }, provider: aliProvider("cn-hangzhou") })).toEqual([]);
    });

    it.each([
        ["zoneId in the provider's region", SWITCH, { zoneId: "cn-hangzhou-h" }, "cn-hangzhou", []],
        ["finance zone with digits in the region name", SWITCH, { zoneId: "cn-shanghai-finance-1a" }, "cn-shanghai-finance-1", []],
        ["zoneId abroad", SWITCH, { zoneId: "ap-southeast-1a" }, "cn-hangzhou", ["mandatory"]],
        ["availabilityZone in Hong Kong", ECS, { availabilityZone: "cn-hongkong-b" }, "cn-hangzhou", ["mandatory"]],
        ["both zone inputs checked", ECS, { availabilityZone: "cn-hongkong-b", zoneId: "ap-southeast-1a" }, "cn-hangzhou", ["mandatory", "mandatory"]],
        ["a zone of no known region is advisory", SWITCH, { zoneId: "cn-nowhere-z" }, "cn-hangzhou", ["advisory"]],
        ["provider abroad and zone abroad: the inherited region advisory, the resource's own zone mandatory", SWITCH, { zoneId: "cn-hongkong-b" }, "cn-hongkong", ["advisory", "mandatory"]],
        ["a zone that can't be known during preview is no evidence", ECS, { availabilityZone: unknown() }, "cn-hangzhou", []],
        ["an empty zone is ignored", SWITCH, { zoneId: "" }, "cn-hangzhou", []],
    ])("%s", async (_name, type, props, region, expected) => {
        expect(levels(await run({ type, props, provider: aliProvider(region) }))).toEqual(expected);
    });

    it("the zone names the property to change", async () => {
        const [d] = await run({ type: SWITCH, name: "sw", props: { zoneId: "ap-southeast-1a" }, provider: aliProvider("cn-hangzhou") });
        expect(d!.message).toContain('found zone in region "ap-southeast-1"');
        expect(d!.message).toContain("Change `zoneId`.");
    });

    it("without a provider region, a mainland zone is enough evidence; a foreign one is a violation", async () => {
        expect(await run({ type: SWITCH, props: { zoneId: "cn-beijing-l" } })).toEqual([]);
        expect(levels(await run({ type: SWITCH, props: { zoneId: "eu-central-1a" } }))).toEqual(["mandatory"]);
        expect(levels(await run({ type: OSS, props: {} }))).toEqual(["advisory"]);
        expect(levels(await run({ type: SWITCH, props: { zoneId: unknown() } }))).toEqual(["advisory"]);
    });

    it("a polardb AI cluster's own regionId is checked", async () => {
        expect(levels(await run({ type: "alicloud:polardb/aicluster:Aicluster", props: { regionId: "ap-southeast-1" }, provider: aliProvider("cn-hangzhou") }))).toEqual(["mandatory"]);
        expect(await run({ type: "alicloud:polardb/aicluster:Aicluster", props: { regionId: "cn-beijing" }, provider: aliProvider("cn-hangzhou") })).toEqual([]);
    });

    it.each([[null], ["str"], [[1, 2]], [{ zoneId: { nested: [1] } }]])("odd zone input %j never throws", async (zoneId) => {
        await expect(run({ type: SWITCH, props: { zoneId }, provider: aliProvider("cn-hangzhou") })).resolves.toBeDefined();
    });
});

describe("allowed-regions: config", () => {
    it("a glob in allowedRegions works (eu-*)", async () => {
        const config = { allowedRegions: ["eu-*"] };
        expect(await run({ type: BUCKET, props: {}, provider: awsProvider("eu-west-1") }, config)).toEqual([]);
        expect(await run({ type: OSS, props: {}, provider: aliProvider("eu-central-1") }, config)).toEqual([]);
        expect(levels(await run({ type: BUCKET, props: { region: "cn-north-1" }, provider: awsProvider("eu-west-1") }, config))).toEqual(["mandatory"]);
        expect(levels(await run({ type: BUCKET, props: { region: "eusc-de-east-1" }, provider: awsProvider("eu-west-1") }, config))).toEqual(["mandatory"]);
        expect(levels(await run({ type: "pulumi:providers:aws", props: { region: "cn-north-1" } }, config))).toEqual(["mandatory"]);
    });

    it("`*` allows every region, even one missing from the table", async () => {
        expect(await run({ type: BUCKET, props: { region: "xx-new-1" }, provider: awsProvider("us-east-1") }, { allowedRegions: ["*"] })).toEqual([]);
    });

    it("the message lists the configured allowlist", async () => {
        const [d] = await run({ type: BUCKET, props: {}, provider: awsProvider("us-east-1") }, { allowedRegions: ["eu-*", "eusc-*"] });
        expect(d!.message).toContain("required a region on `allowedRegions` (eu-*, eusc-*)");
    });

    it("the default allowlist is abbreviated in messages", async () => {
        const [d] = await run({ type: BUCKET, props: {}, provider: awsProvider("us-east-1") });
        expect(d!.message).toMatch(/\(cn-north-1, cn-northwest-1, cn-qingdao, cn-beijing, cn-zhangjiakou, cn-huhehaote, and \d+ more\)/);
    });

    it("exemptResourceTypes turns the finding into an advisory that says so", async () => {
        const ds = await run({ type: BUCKET, props: { region: "us-east-1" }, provider: awsProvider("cn-north-1") }, { exemptResourceTypes: [BUCKET] });
        expect(levels(ds)).toEqual(["advisory"]);
        expect(ds[0]!.message).toContain("Exempted by policy config `exemptResourceTypes`.");
        expect(levels(await run({ type: INSTANCE, props: { region: "us-east-1" }, provider: awsProvider("cn-north-1") }, { exemptResourceTypes: [BUCKET] }))).toEqual(["mandatory"]);
    });
});

describe("allowed-regions: skipped resources", () => {
    it.each([
        ["aws:iam/role:Role"],
        ["aws:iam/user:User"],
        ["aws:organizations/account:Account"],
        ["aws:route53/zone:Zone"],
        ["aws:route53/record:Record"],
        ["aws:cloudfront/distribution:Distribution"],
        ["aws:waf/webAcl:WebAcl"],
        ["aws:shield/protection:Protection"],
        ["aws:globalaccelerator/accelerator:Accelerator"],
        ["aws:budgets/budget:Budget"],
        ["aws:costexplorer/costCategory:CostCategory"],
        ["aws:networkmanager/globalNetwork:GlobalNetwork"],
        ["aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock"],
        ["alicloud:ram/role:Role"],
        ["alicloud:resourcemanager/resourceGroup:ResourceGroup"],
        ["random:index/randomId:RandomId"],
        ["pulumi:pulumi:Stack"],
        ["my:component:Thing"],
    ])("%s is not checked", async (type) => {
        expect(await run({ type, props: {}, provider: awsProvider("us-east-1") })).toEqual([]);
    });

    it.each([
        ["aws:route53/resolverEndpoint:ResolverEndpoint"],
        ["aws:wafregional/webAcl:WebAcl"],
        ["aws:wafv2/webAcl:WebAcl"],
        ["aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock"],
        ["aws:rolesanywhere/trustAnchor:TrustAnchor"],
        ["alicloud:resourcemanager/resourceShare:ResourceShare"],
    ])("%s (regional) is checked", async (type) => {
        // Its region is inherited from the provider: an advisory pointing to the provider's finding.
        const ds = await run({ type, props: {}, provider: awsProvider("us-east-1") });
        expect(levels(ds)).toEqual(["advisory"]);
        expect(ds[0]!.message).toContain('found provider region "us-east-1"');
    });
});

// The kept list of global AWS types must match the installed SDK: a resource class is global
// exactly when its Args have no `region` input (@pulumi/aws v7), except IAM Roles Anywhere,
// a regional service whose classes lack the input and are placed by the provider's region.
const REGIONAL_WITHOUT_REGION_INPUT = ["rolesanywhere"];

function awsClasses(): { token: string; hasRegion: boolean }[] {
    const root = path.dirname(require.resolve("@pulumi/aws/package.json"));
    const out: { token: string; hasRegion: boolean }[] = [];
    for (const mod of fs.readdirSync(root)) {
        const dir = path.join(root, mod);
        if (["types", "config", "node_modules"].includes(mod) || !fs.statSync(dir).isDirectory()) continue;
        for (const f of fs.readdirSync(dir).filter((x) => x.endsWith(".js"))) {
            const js = fs.readFileSync(path.join(dir, f), "utf8");
            const token = /__pulumiType = '([^']+)'/.exec(js)?.[1];
            if (!token || !js.includes("extends pulumi.CustomResource")) continue;
            const dts = fs.readFileSync(path.join(dir, f.replace(/\.js$/, ".d.ts")), "utf8");
            const args = /export interface \w+Args \{([\s\S]*?)\n\}/.exec(dts)?.[1] ?? "";
            out.push({ token, hasRegion: /\n {4}region\?: /.test(args) });
        }
    }
    return out;
}

describe("allowed-regions: the global AWS list matches @pulumi/aws", () => {
    const classes = awsClasses();

    it("reads the SDK (1738 resource classes, 179 without a region input, in 7.48)", () => {
        expect(classes.length).toBeGreaterThan(1500);
        expect(classes.filter((c) => !c.hasRegion).length).toBeGreaterThan(150);
    });

    it("every class without a region input is skipped, except the regional ones listed", () => {
        const missing = classes.filter((c) => !c.hasRegion && !isGlobalServiceType(c.token) && !REGIONAL_WITHOUT_REGION_INPUT.includes(c.token.split(":")[1]!.split("/")[0]!));
        expect(missing.map((c) => c.token)).toEqual([]);
    });

    it("no class with a region input is skipped", () => {
        expect(classes.filter((c) => c.hasRegion && isGlobalServiceType(c.token)).map((c) => c.token)).toEqual([]);
    });

    it("every listed global type and module exists in the SDK", () => {
        const tokens = new Set(classes.map((c) => c.token));
        for (const t of AWS_GLOBAL_TYPES) expect(tokens.has(t), t).toBe(true);
        for (const m of AWS_GLOBAL_MODULES) expect(classes.some((c) => c.token.startsWith(`aws:${m}/`)), m).toBe(true);
    });

    it("every listed Alibaba Cloud global type exists in the SDK", () => {
        const root = path.dirname(require.resolve("@pulumi/alicloud/package.json"));
        for (const t of ALICLOUD_GLOBAL_TYPES) {
            const [, modPath, cls] = /^alicloud:([^:]+):(\w+)$/.exec(t)!;
            const js = fs.readFileSync(path.join(root, `${modPath}.js`), "utf8");
            expect(js, t).toContain(`__pulumiType = '${t}'`);
            expect(cls).toBeTruthy();
        }
    });
});
