// Property-based tests of every policy through the unit harness (the SDK's deserialiser and
// unknown-checking proxy), on every resource type it reads: for random, missing, null, wrongly
// typed and nested props, with unknowns and secrets at random paths,
//   (a) the policy never throws,
//   (b) no mandatory finding depends on an unknown: every mandatory finding of the run with
//       unknowns, about a resource, is also there (about the same resource) in each run where the
//       unknowns are replaced by a concrete value (removed, true, 180, an allowed region, a
//       private CIDR, …),
//   (c) no secret value appears in a message.
// Every policy runs at level mandatory, so that advisory-by-default policies are held to (b) too.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { controls } from "../../policies/index";
import { metadata as logRetentionMetadata } from "../../policies/logging/log-retention-minimum";
import { type Control, resourceControl } from "../../policies/shared/control";
import { bi } from "../../policies/shared/messages";
import { tryRead } from "../../policies/shared/stack";
import { type ConfigProperty } from "../../policies/shared/config";
import { type Diagnostic, type RunOptions, type TestResource, runResource, runStack, secret, unknown } from "../helpers/harness";
import { CONCRETE, concretiseResource, leakedSecrets, mandatory, resourceOf, resourcesHaveUnknown, stackOf, unknownCaused } from "./arbitraries";

/** Runs per resource type of a resource policy, and per stack policy. */
const RUNS_PER_TYPE = 40;
const RUNS_PER_STACK_POLICY = 200;

const isStack = (c: Control): boolean => "validateStack" in c.policy;

/** A value of each config property: its default or one of the extremes. */
function configValue(p: ConfigProperty): fc.Arbitrary<unknown> {
    switch (p.type) {
        case "boolean":
            return fc.boolean();
        case "integer":
            return fc.constantFrom(p.default, p.minimum, p.maximum);
        case "string":
            return fc.constantFrom(p.default, "x");
        case "array":
            return p.items.type === "integer" ? fc.constantFrom(p.default, []) : fc.constantFrom(p.default, [], ["*"]);
    }
}

function configOf(c: Control): fc.Arbitrary<RunOptions> {
    const entries = Object.entries(c.metadata.config ?? {}).map(([k, p]) => fc.option(configValue(p).map((v) => [k, v] as const), { nil: undefined }));
    return fc.tuple(...entries).map((kvs) => ({ config: { enforcementLevel: "mandatory", ...Object.fromEntries(kvs.filter((kv) => kv !== undefined)) } }));
}

function run(c: Control, rs: readonly TestResource[], opts: RunOptions): Promise<Diagnostic[]> {
    return isStack(c) ? runStack(c, [...rs], opts) : runResource(c, rs[0]!, opts);
}

/** The three properties for one generated case; returns nothing, fails through expect. */
async function check(c: Control, rs: readonly TestResource[], opts: RunOptions): Promise<void> {
    const found = await run(c, rs, opts); // (a): a throw fails the property
    const leaks = leakedSecrets(found);
    if (leaks.length > 0) throw new Error(`secret in a message: ${leaks.join(" | ")}`);
    if (mandatory(found).length === 0 || !resourcesHaveUnknown(rs)) return;
    compared++;
    const concrete = [];
    for (const value of CONCRETE) {
        concrete.push({ value, found: await run(c, rs.map((r) => concretiseResource(r, value)), opts) });
    }
    const caused = unknownCaused(found, concrete);
    if (caused.length > 0) throw new Error(`mandatory finding caused by an unknown: ${caused.join("; ")}`);
}

const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
let cases = 0;
/** Cases with a mandatory finding and an unknown, compared against their concretisations. */
let compared = 0;

describe.each(controls.filter((c) => !isStack(c)).map((c) => [c.metadata.name, c] as const))("resource policy %s", (_, control) => {
    it.each([...control.metadata.resourceTypes])("%s: never throws, no unknown made mandatory, no secret in a message", async (type) => {
        await fc.assert(
            fc.asyncProperty(resourceOf(type), configOf(control), async (r, opts) => {
                cases++;
                await check(control, [r], opts);
            }),
            { numRuns: RUNS_PER_TYPE },
        );
    });
});

describe.each(controls.filter(isStack).map((c) => [c.metadata.name, c] as const))("stack policy %s", (_, control) => {
    it("random stacks: never throws, no unknown made mandatory, no secret in a message", async () => {
        await fc.assert(
            fc.asyncProperty(stackOf(control.metadata.resourceTypes), configOf(control), async (rs, opts) => {
                cases++;
                await check(control, rs, opts);
            }),
            { numRuns: RUNS_PER_STACK_POLICY },
        );
    });
});

describe("the suite", () => {
    it("generated the cases it was meant to", () => {
        const resourceTypes = controls.filter((c) => !isStack(c)).reduce((n, c) => n + c.metadata.resourceTypes.length, 0);
        const expected = resourceTypes * RUNS_PER_TYPE + controls.filter(isStack).length * RUNS_PER_STACK_POLICY;
        // Runs in file order after the properties above; shrinking a failure adds runs.
        expect(cases).toBeGreaterThanOrEqual(expected);
        console.log(`property suite (harness): ${cases} generated cases, ${compared} with unknowns and a mandatory finding checked against ${CONCRETE.length} concretisations each`);
    });
});

describe("the properties can fail", () => {
    // A policy with the bug the property is there to catch: an unknown retention counts as 0 days.
    const broken = resourceControl(
        { ...logRetentionMetadata, name: "broken-retention", resourceTypes: [LOG_GROUP] },
        (args, emit) => {
            if (args.type !== LOG_GROUP) return;
            const days = tryRead((): unknown => args.props.retentionInDays);
            const n = days.known && typeof days.value === "number" ? days.value : 0;
            if (!days.known || (n > 0 && n < 180)) emit({ kind: bi("log group", "日志组"), found: bi(`${n} days`, `${n} 天`), required: bi("180 days", "180 天"), change: "retentionInDays" });
        },
    );
    // And one that echoes a string input into its message.
    const leaky = resourceControl({ ...logRetentionMetadata, name: "leaky", resourceTypes: [LOG_GROUP] }, (args, emit) => {
        const cls = tryRead((): unknown => args.props.logGroupClass);
        if (cls.known && typeof cls.value === "string") emit({ kind: bi("log group", "日志组"), found: bi(`class ${cls.value}`, cls.value), required: bi("x", "x"), change: "logGroupClass" });
    });

    it("catches a policy that turns an unknown into a mandatory finding", async () => {
        const result = await fc.check(fc.asyncProperty(resourceOf(LOG_GROUP), async (r) => check(broken, [r], { config: {} })), {
            numRuns: 200,
            // Random generation usually finds it; the example makes the check deterministic.
            examples: [[{ type: LOG_GROUP, name: "res", props: { retentionInDays: unknown() } }]],
        });
        expect(result.failed).toBe(true);
        expect(String(result.errorInstance)).toMatch(/broken-retention on urn:\S+::res \(gone when the unknowns are removed\): Log stores keep/);
    });

    it("catches a policy that puts a secret in a message", async () => {
        const result = await fc.check(fc.asyncProperty(resourceOf(LOG_GROUP), async (r) => check(leaky, [r], { config: {} })), {
            numRuns: 200,
            examples: [[{ type: LOG_GROUP, name: "res", props: { logGroupClass: secret("SECRET-fixed-example") } }]],
        });
        expect(result.failed).toBe(true);
        expect(String(result.errorInstance)).toContain("SECRET-");
    });
});
