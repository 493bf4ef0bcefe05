import { type ListQuery, clampPage, matchesSearch, pageCount } from "./paging";

// The components page as pages of a flat list (pure): ungrouped components and groups in
// page order, each group's components after it. A page holds `size` components (an empty
// group counts as one), so no page renders more than that however large the page grows;
// a group split across two pages shows on both, marked as continued.

export interface TreeGroup {
  id: string;
  name: string;
  position: number;
}

export interface TreeComponent {
  id: string;
  name: string;
  slug: string;
  groupId: string | null;
  position: number;
}

export type TreeItem =
  | { kind: "component"; id: string }
  | {
      kind: "group";
      id: string;
      /** The group's components on this page, in order. */
      componentIds: string[];
      /** The group's components in all (those matching the search, when there is one). */
      total: number;
      /** Its first components are on the previous page. */
      continued: boolean;
      /** Its last components are on the next page. */
      continues: boolean;
    };

export interface TreePage {
  items: TreeItem[];
  page: number;
  pages: number;
  /** Components matching the search (every component without one). */
  matches: number;
}

interface Unit {
  groupId: string | null;
  componentId: string | null;
}

export function pageComponentTree(groups: readonly TreeGroup[], components: readonly TreeComponent[], query: ListQuery, size: number): TreePage {
  const byPosition = <T extends { position: number }>(rows: readonly T[]) => [...rows].sort((a, b) => a.position - b.position);
  const groupIds = new Set(groups.map((g) => g.id));
  const members = new Map<string, TreeComponent[]>();
  const top: ({ group: TreeGroup } | { component: TreeComponent })[] = [];
  for (const c of byPosition(components)) {
    if (c.groupId !== null && groupIds.has(c.groupId)) {
      const list = members.get(c.groupId) ?? [];
      list.push(c);
      members.set(c.groupId, list);
    } else if (matchesSearch(query.q, c.name, c.slug)) {
      top.push({ component: c });
    }
  }
  // Ungrouped components before groups at the same position, as the page has always listed them.
  const ordered = [...top, ...groups.map((group) => ({ group }))].sort(
    (a, b) => ("group" in a ? a.group.position : a.component.position) - ("group" in b ? b.group.position : b.component.position),
  );

  const units: Unit[] = [];
  const totals = new Map<string, number>();
  let matches = 0;
  for (const item of ordered) {
    if ("component" in item) {
      units.push({ groupId: null, componentId: item.component.id });
      matches++;
      continue;
    }
    const { group } = item;
    const all = members.get(group.id) ?? [];
    // A group whose name matches shows all its components.
    const shown = matchesSearch(query.q, group.name) ? all : all.filter((c) => matchesSearch(query.q, c.name, c.slug));
    if (query.q !== "" && shown.length === 0 && !matchesSearch(query.q, group.name)) continue;
    totals.set(group.id, shown.length);
    matches += shown.length;
    if (shown.length === 0) units.push({ groupId: group.id, componentId: null });
    for (const c of shown) units.push({ groupId: group.id, componentId: c.id });
  }

  const page = clampPage(query.page, units.length, size);
  const start = (page - 1) * size;
  const slice = units.slice(start, start + size);
  const items: TreeItem[] = [];
  for (const [i, unit] of slice.entries()) {
    if (unit.groupId === null) {
      items.push({ kind: "component", id: unit.componentId! });
      continue;
    }
    let group = items.at(-1);
    if (group?.kind !== "group" || group.id !== unit.groupId) {
      const continued = i === 0 && units[start - 1]?.groupId === unit.groupId;
      group = { kind: "group", id: unit.groupId, componentIds: [], total: totals.get(unit.groupId) ?? 0, continued, continues: false };
      items.push(group);
    }
    if (unit.componentId !== null) group.componentIds.push(unit.componentId);
    group.continues = i === slice.length - 1 && units[start + size]?.groupId === unit.groupId;
  }
  return { items, page, pages: pageCount(units.length, size), matches };
}
