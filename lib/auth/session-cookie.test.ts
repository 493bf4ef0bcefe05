import { describe, expect, it } from "vitest";
import { parseEnv } from "../env";
import { hostCookieFor, SECURE_SESSION_COOKIE, sessionCookieFor } from "./sessions";

describe("sessionCookieFor", () => {
  it.each([
    ["https://status.example.com", "__Host-vigil_session", true],
    ["http://localhost:3000", "vigil_session", false],
    ["", "vigil_session", false],
  ])("%s → %s (Secure %s)", (url, name, secure) => expect(sessionCookieFor(url)).toEqual({ name, secure }));

  it("is the rule for the single sign-on's state cookie too", () => {
    expect(sessionCookieFor("https://x").name).toBe(SECURE_SESSION_COOKIE);
    expect(hostCookieFor("vigil_oidc_state", "https://status.example.com")).toEqual({ name: "__Host-vigil_oidc_state", secure: true });
    expect(hostCookieFor("vigil_oidc_state", "http://localhost:3000")).toEqual({ name: "vigil_oidc_state", secure: false });
  });
});

describe("PUBLIC_URL", () => {
  it("takes an http(s) URL and names itself when given anything else", () => {
    expect(parseEnv({ PUBLIC_URL: "https://status.example.com" }).PUBLIC_URL).toBe("https://status.example.com");
    expect(() => parseEnv({ PUBLIC_URL: "ftp://status.example.com" })).toThrow(/Invalid PUBLIC_URL: expected an http:\/\/ or https:\/\/ URL/);
    expect(() => parseEnv({ PUBLIC_URL: "status.example.com" })).toThrow(/Invalid PUBLIC_URL/);
  });
});
