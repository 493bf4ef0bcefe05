import { recordAudit } from "../audit/record";
import { assertCan, type StaffContext } from "../auth/staff";
import { inTransaction, type DbOrTx } from "../db";
import { NotFoundError } from "../errors";
import { IncidentTemplateInput } from "./schemas";

export async function listTemplates(db: DbOrTx) {
  return db.incidentTemplate.findMany({ orderBy: { name: "asc" } });
}

export type IncidentTemplateRow = Awaited<ReturnType<typeof listTemplates>>[number];

export async function createTemplate(db: DbOrTx, staff: StaffContext, raw: IncidentTemplateInput) {
  assertCan(staff, "templates:write");
  const input = IncidentTemplateInput.parse(raw);
  return inTransaction(db, async (tx) => {
    const template = await tx.incidentTemplate.create({ data: input });
    await recordAudit(tx, staff.actor, { action: "template.create", targetType: "incident_template", targetId: template.id, after: input });
    return template;
  });
}

export async function updateTemplate(db: DbOrTx, staff: StaffContext, id: string, raw: IncidentTemplateInput) {
  assertCan(staff, "templates:write");
  const input = IncidentTemplateInput.parse(raw);
  return inTransaction(db, async (tx) => {
    const before = await tx.incidentTemplate.findUnique({ where: { id } });
    if (!before) throw new NotFoundError("template");
    const template = await tx.incidentTemplate.update({ where: { id }, data: input });
    await recordAudit(tx, staff.actor, { action: "template.edit", targetType: "incident_template", targetId: id, before, after: input });
    return template;
  });
}

export async function deleteTemplate(db: DbOrTx, staff: StaffContext, id: string) {
  assertCan(staff, "templates:write");
  return inTransaction(db, async (tx) => {
    const template = await tx.incidentTemplate.findUnique({ where: { id } });
    if (!template) throw new NotFoundError("template");
    await tx.incidentTemplate.delete({ where: { id } });
    await recordAudit(tx, staff.actor, { action: "template.delete", targetType: "incident_template", targetId: id, before: template });
  });
}
