import { describe, expect, it } from "vitest";
import { checkImports, folderCycles, libFolder, type Layer } from "./layer-graph";

const layers: Record<string, Layer> = { db: "base", status: "domain", incidents: "domain", public: "read-model", feeds: "presenter", badges: "presenter" };
const rules = (imports: [string, string][]) =>
  checkImports(
    imports.map(([from, to]) => ({ from, to })),
    layers,
  ).map((v) => v.rule);

describe("libFolder", () => {
  it.each([
    ["lib/db.ts", "db"],
    ["lib/probes/checks/run.ts", "probes"],
    ["lib/public/snapshot.ts", "public"],
    ["app/page.tsx", null],
    ["scripts/start.ts", null],
  ])("%s → %s", (file, folder) => expect(libFolder(file)).toBe(folder));
});

describe("folderCycles", () => {
  it("finds a cycle through several folders and nothing in a DAG", () => {
    const graph = (pairs: [string, string][]) => {
      const edges = new Map<string, Set<string>>();
      for (const [a, b] of pairs) edges.set(a, (edges.get(a) ?? new Set()).add(b));
      return edges;
    };
    expect(
      folderCycles(
        graph([
          ["a", "b"],
          ["b", "c"],
          ["c", "a"],
          ["c", "d"],
        ]),
      ),
    ).toEqual([["a", "b", "c"]]);
    expect(
      folderCycles(
        graph([
          ["a", "b"],
          ["b", "c"],
          ["a", "c"],
        ]),
      ),
    ).toEqual([]);
  });
});

describe("checkImports", () => {
  it.each<[string, [string, string][], string[]]>([
    ["a domain importing base is fine", [["lib/status/rules.ts", "lib/db.ts"]], []],
    ["within one folder is fine", [["lib/public/a.ts", "lib/public/b.ts"]], []],
    ["a domain importing a read model breaks the layers", [["lib/incidents/x.ts", "lib/public/snapshot.ts"]], ["layer"]],
    ["a presenter importing the read model is fine", [["lib/feeds/x.ts", "lib/public/snapshot.ts"]], []],
    ["presenters never import each other", [["lib/feeds/x.ts", "lib/badges/y.ts"]], ["presenter-sibling"]],
    [
      "two domains importing each other are a cycle",
      [
        ["lib/status/a.ts", "lib/incidents/b.ts"],
        ["lib/incidents/c.ts", "lib/status/d.ts"],
      ],
      ["cycle"],
    ],
    ["only lib/db.ts may import the generated clients", [["lib/subscribers/q.ts", "lib/generated/sqlite/client.ts"]], ["generated-client"]],
    ["lib/db.ts may", [["lib/db.ts", "lib/generated/sqlite/client.ts"]], []],
    ["a folder without a layer is reported", [["lib/newthing/a.ts", "lib/db.ts"]], ["unknown-folder"]],
  ])("%s", (_name, imports, expected) => expect(rules(imports)).toEqual(expected));
});
