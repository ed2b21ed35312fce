import { describe, expect, it } from "vitest";
import control from "../../../policies/logging/audit-trail-present";
import { type TestResource, levels, runStack } from "../../helpers/harness";

const r = (type: string, name = "r"): TestResource => ({ type, name, props: {} });
const AWS_VPC = "aws:ec2/vpc:Vpc";
const ALI_VPC = "alicloud:vpc/network:Network";

describe("audit-trail-present", () => {
    it.each([
        ["AWS resources, no trail", [r(AWS_VPC)], ["advisory"]],
        ["AWS resources with a CloudTrail trail", [r(AWS_VPC), r("aws:cloudtrail/trail:Trail")], []],
        ["Alibaba resources, no trail", [r(ALI_VPC)], ["advisory"]],
        ["Alibaba resources with an ActionTrail trail", [r(ALI_VPC), r("alicloud:actiontrail/trail:Trail")], []],
        ["Alibaba resources with a deprecated ActionTrail trail", [r(ALI_VPC), r("alicloud:actiontrail/trailDeprecated:TrailDeprecated")], []],
        ["both clouds, no trail: one finding per cloud", [r(AWS_VPC), r(ALI_VPC)], ["advisory", "advisory"]],
        ["an AWS trail does not cover Alibaba resources", [r(AWS_VPC), r(ALI_VPC), r("aws:cloudtrail/trail:Trail")], ["advisory"]],
        ["only provider resources: nothing provisioned", [r("pulumi:providers:aws"), r("pulumi:providers:alicloud")], []],
        ["an empty stack", [], []],
        ["aws-native is not the aws provider", [r("aws-native:s3:Bucket")], []],
    ])("%s", async (_n, resources, expected) => {
        expect(levels(await runStack(control, resources))).toEqual(expected);
    });

    it("reports on the stack itself (no URN), naming the trail to add and the config switch", async () => {
        const [d] = await runStack(control, [r(AWS_VPC)]);
        expect(d!.urn).toBeUndefined();
        expect(d!.message).toContain("This stack (provisions AWS resources): found no audit trail; required a CloudTrail trail (aws.cloudtrail.Trail).");
        expect(d!.message).toContain("trailInAnotherStack: true");
        expect(d!.message).toContain("本堆栈（创建了AWS资源）");
        expect(d!.message).toContain("GB/T 22239-2019");
    });

    it("trailInAnotherStack: true silences a missing trail", async () => {
        expect(await runStack(control, [r(AWS_VPC), r(ALI_VPC)], { config: { trailInAnotherStack: true } })).toEqual([]);
    });

    it("follows a configured enforcement level", async () => {
        expect(levels(await runStack(control, [r(AWS_VPC)], { config: { enforcementLevel: "mandatory" } }))).toEqual(["mandatory"]);
    });

    it("an unknown trail input does not matter: presence is by type", async () => {
        const trail: TestResource = { type: "aws:cloudtrail/trail:Trail", name: "t", props: { s3BucketName: { nested: [1] } } };
        expect(await runStack(control, [r(AWS_VPC), trail])).toEqual([]);
    });
});
