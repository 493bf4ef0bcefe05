import { describe, expect, it } from "vitest";
import { checkJsonAssertion, parseJsonPath, readJsonPath, type JsonAssertion } from "./json-path";

describe("parseJsonPath", () => {
  it.each([
    ["$", []],
    ["$.status", ["status"]],
    ["$.data.items[0].name", ["data", "items", 0, "name"]],
    ['$["display name"]', ["display name"]],
    ["$['it\\'s']", ["it's"]],
    ['$["a\\"b"][12]', ['a"b', 12]],
    ["$.a-b._c$", ["a-b", "_c$"]],
    ["$[0][1]", [0, 1]],
  ])("%s", (path, segments) => {
    expect(parseJsonPath(path)).toEqual(segments);
  });

  it.each([
    ["status", "must start with $"],
    ["$.", "empty or invalid key"],
    ["$..a", "empty or invalid key"],
    ["$[", "invalid [...]"],
    ["$[-1]", "invalid [...]"],
    ["$[*]", "invalid [...]"],
    ['$["open]', "invalid [...]"],
    ["$x", 'unexpected "x"'],
  ])("rejects %s", (path, message) => {
    expect(parseJsonPath(path)).toContain(message);
  });
});

describe("readJsonPath", () => {
  const doc = { a: { b: [10, { c: null }] }, list: [] };
  it.each([
    [["a", "b", 0], { found: true, value: 10 }],
    [["a", "b", 1, "c"], { found: true, value: null }],
    [["a", "b", 2], { found: false }],
    [["a", "x"], { found: false }],
    [["a", 0], { found: false }],
    [["list", "length"], { found: false }],
    [["constructor"], { found: false }],
    [[], { found: true, value: doc }],
  ] as const)("%j", (segments, expected) => {
    expect(readJsonPath(doc, segments)).toEqual(expected);
  });
});

describe("checkJsonAssertion", () => {
  const doc = { status: "ok", count: 12, tags: ["a", "b"], healthy: true, note: null, version: "1.2.3" };
  it.each<[JsonAssertion, string | null]>([
    [{ path: "$.status", op: "==", value: "ok" }, null],
    [{ path: "$.status", op: "==", value: "down" }, 'Expected $.status == "down", got a different string'],
    [{ path: "$.count", op: "==", value: "12" }, 'Expected $.count == "12", got a number'],
    [{ path: "$.healthy", op: "==", value: true }, null],
    [{ path: "$.note", op: "==", value: null }, null],
    [{ path: "$.status", op: "!=", value: "down" }, null],
    [{ path: "$.status", op: "!=", value: "ok" }, 'Expected $.status != "ok", got exactly that'],
    [{ path: "$.count", op: "<", value: 20 }, null],
    [{ path: "$.count", op: "<", value: 12 }, "Expected $.count < 12, got a number not below it"],
    [{ path: "$.count", op: ">", value: 11 }, null],
    [{ path: "$.status", op: ">", value: 1 }, "Expected $.status > 1, got a string"],
    [{ path: "$.version", op: "contains", value: "1.2" }, null],
    [{ path: "$.tags", op: "contains", value: "b" }, null],
    [{ path: "$.tags", op: "contains", value: "c" }, 'Expected $.tags contains "c", got an array of 2 items'],
    [{ path: "$.count", op: "contains", value: 1 }, "Expected $.count contains 1, got a different number"],
    [{ path: "$.note", op: "exists" }, null],
    [{ path: "$.missing", op: "exists" }, "Expected $.missing to exist, but there is no value at $.missing"],
    [{ path: "$.missing", op: "!=", value: "x" }, 'Expected $.missing != "x", but there is no value at $.missing'],
    [{ path: "status", op: "exists" }, 'Invalid path "status" must start with $'],
    // The response's content never comes back in the message (it may be an internal secret).
    [{ path: "$.token", op: "==", value: "x" }, 'Expected $.token == "x", but there is no value at $.token'],
  ])("%j", (assertion, expected) => {
    expect(checkJsonAssertion(doc, assertion)).toBe(expected);
  });

  it("never quotes the response's value, however long (it may be a secret from an internal service)", () => {
    const message = checkJsonAssertion({ text: `token-${"x".repeat(500)}` }, { path: "$.text", op: "==", value: "y" });
    expect(message).toBe('Expected $.text == "y", got a different string');
    expect(message).not.toContain("token");
  });
});
