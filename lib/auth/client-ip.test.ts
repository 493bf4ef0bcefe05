import { describe, expect, it } from "vitest";
import { clientAddress } from "./client-ip";

describe("clientAddress", () => {
  it.each<[string, string | null, number, string]>([
    ["no proxy trusted: the socket, whatever the header says", "198.51.100.9", 0, "10.0.0.2"],
    ["one proxy: the entry it appended (the rightmost)", "198.51.100.9", 1, "198.51.100.9"],
    ["one proxy: a client-written entry on the left is ignored", "6.6.6.6, 198.51.100.9", 1, "198.51.100.9"],
    ["two proxies: the second entry from the right", "6.6.6.6, 198.51.100.9, 10.0.0.7", 2, "198.51.100.9"],
    ["fewer entries than hops: the leftmost known", "198.51.100.9", 3, "198.51.100.9"],
    ["no header behind a proxy: the socket", null, 1, "10.0.0.2"],
    ["not an address: the socket", "not-an-ip", 1, "10.0.0.2"],
    ["IPv6 entries", "2001:db8::1", 1, "2001:db8::1"],
    ["several headers joined", "6.6.6.6, 203.0.113.4", 1, "203.0.113.4"],
  ])("%s", (_name, forwardedFor, trustedHops, expected) => {
    expect(clientAddress({ socketAddress: "10.0.0.2", forwardedFor, trustedHops })).toBe(expected);
  });
});
