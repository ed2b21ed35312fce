// The property tests' plausible props come from the provider SDKs' declarations: every type the
// pack reads must have a shape, and a token without one must fail loudly instead of quietly
// falling back to random props.
import * as fs from "fs";
import { describe, expect, it } from "vitest";
import { ALL_TYPES, SHAPES } from "./arbitraries";
import { shapeOf } from "./provider-shapes";

describe("provider shapes", () => {
    // Resources whose Args interface the SDK declares empty (checked below against the .d.ts):
    // their existence is what a policy reads, so an empty shape is right for them.
    const NO_INPUTS: Record<string, string> = { "alicloud:wafv3/instance:Instance": "@pulumi/alicloud/wafv3/instance.d.ts" };

    it("every type a policy reads has a non-empty shape, except those the SDK declares without inputs", () => {
        const empty = ALL_TYPES.filter((t) => (SHAPES.get(t)?.size ?? 0) === 0);
        expect(empty).toEqual(Object.keys(NO_INPUTS).filter((t) => ALL_TYPES.includes(t)));
        for (const file of Object.values(NO_INPUTS)) {
            expect(fs.readFileSync(require.resolve(file), "utf8")).toMatch(/export interface InstanceArgs \{\s*\}/);
        }
    });

    it("reads input types and nested inputs from the declarations", () => {
        const instance = shapeOf("aws:ec2/instance:Instance");
        expect(instance.get("ebsBlockDevices")?.type).toBe("object[]");
        expect(instance.get("ebsBlockDevices")?.nested?.get("encrypted")?.type).toBe("boolean");
        expect(shapeOf("alicloud:log/store:Store").get("retentionPeriod")?.type).toBe("number");
        expect(shapeOf("alicloud:log/audit:Audit").get("variableMap")?.type).toBe("Record<string, string>");
        expect(shapeOf("pulumi:providers:aws").get("region")?.type).toBe("string");
    });

    it.each([
        ["aws:nope/nothing:Nothing", /no declaration file for aws:nope\/nothing:Nothing/],
        ["aws:ec2/instance:NotInstance", /declares no NotInstanceArgs for aws:ec2\/instance:NotInstance/],
        ["not a token", /is not a resource type token/],
    ])("%s fails loudly", (token, message) => {
        expect(() => shapeOf(token)).toThrow(message);
    });
});
