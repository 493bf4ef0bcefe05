import { describe, expect, it } from "vitest";
import { consoleReturnPath, withReturnPath } from "./return-path";

describe("consoleReturnPath", () => {
  it.each([
    ["/console/team", "/console/team"],
    ["/console", "/console"],
    ["/console?x=1", "/console?x=1"],
    ["https://evil.example/console", "/console"],
    ["//evil.example/console", "/console"],
    ["/console//evil.example", "/console"],
    ["/consoles", "/console"],
    ["/console\\evil", "/console"],
    [null, "/console"],
  ])("%s → %s", (next, path) => expect(consoleReturnPath(next)).toBe(path));
});

describe("withReturnPath", () => {
  it.each([
    ["/login", "/console/incidents/new", "/login?next=%2Fconsole%2Fincidents%2Fnew"],
    ["/mfa/verify", "/console/incidents/abc?tab=log", "/mfa/verify?next=%2Fconsole%2Fincidents%2Fabc%3Ftab%3Dlog"],
    ["/login", "/console", "/login"],
    ["/login", "https://evil.example/", "/login"],
    ["/login", null, "/login"],
  ])("%s with %s → %s", (path, next, url) => expect(withReturnPath(path, next)).toBe(url));
});
