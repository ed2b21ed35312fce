// Keys ready for crypto-erase (GB/T 22239-2019 8.1.4.10, 8.2.4.7; PIPL Art. 47). When a cloud
// service ends, deleting the customer-managed key that encrypted its data is the destruction step
// infrastructure code controls: every copy the provider keeps becomes unreadable. For that step to
// be trustworthy, the key must be a current one (symmetric keys rotate) and its deletion must wait
// long enough that a mistaken deletion can still be cancelled (`minimumKeyDeletionWindowDays`).
// docs/crypto-erase.md describes the procedure and the evidence it leaves.
import type * as alicloud from "@pulumi/alicloud";
import type * as aws from "@pulumi/aws";
import { type ResourceValidationArgs } from "@pulumi/policy";
import { integer, readConfig } from "../shared/config";
import { type ControlMetadata, resourceControl } from "../shared/control";
import { type Emit, shown } from "../shared/emit";
import { type Bilingual, bi } from "../shared/messages";
import { inputName } from "../shared/properties";
import { Input, type Read } from "../shared/reader";
import { type Fix, remediation, setInput } from "../shared/remediate";

/** AWS accepts a deletion waiting period of 7–30 days; Alibaba Cloud 7–366. */
const AWS_MAX_WINDOW = 30;
const ALI_MAX_WINDOW = 366;
const MIN_WINDOW = 7;

export const config = {
    minimumKeyDeletionWindowDays: integer(
        "Minimum deletion waiting period of a customer-managed key, in days, so a mistaken deletion can be cancelled. AWS accepts at most 30: a higher minimum is capped at 30 for AWS keys.",
        MIN_WINDOW,
        MIN_WINDOW,
        ALI_MAX_WINDOW,
    ),
};

/** Why a key is skipped by the rotation check, or undefined when it must rotate. */
type Skip = Bilingual | undefined;

interface KeyType {
    /** Whether the key can rotate automatically; a reason when it cannot (asymmetric, external material…), "unknown" when that depends on an unknown input. */
    rotatable(props: Input): Skip | "unknown" | "yes";
    /** Every rotation input that is not as required, with what is required and the value a remediation writes. */
    rotation(props: Input): { read: Read<unknown>; required: Bilingual; unset: Bilingual; fixed: string | boolean; silent?: true }[];
    /** The deletion waiting period input (written by a remediation), its documented default (undefined: none documented) and the largest accepted value. */
    window: { input: string; read(props: Input): Read<number>; documentedDefault: number | undefined; max: number; unset: Bilingual };
}

const AWS_SPEC = inputName<aws.kms.KeyArgs>("customerMasterKeySpec");
const AWS_USAGE = inputName<aws.kms.KeyArgs>("keyUsage");
const AWS_ROTATION = inputName<aws.kms.KeyArgs>("enableKeyRotation");
const AWS_WINDOW = inputName<aws.kms.KeyArgs>("deletionWindowInDays");
// Keys in a custom key store (CloudHSM) or an external key store cannot rotate automatically.
const AWS_STORES = [inputName<aws.kms.KeyArgs>("customKeyStoreId"), inputName<aws.kms.KeyArgs>("xksKeyId")];

const ALI_SPEC = inputName<alicloud.kms.KeyArgs>("keySpec");
const ALI_USAGE = inputName<alicloud.kms.KeyArgs>("keyUsage");
const ALI_ORIGIN = inputName<alicloud.kms.KeyArgs>("origin");
const ALI_PROTECTION = inputName<alicloud.kms.KeyArgs>("protectionLevel");
const ALI_ROTATION = inputName<alicloud.kms.KeyArgs>("automaticRotation");
const ALI_INTERVAL = inputName<alicloud.kms.KeyArgs>("rotationInterval");
const ALI_WINDOW = inputName<alicloud.kms.KeyArgs>("pendingWindowInDays");
const ALI_WINDOW_DEPRECATED = inputName<alicloud.kms.KeyArgs>("deletionWindowInDays");
/** Alibaba Cloud's symmetric key specs (default Aliyun_AES_256); the RSA_* and EC_* specs are asymmetric. */
const ALI_SYMMETRIC = ["Aliyun_AES_256", "Aliyun_AES_128", "Aliyun_AES_192", "Aliyun_SM4"];

/**
 * One condition for automatic rotation: `input` must be unset or one of `allowed`; otherwise the
 * key cannot rotate, for `reason`. Checked in order; an unknown input makes rotatability unknown.
 */
interface Condition {
    input: string;
    allowed: readonly string[] | "unset";
    reason: Bilingual;
}

function rotatable(props: Input, conditions: readonly Condition[]): Skip | "unknown" | "yes" {
    for (const c of conditions) {
        const read = props.get(c.input).raw();
        if (read.kind === "unknown") return "unknown";
        if (read.kind === "absent") continue;
        if (read.kind !== "value" || c.allowed === "unset" || typeof read.value !== "string" || !c.allowed.includes(read.value)) return c.reason;
    }
    return "yes";
}

const ASYMMETRIC = bi("asymmetric or HMAC keys cannot rotate automatically", "非对称密钥或 HMAC 密钥不支持自动轮换");

const AWS_CONDITIONS: readonly Condition[] = [
    { input: AWS_SPEC, allowed: ["SYMMETRIC_DEFAULT"], reason: ASYMMETRIC },
    { input: AWS_USAGE, allowed: ["ENCRYPT_DECRYPT"], reason: ASYMMETRIC },
    ...AWS_STORES.map((input) => ({ input, allowed: "unset" as const, reason: bi("keys in a custom or external key store cannot rotate automatically", "自定义或外部密钥库中的密钥不支持自动轮换") })),
];

const ALI_CONDITIONS: readonly Condition[] = [
    { input: ALI_SPEC, allowed: ALI_SYMMETRIC, reason: ASYMMETRIC },
    { input: ALI_USAGE, allowed: ["ENCRYPT/DECRYPT"], reason: ASYMMETRIC },
    { input: ALI_ORIGIN, allowed: ["Aliyun_KMS"], reason: bi("keys with external key material cannot rotate automatically", "外部导入密钥材料的密钥不支持自动轮换") },
    { input: ALI_PROTECTION, allowed: ["SOFTWARE"], reason: bi("hardware-protected keys cannot rotate automatically", "硬件保护的密钥不支持自动轮换") },
];

export const KEY_TYPES: Record<string, KeyType> = {
    "aws:kms/key:Key": {
        rotatable: (props) => rotatable(props, AWS_CONDITIONS),
        rotation(props) {
            const read = props.get(AWS_ROTATION).boolean();
            return read.kind === "value" && read.value ? [] : [{ read, required: bi("true", "true"), unset: bi("default false", "默认 false"), fixed: true }];
        },
        // Unset = 30 days (documented default).
        window: { input: AWS_WINDOW, read: (props) => props.get(AWS_WINDOW).number(), documentedDefault: 30, max: AWS_MAX_WINDOW, unset: bi("default 30", "默认 30") },
    },
    "alicloud:kms/key:Key": {
        rotatable: (props) => rotatable(props, ALI_CONDITIONS),
        rotation(props) {
            const out: ReturnType<KeyType["rotation"]> = [];
            const state = props.get(ALI_ROTATION).string();
            if (!(state.kind === "value" && state.value === "Enabled")) {
                out.push({ read: state, required: bi('"Enabled"', '"Enabled"'), unset: bi("default Disabled", "默认 Disabled"), fixed: "Enabled" });
            }
            // Required by the API when rotation is on; reported only then, to give one finding at a time.
            // A remediation that enables rotation sets it too: 365 days suits default keys (fixed
            // 365) and software-protected ones (7–365).
            const interval = props.get(ALI_INTERVAL).string();
            const on = state.kind === "value" && state.value === "Enabled";
            if (interval.kind === "absent" && !on) out.push({ read: interval, required: bi("", ""), unset: bi("", ""), fixed: "365d", silent: true });
            if (on && interval.kind !== "value") {
                out.push({ read: interval, required: bi('a rotation period such as "365d"', '轮换周期，例如 "365d"'), unset: bi("required when automaticRotation is Enabled", "automaticRotation 为 Enabled 时必填"), fixed: "365d" });
            }
            return out;
        },
        // No default is documented: the API accepts 7 days, so an unset window meets only a minimum of 7.
        window: {
            input: ALI_WINDOW,
            read: (props) => props.get(ALI_WINDOW, ALI_WINDOW_DEPRECATED).number(),
            documentedDefault: undefined,
            max: ALI_MAX_WINDOW,
            unset: bi("no documented default; the API accepts as little as 7 days", "无文档默认值；接口最短接受 7 天"),
        },
    },
};

const KIND = bi("KMS customer-managed key", "KMS 客户托管密钥（CMK）");

export const metadata: ControlMetadata = {
    name: "keys-ready-for-crypto-erase",
    description: "Customer-managed keys are ready for crypto-erase: symmetric keys rotate automatically, and deletion waits at least the minimum window so a mistaken deletion can be undone.",
    category: "encryption",
    bases: ["mlps-8.1.4.10", "mlps-8.2.4.7", "pipl-47"],
    severity: "medium",
    enforcementLevel: "mandatory",
    remediationSteps:
        "aws.kms.Key: set `enableKeyRotation: true` (default false) and `deletionWindowInDays` to at least the minimum (7–30, unset = 30). " +
        'alicloud.kms.Key: set `automaticRotation: "Enabled"` (default Disabled) with a `rotationInterval` such as "365d", and `pendingWindowInDays` to at least the minimum (7–366). ' +
        "Asymmetric, HMAC, external-material and hardware-store keys cannot rotate and are not checked for rotation. All of these change in place. " +
        "Deleting the key when the service ends is the crypto-erase step (see docs/crypto-erase.md).",
    zh: {
        description: "客户托管密钥（CMK）满足加密擦除（crypto-erase）的前提：对称密钥开启自动轮换，删除等待期不短于最短期限，误删时可以撤销。",
        remediationSteps:
            "aws.kms.Key：将 `enableKeyRotation` 设为 true（默认 false），`deletionWindowInDays` 设为不低于最短期限（7～30，未设置时为 30）。" +
            'alicloud.kms.Key：将 `automaticRotation` 设为 "Enabled"（默认 Disabled）并设置 `rotationInterval`（例如 "365d"），`pendingWindowInDays` 设为不低于最短期限（7～366）。' +
            "非对称密钥、HMAC 密钥、外部导入密钥材料的密钥和硬件密钥库中的密钥不支持轮换，不检查轮换。以上修改均为原地更新。" +
            "服务终止时删除密钥即为加密擦除步骤（见 docs/crypto-erase.md）。",
    },
    resourceTypes: Object.keys(KEY_TYPES),
    config,
};

/** The deletion waiting period against the minimum (capped at what the cloud accepts). */
function deletionWindow(keyType: KeyType, props: Input, configured: number): { minimum: number; read: Read<number>; short: boolean } {
    const { window } = keyType;
    const minimum = Math.min(configured, window.max);
    const read = window.read(props);
    const days = read.kind === "value" ? read.value : read.kind === "absent" ? (window.documentedDefault ?? MIN_WINDOW) : undefined;
    return { minimum, read, short: days === undefined || days < minimum };
}

function validate(args: ResourceValidationArgs, emit: Emit): void {
    const keyType = KEY_TYPES[args.type];
    if (!keyType) return;
    const props = Input.of(args.props);
    const { minimumKeyDeletionWindowDays } = readConfig(config, args.getConfig());

    const canRotate = keyType.rotatable(props);
    if (canRotate === "yes" || canRotate === "unknown") {
        for (const { read, required, unset, silent } of keyType.rotation(props)) {
            if (silent) continue;
            emit({
                kind: KIND,
                found: shown(read, { vocabulary: ["Enabled", "Disabled"], unset }),
                required,
                change: read,
                // Whether the key can rotate at all is unknown: it may be asymmetric.
                unknown: read.kind === "unknown" || canRotate === "unknown",
            });
        }
    }

    const { window } = keyType;
    const { minimum, read, short } = deletionWindow(keyType, props, minimumKeyDeletionWindowDays);
    if (!short) return;
    emit({
        kind: KIND,
        found: read.kind === "value" ? bi(`${read.value} days`, `${read.value} 天`) : shown(read, { unset: window.unset }),
        required: bi(`a deletion waiting period of at least ${minimum} days`, `删除等待期至少 ${minimum} 天`),
        change: read,
        fix: bi(`Use ${minimum} to ${window.max} days.`, `可设为 ${minimum}～${window.max} 天。`),
        unknown: read.kind === "unknown",
    });
}

/**
 * Turns rotation on (with a 365-day interval on Alibaba Cloud when none is set) for keys known to
 * be rotatable, and raises a short deletion window to the minimum. Unknown or wrongly shaped
 * values are left for the user. All of these change in place (in-place-updates.ts).
 */
const fixKey: Fix = (args) => {
    const keyType = KEY_TYPES[args.type];
    if (!keyType) return false;
    const props = Input.of(args.props);
    let changed = false;
    if (keyType.rotatable(props) === "yes") {
        const pending = keyType.rotation(props);
        if (pending.every((p) => p.read.kind === "absent" || p.read.kind === "value")) {
            for (const p of pending) {
                const input = p.read.path;
                if (!input || input.includes(".")) continue;
                setInput(args.props, input, p.fixed);
                changed = true;
            }
        }
    }
    const { minimum, read, short } = deletionWindow(keyType, props, readConfig(config, args.getConfig()).minimumKeyDeletionWindowDays);
    if (short && (read.kind === "absent" || read.kind === "value")) {
        setInput(args.props, read.kind === "value" ? read.path : keyType.window.input, minimum);
        changed = true;
    }
    return changed;
};

export default resourceControl(metadata, validate, remediation(fixKey));
