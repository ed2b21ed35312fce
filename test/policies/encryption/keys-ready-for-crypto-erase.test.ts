import { describe, expect, it } from "vitest";
import control from "../../../policies/encryption/keys-ready-for-crypto-erase";
import { levels, runRemediation, runResource, secret, unknown } from "../../helpers/harness";

const AWS_KEY = "aws:kms/key:Key";
const ALI_KEY = "alicloud:kms/key:Key";

describe("keys-ready-for-crypto-erase: aws.kms.Key", () => {
    it.each<[string, Record<string, unknown>, string[]]>([
        ["rotation on, window unset (default 30)", { enableKeyRotation: true }, []],
        ["rotation unset (default false)", {}, ["mandatory"]],
        ["rotation false", { enableKeyRotation: false }, ["mandatory"]],
        ["rotation as the string true", { enableKeyRotation: "true" }, []],
        ["window 7 meets the default minimum", { enableKeyRotation: true, deletionWindowInDays: 7 }, []],
        ["window 6 is below the API's and the pack's minimum", { enableKeyRotation: true, deletionWindowInDays: 6 }, ["mandatory"]],
        ["asymmetric key: rotation not checked", { customerMasterKeySpec: "RSA_2048", keyUsage: "SIGN_VERIFY" }, []],
        ["HMAC key: rotation not checked", { customerMasterKeySpec: "HMAC_256", keyUsage: "GENERATE_VERIFY_MAC" }, []],
        ["SM2 (China regions) key: rotation not checked", { customerMasterKeySpec: "SM2" }, []],
        ["explicit SYMMETRIC_DEFAULT must rotate", { customerMasterKeySpec: "SYMMETRIC_DEFAULT", keyUsage: "ENCRYPT_DECRYPT" }, ["mandatory"]],
        ["CloudHSM key store: rotation not checked", { customKeyStoreId: "cks-1234" }, []],
        ["external key store: rotation not checked", { xksKeyId: "xks-1" }, []],
        ["asymmetric key with a short window still fails the window", { customerMasterKeySpec: "RSA_2048", deletionWindowInDays: 5 }, ["mandatory"]],
    ])("%s", async (_n, props, expected) => {
        expect(levels(await runResource(control, { type: AWS_KEY, name: "k", props }))).toEqual(expected);
    });

    it("names the key, the value, the requirement, the input and the bases in both languages", async () => {
        const [d] = await runResource(control, { type: AWS_KEY, name: "data-key", props: {} });
        expect(d!.message).toContain('KMS customer-managed key "data-key": found unset (default false); required true. Change `enableKeyRotation`.');
        expect(d!.message).toContain("Compliance basis: GB/T 22239-2019 level 3 8.1.4.10, 8.2.4.7; PIPL Art. 47.");
        expect(d!.message).toContain("KMS 客户托管密钥（CMK）“data-key”：当前：未设置（默认 false）；要求：true。请修改 `enableKeyRotation`。");
        expect(d!.message).toContain("合规依据：GB/T 22239-2019《信息安全技术 网络安全等级保护基本要求》第三级 8.1.4.10、8.2.4.7；《中华人民共和国个人信息保护法》第四十七条。");
    });

    it("a configured minimum above 30 is capped at AWS's maximum of 30", async () => {
        const config = { minimumKeyDeletionWindowDays: 60 };
        expect(levels(await runResource(control, { type: AWS_KEY, props: { enableKeyRotation: true, deletionWindowInDays: 30 } }, { config }))).toEqual([]);
        const ds = await runResource(control, { type: AWS_KEY, props: { enableKeyRotation: true, deletionWindowInDays: 14 } }, { config });
        expect(levels(ds)).toEqual(["mandatory"]);
        expect(ds[0]!.message).toContain("found 14 days; required a deletion waiting period of at least 30 days. Change `deletionWindowInDays`. Use 30 to 30 days.");
    });

    it("honours a raised minimum, the unset default (30) included", async () => {
        const config = { minimumKeyDeletionWindowDays: 14 };
        expect(levels(await runResource(control, { type: AWS_KEY, props: { enableKeyRotation: true } }, { config }))).toEqual([]);
        expect(levels(await runResource(control, { type: AWS_KEY, props: { enableKeyRotation: true, deletionWindowInDays: 10 } }, { config }))).toEqual(["mandatory"]);
    });

    it("unknown values are advisory, never mandatory", async () => {
        expect(levels(await runResource(control, { type: AWS_KEY, props: { enableKeyRotation: unknown() } }))).toEqual(["advisory"]);
        expect(levels(await runResource(control, { type: AWS_KEY, props: { enableKeyRotation: true, deletionWindowInDays: unknown() } }))).toEqual(["advisory"]);
        // Whether the key can rotate at all depends on an unknown spec.
        expect(levels(await runResource(control, { type: AWS_KEY, props: { customerMasterKeySpec: unknown() } }))).toEqual(["advisory"]);
    });

    it("a value of the wrong shape is a finding that does not echo it; a secret never appears", async () => {
        const ds = await runResource(control, { type: AWS_KEY, props: { enableKeyRotation: "sometimes", deletionWindowInDays: secret("SECRET-WINDOW") } });
        expect(levels(ds)).toEqual(["mandatory", "mandatory"]);
        const text = ds.map((d) => d.message).join("\n");
        expect(text).not.toContain("sometimes");
        expect(text).not.toContain("SECRET-WINDOW");
    });
});

describe("keys-ready-for-crypto-erase: alicloud.kms.Key", () => {
    const ok = { automaticRotation: "Enabled", rotationInterval: "365d", pendingWindowInDays: 30 };
    it.each<[string, Record<string, unknown>, string[]]>([
        ["rotation on with an interval, window 30", ok, []],
        ["rotation unset (default Disabled)", { pendingWindowInDays: 30 }, ["mandatory"]],
        ["rotation Disabled", { ...ok, automaticRotation: "Disabled" }, ["mandatory"]],
        ["rotation Enabled without an interval", { automaticRotation: "Enabled", pendingWindowInDays: 30 }, ["mandatory"]],
        ["window unset meets the default minimum of 7", { automaticRotation: "Enabled", rotationInterval: "365d" }, []],
        ["the deprecated deletionWindowInDays counts", { automaticRotation: "Enabled", rotationInterval: "365d", deletionWindowInDays: 7 }, []],
        ["EC_SM2 key: rotation not checked", { keySpec: "EC_SM2", keyUsage: "SIGN/VERIFY" }, []],
        ["RSA key: rotation not checked", { keySpec: "RSA_2048" }, []],
        ["external key material: rotation not checked", { origin: "EXTERNAL" }, []],
        ["HSM key: rotation not checked", { protectionLevel: "HSM" }, []],
        ["Aliyun_SM4 must rotate", { keySpec: "Aliyun_SM4" }, ["mandatory"]],
    ])("%s", async (_n, props, expected) => {
        expect(levels(await runResource(control, { type: ALI_KEY, name: "k", props }))).toEqual(expected);
    });

    it("a raised minimum: unset has no documented default, so it fails; the maximum is 366", async () => {
        const config = { minimumKeyDeletionWindowDays: 90 };
        const ds = await runResource(control, { type: ALI_KEY, name: "k", props: { automaticRotation: "Enabled", rotationInterval: "365d" } }, { config });
        expect(levels(ds)).toEqual(["mandatory"]);
        expect(ds[0]!.message).toContain("found unset (no documented default; the API accepts as little as 7 days); required a deletion waiting period of at least 90 days. Change `pendingWindowInDays`. Use 90 to 366 days.");
        expect(ds[0]!.message).toContain("当前：未设置（无文档默认值；接口最短接受 7 天）；要求：删除等待期至少 90 天。请修改 `pendingWindowInDays`。可设为 90～366 天。");
        expect(levels(await runResource(control, { type: ALI_KEY, props: { ...ok, pendingWindowInDays: 90 } }, { config }))).toEqual([]);
    });

    it("names the missing rotation interval as the input to change", async () => {
        const [d] = await runResource(control, { type: ALI_KEY, name: "k", props: { automaticRotation: "Enabled" } });
        expect(d!.message).toContain("found unset (required when automaticRotation is Enabled); required a rotation period such as \"365d\". Change `rotationInterval`.");
    });

    it("unknown values are advisory", async () => {
        expect(levels(await runResource(control, { type: ALI_KEY, props: { automaticRotation: unknown() } }))).toEqual(["advisory"]);
        expect(levels(await runResource(control, { type: ALI_KEY, props: { ...ok, pendingWindowInDays: unknown() } }))).toEqual(["advisory"]);
        expect(levels(await runResource(control, { type: ALI_KEY, props: { origin: unknown() } }))).toEqual(["advisory"]);
    });
});

describe("keys-ready-for-crypto-erase: remediation (in place)", () => {
    const cfg = (minimumKeyDeletionWindowDays: number) => ({ config: { minimumKeyDeletionWindowDays } });

    it.each<[string, string, Record<string, unknown>, number, Record<string, unknown> | undefined]>([
        ["AWS rotation off is turned on", AWS_KEY, { enableKeyRotation: false }, 7, { enableKeyRotation: true }],
        ["AWS rotation unset is turned on", AWS_KEY, {}, 7, { enableKeyRotation: true }],
        ["AWS window raised to the minimum", AWS_KEY, { enableKeyRotation: true, deletionWindowInDays: 7 }, 14, { enableKeyRotation: true, deletionWindowInDays: 14 }],
        ["AWS window capped at 30 for a higher minimum", AWS_KEY, { enableKeyRotation: true, deletionWindowInDays: 10 }, 90, { enableKeyRotation: true, deletionWindowInDays: 30 }],
        ["AWS unset window (default 30) is left", AWS_KEY, { enableKeyRotation: true }, 90, undefined],
        ["an asymmetric AWS key is not given rotation", AWS_KEY, { customerMasterKeySpec: "RSA_2048", keyUsage: "SIGN_VERIFY" }, 7, undefined],
        ["Alibaba Cloud rotation enabled with a 365-day interval", ALI_KEY, { pendingWindowInDays: 7 }, 7, { pendingWindowInDays: 7, automaticRotation: "Enabled", rotationInterval: "365d" }],
        ["Alibaba Cloud rotation enabled, the interval set is kept", ALI_KEY, { pendingWindowInDays: 7, automaticRotation: "Disabled", rotationInterval: "30d" }, 7, { pendingWindowInDays: 7, automaticRotation: "Enabled", rotationInterval: "30d" }],
        ["Alibaba Cloud enabled without an interval gets one", ALI_KEY, { pendingWindowInDays: 7, automaticRotation: "Enabled" }, 7, { pendingWindowInDays: 7, automaticRotation: "Enabled", rotationInterval: "365d" }],
        ["Alibaba Cloud unset window set to a raised minimum", ALI_KEY, { automaticRotation: "Enabled", rotationInterval: "365d" }, 30, { automaticRotation: "Enabled", rotationInterval: "365d", pendingWindowInDays: 30 }],
        ["Alibaba Cloud deprecated window raised where it is", ALI_KEY, { automaticRotation: "Enabled", rotationInterval: "365d", deletionWindowInDays: 7 }, 30, { automaticRotation: "Enabled", rotationInterval: "365d", deletionWindowInDays: 30 }],
        ["an external-material key is not given rotation", ALI_KEY, { origin: "EXTERNAL", pendingWindowInDays: 7 }, 7, undefined],
        ["compliant keys are left", ALI_KEY, { automaticRotation: "Enabled", rotationInterval: "365d", pendingWindowInDays: 7 }, 7, undefined],
    ])("%s", async (_n, type, props, minimum, expected) => {
        expect(await runRemediation(control, { type, name: "k", props }, cfg(minimum))).toEqual(expected);
    });

    it("unknown values are left for the user", async () => {
        expect(await runRemediation(control, { type: AWS_KEY, name: "k", props: { enableKeyRotation: unknown(), deletionWindowInDays: unknown() } }, cfg(14))).toBeUndefined();
        expect(await runRemediation(control, { type: ALI_KEY, name: "k", props: { automaticRotation: "Enabled", rotationInterval: "365d", pendingWindowInDays: unknown() } }, cfg(30))).toBeUndefined();
        // Whether the key can rotate is unknown: rotation is not turned on.
        expect(await runRemediation(control, { type: AWS_KEY, name: "k", props: { customerMasterKeySpec: unknown() } }, cfg(7))).toBeUndefined();
    });

    it("an exempted key is not remediated", async () => {
        const tags = { "compliance:exempt": "keys-ready-for-crypto-erase", "compliance:exempt-reason": "imported key, rotated by hand" };
        expect(await runRemediation(control, { type: AWS_KEY, name: "k", props: { tags } }, cfg(7))).toBeUndefined();
    });
});
