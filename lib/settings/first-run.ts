import { recordAudit } from "../audit/record";
import { assertCan, type StaffContext } from "../auth/staff";
import { inTransaction, type DbOrTx } from "../db";
import { bumpRevision } from "../page/revision";
import { PAGE_ID } from "./queries";
import type { PageSettingsInput } from "./schemas";
import { updatePageSettings } from "./staff-verbs";

// The first-run "Set up your page" step: the essentials (name, address, zone, language),
// and whether the demo content goes. One transaction: a failure leaves the demo and the
// old settings as they were, and the step is offered again.

/** Whether an admin still has to go through the first-run step. */
export async function needsPageSetup(db: DbOrTx): Promise<boolean> {
  const row = await db.pageSetting.findUnique({ where: { id: PAGE_ID }, select: { setUpAt: true } });
  return row !== null && row.setUpAt === null;
}

/**
 * Everything the page shows that the demo seed wrote: components and groups with their
 * history, incidents and maintenances, probes with their results, subscribers with their
 * queued alerts. Staff accounts, API keys, settings, templates and the audit log stay.
 */
async function clearPageContent(tx: DbOrTx): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  counts.notifications = (await tx.notification.deleteMany()).count;
  counts.alertEvents = (await tx.alertEvent.deleteMany()).count;
  counts.subscribers = (await tx.subscriber.deleteMany()).count;
  counts.probes = (await tx.probe.deleteMany()).count;
  counts.incidents = (await tx.incident.deleteMany()).count;
  counts.components = (await tx.component.deleteMany()).count;
  counts.componentGroups = (await tx.componentGroup.deleteMany()).count;
  return counts;
}

export interface PageSetup {
  settings: Pick<PageSettingsInput, "name" | "url" | "timeZone" | "locale">;
  /** Remove the demo content too (the form asks for a confirmation first). */
  clearDemo: boolean;
}

export async function completePageSetup(db: DbOrTx, staff: StaffContext, setup: PageSetup, now = new Date()) {
  assertCan(staff, "settings:manage");
  return inTransaction(db, async (tx) => {
    await updatePageSettings(tx, staff, setup.settings);
    const cleared = setup.clearDemo ? await clearPageContent(tx) : null;
    // Only the first admin to finish sets it: a second, concurrent submit changes nothing more.
    await tx.pageSetting.updateMany({ where: { id: PAGE_ID, setUpAt: null }, data: { setUpAt: now } });
    await bumpRevision(tx);
    await recordAudit(tx, staff.actor, { action: "settings.page_set_up", targetType: "page", targetId: String(PAGE_ID), after: { clearedDemo: cleared } });
    return { cleared };
  });
}

/** "Later": the step is not offered again; everything stays as it is. */
export async function skipPageSetup(db: DbOrTx, staff: StaffContext, now = new Date()) {
  assertCan(staff, "settings:manage");
  await inTransaction(db, async (tx) => {
    const { count } = await tx.pageSetting.updateMany({ where: { id: PAGE_ID, setUpAt: null }, data: { setUpAt: now } });
    if (count) await recordAudit(tx, staff.actor, { action: "settings.page_setup_skipped", targetType: "page", targetId: String(PAGE_ID) });
  });
}
