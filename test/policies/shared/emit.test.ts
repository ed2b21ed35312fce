// How emit renders a finding: where to fix it, what was found, and the bases from the metadata.
import { describe, expect, it } from "vitest";
import { type Change, type EmitPolicy, renderFinding, shown } from "../../../policies/shared/emit";
import { bi } from "../../../policies/shared/messages";
import { Input } from "../../../policies/shared/reader";

const policy: EmitPolicy = { name: "p", description: "A policy.", bases: ["csl-23-4", "pipl-51-3", "mlps-8.1.4.8"] };
const base = { kind: bi("EBS volume", "EBS 卷"), found: bi("false", "false"), required: bi("true", "true") };

describe("the change slot", () => {
    it.each<[string, Change, string, string]>([
        ["a path", "encrypted", "Change `encrypted`.", "请修改 `encrypted`。"],
        ["a read's path", Input.of({ a: [{ b: 1 }] }).get("a").item(0).get("b").number(), "Change `a[0].b`.", "请修改 `a[0].b`。"],
        ["an input's path", Input.of({}).get("rootBlockDevice").get("encrypted"), "Change `rootBlockDevice.encrypted`.", "请修改 `rootBlockDevice.encrypted`。"],
        ["another resource's input", { type: "aws.ec2.NetworkAcl", input: "subnetIds" }, "Change `subnetIds` of the `aws.ec2.NetworkAcl`.", "请修改 `aws.ec2.NetworkAcl` 的 `subnetIds`。"],
        ["a resource to add, with its input", { type: "aws.ec2.FlowLog", input: "vpcId", add: true }, "Add an `aws.ec2.FlowLog` with `vpcId` set.", "请添加 `aws.ec2.FlowLog` 并设置 `vpcId`。"],
        ["a resource to add", { type: "aws.cloudtrail.Trail", add: true }, "Add an `aws.cloudtrail.Trail`.", "请添加 `aws.cloudtrail.Trail`。"],
        ["a resource whose name starts with a consonant", { type: "random.RandomId", add: true }, "Add a `random.RandomId`.", "请添加 `random.RandomId`。"],
    ])("%s", (_n, change, en, zh) => {
        const out = renderFinding(policy, { ...base, change }, "disk");
        expect(out.en).toContain(` ${en} `);
        expect(out.zh).toContain(`。${zh}`);
    });
});

describe("rendering", () => {
    it("writes the whole English and Chinese lines, bases grouped by instrument", () => {
        const out = renderFinding(policy, { ...base, change: "encrypted", fix: bi("Enabling it replaces the volume.", "启用加密会替换该卷。") }, "disk");
        expect(out.en).toBe(
            'EBS volume "disk": found false; required true. Change `encrypted`. Enabling it replaces the volume. Compliance basis: Cybersecurity Law Art. 23(4) (Art. 21(4) before 2026-01-01); PIPL Art. 51(3); GB/T 22239-2019 level 3 8.1.4.8 b).',
        );
        expect(out.zh).toBe(
            "EBS 卷“disk”：当前：false；要求：true。请修改 `encrypted`。启用加密会替换该卷。合规依据：《中华人民共和国网络安全法》第二十三条第四项；《中华人民共和国个人信息保护法》第五十一条第三项；GB/T 22239-2019《信息安全技术 网络安全等级保护基本要求》第三级 8.1.4.8 b)。",
        );
    });

    it("cites a finding's own subset of bases", () => {
        const out = renderFinding(policy, { ...base, change: "x", bases: ["mlps-8.1.4.8"] }, "disk");
        expect(out.en).toMatch(/Compliance basis: GB\/T 22239-2019 level 3 8\.1\.4\.8 b\)\.$/);
    });

    it("notes an unknown in both languages", () => {
        const out = renderFinding(policy, { ...base, change: "x", unknown: true }, "disk");
        expect(out.en).toMatch(/unknown until deployment, so it is advisory now/);
        expect(out.zh).toMatch(/部署后才能确定/);
    });

    it("names a stack-level finding by its label and a stack finding by its resource", () => {
        expect(renderFinding(policy, { ...base, change: "x", label: bi("Stack", "堆栈") }, undefined).en).toMatch(/^Stack: found/);
        expect(renderFinding(policy, { ...base, change: "x", on: { urn: "u", name: "vol" } }, undefined).zh).toMatch(/^EBS 卷“vol”：/);
    });
});

describe("shown: a value in both languages, never a secret", () => {
    it.each([
        ["unset", { kind: "absent", path: "a" } as const, {}, "unset", "未设置"],
        ["unset with its default", { kind: "absent", path: "a" } as const, { unset: bi("default false", "默认 false") }, "unset (default false)", "未设置（默认 false）"],
        ["unknown", { kind: "unknown", path: "a" } as const, {}, "a value that is unknown until deployment", "部署前未知的值"],
        ["a number", { kind: "value", value: 30, path: "a" } as const, {}, "30", "30"],
        ["a free string (may be a secret)", { kind: "value", value: "hunter2", path: "a" } as const, {}, "a string value", "一个字符串值"],
        ["a string from the vocabulary", { kind: "value", value: "private", path: "a" } as const, { vocabulary: ["private"] }, '"private"', '"private"'],
        ["a list", { kind: "invalid", raw: ["x"], path: "a" } as const, {}, "a list", "一个列表"],
        ["an object", { kind: "invalid", raw: { k: 1 }, path: "a" } as const, {}, "a value of type object", "object 类型的值"],
    ])("%s", (_n, read, opts, en, zh) => {
        expect(shown(read, opts)).toEqual({ en, zh });
    });
});
