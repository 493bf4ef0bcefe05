import { z } from "zod";
import { recordAudit } from "../audit/record";
import { assertCan, type StaffContext } from "../auth/staff";
import { inTransaction, type DbOrTx } from "../db";
import { InvalidInputError, NotFoundError } from "../errors";
import { bumpRevision } from "../page/revision";
import { ComponentStatus } from "../status/schemas";
import { setComponentStatus } from "./set-component-status";

// Staff changes to components: authorised, audited, and visible on the public page at once.

export const SetStatusInput = z.object({ componentId: z.string().min(1), status: ComponentStatus });

export async function setStatusByStaff(db: DbOrTx, staff: StaffContext, raw: z.input<typeof SetStatusInput>, now = new Date()) {
  assertCan(staff, "components:write");
  const input = SetStatusInput.parse(raw);
  return inTransaction(db, async (tx) => {
    const before = await tx.component.findUnique({ where: { id: input.componentId }, select: { status: true } });
    if (!before) throw new NotFoundError("component");
    const changed = await setComponentStatus(tx, { ...input, source: "staff", at: now, note: `set by ${staff.actor.email}` });
    if (changed) {
      await recordAudit(tx, staff.actor, { action: "component.status", targetType: "component", targetId: input.componentId, before, after: { status: input.status } });
    }
    return changed;
  });
}

export const CreateComponentInput = z.object({
  name: z.string().trim().min(1, "enter a name").max(100),
  description: z.string().trim().max(500).optional().transform((v) => v || null),
  groupId: z.string().optional().transform((v) => v || null),
});

export function slugify(name: string): string {
  return name.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 60) || "component";
}

export async function addComponent(db: DbOrTx, staff: StaffContext, raw: z.input<typeof CreateComponentInput>, now = new Date()) {
  assertCan(staff, "components:write");
  const input = CreateComponentInput.parse(raw);
  return inTransaction(db, async (tx) => {
    const base = slugify(input.name);
    let slug = base;
    for (let i = 2; await tx.component.findUnique({ where: { slug } }); i++) slug = `${base}-${i}`;
    const siblings = input.groupId
      ? await tx.component.count({ where: { groupId: input.groupId } })
      : (await tx.component.count({ where: { groupId: null } })) + (await tx.componentGroup.count());
    const component = await tx.component.create({
      data: { name: input.name, slug, description: input.description, groupId: input.groupId, position: siblings, startDate: now },
    });
    await bumpRevision(tx);
    await recordAudit(tx, staff.actor, { action: "component.create", targetType: "component", targetId: component.id, after: { ...input, slug } });
    return component;
  });
}

/**
 * Moves a component one place up or down among its siblings (the top level mixes
 * components and groups, ordered by position). Positions are renumbered 0..n-1.
 */
export async function moveComponent(db: DbOrTx, staff: StaffContext, componentId: string, direction: "up" | "down") {
  assertCan(staff, "components:write");
  return inTransaction(db, async (tx) => {
    const component = await tx.component.findUnique({ where: { id: componentId } });
    if (!component) throw new NotFoundError("component");
    const components = await tx.component.findMany({ where: { groupId: component.groupId }, orderBy: { position: "asc" } });
    const groups = component.groupId ? [] : await tx.componentGroup.findMany({ orderBy: { position: "asc" } });
    const siblings = [
      ...components.map((c) => ({ kind: "component" as const, id: c.id, position: c.position })),
      ...groups.map((g) => ({ kind: "group" as const, id: g.id, position: g.position })),
    ].sort((a, b) => a.position - b.position);
    const index = siblings.findIndex((s) => s.kind === "component" && s.id === componentId);
    const target = direction === "up" ? index - 1 : index + 1;
    if (target < 0 || target >= siblings.length) throw new InvalidInputError(`already at the ${direction === "up" ? "top" : "bottom"}`);
    [siblings[index], siblings[target]] = [siblings[target]!, siblings[index]!];
    for (const [position, s] of siblings.entries()) {
      if (s.kind === "component") await tx.component.update({ where: { id: s.id }, data: { position } });
      else await tx.componentGroup.update({ where: { id: s.id }, data: { position } });
    }
    await bumpRevision(tx);
    await recordAudit(tx, staff.actor, { action: "component.move", targetType: "component", targetId: componentId, after: { direction } });
  });
}
