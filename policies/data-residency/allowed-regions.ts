// Data stays in approved regions (GB/T 22239-2019 8.2.4.5 a): customer data and personal
// information stored in China; PIPL Art. 40 and Cybersecurity Law Art. 39 for CIIOs and large
// processors): every AWS and Alibaba Cloud resource, and every provider, is placed in a region on
// `allowedRegions`. One cause, one finding: a provider off the list is reported once, on the
// provider (default providers included, as the engine analyzes them); a resource that merely
// inherits its provider's region gets an advisory naming that provider, and a resource with its
// own off-list `region` stays mandatory.
import type * as alicloud from "@pulumi/alicloud";
import { type ResourceValidationArgs } from "@pulumi/policy";
import { type ControlMetadata, resourceControl } from "../shared/control";
import { type Emit } from "../shared/emit";
import { type Bilingual, bi } from "../shared/messages";
import { inputName } from "../shared/properties";
import { Input } from "../shared/reader";
import { type Cloud, cloudOf, effectiveRegion, isProviderType, zoneToRegion } from "../shared/regions";
import { type ResidencyConfig, config, crossBorderNote, emitRegion, judgeRegion, readResidencyConfig, regionWord, showAllowlist, typeKind } from "./residency";

/**
 * AWS modules whose every resource is global or account-level (no `region` input in @pulumi/aws
 * 7.48: Appendix 3 of the provider reference). Their data is not placed by region, so the
 * allowlist does not apply. `aws:waf/` is WAF classic global; `aws:wafregional/` stays checked.
 */
export const AWS_GLOBAL_MODULES = [
    "account",
    "bcmdata",
    "billing",
    "budgets",
    "cloudfront",
    "costexplorer",
    "costoptimizationhub",
    "cur",
    "globalaccelerator",
    "iam",
    "networkmanager",
    "notifications",
    "organizations",
    "route53domains",
    "route53recoverycontrol",
    "route53recoveryreadiness",
    "savingsplans",
    "shield",
    "uxc",
    "waf",
] as const;

/**
 * Global or account-level resources in modules that are otherwise regional (Route 53 public DNS
 * vs. the regional Route 53 Resolver, account-wide settings). Same source.
 */
export const AWS_GLOBAL_TYPES = [
    "aws:backup/globalSettings:GlobalSettings",
    "aws:bedrock/useCaseForModelAccess:UseCaseForModelAccess",
    "aws:chime/sdkvoiceGlobalSettings:SdkvoiceGlobalSettings",
    "aws:cloudtrail/organizationDelegatedAdminAccount:OrganizationDelegatedAdminAccount",
    "aws:directconnect/gateway:Gateway",
    "aws:directconnect/hostedConnection:HostedConnection",
    "aws:ec2/vpcIpamOrganizationAdminAccount:VpcIpamOrganizationAdminAccount",
    "aws:fms/adminAccount:AdminAccount",
    "aws:ram/sharingWithOrganization:SharingWithOrganization",
    "aws:route53/cidrCollection:CidrCollection",
    "aws:route53/cidrLocation:CidrLocation",
    "aws:route53/delegationSet:DelegationSet",
    "aws:route53/healthCheck:HealthCheck",
    "aws:route53/hostedZoneDnsSec:HostedZoneDnsSec",
    "aws:route53/keySigningKey:KeySigningKey",
    "aws:route53/queryLog:QueryLog",
    "aws:route53/record:Record",
    "aws:route53/recordsExclusive:RecordsExclusive",
    "aws:route53/trafficPolicy:TrafficPolicy",
    "aws:route53/trafficPolicyInstance:TrafficPolicyInstance",
    "aws:route53/vpcAssociationAuthorization:VpcAssociationAuthorization",
    "aws:route53/zone:Zone",
    "aws:route53/zoneAssociation:ZoneAssociation",
    "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock",
    "aws:servicecatalog/organizationsAccess:OrganizationsAccess",
] as const;

/**
 * Alibaba Cloud account-level services with no regional data: RAM identities and the resource
 * directory (accounts, folders, resource groups, control policies). Resource Sharing
 * (`resourcemanager` ResourceShare, SharedResource, SharedTarget) is regional and stays checked.
 */
export const ALICLOUD_GLOBAL_MODULES = ["ram"] as const;
export const ALICLOUD_GLOBAL_TYPES = [
    "alicloud:resourcemanager/account:Account",
    "alicloud:resourcemanager/controlPolicy:ControlPolicy",
    "alicloud:resourcemanager/controlPolicyAttachment:ControlPolicyAttachment",
    "alicloud:resourcemanager/folder:Folder",
    "alicloud:resourcemanager/handshake:Handshake",
    "alicloud:resourcemanager/handshakeAcceptance:HandshakeAcceptance",
    "alicloud:resourcemanager/policy:Policy",
    "alicloud:resourcemanager/policyAttachment:PolicyAttachment",
    "alicloud:resourcemanager/policyVersion:PolicyVersion",
    "alicloud:resourcemanager/resourceDirectory:ResourceDirectory",
    "alicloud:resourcemanager/resourceGroup:ResourceGroup",
    "alicloud:resourcemanager/role:Role",
    "alicloud:resourcemanager/serviceLinkedRole:ServiceLinkedRole",
] as const;

const GLOBAL_PREFIXES = [...AWS_GLOBAL_MODULES.map((m) => `aws:${m}/`), ...ALICLOUD_GLOBAL_MODULES.map((m) => `alicloud:${m}/`)];
const GLOBAL_TYPES = new Set<string>([...AWS_GLOBAL_TYPES, ...ALICLOUD_GLOBAL_TYPES]);

/** True for resources of global services, which the allowlist does not apply to. */
export function isGlobalServiceType(type: string): boolean {
    return GLOBAL_TYPES.has(type) || GLOBAL_PREFIXES.some((p) => type.startsWith(p));
}

/** Alibaba Cloud inputs that name a zone; the zone must lie in an allowed region. */
export const ALICLOUD_ZONE_INPUTS = [inputName<alicloud.vpc.SwitchArgs>("zoneId"), inputName<alicloud.ecs.InstanceArgs>("availabilityZone")] as const;

/** The few Alibaba Cloud resources with their own region input. */
export const ALICLOUD_REGION_INPUTS: Record<string, string> = {
    "alicloud:polardb/aicluster:Aicluster": inputName<alicloud.polardb.AiclusterArgs>("regionId"),
    "alicloud:polardb/application:Application": inputName<alicloud.polardb.ApplicationArgs>("regionId"),
    "alicloud:polardb/batchTask:BatchTask": inputName<alicloud.polardb.BatchTaskArgs>("regionId"),
};

export const metadata: ControlMetadata = {
    name: "allowed-regions",
    description:
        "Every AWS and Alibaba Cloud resource, and every provider, is placed in a region on the allowlist (default: mainland China). A provider off the list is reported once, on the provider; the resources that inherit its region get advisories pointing to it. Global services are skipped.",
    category: "data-residency",
    bases: ["mlps-8.2.4.5", "pipl-40", "csl-39", "pipl-38", "cbdt-provisions-7-8", "cbdt-measures-4"],
    severity: "high",
    enforcementLevel: "mandatory",
    remediationSteps:
        "Create the resource in an allowed region: set `region` on the provider it uses (stack config `aws:region` / `alicloud:region`, or the explicit " +
        "`aws.Provider` / `alicloud.Provider`), or on AWS the resource's own `region` input; on Alibaba Cloud pick a `zoneId` / `availabilityZone` of an allowed region. " +
        "Moving a stateful resource replaces it: copy the data first. If data must be placed abroad, check which outbound route applies: a CAC security assessment only " +
        "for critical information infrastructure operators, important data or personal information above the thresholds; otherwise the standard contract or " +
        "certification, or neither below the lower threshold. Then add the region to `allowedRegions`.",
    zh: {
        description: "每个 AWS 和阿里云资源以及每个提供程序都位于允许列表中的区域或地域（默认：中国内地）。不在列表中的提供程序只在该提供程序上报告一次；继承其区域或地域的资源以建议级别报告并指向该提供程序。全局服务不检查。",
        remediationSteps:
            "在允许的区域（AWS）或地域（阿里云）创建资源：设置其所用提供程序的 `region`（堆栈配置 `aws:region` / `alicloud:region`，或显式的 " +
            "`aws.Provider` / `alicloud.Provider`），在 AWS 上也可设置资源自身的 `region` 输入；在阿里云上选择允许地域内的 `zoneId` / `availabilityZone`。" +
            "迁移有状态资源会替换该资源：请先复制数据。如数据确需存放在境外，请先确定适用的出境途径：仅关键信息基础设施运营者、重要数据或超过规定数量的个人信息须申报数据出境安全评估；" +
            "其他情形订立个人信息出境标准合同或通过个人信息保护认证，低于规定数量的免予申报。之后再将该区域或地域加入 `allowedRegions`。",
    },
    resourceTypes: ["pulumi:providers:aws", "pulumi:providers:alicloud", ...Object.keys(ALICLOUD_REGION_INPUTS)],
    config,
};

const PROVIDER_FIX: Record<Cloud, Bilingual> = {
    aws: bi(
        "That is the provider this resource uses: the default one (stack config `aws:region`) or the explicit `aws.Provider`; or set the resource's own `region` input.",
        "即该资源所用的提供程序：默认提供程序（堆栈配置 `aws:region`）或显式的 `aws.Provider`；也可设置资源自身的 `region` 输入。",
    ),
    alicloud: bi(
        "That is the provider this resource uses: the default one (stack config `alicloud:region`) or the explicit `alicloud.Provider`.",
        "即该资源所用的提供程序：默认提供程序（堆栈配置 `alicloud:region`）或显式的 `alicloud.Provider`。",
    ),
};

/** The provider the resource uses, where its region is fixed. */
const PROVIDER_TYPE: Record<Cloud, string> = { aws: "aws.Provider", alicloud: "alicloud.Provider" };

interface Evidence {
    what: Bilingual;
    value: unknown;
    /** Where the fix is: an input of this resource, or the provider's `region`. */
    change: string | { type: string; input: string };
    fix: Bilingual;
    /** Overrides the verdict for a zone that belongs to no known region. */
    unplaced?: boolean;
    /** The region is inherited from this provider, whose own finding is the mandatory one. */
    inherited?: { type: string; name: string };
}

/** Region evidence, or the input whose region is unknown during preview. */
type Found = { evidence: Evidence[] } | { unknown: string | { type: string; input: string } };

function regionEvidence(args: ResourceValidationArgs, cloud: Cloud): Found {
    const eff = effectiveRegion({ type: args.type, props: args.props, provider: args.provider }, cloud);
    const word = regionWord(cloud);
    const providerChange = { type: PROVIDER_TYPE[cloud], input: "region" };
    if (eff.kind === "unset") {
        return { evidence: [] };
    }
    if (isProviderType(args.type)) {
        if (eff.kind === "unknown") return { unknown: "region" };
        return { evidence: [{ what: bi("provider", "提供程序"), value: eff.value, change: "region", fix: bi("Set the provider's `region` to an allowed region.", `请将提供程序的 \`region\` 设为允许的${word.zh}。`) }] };
    }
    if (eff.kind === "unknown") return { unknown: eff.source === "region" ? "region" : providerChange };
    if (eff.source === "region") {
        return { evidence: [{ what: bi("", ""), value: eff.value, change: "region", fix: bi("Set `region` to an allowed region or remove it to use the provider's.", `请将 \`region\` 设为允许的${word.zh}，或删除以使用提供程序的${word.zh}。`) }] };
    }
    const inherited = args.provider ? { inherited: { type: args.provider.type, name: args.provider.name } } : {};
    return { evidence: [{ what: bi("provider", "提供程序"), value: eff.value, change: providerChange, fix: PROVIDER_FIX[cloud], ...inherited }] };
}

/** "reported on provider `pulumi:providers:aws` "default_7_48_0"": where the mandatory finding for an inherited region is. */
function inheritedNote(p: { type: string; name: string }): Bilingual {
    return bi(
        ` This resource only inherits the region: the cause is reported once, as mandatory, on the provider \`${p.type}\` "${p.name}"; fixing it fixes this.`,
        `该资源只是继承了该${regionWord(cloudOf(p.type)).zh}：原因已在提供程序 \`${p.type}\`“${p.name}”上以强制级别报告一次；修复后该资源随之合规。`,
    );
}

function alicloudEvidence(args: ResourceValidationArgs): Evidence[] {
    const props = Input.of(args.props);
    const out: Evidence[] = [];
    const regionInput = ALICLOUD_REGION_INPUTS[args.type];
    if (regionInput) {
        const v = props.get(regionInput).raw();
        if (v.kind === "value") {
            out.push({ what: bi("", ""), value: v.value, change: v.path, fix: bi(`Set \`${regionInput}\` to an allowed region.`, `请将 \`${regionInput}\` 设为允许的地域。`) });
        }
    }
    for (const prop of ALICLOUD_ZONE_INPUTS) {
        // A zone taken from another resource's output (vswitch.zoneId) is unknown during preview:
        // it is no evidence either way, and the resource it comes from is checked itself.
        const read = props.get(prop).string();
        if (read.kind !== "value" || read.value === "") {
            continue;
        }
        const region = zoneToRegion(read.value);
        out.push({
            what: bi("zone in", "可用区位于"),
            value: region,
            change: read.path,
            fix: bi(`Use a zone of an allowed region in \`${prop}\`.`, `请在 \`${prop}\` 中使用允许地域的可用区。`),
            unplaced: region === undefined,
        });
    }
    return out;
}

/**
 * A component (aws:s3:BucketEventSubscription, aws:cloudwatch:EventRuleEventSubscription) is placed
 * nowhere: only its children are. The SDKs' custom resources are `pkg:module/name:Type`; the
 * analyzer is not told `custom`, so the token's shape tells.
 */
export function isComponentType(type: string): boolean {
    const parts = type.split(":");
    return !isProviderType(type) && parts.length === 3 && !(parts[1] ?? "").includes("/");
}

function validate(args: ResourceValidationArgs, emit: Emit): void {
    const cloud = cloudOf(args.type);
    if (!cloud || isGlobalServiceType(args.type) || isComponentType(args.type)) {
        return;
    }
    const cfg: ResidencyConfig = readResidencyConfig(args.getConfig());
    const exempted = cfg.exemptResourceTypes.includes(args.type);
    const kind = typeKind(args.type);
    const word = regionWord(cloud);
    const found = regionEvidence(args, cloud);
    if ("unknown" in found) {
        emit({ kind, found: bi("a region that is unknown until deployment", `部署前未知的${word.zh}`), required: showAllowlist(cfg.allowedRegions, cloud), change: found.unknown, unknown: true });
        return;
    }
    const evidence = [...found.evidence, ...(cloud === "alicloud" && !isProviderType(args.type) ? alicloudEvidence(args) : [])];
    if (evidence.length === 0) {
        // Region only in environment variables: invisible to policies, so it cannot be verified.
        emit({
            kind,
            found: bi(
                "no region set on the resource or its provider (environment-only configuration is not visible to policies)",
                `资源及其提供程序均未设置${word.zh}（仅通过环境变量配置的${word.zh}对策略不可见）`,
            ),
            required: showAllowlist(cfg.allowedRegions, cloud),
            change: { type: PROVIDER_TYPE[cloud], input: "region" },
            fix: PROVIDER_FIX[cloud],
            advisory: true,
        });
        return;
    }
    for (const e of evidence) {
        const verdict = e.unplaced ? "unrecognised" : judgeRegion(e.value, cfg.allowedRegions);
        if (verdict === "allowed") {
            continue;
        }
        const inherited = verdict === "off-list" && e.inherited ? inheritedNote(e.inherited) : undefined;
        const fix = inherited ? bi(`${e.fix.en}${inherited.en}`, `${e.fix.zh}${inherited.zh}`) : verdict === "off-list" ? bi(`${e.fix.en} ${crossBorderNote(cloud).en}`, `${e.fix.zh}${crossBorderNote(cloud).zh}`) : e.fix;
        emitRegion(emit, { kind, cloud, what: e.what, value: e.value, verdict, change: e.change, fix, allowed: cfg.allowedRegions, exempted, ...(inherited ? { advisory: true } : {}) });
    }
}

export default resourceControl(metadata, validate);
