import { recordAudit } from "../audit/record";
import { assertCan, type StaffContext } from "../auth/staff";
import type { DbOrTx } from "../db";
import { loadIncidents } from "../incidents/read";
import { toCsv } from "../subscribers/csv";
import { addDays, startOfZonedDay, toZonedIso } from "../time/zoned";
import { HistoryExportInput } from "./schemas";

// The console's CSV export of component status history and incidents with their updates,
// for a date range in the page's zone: one table, one row per event, oldest first, every
// time written as ISO 8601 with the zone's offset so a spreadsheet reads it unambiguously.

export const HISTORY_CSV_COLUMNS = [
  "type",
  "at",
  "component",
  "status",
  "previous_status",
  "source",
  "incident_id",
  "incident",
  "kind",
  "impact",
  "text",
] as const;

type Row = { at: Date; order: number; cells: string[] };

/** Needs components:write (admins and editors: viewers read the console but take no data away); audited. */
export async function exportHistoryCsv(
  db: DbOrTx,
  staff: StaffContext,
  raw: unknown,
  timeZone: string,
): Promise<{ csv: string; rows: number; filename: string }> {
  assertCan(staff, "components:write");
  const input = HistoryExportInput.parse(raw);
  const from = startOfZonedDay(input.from, timeZone);
  const to = startOfZonedDay(addDays(input.to, 1), timeZone);
  const [changes, incidents] = await Promise.all([
    db.componentStatusChange.findMany({
      where: { at: { gte: from, lt: to } },
      orderBy: [{ at: "asc" }, { createdAt: "asc" }],
      select: { at: true, toStatus: true, fromStatus: true, source: true, note: true, component: { select: { slug: true } } },
    }),
    // Incidents and maintenances that overlap the range, with every update they have.
    loadIncidents(db, { startedAt: { lt: to }, OR: [{ resolvedAt: null }, { resolvedAt: { gte: from } }] }, { orderBy: [{ startedAt: "asc" }, { id: "asc" }] }),
  ]);
  const at = (d: Date) => toZonedIso(d, timeZone);
  const rows: Row[] = changes.map((c, i) => ({
    at: c.at,
    order: i,
    cells: ["status_change", at(c.at), c.component.slug, c.toStatus, c.fromStatus ?? "", c.source, "", "", "", "", c.note ?? ""],
  }));
  for (const incident of incidents) {
    const components = incident.components
      .map((c) => c.slug)
      .sort()
      .join(";");
    const common = [incident.id, incident.name, incident.kind, incident.impact];
    rows.push({ at: incident.startedAt, order: 0, cells: ["incident", at(incident.startedAt), components, incident.status, "", "", ...common, ""] });
    for (const update of [...incident.updates].reverse()) {
      rows.push({
        at: update.displayAt,
        order: 1,
        cells: ["incident_update", at(update.displayAt), components, update.status, "", "", ...common, update.body],
      });
    }
  }
  rows.sort((a, b) => a.at.getTime() - b.at.getTime() || a.order - b.order);
  const csv = toCsv([HISTORY_CSV_COLUMNS, ...rows.map((r) => r.cells)]);
  await recordAudit(db, staff.actor, { action: "reports.exported", targetType: "report", after: { from: input.from, to: input.to, rows: rows.length } });
  return { csv, rows: rows.length, filename: `vigil-history-${input.from}-to-${input.to}.csv` };
}
