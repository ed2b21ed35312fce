import type { PolicyResource } from "@pulumi/policy";
import { describe, expect, it } from "vitest";
import { StackIndex, dependenciesVia, isUnknownValueError, refersTo, tryRead } from "../../../policies/shared/stack";
import { runStack, sdkProps, unknown, urnOf } from "../../helpers/harness";

describe("tryRead", () => {
    it.each([
        ["known value", { a: 1 }, { known: true, value: 1 }],
        ["unknown value", { a: unknown() }, { known: false }],
        ["absent value", {}, { known: true, value: undefined }],
    ])("%s", (_n, props, expected) => {
        const p = sdkProps(props);
        expect(tryRead(() => p.a)).toEqual(expected);
    });

    it("rethrows errors that are not the SDK's UnknownValueError", () => {
        expect(() => tryRead(() => { throw new TypeError("boom"); })).toThrow("boom");
        expect(isUnknownValueError(new Error("x"))).toBe(false);
    });
});

describe("StackIndex and property links", () => {
    const vpc = { type: "aws:ec2/vpc:Vpc", name: "vpc" };
    const other = { type: "aws:ec2/vpc:Vpc", name: "other" };
    const flow = { type: "aws:ec2/flowLog:FlowLog", name: "flow", propertyDependencies: { vpcId: [urnOf(vpc.type, "vpc")] }, dependencies: [urnOf(vpc.type, "vpc")] };
    const dangling = { type: "aws:ec2/flowLog:FlowLog", name: "dangling", propertyDependencies: { vpcId: ["urn:pulumi:dev::test::aws:ec2/vpc:Vpc::gone"] } };

    it("links resources through property dependencies and drops dangling URNs", async () => {
        const seen: string[] = [];
        const policy = {
            name: "probe",
            description: "probe policy for the stack helpers",
            enforcementLevel: "mandatory" as const,
            validateStack: (args: { resources: PolicyResource[] }) => {
                const idx = new StackIndex(args.resources);
                expect(idx.ofType("aws:ec2/vpc:Vpc").map((r) => r.name)).toEqual(["vpc", "other"]);
                expect(idx.has("aws:s3/bucket:Bucket")).toBe(false);
                const [f, d] = idx.ofType("aws:ec2/flowLog:FlowLog");
                seen.push(...dependenciesVia(f!, "vpcId").map((r) => r.name));
                expect(refersTo(f!, "vpcId", idx.byUrn.get(urnOf(vpc.type, "vpc"))!)).toBe(true);
                expect(refersTo(f!, "vpcId", idx.byUrn.get(urnOf(other.type, "other"))!)).toBe(false);
                expect(dependenciesVia(d!, "vpcId")).toEqual([]);
                expect(dependenciesVia(f!, "logDestination")).toEqual([]);
            },
        };
        await runStack(policy, [vpc, other, flow, dangling]);
        expect(seen).toEqual(["vpc"]);
    });

    it("StackIndex.of builds one index per list, so the stack policies of one call share it", async () => {
        const lists: PolicyResource[][] = [];
        const policy = { name: "probe", description: "probe", enforcementLevel: "mandatory" as const, validateStack: (args: { resources: PolicyResource[] }) => void lists.push(args.resources) };
        await runStack(policy, [vpc, flow]);
        await runStack(policy, [vpc, flow]);
        const [one, two] = lists as [PolicyResource[], PolicyResource[]];
        const idx = StackIndex.of(one);
        expect(StackIndex.of(one)).toBe(idx);
        expect(StackIndex.of(two)).not.toBe(idx);
        expect(idx.ofType("aws:ec2/flowLog:FlowLog").map((r) => r.name)).toEqual(["flow"]);
        // What it returns is the caller's to keep: changing it leaves the index as it was.
        idx.ofType("aws:ec2/vpc:Vpc").pop();
        expect(StackIndex.of(one).ofType("aws:ec2/vpc:Vpc")).toHaveLength(1);
    });
});
