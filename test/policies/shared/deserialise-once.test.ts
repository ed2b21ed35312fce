// The pack shares one deserialisation of each resource between its policies. Checked on a
// stand-in module (what is shared, what is not) and on the pinned SDK itself: its AnalyzeStack and
// Analyze handlers, called in process with real request messages, rebuild every resource per
// policy until deserialiseOnce is installed, and afterwards hand every policy the same object.
import type { PolicyResource, ReportViolation, ResourceValidationArgs, StackValidationArgs } from "@pulumi/policy";
import { describe, expect, it } from "vitest";
import { deserialiseOnce, installDeserialiseOnce } from "../../../policies/shared/deserialise-once";
import { tryRead } from "../../../policies/shared/stack";
import { UNKNOWN } from "../../../tools/engine/types";
import { runStack } from "../../helpers/harness";

describe("deserialiseOnce on a stand-in module", () => {
    function standIn(): { mod: { deserializeProperties?: unknown }; calls: () => number } {
        let calls = 0;
        const mod = {
            deserializeProperties: (struct: { n: number }, keepSecrets: boolean) => {
                calls++;
                return { n: struct.n, keepSecrets };
            },
        };
        return { mod, calls: () => calls };
    }

    it("deserialises each message once and returns the same object for it", () => {
        const { mod, calls } = standIn();
        expect(deserialiseOnce(mod)).toBe(true);
        const f = mod.deserializeProperties as (s: unknown, k: boolean) => unknown;
        const a = { n: 1 };
        const b = { n: 2 };
        const first = f(a, false);
        expect(f(a, false)).toBe(first);
        expect(f(b, false)).not.toBe(first);
        expect(f(b, false)).toEqual({ n: 2, keepSecrets: false });
        expect(calls()).toBe(2);
    });

    it("never shares the secret-keeping form Remediate asks for", () => {
        const { mod, calls } = standIn();
        deserialiseOnce(mod);
        const f = mod.deserializeProperties as (s: unknown, k: boolean) => unknown;
        const a = { n: 1 };
        expect(f(a, true)).not.toBe(f(a, true));
        expect(calls()).toBe(2);
    });

    it("passes odd input through to the SDK's own function", () => {
        const { mod, calls } = standIn();
        deserialiseOnce(mod);
        const f = mod.deserializeProperties as (s: unknown, k: boolean) => unknown;
        expect(() => f(null, false)).toThrow(TypeError);
        expect(calls()).toBe(1);
    });

    it("installs once however often it is called", () => {
        const { mod, calls } = standIn();
        deserialiseOnce(mod);
        const wrapped = mod.deserializeProperties;
        expect(deserialiseOnce(mod)).toBe(true);
        expect(mod.deserializeProperties).toBe(wrapped);
        const a = { n: 1 };
        (mod.deserializeProperties as (s: unknown, k: boolean) => unknown)(a, false);
        (mod.deserializeProperties as (s: unknown, k: boolean) => unknown)(a, false);
        expect(calls()).toBe(1);
    });

    it("changes nothing on a module without the function", () => {
        const mod: { deserializeProperties?: unknown } = {};
        expect(deserialiseOnce(mod)).toBe(false);
        expect(mod).toEqual({});
        expect(deserialiseOnce({ deserializeProperties: "not a function" })).toBe(false);
    });
});

// The SDK's internal modules have no type declarations: type what is used.
type Handler = (call: { request: unknown }, callback: (err: unknown, res: unknown) => void) => Promise<void>;
const server = require("@pulumi/policy/server") as {
    makeAnalyzeStackRpcFun(pack: string, version: string, level: string, policies: unknown[]): Handler;
    makeAnalyzeRpcFun(pack: string, version: string, level: string, policies: unknown[]): Handler;
};
const { getSpecialProxyTarget } = require("@pulumi/policy/proxy") as { getSpecialProxyTarget: string };
type Msg = Record<string, unknown>;
const analyzer = require("@pulumi/pulumi/proto/analyzer_pb") as Record<string, (new () => Msg) | undefined>;
const { Struct } = require("google-protobuf/google/protobuf/struct_pb") as { Struct: { fromJavaScript(v: unknown): unknown } };

/** A request message of class `cls` with `fields` set through its generated setters (`Type` → setType). */
function message(cls: string, fields: Record<string, unknown>): Msg {
    const Class = analyzer[cls];
    if (!Class) throw new Error(`no message class ${cls}`);
    const m = new Class();
    for (const [field, value] of Object.entries(fields)) {
        const set = m[`set${field}`];
        if (typeof set !== "function") throw new Error(`${cls} has no setter for ${field}`);
        (set as (v: unknown) => unknown).call(m, value);
    }
    return m;
}

function analyzerResource(name: string, props: Record<string, unknown>): Msg {
    const provider = message("AnalyzerProviderResource", { Type: "pulumi:providers:aws", Name: "default", Urn: "urn:pulumi:dev::p::pulumi:providers:aws::default", Properties: Struct.fromJavaScript({ region: "cn-north-1" }) });
    return message("AnalyzerResource", {
        Type: "aws:s3/bucket:Bucket",
        Name: name,
        Urn: `urn:pulumi:dev::p::aws:s3/bucket:Bucket::${name}`,
        Properties: Struct.fromJavaScript(props),
        Options: message("AnalyzerResourceOptions", {}),
        Provider: provider,
    });
}

function targetOf(props: unknown): unknown {
    return (props as Record<string, unknown>)[getSpecialProxyTarget];
}

/**
 * For each of two stack policies, the raw props object (behind the SDK's proxy) of each resource
 * and of its provider; and whether reading the unknown `tags` of the second resource through the
 * proxy was reported as unknown.
 */
async function stackSeen(): Promise<{ seen: unknown[][]; unknownSeen: boolean[] }> {
    const seen: unknown[][] = [];
    const unknownSeen: boolean[] = [];
    const policy = (name: string) => ({
        name,
        description: name,
        enforcementLevel: "advisory",
        validateStack: (args: StackValidationArgs, _report: ReportViolation) => {
            seen.push(args.resources.flatMap((r: PolicyResource) => [targetOf(r.props), targetOf(r.provider?.props)]));
            unknownSeen.push(!tryRead((): unknown => args.resources[1]?.props.tags).known);
        },
    });
    const request = message("AnalyzeStackRequest", { ResourcesList: [analyzerResource("a", { bucket: "a" }), analyzerResource("b", { bucket: "b", tags: UNKNOWN })] });
    const handler = server.makeAnalyzeStackRpcFun("pack", "0.0.1", "advisory", [policy("one"), policy("two")]);
    await new Promise<void>((resolve, reject) => void handler({ request }, (err) => (err ? reject(err instanceof Error ? err : new Error(JSON.stringify(err))) : resolve())));
    return { seen, unknownSeen };
}

/** For each of two resource policies, the raw props object of the one resource an Analyze call sends. */
async function resourceSeen(): Promise<unknown[]> {
    const seen: unknown[] = [];
    const policy = (name: string) => ({
        name,
        description: name,
        enforcementLevel: "advisory",
        validateResource: (args: ResourceValidationArgs, _report: ReportViolation) => {
            seen.push(targetOf(args.props));
        },
    });
    const request = message("AnalyzeRequest", { Type: "aws:s3/bucket:Bucket", Name: "a", Urn: "urn:pulumi:dev::p::aws:s3/bucket:Bucket::a", Properties: Struct.fromJavaScript({ bucket: "a" }), Options: message("AnalyzerResourceOptions", {}) });
    const handler = server.makeAnalyzeRpcFun("pack", "0.0.1", "advisory", [policy("one"), policy("two")]);
    await new Promise<void>((resolve, reject) => void handler({ request }, (err) => (err ? reject(err instanceof Error ? err : new Error(JSON.stringify(err))) : resolve())));
    return seen;
}

describe("deserialiseOnce on the pinned @pulumi/policy", () => {
    // In this order: the SDK's own behaviour first, then with the pack's change installed (for this test file's module registry).
    it("the SDK alone rebuilds every resource for each policy", async () => {
        const { seen: [one, two], unknownSeen } = await stackSeen();
        expect(one).toHaveLength(4);
        one!.forEach((props, i) => expect(props).not.toBe(two![i]));
        expect(unknownSeen).toEqual([true, true]);
        const [first, second] = await resourceSeen();
        expect(first).toEqual({ bucket: "a" });
        expect(first).not.toBe(second);
    });

    it("once installed, every policy reads the same object, and its proxy still reports unknowns", async () => {
        expect(installDeserialiseOnce()).toBe(true);
        const { seen: [one, two], unknownSeen } = await stackSeen();
        expect(unknownSeen).toEqual([true, true]);
        expect(one).toHaveLength(4);
        expect(one!.every((props) => props !== undefined)).toBe(true);
        one!.forEach((props, i) => expect(props).toBe(two![i]));
        expect(one![0]).toEqual({ bucket: "a" });
        expect(one![1]).toEqual({ region: "cn-north-1" });
        const [first, second] = await resourceSeen();
        expect(first).toEqual({ bucket: "a" });
        expect(first).toBe(second);
    });
});

describe("the harness's guard: policies never write to their props", () => {
    const writer = (write: (props: Record<string, unknown>) => void) => ({
        name: "writer",
        description: "writes",
        enforcementLevel: "mandatory" as const,
        validateStack: (args: StackValidationArgs) => {
            for (const r of args.resources) write(r.props as Record<string, unknown>);
        },
    });
    const resources = [{ type: "aws:s3/bucket:Bucket", name: "a", props: { bucket: "a", tags: { team: "x" }, rules: [{ days: 1 }, { days: 2 }] } }];

    it.each([
        ["a new input", (p: Record<string, unknown>) => void (p.added = 1)],
        ["a nested map", (p: Record<string, unknown>) => void ((p.tags as Record<string, string>).team = "y")],
        ["a list, in place", (p: Record<string, unknown>) => void (p.rules as unknown[]).reverse()],
    ])("a policy that writes %s fails its test", async (_what, write) => {
        await expect(runStack(writer(write), resources)).rejects.toThrow("policy writer wrote to a resource's props");
    });

    it("a policy that only reads passes", async () => {
        await expect(runStack(writer((p) => void JSON.stringify(p)), resources)).resolves.toEqual([]);
    });
});
