import { recordAudit } from "../audit/record";
import { assertCan, type StaffContext } from "../auth/staff";
import { inTransaction, type DbOrTx } from "../db";
import { InvalidInputError, NotFoundError } from "../errors";
import { CreateIntegrationInput, OPENING_STATUSES, UpdateIntegrationInput } from "./schemas";
import { generateIntegrationToken, hashIntegrationToken, TOKEN_PREFIX_LENGTH } from "./tokens";

// The console's integration verbs (admins: settings:manage): authorise, parse, write, audit.
// The token is returned once by createIntegration and never stored in plain text.

export async function createIntegration(db: DbOrTx, staff: StaffContext, raw: CreateIntegrationInput): Promise<{ id: string; token: string }> {
  assertCan(staff, "settings:manage");
  const input = CreateIntegrationInput.parse(raw);
  const token = generateIntegrationToken();
  return inTransaction(db, async (tx) => {
    const row = await tx.integration.create({
      data: { name: input.name, source: input.source, tokenHash: hashIntegrationToken(token), tokenPrefix: token.slice(0, TOKEN_PREFIX_LENGTH) },
    });
    await recordAudit(tx, staff.actor, {
      action: "integration.create",
      targetType: "integration",
      targetId: row.id,
      after: { ...input, tokenPrefix: row.tokenPrefix },
    });
    return { id: row.id, token };
  });
}

/** Checks that every component and the template still exist, naming the field that points at one that does not. */
async function checkReferences(db: DbOrTx, input: ReturnType<typeof UpdateIntegrationInput.parse>): Promise<void> {
  const ids = [
    ...new Set([...input.rules.flatMap((r) => (r.componentId ? [r.componentId] : [])), ...(input.defaultComponentId ? [input.defaultComponentId] : [])]),
  ];
  const known = new Set((await db.component.findMany({ where: { id: { in: ids } }, select: { id: true } })).map((c) => c.id));
  const fields: Record<string, string> = {};
  input.rules.forEach((r, i) => {
    if (r.componentId && !known.has(r.componentId)) fields[`rules.${i}.componentId`] = "that component no longer exists";
  });
  if (input.defaultComponentId && !known.has(input.defaultComponentId)) fields.defaultComponentId = "that component no longer exists";
  if (input.templateId) {
    const template = await db.incidentTemplate.findUnique({ where: { id: input.templateId }, select: { status: true } });
    if (!template) fields.templateId = "that template no longer exists";
    else if (!(OPENING_STATUSES as readonly string[]).includes(template.status))
      fields.templateId = "choose a template written for investigating, identified or monitoring";
  }
  if (Object.keys(fields).length > 0) throw new InvalidInputError("Some choices no longer exist: choose again.", fields);
}

export async function updateIntegration(db: DbOrTx, staff: StaffContext, raw: UpdateIntegrationInput): Promise<void> {
  assertCan(staff, "settings:manage");
  const input = UpdateIntegrationInput.parse(raw);
  await checkReferences(db, input);
  await inTransaction(db, async (tx) => {
    const before = await tx.integration.findUnique({ where: { id: input.id } });
    if (!before) throw new NotFoundError("integration");
    const data = {
      name: input.name,
      rules: JSON.stringify(input.rules),
      defaultComponentId: input.defaultComponentId,
      defaultStatus: input.defaultStatus,
      templateId: input.templateId,
    };
    await tx.integration.update({ where: { id: input.id }, data });
    const { name, rules, defaultComponentId, defaultStatus, templateId } = before;
    await recordAudit(tx, staff.actor, {
      action: "integration.update",
      targetType: "integration",
      targetId: input.id,
      before: { name, rules: JSON.parse(rules), defaultComponentId, defaultStatus, templateId },
      after: { ...data, rules: input.rules },
    });
  });
}

export async function setIntegrationEnabled(db: DbOrTx, staff: StaffContext, id: string, enabled: boolean): Promise<void> {
  assertCan(staff, "settings:manage");
  await inTransaction(db, async (tx) => {
    const { count } = await tx.integration.updateMany({ where: { id }, data: { enabled } });
    if (count === 0) throw new NotFoundError("integration");
    await recordAudit(tx, staff.actor, { action: enabled ? "integration.enable" : "integration.disable", targetType: "integration", targetId: id });
  });
}

/** Deletes the integration and its alert log; incidents it opened stay (staff resolve them). */
export async function deleteIntegration(db: DbOrTx, staff: StaffContext, id: string): Promise<void> {
  assertCan(staff, "settings:manage");
  await inTransaction(db, async (tx) => {
    const row = await tx.integration.findUnique({ where: { id } });
    if (!row) throw new NotFoundError("integration");
    await tx.integration.delete({ where: { id } });
    await recordAudit(tx, staff.actor, {
      action: "integration.delete",
      targetType: "integration",
      targetId: id,
      before: { name: row.name, source: row.source, tokenPrefix: row.tokenPrefix },
    });
  });
}
