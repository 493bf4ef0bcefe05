import { describe, expect, it } from "vitest";
import { challengeUsable, counterAccepted, decodeTransports, encodeTransports, relyingPartyFor, userHandleFor, userHandleMatches } from "./passkeys";
import { hostCookieFor } from "./sessions";

describe("relyingPartyFor", () => {
  it.each([
    ["http://localhost:3100", { id: "localhost", origin: "http://localhost:3100" }],
    ["https://status.example.com", { id: "status.example.com", origin: "https://status.example.com" }],
    ["https://example.com/status/", { id: "example.com", origin: "https://example.com" }],
    ["https://Status.Example.com:8443", { id: "status.example.com", origin: "https://status.example.com:8443" }],
    ["", null],
    ["status.example.com", null],
    ["ftp://example.com", null],
  ])("%s → %o", (url, rp) => expect(relyingPartyFor(url)).toEqual(rp));
});

describe("counterAccepted", () => {
  it.each([
    [0, 0, true], // an authenticator without a counter (most synced passkeys)
    [0, 1, true],
    [5, 6, true],
    [5, 100, true], // used elsewhere in between: fine, it only moves forward
    [5, 5, false], // stood still: a copy answered
    [5, 4, false],
    [5, 0, false], // a counting key that suddenly sends 0
    [4_294_967_294, 4_294_967_295, true],
  ])("stored %i, received %i → %s", (stored, received, ok) => expect(counterAccepted(stored, received)).toBe(ok));
});

describe("challengeUsable", () => {
  const now = new Date("2026-12-02T10:00:00Z");
  const row = { purpose: "sign_in", userId: null, expiresAt: new Date(now.getTime() + 1000) };
  it.each([
    ["the same purpose and person, in time", row, true],
    ["expired", { ...row, expiresAt: now }, false],
    ["another purpose", { ...row, purpose: "second_factor" }, false],
    ["someone's own challenge, for a passwordless sign-in", { ...row, userId: "u1" }, false],
  ])("%s", (_label, candidate, ok) => expect(challengeUsable(candidate, { purpose: "sign_in", userId: null }, now)).toBe(ok));
});

describe("transports", () => {
  it("keeps the known ones once, and reads them back", () => {
    const column = encodeTransports(["internal", "hybrid", "internal", "telepathy", "usb"]);
    expect(column).toBe("internal,hybrid,usb");
    expect(decodeTransports(column)).toEqual(["internal", "hybrid", "usb"]);
    expect(decodeTransports("")).toEqual([]);
    expect(encodeTransports(undefined)).toBe("");
  });
});

describe("user handles", () => {
  it("name the user whose id they carry; an absent one names nobody in particular", () => {
    const handle = Buffer.from(userHandleFor("cuid123")).toString("base64url");
    expect(userHandleMatches(handle, "cuid123")).toBe(true);
    expect(userHandleMatches(handle, "cuid124")).toBe(false);
    expect(userHandleMatches(undefined, "cuid123")).toBe(true);
  });
});

describe("hostCookieFor", () => {
  it.each([
    ["https://status.example.com", "__Host-vigil_webauthn", true],
    ["http://localhost:3100", "vigil_webauthn", false],
  ])("%s → %s (Secure %s)", (url, name, secure) => expect(hostCookieFor("vigil_webauthn", url)).toEqual({ name, secure }));
});
