// Data-source lookups (invokes) answered offline. Real programs call aws.getRegion,
// aws.getAvailabilityZones, alicloud.getZones and the like constantly and index into the result;
// offline there is no cloud to ask, so one table answers them with plausible, clearly fake values
// made from the region in force. Used by scan's program runner and by the real-CLI test provider.

/** What the answer is made from: the provider's (or stack's) configuration, and the call's inputs. */
export type LookupConfig = Record<string, unknown>;
type Lookup = (config: LookupConfig, args: Record<string, unknown>) => Record<string, unknown>;

/** Clearly fake identifiers: no real account, image or key has these. */
export const FAKE = {
    awsAccount: "123456789012",
    alicloudAccount: "1234567890123456",
    ami: "ami-0123456789abcdef0",
    alicloudImage: "offline_scan_image_x64.vhd",
} as const;

function region(config: LookupConfig, args: Record<string, unknown>, fallback: string): string {
    for (const v of [args.region, config.region]) if (typeof v === "string" && v !== "") return v;
    return fallback;
}

const awsRegion = (c: LookupConfig, a: Record<string, unknown>): string => region(c, a, "cn-north-1");
const aliRegion = (c: LookupConfig, a: Record<string, unknown>): string => region(c, a, "cn-hangzhou");
const partition = (r: string): string => (r.startsWith("cn-") ? "aws-cn" : "aws");
const dnsSuffix = (r: string): string => (r.startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com");
const awsZones = (r: string): string[] => ["a", "b", "c"].map((s) => `${r}${s}`);
const aliZones = (r: string): string[] => ["h", "i", "j"].map((s) => `${r}-${s}`);

const ALI_INSTANCE_TYPES = ["ecs.g7.large", "ecs.c7.large", "ecs.r7.large"];

/** The lookups answered, by invoke token. */
export const LOOKUPS: Record<string, Lookup> = {
    "aws:index/getRegion:getRegion": (c, a) => {
        const r = awsRegion(c, a);
        return { id: r, name: r, region: r, description: r, endpoint: `ec2.${r}.${dnsSuffix(r)}` };
    },
    "aws:index/getPartition:getPartition": (c, a) => {
        const r = awsRegion(c, a);
        return { id: partition(r), partition: partition(r), dnsSuffix: dnsSuffix(r), reverseDnsPrefix: r.startsWith("cn-") ? "cn.com.amazonaws" : "com.amazonaws" };
    },
    "aws:index/getCallerIdentity:getCallerIdentity": (c, a) => ({
        id: FAKE.awsAccount,
        accountId: FAKE.awsAccount,
        arn: `arn:${partition(awsRegion(c, a))}:iam::${FAKE.awsAccount}:user/offline-scan`,
        userId: "AIDAOFFLINESCAN",
    }),
    "aws:index/getAvailabilityZones:getAvailabilityZones": (c, a) => {
        const r = awsRegion(c, a);
        return { id: r, names: awsZones(r), zoneIds: awsZones(r).map((_, i) => `${r}-az${i + 1}`), groupNames: [r], state: "available" };
    },
    "aws:ec2/getAmi:getAmi": (c, a) => ({
        id: FAKE.ami,
        imageId: FAKE.ami,
        arn: `arn:${partition(awsRegion(c, a))}:ec2:${awsRegion(c, a)}::image/${FAKE.ami}`,
        name: "offline-scan-ami",
        architecture: "x86_64",
        rootDeviceName: "/dev/xvda",
        blockDeviceMappings: [],
        tags: {},
    }),
    "aws:ec2/getAmiIds:getAmiIds": () => ({ id: "offline-scan", ids: [FAKE.ami] }),
    "aws:ec2/getVpc:getVpc": () => ({ id: "vpc-0123456789abcdef0", cidrBlock: "10.0.0.0/16", default: true, tags: {} }),
    "aws:ec2/getSubnets:getSubnets": (c, a) => ({ id: awsRegion(c, a), ids: ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"] }),
    "aws:iam/getPolicyDocument:getPolicyDocument": () => ({ id: "offline-scan", json: '{"Version":"2012-10-17","Statement":[]}', minifiedJson: '{"Version":"2012-10-17","Statement":[]}' }),
    "alicloud:index/getRegions:getRegions": (c, a) => {
        const r = aliRegion(c, a);
        return { id: r, ids: [r], regions: [{ id: r, regionId: r, localName: r }] };
    },
    "alicloud:index/getZones:getZones": (c, a) => {
        const zones = aliZones(aliRegion(c, a));
        return { id: aliRegion(c, a), ids: zones, zones: zones.map((id) => ({ id, localName: id, availableInstanceTypes: ALI_INSTANCE_TYPES })) };
    },
    "alicloud:index/getAccount:getAccount": () => ({ id: FAKE.alicloudAccount }),
    "alicloud:index/getCallerIdentity:getCallerIdentity": () => ({
        id: FAKE.alicloudAccount,
        accountId: FAKE.alicloudAccount,
        arn: `acs:ram::${FAKE.alicloudAccount}:root`,
        identityType: "Account",
    }),
    "alicloud:ecs/getImages:getImages": () => ({
        id: "offline-scan",
        ids: [FAKE.alicloudImage],
        images: [{ id: FAKE.alicloudImage, imageId: FAKE.alicloudImage, name: "offline-scan-image", osType: "linux", architecture: "x86_64" }],
    }),
    "alicloud:ecs/getInstanceTypes:getInstanceTypes": (c, a) => ({
        id: "offline-scan",
        ids: ALI_INSTANCE_TYPES,
        instanceTypes: ALI_INSTANCE_TYPES.map((id) => ({ id, cpuCoreCount: 2, memorySize: 8, availabilityZones: aliZones(aliRegion(c, a)) })),
    }),
};

/**
 * The answer to a lookup the table does not know: `id` and the list shapes programs index into
 * most (`ids`, `names`), so that `result.ids[0]` is a string and the program goes on.
 */
export function fallbackLookup(token: string): Record<string, unknown> {
    const fake = `offline-${token.split(":").pop() ?? "lookup"}`;
    return { id: fake, ids: [fake], names: [fake] };
}

/** The answer and whether the table knew the token. */
export function answerLookup(token: string, config: LookupConfig, args: Record<string, unknown>): { outputs: Record<string, unknown>; known: boolean } {
    const lookup = LOOKUPS[token];
    return lookup ? { outputs: lookup(config, args), known: true } : { outputs: fallbackLookup(token), known: false };
}
