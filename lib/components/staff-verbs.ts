import { recordAudit } from "../audit/record";
import { assertCan, type StaffContext } from "../auth/staff";
import { inTransaction, type DbOrTx } from "../db";
import { InvalidInputError, NotFoundError } from "../errors";
import { bumpRevision } from "../page/revision";
import type { ComponentStatus } from "../status/schemas";
import { CreateComponentInput, GroupInput, PageOrderInput, SetStatusInput, UpdateComponentInput } from "./schemas";
import { setManualStatus } from "./set-component-status";

// Staff changes to components: authorised, audited, and visible on the public page at once.
// Input is parsed here, once, with ./schemas.ts.

/** A status set by hand: it wins over probes until cleared (maintenance in progress still shows). */
export async function setStatusByStaff(db: DbOrTx, staff: StaffContext, raw: SetStatusInput, now = new Date()) {
  assertCan(staff, "components:write");
  const input = SetStatusInput.parse(raw);
  return setManualLayer(db, staff, input.componentId, input.status, now);
}

/** Clears the status set by hand: probes (or Operational, without probes) decide again. */
export async function clearStatusOverride(db: DbOrTx, staff: StaffContext, componentId: string, now = new Date()) {
  assertCan(staff, "components:write");
  return setManualLayer(db, staff, componentId, null, now);
}

async function setManualLayer(db: DbOrTx, staff: StaffContext, componentId: string, manual: ComponentStatus | null, now: Date) {
  return inTransaction(db, async (tx) => {
    const before = await tx.component.findUnique({ where: { id: componentId }, select: { status: true, manualStatus: true } });
    if (!before) throw new NotFoundError("component");
    const note = manual === null ? `override cleared by ${staff.actor.email}` : `set by ${staff.actor.email}`;
    const changed = await setManualStatus(tx, componentId, manual, { source: "staff", at: now, note });
    const after = await tx.component.findUniqueOrThrow({ where: { id: componentId }, select: { status: true, manualStatus: true } });
    await bumpRevision(tx);
    await recordAudit(tx, staff.actor, {
      action: manual === null ? "component.override_cleared" : "component.status",
      targetType: "component",
      targetId: componentId,
      before,
      after,
    });
    return changed;
  });
}

export function slugify(name: string): string {
  return (
    name
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "")
      .slice(0, 60) || "component"
  );
}

/** The name's slug, with -2, -3… when another component has it. */
export async function uniqueSlug(db: DbOrTx, name: string): Promise<string> {
  const base = slugify(name);
  let slug = base;
  for (let i = 2; await db.component.findUnique({ where: { slug } }); i++) slug = `${base}-${i}`;
  return slug;
}

export async function addComponent(db: DbOrTx, staff: StaffContext, raw: CreateComponentInput, now = new Date()) {
  assertCan(staff, "components:write");
  const input = CreateComponentInput.parse(raw);
  return inTransaction(db, async (tx) => {
    if (input.slug && (await tx.component.findUnique({ where: { slug: input.slug }, select: { id: true } }))) {
      throw new InvalidInputError(`Another component already has the key ${input.slug}.`, { slug: "choose another key" });
    }
    const slug = input.slug ?? (await uniqueSlug(tx, input.name));
    const component = await tx.component.create({
      data: { name: input.name, slug, description: input.description, groupId: input.groupId, position: await nextPosition(tx, input.groupId), startDate: now },
    });
    await bumpRevision(tx);
    await recordAudit(tx, staff.actor, { action: "component.create", targetType: "component", targetId: component.id, after: { ...input, slug } });
    return component;
  });
}

export async function updateComponent(db: DbOrTx, staff: StaffContext, raw: UpdateComponentInput) {
  assertCan(staff, "components:write");
  const { componentId, ...input } = UpdateComponentInput.parse(raw);
  return inTransaction(db, async (tx) => {
    const before = await tx.component.findUnique({ where: { id: componentId } });
    if (!before) throw new NotFoundError("component");
    if (input.groupId && !(await tx.componentGroup.findUnique({ where: { id: input.groupId } }))) {
      throw new InvalidInputError("That group no longer exists.", { groupId: "choose another group" });
    }
    // Moving to another group puts the component at the end of it.
    const position = input.groupId === before.groupId ? before.position : await nextPosition(tx, input.groupId);
    const after = await tx.component.update({ where: { id: componentId }, data: { ...input, position } });
    await bumpRevision(tx);
    await recordAudit(tx, staff.actor, {
      action: "component.edit",
      targetType: "component",
      targetId: componentId,
      before: pick(before, ["name", "description", "groupId", "showUptime", "sloTarget", "sloWindow", "sloPublic"]),
      after: pick(after, ["name", "description", "groupId", "showUptime", "sloTarget", "sloWindow", "sloPublic"]),
    });
    return after;
  });
}

/** Deletes a component with its status history; past incidents keep its name in their updates. */
export async function deleteComponent(db: DbOrTx, staff: StaffContext, componentId: string) {
  assertCan(staff, "components:write");
  return inTransaction(db, async (tx) => {
    const before = await tx.component.findUnique({ where: { id: componentId } });
    if (!before) throw new NotFoundError("component");
    // Subscribers who chose only this component would otherwise fall back to "whole
    // page" (no components left): remove those subscriptions with it.
    const followers = await tx.subscriberComponent.findMany({ where: { componentId }, select: { subscriberId: true } });
    const orphaned = [];
    for (const { subscriberId } of followers) {
      if ((await tx.subscriberComponent.count({ where: { subscriberId } })) === 1) orphaned.push(subscriberId);
    }
    if (orphaned.length) await tx.subscriber.deleteMany({ where: { id: { in: orphaned } } });
    await tx.component.delete({ where: { id: componentId } });
    await bumpRevision(tx);
    await recordAudit(tx, staff.actor, {
      action: "component.delete",
      targetType: "component",
      targetId: componentId,
      before: pick(before, ["name", "slug", "groupId", "status"]),
      after: { subscriptionsRemoved: orphaned.length },
    });
  });
}

export async function createGroup(db: DbOrTx, staff: StaffContext, raw: GroupInput) {
  assertCan(staff, "components:write");
  const input = GroupInput.parse(raw);
  return inTransaction(db, async (tx) => {
    const group = await tx.componentGroup.create({ data: { ...input, position: await nextPosition(tx, null) } });
    await bumpRevision(tx);
    await recordAudit(tx, staff.actor, { action: "group.create", targetType: "group", targetId: group.id, after: input });
    return group;
  });
}

export async function updateGroup(db: DbOrTx, staff: StaffContext, groupId: string, raw: GroupInput) {
  assertCan(staff, "components:write");
  const input = GroupInput.parse(raw);
  return inTransaction(db, async (tx) => {
    const before = await tx.componentGroup.findUnique({ where: { id: groupId } });
    if (!before) throw new NotFoundError("group");
    const after = await tx.componentGroup.update({ where: { id: groupId }, data: input });
    await bumpRevision(tx);
    await recordAudit(tx, staff.actor, {
      action: "group.edit",
      targetType: "group",
      targetId: groupId,
      before: pick(before, ["name", "description"]),
      after: input,
    });
    return after;
  });
}

/** Deletes a group; its components stay, at the end of the top level. */
export async function deleteGroup(db: DbOrTx, staff: StaffContext, groupId: string) {
  assertCan(staff, "components:write");
  return inTransaction(db, async (tx) => {
    const group = await tx.componentGroup.findUnique({ where: { id: groupId }, include: { components: { orderBy: { position: "asc" } } } });
    if (!group) throw new NotFoundError("group");
    let position = await nextPosition(tx, null);
    for (const c of group.components) await tx.component.update({ where: { id: c.id }, data: { groupId: null, position: position++ } });
    await tx.componentGroup.delete({ where: { id: groupId } });
    await bumpRevision(tx);
    await recordAudit(tx, staff.actor, {
      action: "group.delete",
      targetType: "group",
      targetId: groupId,
      before: { name: group.name, components: group.components.map((c) => c.name) },
    });
  });
}

/** The position after the last sibling: top level (components and groups) or within a group. */
async function nextPosition(tx: DbOrTx, groupId: string | null): Promise<number> {
  // Sequential: inside a transaction both queries share one connection.
  const component = await tx.component.aggregate({ where: { groupId }, _max: { position: true } });
  const group = groupId ? null : await tx.componentGroup.aggregate({ _max: { position: true } });
  return Math.max(component._max.position ?? -1, group?._max.position ?? -1) + 1;
}

function pick<T extends object, K extends keyof T>(value: T, keys: readonly K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((k) => [k, value[k]])) as Pick<T, K>;
}

/**
 * Moves a component or a group one place up or down among its siblings (the top
 * level mixes components and groups, ordered by position). Positions are renumbered 0..n-1.
 */
export async function moveItem(db: DbOrTx, staff: StaffContext, item: { kind: "component" | "group"; id: string }, direction: "up" | "down") {
  assertCan(staff, "components:write");
  return inTransaction(db, async (tx) => {
    let groupId: string | null = null;
    if (item.kind === "component") {
      const component = await tx.component.findUnique({ where: { id: item.id } });
      if (!component) throw new NotFoundError("component");
      groupId = component.groupId;
    } else if (!(await tx.componentGroup.findUnique({ where: { id: item.id } }))) {
      throw new NotFoundError("group");
    }
    const components = await tx.component.findMany({ where: { groupId }, orderBy: { position: "asc" } });
    const groups = groupId ? [] : await tx.componentGroup.findMany({ orderBy: { position: "asc" } });
    const siblings = [
      ...components.map((c) => ({ kind: "component" as const, id: c.id, position: c.position })),
      ...groups.map((g) => ({ kind: "group" as const, id: g.id, position: g.position })),
    ].sort((a, b) => a.position - b.position);
    const index = siblings.findIndex((s) => s.kind === item.kind && s.id === item.id);
    const target = direction === "up" ? index - 1 : index + 1;
    if (target < 0 || target >= siblings.length) throw new InvalidInputError(`already at the ${direction === "up" ? "top" : "bottom"}`);
    [siblings[index], siblings[target]] = [siblings[target]!, siblings[index]!];
    for (const [position, s] of siblings.entries()) {
      if (s.kind === "component") await tx.component.update({ where: { id: s.id }, data: { position } });
      else await tx.componentGroup.update({ where: { id: s.id }, data: { position } });
    }
    await bumpRevision(tx);
    await recordAudit(tx, staff.actor, { action: `${item.kind}.move`, targetType: item.kind, targetId: item.id, after: { direction } });
  });
}

/**
 * Sets the whole page order at once (the API's reorder): every component and group
 * exactly once, components placed in the group they are listed under. Anything
 * missing, repeated or unknown is refused, so a stale order cannot drop a component.
 */
export async function reorderPage(db: DbOrTx, staff: StaffContext, raw: PageOrderInput) {
  assertCan(staff, "components:write");
  const { items } = PageOrderInput.parse(raw);
  return inTransaction(db, async (tx) => {
    const components = await tx.component.findMany({ select: { id: true, groupId: true, position: true } });
    const groups = await tx.componentGroup.findMany({ select: { id: true } });
    const listedComponents = items.flatMap((i) => (i.type === "component" ? [i.id] : i.components));
    const listedGroups = items.filter((i) => i.type === "group").map((i) => i.id);
    const same = (listed: string[], known: { id: string }[]) =>
      listed.length === known.length && new Set(listed).size === listed.length && known.every((k) => listed.includes(k.id));
    if (!same(listedComponents, components)) throw new InvalidInputError("List every component exactly once.", { items: "every component, once" });
    if (!same(listedGroups, groups)) throw new InvalidInputError("List every group exactly once.", { items: "every group, once" });
    for (const [position, item] of items.entries()) {
      if (item.type === "component") {
        await tx.component.update({ where: { id: item.id }, data: { groupId: null, position } });
        continue;
      }
      await tx.componentGroup.update({ where: { id: item.id }, data: { position } });
      for (const [inner, id] of item.components.entries()) await tx.component.update({ where: { id }, data: { groupId: item.id, position: inner } });
    }
    await bumpRevision(tx);
    await recordAudit(tx, staff.actor, {
      action: "components.reorder",
      targetType: "component",
      before: components.map((c) => ({ id: c.id, groupId: c.groupId, position: c.position })),
      after: { items },
    });
  });
}
