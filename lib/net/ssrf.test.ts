import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Agent, request } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  BLOCKED_ADDRESS_CODE,
  checkWebhookUrl,
  classifyAddress,
  guardedLookup,
  METADATA_ADDRESS_CODE,
  metadataAddressLabel,
  probeLookup,
  isPublicAddress,
  parseIPv6,
  type LookupAll,
  type LookupAllCallback,
} from "./ssrf";

describe("isPublicAddress", () => {
  it.each([
    // IPv4 special-purpose ranges, at both ends where it matters.
    ["0.0.0.0", "an unspecified address"],
    ["0.255.255.255", "an unspecified address"],
    ["10.0.0.5", "a private address"],
    ["10.255.255.255", "a private address"],
    ["100.64.0.1", "a carrier-grade NAT address"],
    ["100.127.255.255", "a carrier-grade NAT address"],
    ["127.0.0.1", "a loopback address"],
    ["127.255.255.254", "a loopback address"],
    ["169.254.169.254", "a link-local address"],
    ["172.16.0.1", "a private address"],
    ["172.31.255.255", "a private address"],
    ["192.0.0.8", "an IETF protocol address"],
    ["192.0.2.10", "a documentation address"],
    ["192.88.99.1", "a 6to4 relay address"],
    ["192.168.1.1", "a private address"],
    ["198.18.0.1", "a benchmarking address"],
    ["198.19.255.255", "a benchmarking address"],
    ["198.51.100.7", "a documentation address"],
    ["203.0.113.9", "a documentation address"],
    ["224.0.0.1", "a multicast address"],
    ["239.255.255.250", "a multicast address"],
    ["240.0.0.1", "a reserved address"],
    ["255.255.255.255", "the broadcast address"],
    // IPv6.
    ["::", "an unspecified address"],
    ["::1", "a loopback address"],
    ["0:0:0:0:0:0:0:1", "a loopback address"],
    ["fe80::1", "a link-local address"],
    ["fe80::1%eth0", "a link-local address"],
    ["febf:ffff::1", "a link-local address"],
    ["fc00::1", "a unique local address"],
    ["fd12:3456:789a::1", "a unique local address"],
    ["fec0::1", "a site-local address"],
    ["ff02::1", "a multicast address"],
    ["2001:db8::1", "a documentation address"],
    ["3fff::1", "a documentation address"],
    ["2001::1", "a special-purpose address"],
    ["100::1", "a reserved address"],
    ["::2", "a reserved address"],
    ["64:ff9b:1::1", "a reserved address"],
    // IPv6 forms that reach an IPv4 address are judged by it.
    ["::ffff:127.0.0.1", "a loopback address"],
    ["::ffff:7f00:1", "a loopback address"],
    ["::FFFF:10.0.0.1", "a private address"],
    ["0:0:0:0:0:ffff:a9fe:a9fe", "a link-local address"],
    ["64:ff9b::192.168.0.1", "a private address"],
    ["64:ff9b::a00:1", "a private address"],
    ["2002:7f00:1::", "a loopback address"],
    ["2002:c0a8:101::1", "a private address"],
    // Not addresses at all: never public.
    ["localhost", "not an IP address"],
    ["127.1", "not an IP address"],
    ["0x7f.0.0.1", "not an IP address"],
    ["010.0.0.1", "not an IP address"],
    ["256.1.1.1", "not an IP address"],
    ["1.2.3.4.5", "not an IP address"],
    ["1::2::3", "not an IP address"],
    ["1:2:3:4:5:6:7:8:9", "not an IP address"],
    ["12345::1", "not an IP address"],
    ["", "not an IP address"],
  ])("%s is %s", (ip, label) => {
    expect(classifyAddress(ip)).toEqual({ public: false, label });
    expect(isPublicAddress(ip)).toBe(false);
  });

  it.each([
    "1.1.1.1",
    "8.8.8.8",
    "9.255.255.255",
    "11.0.0.0",
    "100.63.255.255",
    "100.128.0.0",
    "172.15.255.255",
    "172.32.0.0",
    "192.167.255.255",
    "192.169.0.0",
    "223.255.255.255",
    "2606:4700:4700::1111",
    "2a00:1450:4001:80b::200e",
    "::ffff:8.8.8.8",
    "64:ff9b::808:808",
    "2002:808:808::1",
    "2001:4860:4860::8888",
  ])("%s is public", (ip) => {
    expect(isPublicAddress(ip)).toBe(true);
  });

  it("parses the textual forms of IPv6", () => {
    expect(parseIPv6("::")).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    expect(parseIPv6("1::")).toEqual([1, 0, 0, 0, 0, 0, 0, 0]);
    expect(parseIPv6("1:2:3:4:5:6:7::")).toEqual([1, 2, 3, 4, 5, 6, 7, 0]);
    expect(parseIPv6("::ffff:1.2.3.4")).toEqual([0, 0, 0, 0, 0, 0xffff, 0x0102, 0x0304]);
    expect(parseIPv6("1:2:3:4:5:6:1.2.3.4")).toEqual([1, 2, 3, 4, 5, 6, 0x0102, 0x0304]);
    expect(parseIPv6("::1.2.3.4")).toEqual([0, 0, 0, 0, 0, 0, 0x0102, 0x0304]);
    expect(parseIPv6("1:2:3:4:5:6:7:8")).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(parseIPv6("1:2:3:4:5:6:7:8::")).toBeNull();
    expect(parseIPv6(":1::")).toBeNull();
    expect(parseIPv6("1:2:3:4:5:6:7")).toBeNull();
    expect(parseIPv6("::ffff:1.2.3")).toBeNull();
  });
});

const fakeLookup =
  (table: Record<string, string[]>): LookupAll =>
  async (hostname) => {
    const addresses = table[hostname];
    if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" });
    return addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
  };

describe("checkWebhookUrl", () => {
  const lookup = fakeLookup({
    "hooks.example.com": ["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"],
    "internal.example.com": ["10.0.0.5"],
    "mixed.example.com": ["93.184.216.34", "127.0.0.1"],
    "v6local.example.com": ["fd00::5"],
    "mapped.example.com": ["::ffff:169.254.169.254"],
    "empty.example.com": [],
  });
  const check = (url: string, allowPrivate = false) => checkWebhookUrl(url, { allowPrivate, lookup });

  it("accepts a public host and returns its addresses", async () => {
    expect(await check("https://hooks.example.com/vigil?x=1")).toEqual({ ok: true, addresses: ["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"] });
    expect(await check("http://8.8.8.8:8080/hook")).toEqual({ ok: true, addresses: ["8.8.8.8"] });
  });

  it("names the address and the setting when a host resolves privately", async () => {
    expect(await check("https://internal.example.com/hook")).toEqual({
      ok: false,
      reason: "internal.example.com resolves to 10.0.0.5, a private address; an admin can allow private webhook targets with WEBHOOK_ALLOW_PRIVATE=true.",
    });
    expect(await check("https://v6local.example.com/")).toMatchObject({ ok: false, reason: expect.stringContaining("fd00::5, a unique local address") });
    expect(await check("https://mapped.example.com/")).toMatchObject({
      ok: false,
      reason: expect.stringContaining("::ffff:169.254.169.254, a link-local address"),
    });
  });

  it("refuses a host when any one of its addresses is private", async () => {
    expect(await check("https://mixed.example.com/")).toMatchObject({ ok: false, reason: expect.stringContaining("127.0.0.1, a loopback address") });
  });

  it.each([
    ["http://127.0.0.1:3000/", "127.0.0.1 is a loopback address"],
    ["http://2130706433/", "127.0.0.1 is a loopback address"],
    ["http://0x7f.1/", "127.0.0.1 is a loopback address"],
    ["http://[::1]/", "::1 is a loopback address"],
    ["http://[::ffff:127.0.0.1]/", "::ffff:7f00:1 is a loopback address"],
    ["http://169.254.169.254/latest/meta-data/", "169.254.169.254 is a link-local address"],
    ["http://[fe80::1]/", "fe80::1 is a link-local address"],
  ])("checks IP-literal hosts without a lookup: %s", async (url, reason) => {
    const result = await checkWebhookUrl(url, { allowPrivate: false, lookup: () => Promise.reject(new Error("no lookup expected")) });
    expect(result).toMatchObject({ ok: false, reason: expect.stringContaining(reason) });
  });

  it.each([
    ["ftp://hooks.example.com/", 'Only https:// and http:// URLs can receive webhooks, not "ftp:" ones.'],
    ["file:///etc/passwd", 'Only https:// and http:// URLs can receive webhooks, not "file:" ones.'],
    ["javascript:alert(1)", 'Only https:// and http:// URLs can receive webhooks, not "javascript:" ones.'],
    ["https://user:pass@hooks.example.com/", "The URL must not contain a user name or password; put a token in the path or query instead."],
    ["https://user@hooks.example.com/", "The URL must not contain a user name or password; put a token in the path or query instead."],
    ["not a url", "This is not a valid URL."],
    ["https://nowhere.example.com/", "nowhere.example.com could not be resolved (ENOTFOUND)."],
    ["https://empty.example.com/", "empty.example.com does not resolve to any address."],
    [`https://hooks.example.com/${"a".repeat(2000)}`, "The URL is longer than 2000 characters."],
  ])("refuses %s", async (url, reason) => {
    expect(await check(url)).toEqual({ ok: false, reason });
  });

  it("lets an admin allow private targets, but not other schemes or credentials", async () => {
    expect(await check("https://internal.example.com/hook", true)).toEqual({ ok: true, addresses: ["10.0.0.5"] });
    expect(await check("http://127.0.0.1:9000/", true)).toEqual({ ok: true, addresses: ["127.0.0.1"] });
    expect((await check("https://u:p@internal.example.com/", true)).ok).toBe(false);
    expect((await check("gopher://internal.example.com/", true)).ok).toBe(false);
  });
});

/** A resolver answering every name with these addresses. */
const resolveTo =
  (...addresses: string[]): LookupAllCallback =>
  (_hostname, _options, callback) =>
    callback(
      null,
      addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 })),
    );

describe("guardedLookup", () => {
  const call = (lookup: ReturnType<typeof guardedLookup>, options: { all?: boolean }) =>
    new Promise<{ err: NodeJS.ErrnoException | null; address: unknown; family?: number }>((resolve) =>
      lookup("hooks.example.com", options, (err, address, family) => resolve({ err, address, family })),
    );

  it("answers both the single-address and the all-addresses form", async () => {
    const lookup = guardedLookup(false, resolveTo("93.184.216.34", "2606:4700::1"));
    expect(await call(lookup, {})).toEqual({ err: null, address: "93.184.216.34", family: 4 });
    expect(await call(lookup, { all: true })).toMatchObject({
      err: null,
      address: [
        { address: "93.184.216.34", family: 4 },
        { address: "2606:4700::1", family: 6 },
      ],
    });
  });

  it("refuses when any address is not public, naming it", async () => {
    const { err } = await call(guardedLookup(false, resolveTo("93.184.216.34", "10.1.2.3")), { all: true });
    expect(err?.code).toBe(BLOCKED_ADDRESS_CODE);
    expect(err?.message).toContain("hooks.example.com resolves to 10.1.2.3, a private address");
  });

  it("lets private addresses through when allowed, and passes resolver errors on", async () => {
    expect(await call(guardedLookup(true, resolveTo("10.1.2.3")), {})).toEqual({ err: null, address: "10.1.2.3", family: 4 });
    const failing: LookupAllCallback = (_h, _o, cb) => cb(Object.assign(new Error("nope"), { code: "ENOTFOUND" }), []);
    expect((await call(guardedLookup(false, failing), {})).err?.code).toBe("ENOTFOUND");
    expect((await call(guardedLookup(false, resolveTo()), {})).err?.code).toBe("ENOTFOUND");
  });

  // Through undici and node:net for real, against a server on this machine's loopback:
  // the name "rebinding.test" resolves to 127.0.0.1 only at connect time.
  describe("with undici", () => {
    let server: Server;
    let port: number;
    beforeAll(async () => {
      server = createServer((_req, res) => res.end("reached"));
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      port = (server.address() as AddressInfo).port;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    const send = async (allowPrivate: boolean) => {
      const dispatcher = new Agent({ connect: { lookup: guardedLookup(allowPrivate, resolveTo("127.0.0.1")) } });
      try {
        const res = await request(`http://rebinding.test:${port}/`, { dispatcher, method: "POST", body: "{}" });
        return await res.body.text();
      } finally {
        await dispatcher.close();
      }
    };

    it("refuses to connect when the name resolves to loopback", async () => {
      await expect(send(false)).rejects.toMatchObject({ code: BLOCKED_ADDRESS_CODE });
    });

    it("connects when private targets are allowed", async () => {
      expect(await send(true)).toBe("reached");
    });
  });
});

describe("metadataAddressLabel (what probes may not reach unless an admin allows it)", () => {
  it.each([
    ["169.254.169.254", /link-local/],
    ["169.254.0.23", /link-local/],
    ["100.100.100.200", /Alibaba/],
    ["192.0.0.192", /Oracle/],
    ["fe80::1", /link-local/],
    ["fe80::1%eth0", /link-local/],
    ["fd00:ec2::254", /AWS/],
    ["::ffff:169.254.169.254", /link-local/],
    ["::ffff:a9fe:a9fe", /link-local/],
    ["64:ff9b::a9fe:a9fe", /link-local/],
    ["2002:a9fe:a9fe::1", /link-local/],
  ])("%s is refused", (ip, label) => expect(metadataAddressLabel(ip)).toMatch(label));

  it.each(["127.0.0.1", "10.0.0.5", "192.168.1.10", "172.16.0.1", "100.100.100.201", "::1", "fd00:ec2::253", "fd12::1", "93.184.216.34", "not-an-ip"])(
    "%s is not (private networks are what internal services use)",
    (ip) => expect(metadataAddressLabel(ip)).toBeNull(),
  );

  it("probeLookup refuses a name resolving to a metadata address and passes others", async () => {
    const call = (lookup: ReturnType<typeof probeLookup>) =>
      new Promise<{ err: NodeJS.ErrnoException | null; address: unknown }>((resolve) =>
        lookup("metadata.internal", {}, (err, address) => resolve({ err, address })),
      );
    const refused = await call(probeLookup(resolveTo("10.0.0.1", "169.254.169.254")));
    expect(refused.err?.code).toBe(METADATA_ADDRESS_CODE);
    expect(refused.err?.message).toMatch(/metadata\.internal resolves to 169\.254\.169\.254, .*an admin can allow these addresses in Settings/);
    expect(await call(probeLookup(resolveTo("10.0.0.1")))).toEqual({ err: null, address: "10.0.0.1" });
  });
});
