import { describe, expect, it } from "vitest";
import { blankNpmBanner, formatIssue, formatPath, readConfigSource } from "./source";

const text = `version: 1
components:
  - key: web
    name: Web
  - key: api
    name: API
    colour: red
probes:
  - name: API
    check:
      kind: http
`;

describe("readConfigSource", () => {
  const source = readConfigSource("vigil.yaml", text);

  it.each<[string, (string | number)[], string | undefined, [number, number]]>([
    ["a value", ["components", 1, "name"], undefined, [6, 11]],
    ["an entry", ["components", 1], undefined, [5, 5]],
    ["an unknown key, at the key", ["components", 1], "colour", [7, 5]],
    ["a nested value", ["probes", 0, "check", "kind"], undefined, [11, 13]],
    ["a missing field, at its parent", ["probes", 0, "schedule"], undefined, [9, 5]],
    ["the file", [], undefined, [1, 1]],
  ])("locates %s", (_name, path, key, [line, column]) => {
    expect(source.locate({ path, key, message: "m" })).toMatchObject({ line, column });
  });

  it("formats an issue as file:line:column path: message", () => {
    const issue = source.locate({ path: ["components", 1], key: "colour", message: 'unknown key "colour"' });
    expect(formatIssue("vigil.yaml", issue)).toBe('vigil.yaml:7:5 components[1].colour: unknown key "colour"');
  });

  it("reports a key given twice, by line and name", () => {
    const dup = readConfigSource("f.yaml", "version: 1\ncomponents:\n  - key: a\n    key: b\n");
    expect(dup.value).toBeUndefined();
    expect(dup.syntaxErrors.map((e) => formatIssue("f.yaml", e))).toEqual(["f.yaml:4:5 key is given twice in the same mapping"]);
  });

  it("reports bad syntax with its place", () => {
    const bad = readConfigSource("f.yaml", "version: 1\ncomponents: [\n");
    expect(bad.syntaxErrors.length).toBeGreaterThan(0);
    expect(bad.syntaxErrors[0]!.line).toBeGreaterThanOrEqual(2);
  });

  it("reads past npm's banner, keeping line numbers", () => {
    const banner = "\n> vigil@0.1.0 vigil\n> tsx scripts/vigil.ts export\n\n";
    expect(blankNpmBanner(`${banner}version: 1\n`)).toBe("\n\n\n\nversion: 1\n");
    const read = readConfigSource("f.yaml", `${banner}version: 1\nfoo: 2\n`);
    expect(read.value).toEqual({ version: 1, foo: 2 });
    expect(read.locate({ path: [], key: "foo", message: "m" }).line).toBe(6);
    expect(blankNpmBanner("> quoted: yes\n")).toBe("> quoted: yes\n");
  });
});

describe("formatPath", () => {
  it.each<[(string | number)[], string]>([
    [["components", 2, "status"], "components[2].status"],
    [["settings", "name"], "settings.name"],
    [[], "(file)"],
  ])("%j → %s", (path, expected) => expect(formatPath(path)).toBe(expected));
});
