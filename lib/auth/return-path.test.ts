import { describe, expect, it } from "vitest";
import { consoleReturnPath } from "./return-path";

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
