// The order the status page lists components in, as one pure rule: the public page and
// the Statuspage API must agree on it.

interface Positioned {
  position: number;
}

/** One top-level entry of the page: a component outside any group, or a group with its components. */
export type PageItem<C, G> = { type: "component"; component: C } | { type: "group"; group: G; components: C[] };

const byPosition = <T extends Positioned>(rows: readonly T[]): T[] => [...rows].sort((a, b) => a.position - b.position);

/**
 * Top-level components and groups share one position space; on a tie a component comes
 * before a group, and otherwise the input order holds (the sort is stable). Each group's
 * components follow by their position within it. Components whose group is not in
 * `groups` are left out, as the page cannot place them.
 */
export function pageOrder<C extends Positioned & { groupId: string | null }, G extends Positioned & { id: string }>(
  groups: readonly G[],
  components: readonly C[],
): PageItem<C, G>[] {
  const top: (Positioned & { item: PageItem<C, G> })[] = [
    ...components.filter((c) => c.groupId === null).map((c) => ({ position: c.position, item: { type: "component" as const, component: c } })),
    ...groups.map((g) => ({
      position: g.position,
      item: { type: "group" as const, group: g, components: byPosition(components.filter((c) => c.groupId === g.id)) },
    })),
  ];
  return byPosition(top).map((t) => t.item);
}
