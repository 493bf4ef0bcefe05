import { describe, expect, it } from "vitest";
import { pageOrder, type PageItem } from "./page-order";

type C = { id: string; position: number; groupId: string | null };
type G = { id: string; position: number };

const c = (id: string, position: number, groupId: string | null = null): C => ({ id, position, groupId });
const g = (id: string, position: number): G => ({ id, position });

/** "a" for a component, "G[x y]" for a group and its components. */
const show = (items: PageItem<C, G>[]) =>
  items.map((i) => (i.type === "component" ? i.component.id : `${i.group.id}[${i.components.map((x) => x.id).join(" ")}]`));

describe("pageOrder", () => {
  it.each<[string, G[], C[], string[]]>([
    ["nothing", [], [], []],
    ["top-level components by position", [], [c("b", 1), c("a", 0)], ["a", "b"]],
    ["groups and components interleaved by position", [g("G", 1)], [c("a", 0), c("b", 2), c("x", 0, "G")], ["a", "G[x]", "b"]],
    ["a group's components by their own position", [g("G", 0)], [c("y", 1, "G"), c("x", 0, "G")], ["G[x y]"]],
    ["an empty group", [g("E", 3)], [c("a", 0)], ["a", "E[]"]],
    ["a component before a group on a tie", [g("G", 1)], [c("x", 0, "G"), c("a", 1)], ["a", "G[x]"]],
    ["input order on other ties", [g("H", 1), g("G", 1)], [c("b", 0), c("a", 0), c("x", 0, "G"), c("y", 0, "H")], ["b", "a", "H[y]", "G[x]"]],
    ["a component of an unknown group left out", [], [c("a", 0), c("z", 0, "gone")], ["a"]],
  ])("%s", (_label, groups, components, expected) => {
    expect(show(pageOrder(groups, components))).toEqual(expected);
  });

  it("returns the caller's rows, not copies", () => {
    const a = c("a", 0);
    const [item] = pageOrder([], [a]);
    expect(item).toEqual({ type: "component", component: a });
    expect(item?.type === "component" && item.component).toBe(a);
  });
});
