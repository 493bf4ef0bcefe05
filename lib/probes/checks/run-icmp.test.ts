import { describe, expect, it } from "vitest";
import { IcmpCheck } from "./config";
import { icmpAvailability, parsePingTime, runIcmp } from "./run-icmp";

describe("ICMP ping", () => {
  it.each([
    ["64 bytes from 127.0.0.1: icmp_seq=1 ttl=64 time=0.045 ms", 0.045],
    ["64 bytes from 10.0.0.1: icmp_seq=1 ttl=63 time=12.3 ms", 12.3],
    ["64 bytes from ::1: icmp_seq=1 ttl=64 time<1 ms", 1],
    ["1 packets transmitted, 0 received, 100% packet loss", null],
  ])("reads the round trip from %j", (output, ms) => {
    expect(parsePingTime(output)).toBe(ms);
  });

  it("says once whether this process may ping, and a check says why not when it may not", async () => {
    const availability = await icmpAvailability();
    expect(await icmpAvailability()).toBe(availability);
    const result = await runIcmp(IcmpCheck.parse({ kind: "icmp", host: "127.0.0.1", timeoutMs: 2000 }), { region: "eu" });
    if (availability.available) {
      expect(result).toMatchObject({ outcome: "ok", errorClass: null });
      expect(result.message).toMatch(/^Reply from 127\.0\.0\.1 in /);
    } else {
      expect(availability.reason.length).toBeGreaterThan(10);
      expect(result).toMatchObject({ outcome: "failed", errorClass: "internal_error", message: `ICMP ping is unavailable: ${availability.reason}` });
    }
  });

  it("refuses a metadata address before anything else", async () => {
    const result = await runIcmp(IcmpCheck.parse({ kind: "icmp", host: "169.254.169.254" }), { region: "eu" });
    expect(result).toMatchObject({ outcome: "failed", errorClass: "blocked_target" });
  });
});
