import { describe, expect, it } from "vitest";
import { securityHeaders } from "./security-headers";

describe("securityHeaders", () => {
  it.each([
    ["/", false],
    ["/incidents/abc", false],
    ["/embed.js", false],
    ["/badge.svg", false],
    ["/console", true],
    ["/console/team", true],
    ["/login", true],
    ["/mfa/verify", true],
    ["/setup", true],
    ["/api/manage/v1/incidents", true],
    ["/consoles", false],
  ])("%s: framing refused %s", (path, staff) => {
    const headers = securityHeaders(path);
    expect(headers["X-Content-Type-Options"]).toBe("nosniff");
    expect(headers["Referrer-Policy"]).toBe("strict-origin-when-cross-origin");
    expect(headers["X-Frame-Options"] === "DENY").toBe(staff);
    expect(headers["Content-Security-Policy"] === "frame-ancestors 'none'").toBe(staff);
  });
});

describe("HSTS", () => {
  it.each([
    [true, "max-age=63072000"],
    [false, undefined],
  ])("https public URL %s → %s", (https, value) => {
    expect(securityHeaders("/", { https })["Strict-Transport-Security"]).toBe(value);
    expect(securityHeaders("/console", { https })["Strict-Transport-Security"]).toBe(value);
  });
});
