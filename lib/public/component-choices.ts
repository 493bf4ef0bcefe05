import type { PublicSnapshot } from "./types";

/** The page's components as choices for a subscription form, grouped as on the page. */
export function componentChoices(snapshot: Pick<PublicSnapshot, "items">): { group: string | null; components: { id: string; name: string }[] }[] {
  return snapshot.items.map((item) =>
    item.type === "group"
      ? { group: item.group.name, components: item.group.components.map(({ id, name }) => ({ id, name })) }
      : { group: null, components: [{ id: item.component.id, name: item.component.name }] },
  );
}
