// Ports, port ranges and CIDR blocks as AWS and Alibaba Cloud write them. Pure functions on plain
// values (no proxies, no reporting): policies read inputs first, then ask these what they mean.
// Everything here is total: odd input gives `undefined` or "invalid", never an exception.

export const MIN_PORT = 0;
export const MAX_PORT = 65535;

/** An inclusive range of TCP/UDP ports. */
export interface PortRange {
    from: number;
    to: number;
}

export const ALL_PORTS: PortRange = { from: MIN_PORT, to: MAX_PORT };

/**
 * What a rule lets through: every protocol (and so every port), some ports of TCP/UDP, or a
 * protocol without ports (ICMP, GRE, ESP, …) that reaches no TCP/UDP service.
 */
export type PortExposure = { kind: "all-protocols" } | { kind: "ports"; protocol: "tcp" | "udp"; range: PortRange } | { kind: "no-ports"; protocol: string };

/** Protocols in a canonical spelling; "other" = a protocol without ports we do not name. */
export type Protocol = "all" | "tcp" | "udp" | "icmp" | "icmpv6" | "other";

// IANA protocol numbers AWS accepts in place of names.
const PROTOCOL_NUMBERS: Record<string, Protocol> = { "-1": "all", "6": "tcp", "17": "udp", "1": "icmp", "58": "icmpv6" };
const PROTOCOL_NAMES: Record<string, Protocol> = { all: "all", tcp: "tcp", udp: "udp", icmp: "icmp", icmpv6: "icmpv6" };

/**
 * Reads a protocol as either cloud writes it: "-1"/"all"/-1 (every protocol), names, or IANA numbers
 * as strings or numbers. Any other number (0–255) or name is a portless protocol ("other").
 */
export function parseProtocol(v: unknown): Protocol | undefined {
    if (typeof v === "number") {
        return Number.isInteger(v) ? parseProtocol(String(v)) : undefined;
    }
    if (typeof v !== "string") {
        return undefined;
    }
    const s = v.trim().toLowerCase();
    const named = PROTOCOL_NUMBERS[s] ?? PROTOCOL_NAMES[s];
    if (named) {
        return named;
    }
    if (/^\d{1,3}$/.test(s) && Number(s) <= 255) {
        return "other";
    }
    // gre, esp, ah, … : named protocols without ports.
    return /^[a-z][a-z0-9-]{0,15}$/.test(s) ? "other" : undefined;
}

function toPort(v: unknown): number | undefined {
    const n = typeof v === "number" ? v : typeof v === "string" && /^\s*-?\d+\s*$/.test(v) ? Number(v) : undefined;
    return n !== undefined && Number.isInteger(n) ? n : undefined;
}

/** A range from two port numbers; undefined when either is not a port or from > to. */
export function portRange(from: unknown, to: unknown): PortRange | undefined {
    const f = toPort(from);
    const t = toPort(to);
    if (f === undefined || t === undefined || f < MIN_PORT || t > MAX_PORT || f > t) {
        return undefined;
    }
    return { from: f, to: t };
}

/**
 * Parses Alibaba Cloud's "from/to" port ranges ("22/22", "1/65535"). "-1/-1" means "no port
 * restriction": every port. Undefined for anything else.
 */
export function parseSlashRange(v: unknown): PortRange | undefined {
    if (typeof v !== "string") {
        return undefined;
    }
    const m = /^\s*(-?\d+)\s*\/\s*(-?\d+)\s*$/.exec(v);
    if (!m) {
        return undefined;
    }
    if (m[1] === "-1" && m[2] === "-1") {
        return ALL_PORTS;
    }
    return portRange(m[1], m[2]);
}

function exposure(protocol: Protocol, range: () => PortRange | undefined): PortExposure | undefined {
    switch (protocol) {
        case "all":
            return { kind: "all-protocols" };
        case "tcp":
        case "udp": {
            const r = range();
            return r ? { kind: "ports", protocol, range: r } : undefined;
        }
        default:
            return { kind: "no-ports", protocol };
    }
}

/**
 * AWS security-group and network-ACL rules: protocol plus fromPort/toPort. Protocol "-1"/"all"
 * opens everything whatever the ports say (the EC2 API ignores them). Undefined when unreadable.
 */
export function awsPortExposure(protocol: unknown, fromPort: unknown, toPort: unknown): PortExposure | undefined {
    const p = parseProtocol(protocol);
    return p === undefined ? undefined : exposure(p, () => portRange(fromPort, toPort));
}

/**
 * Alibaba Cloud security-group and network-ACL rules: protocol plus a "from/to" string that
 * defaults to "-1/-1" (every port, also for tcp/udp). Undefined when unreadable.
 */
export function alicloudPortExposure(protocol: unknown, range: unknown): PortExposure | undefined {
    const p = parseProtocol(protocol);
    return p === undefined ? undefined : exposure(p, () => (range === undefined || range === null ? ALL_PORTS : parseSlashRange(range)));
}

/** True when the rule opens every protocol, or every TCP/UDP port (0 or 1 up to 65535). */
export function opensEveryPort(e: PortExposure): boolean {
    return e.kind === "all-protocols" || (e.kind === "ports" && e.range.from <= 1 && e.range.to >= MAX_PORT);
}

/** The ports of `ports` the rule opens, in the order given. */
export function openedPorts(e: PortExposure, ports: readonly number[]): number[] {
    switch (e.kind) {
        case "all-protocols":
            return [...ports];
        case "ports":
            return ports.filter((p) => p >= e.range.from && p <= e.range.to);
        case "no-ports":
            return [];
    }
}

/** A short, value-free description of an exposure ("all protocols", "tcp 20-30"). */
export function describeExposure(e: PortExposure): string {
    switch (e.kind) {
        case "all-protocols":
            return "all protocols and ports";
        case "ports":
            return e.range.from === e.range.to ? `${e.protocol} ${e.range.from}` : `${e.protocol} ${e.range.from}-${e.range.to}`;
        case "no-ports":
            return `${e.protocol} (no ports)`;
    }
}

// ---------------------------------------------------------------------------------------------
// CIDR blocks

export interface Cidr {
    version: 4 | 6;
    /** The address as an unsigned integer (32 or 128 bits). */
    address: bigint;
    prefix: number;
    /** False for a bare address ("10.0.0.1", "0.0.0.0"), which Alibaba whitelists accept. */
    prefixGiven: boolean;
}

function parseIpv4(s: string): bigint | undefined {
    const parts = s.split(".");
    if (parts.length !== 4) {
        return undefined;
    }
    let n = 0n;
    for (const p of parts) {
        if (!/^\d{1,3}$/.test(p) || Number(p) > 255) {
            return undefined;
        }
        n = (n << 8n) | BigInt(Number(p));
    }
    return n;
}

function parseGroups(s: string): bigint[] | undefined {
    if (s === "") {
        return [];
    }
    const out: bigint[] = [];
    const parts = s.split(":");
    for (let i = 0; i < parts.length; i++) {
        const p = parts[i]!;
        if (i === parts.length - 1 && p.includes(".")) {
            // Embedded IPv4 in the last 32 bits ("::ffff:10.0.0.1").
            const v4 = parseIpv4(p);
            if (v4 === undefined) return undefined;
            out.push(v4 >> 16n, v4 & 0xffffn);
        } else if (/^[0-9a-f]{1,4}$/i.test(p)) {
            out.push(BigInt(parseInt(p, 16)));
        } else {
            return undefined;
        }
    }
    return out;
}

function parseIpv6(s: string): bigint | undefined {
    const halves = s.split("::");
    if (halves.length > 2) {
        return undefined;
    }
    const head = parseGroups(halves[0]!);
    const tail = halves.length === 2 ? parseGroups(halves[1]!) : [];
    if (!head || !tail) {
        return undefined;
    }
    const missing = 8 - head.length - tail.length;
    if ((halves.length === 1 && missing !== 0) || (halves.length === 2 && missing < 1)) {
        return undefined;
    }
    const groups = [...head, ...Array<bigint>(halves.length === 2 ? missing : 0).fill(0n), ...tail];
    return groups.reduce((acc, g) => (acc << 16n) | g, 0n);
}

/** Parses an IPv4 or IPv6 address or CIDR block ("10.0.0.0/8", "::/0", "0.0.0.0"). */
export function parseCidr(v: unknown): Cidr | undefined {
    if (typeof v !== "string") {
        return undefined;
    }
    const s = v.trim();
    const slash = s.indexOf("/");
    const addr = slash < 0 ? s : s.slice(0, slash);
    const prefixText = slash < 0 ? undefined : s.slice(slash + 1);
    if (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) {
        return undefined;
    }
    const version: 4 | 6 = addr.includes(":") ? 6 : 4;
    const address = version === 4 ? parseIpv4(addr) : parseIpv6(addr);
    const bits = version === 4 ? 32 : 128;
    const prefix = prefixText === undefined ? bits : Number(prefixText);
    if (address === undefined || prefix > bits) {
        return undefined;
    }
    return { version, address, prefix, prefixGiven: prefixText !== undefined };
}

/**
 * True when the block is the whole address space: a /0 whatever its base address ("0.0.0.0/0",
 * "::/0", "10.0.0.0/0"), or the bare unspecified address "0.0.0.0" / "::", which Alibaba Cloud
 * whitelists read as "any address".
 */
export function isAnywhere(c: Cidr): boolean {
    return c.prefix === 0 || (!c.prefixGiven && c.address === 0n);
}

interface Block {
    version: 4 | 6;
    address: bigint;
    prefix: number;
}

function block(text: string): Block {
    const c = parseCidr(text);
    if (!c) throw new Error(`bad built-in CIDR ${text}`);
    return c;
}

/** RFC 1918 private IPv4 ranges and the IPv6 unique-local range (RFC 4193, the IPv6 counterpart). */
export const PRIVATE_RANGES: readonly string[] = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7"];
const PRIVATE_BLOCKS: readonly Block[] = PRIVATE_RANGES.map(block);

/** True when `inner` lies wholly inside `outer` (same family, at least as long a prefix, same leading bits). */
export function cidrContains(outer: Block, inner: Block): boolean {
    if (outer.version !== inner.version || inner.prefix < outer.prefix) {
        return false;
    }
    const shift = BigInt((outer.version === 4 ? 32 : 128) - outer.prefix);
    return inner.address >> shift === outer.address >> shift;
}

/** True when the block lies wholly inside a private range (10/8, 172.16/12, 192.168/16, fc00::/7). */
export function isPrivate(c: Cidr): boolean {
    return !isAnywhere(c) && PRIVATE_BLOCKS.some((p) => cidrContains(p, c));
}

export type SourceKind = "anywhere" | "private" | "public" | "not-a-cidr";

/** How far a source CIDR reaches: the whole internet, only private addresses, some public addresses, or not a CIDR at all. */
export function classifySource(v: unknown): SourceKind {
    const c = parseCidr(v);
    if (!c) return "not-a-cidr";
    if (isAnywhere(c)) return "anywhere";
    return isPrivate(c) ? "private" : "public";
}

/** The canonical spelling of "anywhere" for a family, for messages (never the value read). */
export function anywhereText(c: Cidr): string {
    return c.version === 4 ? "0.0.0.0/0" : "::/0";
}
