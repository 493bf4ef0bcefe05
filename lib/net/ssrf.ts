import dns from "node:dns";
import dnsPromises from "node:dns/promises";
import type { LookupFunction } from "node:net";

// Subscribers choose webhook URLs, and Vigil's server then requests them: without a
// check, anyone could make it reach its own network (databases, cloud metadata at
// 169.254.169.254, admin ports on localhost). Two checks, both needed:
//  1. checkWebhookUrl, when a URL is saved and again before each send: scheme, no
//     credentials, and every address the host resolves to must be public. It also
//     covers IP-literal hosts, which never reach a lookup function.
//  2. guardedLookup, passed to undici as `connect: { lookup }`: re-checks the addresses
//     actually connected to, so a DNS answer that changes between the check and the
//     request (DNS rebinding) is refused too.
// The sender must not follow redirects (undici's request() does not; fetch needs
// `redirect: "manual"`): a redirect to an IP literal would skip the lookup.
//
// "Public" means globally reachable unicast. Everything in IANA's special-purpose
// registries that is not globally reachable is refused, documentation and benchmarking
// ranges included: no real receiver lives there, so a URL resolving there is a mistake
// or a probe. For IPv6 only global unicast (2000::/3) can be public; addresses that
// embed an IPv4 address (IPv4-mapped ::ffff:0:0/96, NAT64 64:ff9b::/96, 6to4 2002::/16)
// are judged by the IPv4 address inside.

export const ALLOW_PRIVATE_HINT = "an admin can allow private webhook targets with WEBHOOK_ALLOW_PRIVATE=true";
/** The `code` of the error guardedLookup reports for a refused address. */
export const BLOCKED_ADDRESS_CODE = "ERR_WEBHOOK_ADDRESS_NOT_PUBLIC";

export type AddressClass = { public: true } | { public: false; label: string };

// ── Parsing ────────────────────────────────────────────────────────────────

/** Dotted-quad IPv4 → 32-bit number; null for anything else (no octal, hex or short forms). */
export function parseIPv4(ip: string): number | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip);
  if (!m) return null;
  let value = 0;
  for (const part of m.slice(1) as string[]) {
    if (part.length > 1 && part.startsWith("0")) return null;
    const n = Number(part);
    if (n > 255) return null;
    value = value * 256 + n;
  }
  return value;
}

/** IPv6 (any textual form, zone id allowed) → its eight 16-bit groups; null if invalid. */
export function parseIPv6(ip: string): number[] | null {
  let text = ip.toLowerCase();
  const zone = text.indexOf("%");
  if (zone >= 0) text = text.slice(0, zone);
  if (!/^[0-9a-f:.]+$/.test(text)) return null;

  // A trailing dotted quad stands for the last two groups.
  let tail: number[] = [];
  const lastColon = text.lastIndexOf(":");
  if (text.includes(".")) {
    const v4 = lastColon < 0 ? null : parseIPv4(text.slice(lastColon + 1));
    if (v4 === null) return null;
    tail = [Math.floor(v4 / 65536), v4 % 65536];
    // "::ffff:1.2.3.4" → "::ffff"; "::1.2.3.4" → "::" (the "::" itself stays).
    text = text.slice(0, lastColon + 1);
    if (!text.endsWith("::")) text = text.slice(0, -1);
  }

  const halves = text.split("::");
  if (halves.length > 2) return null;
  const groups = (s: string) => (s === "" ? [] : s.split(":"));
  const head = groups(halves[0] ?? "");
  const rest = halves.length === 2 ? groups(halves[1] ?? "") : [];
  for (const g of [...head, ...rest]) if (!/^[0-9a-f]{1,4}$/.test(g)) return null;
  const explicit = head.length + rest.length + tail.length;
  if (halves.length === 1 ? explicit !== 8 : explicit > 7) return null;
  const zeros = halves.length === 2 ? new Array<number>(8 - explicit).fill(0) : [];
  return [...head.map((g) => parseInt(g, 16)), ...zeros, ...rest.map((g) => parseInt(g, 16)), ...tail];
}

// ── Ranges ─────────────────────────────────────────────────────────────────

const v4 = (cidr: string, label: string) => {
  const [base, bits] = cidr.split("/") as [string, string];
  const size = 2 ** (32 - Number(bits));
  const start = parseIPv4(base)!;
  return { start, end: start + size - 1, label };
};

// First match wins: the broadcast address is listed before the reserved block holding it.
const IPV4_BLOCKED = [
  v4("0.0.0.0/8", "an unspecified address"),
  v4("10.0.0.0/8", "a private address"),
  v4("100.64.0.0/10", "a carrier-grade NAT address"),
  v4("127.0.0.0/8", "a loopback address"),
  v4("169.254.0.0/16", "a link-local address"),
  v4("172.16.0.0/12", "a private address"),
  v4("192.0.0.0/24", "an IETF protocol address"),
  v4("192.0.2.0/24", "a documentation address"),
  v4("192.88.99.0/24", "a 6to4 relay address"),
  v4("192.168.0.0/16", "a private address"),
  v4("198.18.0.0/15", "a benchmarking address"),
  v4("198.51.100.0/24", "a documentation address"),
  v4("203.0.113.0/24", "a documentation address"),
  v4("224.0.0.0/4", "a multicast address"),
  v4("255.255.255.255/32", "the broadcast address"),
  v4("240.0.0.0/4", "a reserved address"),
];

function classifyIPv4(value: number): AddressClass {
  for (const r of IPV4_BLOCKED) if (value >= r.start && value <= r.end) return { public: false, label: r.label };
  return { public: true };
}

/** Whether the first `bits` bits of `groups` equal those of `prefix`. */
function inPrefix(groups: number[], prefix: number[], bits: number): boolean {
  for (let i = 0; i < 8 && bits > 0; i++, bits -= 16) {
    const mask = bits >= 16 ? 0xffff : (0xffff << (16 - bits)) & 0xffff;
    if (((groups[i] ?? 0) & mask) !== ((prefix[i] ?? 0) & mask)) return false;
  }
  return true;
}

const embedded = (hi: number, lo: number) => hi * 65536 + lo;

const IPV6_BLOCKED: { prefix: number[]; bits: number; label: string }[] = [
  { prefix: [0xfc00], bits: 7, label: "a unique local address" },
  { prefix: [0xfe80], bits: 10, label: "a link-local address" },
  { prefix: [0xfec0], bits: 10, label: "a site-local address" },
  { prefix: [0xff00], bits: 8, label: "a multicast address" },
  { prefix: [0x2001, 0x0db8], bits: 32, label: "a documentation address" },
  { prefix: [0x3fff], bits: 20, label: "a documentation address" },
  // Teredo, ORCHID, AMT, benchmarking and other IETF assignments.
  { prefix: [0x2001], bits: 23, label: "a special-purpose address" },
];

function classifyIPv6(g: number[]): AddressClass {
  if (g.every((x) => x === 0)) return { public: false, label: "an unspecified address" };
  if (inPrefix(g, [0, 0, 0, 0, 0, 0, 0, 1], 128)) return { public: false, label: "a loopback address" };
  // IPv4-mapped (::ffff:a.b.c.d) and NAT64 (64:ff9b::a.b.c.d) reach the IPv4 address inside.
  if (inPrefix(g, [0, 0, 0, 0, 0, 0xffff], 96) || inPrefix(g, [0x64, 0xff9b, 0, 0, 0, 0], 96)) {
    return classifyIPv4(embedded(g[6]!, g[7]!));
  }
  // 6to4 (2002:a.b.c.d::/48) routes to the IPv4 address in groups 1 and 2.
  if (inPrefix(g, [0x2002], 16)) return classifyIPv4(embedded(g[1]!, g[2]!));
  for (const r of IPV6_BLOCKED) if (inPrefix(g, r.prefix, r.bits)) return { public: false, label: r.label };
  if (!inPrefix(g, [0x2000], 3)) return { public: false, label: "a reserved address" };
  return { public: true };
}

/** What kind of address `ip` is; anything that does not parse is not public. */
export function classifyAddress(ip: string): AddressClass {
  const asV4 = parseIPv4(ip);
  if (asV4 !== null) return classifyIPv4(asV4);
  const asV6 = parseIPv6(ip);
  if (asV6 !== null) return classifyIPv6(asV6);
  return { public: false, label: "not an IP address" };
}

export function isPublicAddress(ip: string): boolean {
  return classifyAddress(ip).public;
}

// ── Metadata addresses (probes) ────────────────────────────────────────────
// Probes may reach private networks (that is what internal services use), but not, unless
// an admin allows it, the link-local ranges where clouds serve instance credentials: an
// editor's probe must not be a way to read them.

const IPV4_METADATA = [
  v4("169.254.0.0/16", "a link-local address, where clouds serve instance metadata"),
  v4("100.100.100.200/32", "Alibaba Cloud's metadata address"),
  v4("192.0.0.192/32", "Oracle Cloud's metadata address"),
];

function ipv4MetadataLabel(value: number): string | null {
  return IPV4_METADATA.find((r) => value >= r.start && value <= r.end)?.label ?? null;
}

/** Why `ip` is a link-local or cloud metadata address, or null when it is neither. */
export function metadataAddressLabel(ip: string): string | null {
  const asV4 = parseIPv4(ip);
  if (asV4 !== null) return ipv4MetadataLabel(asV4);
  const g = parseIPv6(ip);
  if (g === null) return null;
  if (inPrefix(g, [0, 0, 0, 0, 0, 0xffff], 96) || inPrefix(g, [0x64, 0xff9b, 0, 0, 0, 0], 96)) return ipv4MetadataLabel(embedded(g[6]!, g[7]!));
  if (inPrefix(g, [0x2002], 16)) return ipv4MetadataLabel(embedded(g[1]!, g[2]!));
  if (inPrefix(g, [0xfe80], 10)) return "a link-local address";
  if (inPrefix(g, [0xfd00, 0x0ec2, 0, 0, 0, 0, 0, 0x0254], 128)) return "AWS's IPv6 metadata address";
  return null;
}

// ── URL check ──────────────────────────────────────────────────────────────

export type LookupAll = (hostname: string) => Promise<readonly { address: string; family: number }[]>;

const defaultLookup: LookupAll = (hostname) => dnsPromises.lookup(hostname, { all: true });

export type WebhookUrlCheck = { ok: true; addresses: string[] } | { ok: false; reason: string };

export const MAX_WEBHOOK_URL_LENGTH = 2000;

/**
 * Whether Vigil may send to `url`; the reason, when not, names the problem for the
 * person who entered it. With `allowPrivate` (WEBHOOK_ALLOW_PRIVATE) any address is
 * accepted, but the scheme and credential rules still apply.
 */
export async function checkWebhookUrl(url: string, options: { allowPrivate: boolean; lookup?: LookupAll }): Promise<WebhookUrlCheck> {
  if (url.length > MAX_WEBHOOK_URL_LENGTH) return { ok: false, reason: `The URL is longer than ${MAX_WEBHOOK_URL_LENGTH} characters.` };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, reason: "This is not a valid URL." };
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") {
    return { ok: false, reason: `Only https:// and http:// URLs can receive webhooks, not "${parsed.protocol}" ones.` };
  }
  if (parsed.username || parsed.password) {
    return { ok: false, reason: "The URL must not contain a user name or password; put a token in the path or query instead." };
  }
  // URL has already normalised IPv4 literals ("0x7f.1" → "127.0.0.1") and IPv6 ones ("[::ffff:7f00:1]").
  const host = parsed.hostname.replace(/^\[(.*)\]$/, "$1");
  if (!host) return { ok: false, reason: "The URL has no host." };

  const literal = parseIPv4(host) !== null || parseIPv6(host) !== null;
  let addresses: string[];
  if (literal) {
    addresses = [host];
  } else {
    try {
      addresses = (await (options.lookup ?? defaultLookup)(host)).map((a) => a.address);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException | undefined)?.code;
      return { ok: false, reason: `${host} could not be resolved${code ? ` (${code})` : ""}.` };
    }
    if (addresses.length === 0) return { ok: false, reason: `${host} does not resolve to any address.` };
  }
  if (!options.allowPrivate) {
    for (const address of addresses) {
      const kind = classifyAddress(address);
      if (!kind.public) {
        const subject = literal ? address : `${host} resolves to ${address}`;
        return { ok: false, reason: `${literal ? `${subject} is` : `${subject},`} ${kind.label}; ${ALLOW_PRIVATE_HINT}.` };
      }
    }
  }
  return { ok: true, addresses };
}

// ── Connect-time guard ─────────────────────────────────────────────────────

/** dns.lookup's callback form, asked for every address. */
export type LookupAllCallback = (
  hostname: string,
  options: dns.LookupAllOptions,
  callback: (err: NodeJS.ErrnoException | null, addresses: dns.LookupAddress[]) => void,
) => void;

/**
 * A `lookup` for node:net / undici (`new Agent({ connect: { lookup: guardedLookup(false) } })`)
 * that refuses to connect when any address the host resolves to is not public. It
 * answers both the single-address and the `all: true` form (Node 20 asks for all
 * addresses when it tries several families). IP-literal hosts never reach it: check
 * those with checkWebhookUrl before sending.
 */
export function guardedLookup(allowPrivate: boolean, resolve: LookupAllCallback = dns.lookup): LookupFunction {
  return refusingLookup(
    (address) => {
      const kind = classifyAddress(address);
      return allowPrivate || kind.public ? null : `${kind.label}; ${ALLOW_PRIVATE_HINT}`;
    },
    BLOCKED_ADDRESS_CODE,
    resolve,
  );
}

export const METADATA_ALLOW_HINT = "an admin can allow these addresses in Settings";
/** The `code` of the error probeLookup reports. */
export const METADATA_ADDRESS_CODE = "ERR_PROBE_METADATA_ADDRESS";

/** For probes: refuses a host resolving to a metadata address (IP literals: check with metadataAddressLabel first). */
export function probeLookup(resolve: LookupAllCallback = dns.lookup): LookupFunction {
  return refusingLookup(
    (address) => {
      const label = metadataAddressLabel(address);
      return label && `${label}; ${METADATA_ALLOW_HINT}`;
    },
    METADATA_ADDRESS_CODE,
    resolve,
  );
}

/** A lookup that fails with `code` when `refusal` names a reason for any address the host resolves to. */
function refusingLookup(refusal: (address: string) => string | null, code: string, resolve: LookupAllCallback): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, "");
      if (addresses.length === 0) {
        const empty: NodeJS.ErrnoException = new Error(`${hostname} does not resolve to any address`);
        empty.code = "ENOTFOUND";
        return callback(empty, "");
      }
      for (const a of addresses) {
        const reason = refusal(a.address);
        if (reason) {
          const refused: NodeJS.ErrnoException = new Error(`Refused to connect: ${hostname} resolves to ${a.address}, ${reason}`);
          refused.code = code;
          return callback(refused, "");
        }
      }
      if (options.all) return callback(null, addresses);
      const first = addresses[0]!;
      callback(null, first.address, first.family);
    });
  };
}
