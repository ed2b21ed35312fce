import type { PolicyResource } from "@pulumi/policy";
import { describe, expect, it } from "vitest";
import { isSetOrUnknown, knownIds, linkVia, s3BucketNameFromArn, stringsIn } from "../../../policies/logging/links";
import { Input } from "../../../policies/shared/reader";
import { type TestResource, runStack, sdkProps, unknown, urnOf } from "../../helpers/harness";

describe("s3BucketNameFromArn", () => {
    it.each([
        ["arn:aws:s3:::logs", "logs"],
        ["arn:aws-cn:s3:::logs/flow/", "logs"],
        ["arn:aws-cn:logs:cn-north-1:1:log-group:x", "arn:aws-cn:logs:cn-north-1:1:log-group:x"],
        ["logs", "logs"],
    ])("%s -> %s", (arn, name) => expect(s3BucketNameFromArn(arn)).toBe(name));
});

describe("stringsIn / isSetOrUnknown", () => {
    it.each([
        ["a", ["a"]],
        ["", []],
        [["a", 1, "", "b"], ["a", "b"]],
        [null, []],
        [{ a: 1 }, []],
    ])("stringsIn(%j)", (v, out) => expect(stringsIn(v)).toEqual(out));

    it.each([
        [{ x: "b" }, true],
        [{ x: "" }, false],
        [{}, false],
        [{ x: unknown() }, true],
    ])("isSetOrUnknown(%j)", (props, out) => expect(isSetOrUnknown(Input.of(sdkProps(props)).get("x"))).toBe(out));
});

describe("linkVia and knownIds", () => {
    async function withStack<T>(resources: TestResource[], f: (rs: PolicyResource[]) => T): Promise<T> {
        let out: T | undefined;
        await runStack({ name: "probe", description: "probe for link helpers", enforcementLevel: "advisory", validateStack: (a) => void (out = f(a.resources)) }, resources);
        return out!;
    }
    const B = "aws:s3/bucket:Bucket";
    const spec = { property: "target", references: (p: Input) => [p.get("target")] };

    it.each<[string, TestResource, string[], boolean]>([
        ["dependency wins", { type: "x:y:Z", name: "s", props: { target: "other" }, propertyDependencies: { target: [urnOf(B, "a")] } }, ["a"], false],
        ["known name fallback", { type: "x:y:Z", name: "s", props: { target: "name-b" } }, ["b"], false],
        ["unknown, no dependency: unresolved", { type: "x:y:Z", name: "s", props: { target: unknown() } }, [], true],
        ["unknown, dependency on a non-candidate: resolved to nothing", { type: "x:y:Z", name: "s", props: { target: unknown() }, propertyDependencies: { target: [urnOf("x:y:Q", "q")] } }, [], false],
        ["known id output", { type: "x:y:Z", name: "s", props: { target: "id-a" } }, ["a"], false],
    ])("%s", async (_n, from, targets, unresolved) => {
        const out = await withStack(
            [{ type: B, name: "a", props: { id: "id-a" } }, { type: B, name: "b", props: { bucket: "name-b", id: unknown() } }, { type: "x:y:Q", name: "q" }, from],
            (rs) => {
                const buckets = rs.filter((r) => r.type === B);
                const link = linkVia(rs.find((r) => r.name === "s")!, spec, buckets, (r) => knownIds(r, ["bucket"]));
                return { targets: link.targets.map((t) => t.name), unresolved: link.unresolved };
            },
        );
        expect(out).toEqual({ targets, unresolved });
    });
});
