import { describe, expect, it } from "vitest";
import { parseEnv } from "../env";
import { sessionCookieFor } from "./sessions";

describe("sessionCookieFor", () => {
  it.each([
    ["https://status.example.com", "__Host-vigil_session", true],
    ["http://localhost:3000", "vigil_session", false],
    ["", "vigil_session", false],
  ])("%s → %s (Secure %s)", (url, name, secure) => expect(sessionCookieFor(url)).toEqual({ name, secure }));
});

describe("PUBLIC_URL", () => {
  it("takes an http(s) URL and names itself when given anything else", () => {
    expect(parseEnv({ PUBLIC_URL: "https://status.example.com" }).PUBLIC_URL).toBe("https://status.example.com");
    expect(() => parseEnv({ PUBLIC_URL: "ftp://status.example.com" })).toThrow(/Invalid PUBLIC_URL: expected an http:\/\/ or https:\/\/ URL/);
    expect(() => parseEnv({ PUBLIC_URL: "status.example.com" })).toThrow(/Invalid PUBLIC_URL/);
  });
});
