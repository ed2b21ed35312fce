import { describe, expect, it } from "vitest";
import {
    ALL_PORTS,
    type PortExposure,
    alicloudPortExposure,
    awsPortExposure,
    cidrContains,
    classifySource,
    describeExposure,
    isAnywhere,
    openedPorts,
    opensEveryPort,
    parseCidr,
    parseProtocol,
    parseSlashRange,
    portRange,
} from "../../../policies/shared/network";

describe("parseProtocol", () => {
    it.each([
        ["-1", "all"],
        [-1, "all"],
        ["all", "all"],
        ["ALL", "all"],
        ["tcp", "tcp"],
        ["6", "tcp"],
        [6, "tcp"],
        ["udp", "udp"],
        ["17", "udp"],
        ["icmp", "icmp"],
        ["1", "icmp"],
        ["58", "icmpv6"],
        ["icmpv6", "icmpv6"],
        ["gre", "other"],
        ["50", "other"],
        ["256", undefined],
        ["", undefined],
        [null, undefined],
        [1.5, undefined],
        [["tcp"], undefined],
        ["t c p", undefined],
    ])("%j → %s", (v, expected) => {
        expect(parseProtocol(v)).toBe(expected);
    });
});

describe("portRange and parseSlashRange", () => {
    it.each([
        [22, 22, { from: 22, to: 22 }],
        [0, 65535, { from: 0, to: 65535 }],
        ["20", "30", { from: 20, to: 30 }],
        [30, 20, undefined],
        [-1, 22, undefined],
        [0, 65536, undefined],
        [1.5, 2, undefined],
        [undefined, 22, undefined],
        ["x", 22, undefined],
    ])("portRange(%j, %j)", (f, t, expected) => {
        expect(portRange(f, t)).toEqual(expected);
    });

    it.each([
        ["22/22", { from: 22, to: 22 }],
        ["1/65535", { from: 1, to: 65535 }],
        ["20/30", { from: 20, to: 30 }],
        [" 20 / 30 ", { from: 20, to: 30 }],
        ["-1/-1", ALL_PORTS],
        ["-1/22", undefined],
        ["30/20", undefined],
        ["22", undefined],
        ["22-23", undefined],
        [22, undefined],
        [null, undefined],
    ])("parseSlashRange(%j)", (v, expected) => {
        expect(parseSlashRange(v)).toEqual(expected);
    });
});

describe("port exposure", () => {
    it.each([
        ["-1 ignores ports", "-1", 0, 0, { kind: "all-protocols" }],
        ["all ignores ports", "all", 22, 22, { kind: "all-protocols" }],
        ["tcp 22", "tcp", 22, 22, { kind: "ports", protocol: "tcp", range: { from: 22, to: 22 } }],
        ["6 = tcp", "6", 0, 65535, { kind: "ports", protocol: "tcp", range: { from: 0, to: 65535 } }],
        ["icmp has no ports", "icmp", 8, 0, { kind: "no-ports", protocol: "icmp" }],
        ["tcp with an unreadable range", "tcp", "x", 22, undefined],
        ["unreadable protocol", { p: 1 }, 22, 22, undefined],
    ])("aws: %s", (_n, protocol, from, to, expected) => {
        expect(awsPortExposure(protocol, from, to)).toEqual(expected);
    });

    it.each([
        ["all", "all", "-1/-1", { kind: "all-protocols" }],
        ["tcp -1/-1 = every port", "tcp", "-1/-1", { kind: "ports", protocol: "tcp", range: ALL_PORTS }],
        ["tcp with the default range", "tcp", undefined, { kind: "ports", protocol: "tcp", range: ALL_PORTS }],
        ["udp 20/30", "udp", "20/30", { kind: "ports", protocol: "udp", range: { from: 20, to: 30 } }],
        ["gre", "gre", "-1/-1", { kind: "no-ports", protocol: "other" }],
        ["tcp with garbage", "tcp", "all", undefined],
    ])("alicloud: %s", (_n, protocol, range, expected) => {
        expect(alicloudPortExposure(protocol, range)).toEqual(expected);
    });

    const tcp = (from: number, to: number): PortExposure => ({ kind: "ports", protocol: "tcp", range: { from, to } });
    it.each([
        ["all protocols", { kind: "all-protocols" } satisfies PortExposure, true, [22, 3389]],
        ["0-65535", tcp(0, 65535), true, [22, 3389]],
        ["1-65535", tcp(1, 65535), true, [22, 3389]],
        ["2-65535", tcp(2, 65535), false, [22, 3389]],
        ["1-65534", tcp(1, 65534), false, [22, 3389]],
        ["20-30", tcp(20, 30), false, [22]],
        ["22", tcp(22, 22), false, [22]],
        ["23-3388", tcp(23, 3388), false, []],
        ["icmp", { kind: "no-ports", protocol: "icmp" } satisfies PortExposure, false, []],
    ])("%s: every port %s, opens %j of 22/3389", (_n, e, every, opened) => {
        expect(opensEveryPort(e)).toBe(every);
        expect(openedPorts(e, [22, 3389])).toEqual(opened);
    });

    it.each([
        [{ kind: "all-protocols" } satisfies PortExposure, "all protocols and ports"],
        [tcp(22, 22), "tcp 22"],
        [tcp(20, 30), "tcp 20-30"],
        [{ kind: "no-ports", protocol: "icmp" } satisfies PortExposure, "icmp (no ports)"],
    ])("describes %j", (e, text) => {
        expect(describeExposure(e)).toBe(text);
    });
});

describe("CIDR parsing", () => {
    it.each([
        ["0.0.0.0/0", 4, 0n, 0],
        ["10.0.0.0/8", 4, 0x0a000000n, 8],
        ["192.168.1.10", 4, 0xc0a8010an, 32],
        [" 172.16.0.0/12 ", 4, 0xac100000n, 12],
        ["::/0", 6, 0n, 0],
        ["::", 6, 0n, 128],
        ["0:0:0:0:0:0:0:0/0", 6, 0n, 0],
        ["fd00::/8", 6, 0xfdn << 120n, 8],
        ["2001:db8::1/128", 6, (0x20010db8n << 96n) | 1n, 128],
        ["::ffff:10.0.0.1/128", 6, (0xffffn << 32n) | 0x0a000001n, 128],
    ])("%s", (text, version, address, prefix) => {
        expect(parseCidr(text)).toMatchObject({ version, address, prefix });
    });

    it.each([["256.0.0.0/8"], ["10.0.0/8"], ["10.0.0.0/33"], ["10.0.0.0/"], ["10.0.0.0/-1"], ["::/129"], ["1::2::3"], ["1:2:3:4:5:6:7:8:9"], ["1:2:3"], ["gggg::/16"], ["pl-12345678"], ["sg-123"], [""], [null], [42], [["0.0.0.0/0"]]])(
        "%j is not a CIDR",
        (v) => {
            expect(parseCidr(v)).toBeUndefined();
        },
    );
});

describe("classifySource", () => {
    it.each([
        ["0.0.0.0/0", "anywhere"],
        ["0.0.0.0", "anywhere"],
        ["::/0", "anywhere"],
        ["::", "anywhere"],
        ["0000:0000::/0", "anywhere"],
        // A /0 covers everything whatever its base address: a private-looking base must not hide it.
        ["10.0.0.0/0", "anywhere"],
        ["0.0.0.0/32", "public"],
        ["0.0.0.0/1", "public"],
        ["10.0.0.0/8", "private"],
        ["10.1.2.3/32", "private"],
        ["10.0.0.0/7", "public"],
        ["172.16.0.0/12", "private"],
        ["172.31.255.0/24", "private"],
        ["172.32.0.0/16", "public"],
        ["172.15.0.0/16", "public"],
        ["192.168.0.0/16", "private"],
        ["192.168.10.0/24", "private"],
        ["192.169.0.0/16", "public"],
        ["fc00::/7", "private"],
        ["fd12:3456::/48", "private"],
        ["fe80::/10", "public"],
        ["2001:db8::/32", "public"],
        ["203.0.113.7/32", "public"],
        ["pl-0123abcd", "not-a-cidr"],
        [undefined, "not-a-cidr"],
    ])("%j → %s", (v, expected) => {
        expect(classifySource(v)).toBe(expected);
    });

    it("isAnywhere needs the whole space, not just a zero base address", () => {
        expect(isAnywhere(parseCidr("0.0.0.0/8")!)).toBe(false);
        expect(isAnywhere(parseCidr("1.2.3.4/0")!)).toBe(true);
    });

    it("cidrContains compares families and prefix lengths", () => {
        expect(cidrContains(parseCidr("10.0.0.0/8")!, parseCidr("10.0.0.0/16")!)).toBe(true);
        expect(cidrContains(parseCidr("10.0.0.0/16")!, parseCidr("10.0.0.0/8")!)).toBe(false);
        expect(cidrContains(parseCidr("0.0.0.0/0")!, parseCidr("::/0")!)).toBe(false);
    });
});
