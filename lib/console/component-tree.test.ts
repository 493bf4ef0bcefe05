import { describe, expect, it } from "vitest";
import { pageComponentTree, type TreeComponent, type TreeGroup } from "./component-tree";

// Page order: api (0), group Edge (1: cdn, dns, waf), mail (2), group Empty (3), group Data (4: db, cache).
const groups: TreeGroup[] = [
  { id: "g-edge", name: "Edge", position: 1 },
  { id: "g-empty", name: "Empty", position: 3 },
  { id: "g-data", name: "Data", position: 4 },
];
const c = (id: string, groupId: string | null, position: number, name = id): TreeComponent => ({ id, name, slug: id, groupId, position });
const components: TreeComponent[] = [
  c("mail", null, 2, "Email relay"),
  c("waf", "g-edge", 2),
  c("api", null, 0, "Public API"),
  c("cdn", "g-edge", 0),
  c("dns", "g-edge", 1),
  c("db", "g-data", 0, "Primary database"),
  c("cache", "g-data", 1),
];

const shape = (page: ReturnType<typeof pageComponentTree>) =>
  page.items.map((i) => (i.kind === "component" ? i.id : `${i.id}[${i.componentIds.join(",")}]${i.continued ? "<" : ""}${i.continues ? ">" : ""}/${i.total}`));

describe("pageComponentTree", () => {
  it.each([
    ["everything on one page", { q: "", page: 1 }, 50, ["api", "g-edge[cdn,dns,waf]/3", "mail", "g-empty[]/0", "g-data[db,cache]/2"], 1, 7],
    ["page 1 of 3 splits a group", { q: "", page: 1 }, 3, ["api", "g-edge[cdn,dns]>/3"], 3, 7],
    ["page 2 continues it", { q: "", page: 2 }, 3, ["g-edge[waf]</3", "mail", "g-empty[]/0"], 3, 7],
    ["page 3", { q: "", page: 3 }, 3, ["g-data[db,cache]/2"], 3, 7],
    ["a page past the end shows the last", { q: "", page: 9 }, 3, ["g-data[db,cache]/2"], 3, 7],
    ["search by component name", { q: "relay", page: 1 }, 50, ["mail"], 1, 1],
    ["search by slug inside a group", { q: "dns", page: 1 }, 50, ["g-edge[dns]/1"], 1, 1],
    ["a group's name shows all of it", { q: "edge", page: 1 }, 50, ["g-edge[cdn,dns,waf]/3"], 1, 3],
    ["an empty group found by name", { q: "empty", page: 1 }, 50, ["g-empty[]/0"], 1, 0],
    ["case and accents ignored", { q: "PRÍMARY", page: 1 }, 50, ["g-data[db]/1"], 1, 1],
    ["no match", { q: "nothing", page: 1 }, 50, [], 1, 0],
  ])("%s", (_, query, size, items, pages, matches) => {
    const page = pageComponentTree(groups, components, query, size);
    expect(shape(page)).toEqual(items);
    expect(page.pages).toBe(pages);
    expect(page.matches).toBe(matches);
  });

  it("lists an ungrouped component before a group at the same position", () => {
    const page = pageComponentTree([{ id: "g", name: "G", position: 0 }], [c("x", "g", 0), c("y", null, 0)], { q: "", page: 1 }, 50);
    expect(shape(page)).toEqual(["y", "g[x]/1"]);
  });

  it("lists a component whose group is gone as ungrouped", () => {
    const page = pageComponentTree([], [c("x", "gone", 0)], { q: "", page: 1 }, 50);
    expect(shape(page)).toEqual(["x"]);
  });
});
