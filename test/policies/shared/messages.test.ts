import { describe, expect, it } from "vitest";
import { LEGAL } from "../../../policies/shared/legal";
import { bi, findingMessage, resourceLabel, safeValue } from "../../../policies/shared/messages";

describe("findingMessage", () => {
    const text = findingMessage({
        resource: resourceLabel(bi("log group", "日志组"), "app"),
        found: bi("7 days", "7 天"),
        required: bi("at least 180 days", "至少保留 180 天"),
        property: "retentionInDays",
        fix: bi("Use 180.", "设为 180。"),
        basis: [LEGAL["csl-art21"]],
    });
    const [en, zh] = text.split("\n");

    it("has an English line and a Chinese line", () => {
        expect(text.split("\n")).toHaveLength(2);
    });
    it.each([
        ["resource", 'log group "app"'],
        ["found", "found 7 days"],
        ["required", "required at least 180 days"],
        ["property", "Change `retentionInDays`"],
        ["fix", "Use 180."],
        ["basis", "Cybersecurity Law of the PRC, Art. 21(3)"],
    ])("English names the %s", (_part, fragment) => {
        expect(en).toContain(fragment);
    });
    it.each([
        ["resource", "日志组“app”"],
        ["found", "当前：7 天"],
        ["required", "；要求：至少保留 180 天"],
        ["property", "请修改 `retentionInDays`"],
        ["basis", "《中华人民共和国网络安全法》第二十一条"],
    ])("Chinese names the %s", (_part, fragment) => {
        expect(zh).toContain(fragment);
    });
});

describe("safeValue never echoes a value outside its vocabulary", () => {
    it.each([
        [7, {}, "7"],
        [true, {}, "true"],
        [undefined, {}, "unset"],
        [null, {}, "unset"],
        [NaN, {}, "a non-finite number"],
        ["public-read", { vocabulary: ["private", "public-read"] }, '"public-read"'],
        ["hunter2", { vocabulary: ["private", "public-read"] }, "a string value"],
        ["0.0.0.0/0", { shape: /^[0-9a-f.:/]+$/ }, '"0.0.0.0/0"'],
        ["s3cr3t value", { shape: /^[0-9a-f.:/]+$/ }, "a string value"],
        ["x".repeat(100), { shape: /^x+$/ }, "a string value"],
        [["a"], {}, "a list"],
        [{ a: 1 }, {}, "a value of type object"],
    ])("%j", (value, opts, expected) => {
        expect(safeValue(value, opts)).toBe(expected);
    });
});
