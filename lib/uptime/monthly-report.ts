import { type DbOrTx, isUniqueViolation } from "../db";
import { loadIncidents } from "../incidents/read";
import { log } from "../log";
import type { Mailer } from "../mail/mailer";
import { loadPageSetting } from "../public/queries";
import { addMonths } from "../time/periods";
import { formatDateTime, formatMonthKey } from "../time/zoned";
import { monthOf, monthWindows } from "./months";
import { loadMonthlyUptime } from "./report";

// The monthly uptime report to admins: on the first run of a month (the job runs hourly, so
// the 1st, or the first hour an instance is up after it), last month's uptime per component
// against its target, and the month's incidents. Several instances may run the job at once:
// the one that moves Installation.monthlyReportMonth to the month sends it, the others don't.
// Sent directly like the staff security notices (lib/auth/account-notice.ts), not through
// the subscribers' outbox: a mail server that is down is logged, and the month is not retried.

export interface ReportComponent {
  name: string;
  percent: number | null;
  target: number | null;
  downtimeMinutes: { partial: number; major: number; maintenance: number };
}

export interface ReportIncident {
  name: string;
  kind: string;
  impact: string;
  startedAt: Date;
  resolvedAt: Date | null;
}

const pct = (p: number | null) => (p === null ? "no data" : `${(Math.floor(p * 1000) / 1000).toFixed(3)} %`);
const min = (m: number) => `${Math.round(m)} min`;

/** The report's text (pure): one line per component, then the incidents. */
export function renderMonthlyReport(input: {
  pageName: string;
  publicUrl: string;
  month: string;
  timeZone: string;
  components: readonly ReportComponent[];
  incidents: readonly ReportIncident[];
}): { subject: string; text: string } {
  const monthName = formatMonthKey(input.month);
  const lines = input.components.map((c) => {
    const verdict = c.target === null || c.percent === null ? "" : c.percent >= c.target ? ` (target ${c.target} %: met)` : ` (target ${c.target} %: MISSED)`;
    const outages = [
      c.downtimeMinutes.major ? `major outage ${min(c.downtimeMinutes.major)}` : "",
      c.downtimeMinutes.partial ? `partial outage ${min(c.downtimeMinutes.partial)}` : "",
      c.downtimeMinutes.maintenance ? `maintenance ${min(c.downtimeMinutes.maintenance)}` : "",
    ].filter(Boolean);
    return `- ${c.name}: ${pct(c.percent)}${verdict}${outages.length ? `; ${outages.join(", ")}` : ""}`;
  });
  const incidents = input.incidents.length
    ? input.incidents.map(
        (i) =>
          `- ${i.name} (${i.kind === "maintenance" ? "maintenance" : `impact ${i.impact}`}): ${formatDateTime(i.startedAt, input.timeZone)}${i.resolvedAt ? ` – ${formatDateTime(i.resolvedAt, input.timeZone)}` : ", still open"}`,
      )
    : ["None."];
  const base = input.publicUrl.replace(/\/+$/, "");
  const text = [
    `Uptime of ${input.pageName} in ${monthName} (${input.timeZone}). Major outages count in full, partial outages at 30 %, maintenance is left out.`,
    "",
    ...(lines.length ? lines : ["No components."]),
    "",
    "Incidents and maintenance:",
    ...incidents,
    "",
    `Every month: ${base}/uptime`,
    `Turn this email off in the console's Settings (Installation).`,
  ].join("\n");
  return { subject: `${input.pageName}: uptime report for ${monthName}`, text };
}

/**
 * Sends last month's report to every admin unless this month's was sent (or claimed) already
 * or the report is turned off. Returns the month and how many were sent, or null.
 */
export async function sendMonthlyReport(db: DbOrTx, mailer: Mailer | null, now = new Date()): Promise<{ month: string; sent: number } | null> {
  if (!mailer) return null;
  const page = await loadPageSetting(db);
  const month = addMonths(monthOf(now, page.timeZone), -1);
  // The row may not exist on an installation no admin has saved settings on yet; another
  // instance may be creating it at this moment (an upsert races on PostgreSQL), so a
  // duplicate is fine: the claim below decides who sends.
  if (!(await db.installation.findUnique({ where: { id: 1 }, select: { id: true } }))) {
    await db.installation.create({ data: { id: 1 } }).catch((error: unknown) => {
      if (!isUniqueViolation(error)) throw error;
    });
  }
  const claimed = await db.installation.updateMany({
    where: { id: 1, monthlyReportEnabled: true, OR: [{ monthlyReportMonth: null }, { monthlyReportMonth: { lt: month } }] },
    data: { monthlyReportMonth: month },
  });
  if (claimed.count !== 1) return null;

  const [window] = monthWindows(month, month, page.timeZone);
  const [uptime, incidents, admins] = await Promise.all([
    loadMonthlyUptime(db, { components: null, fromMonth: month, toMonth: month, timeZone: page.timeZone, now }),
    loadIncidents(db, { startedAt: { gte: new Date(window!.start), lt: new Date(window!.end) } }, { orderBy: [{ startedAt: "asc" }, { id: "asc" }] }),
    db.user.findMany({ where: { role: "admin" }, select: { email: true }, orderBy: { email: "asc" } }),
  ]);
  const reported = uptime.filter((u) => u.months[0]!.hasData);
  // A new installation's first month before it had any component: nothing to report.
  if (reported.length === 0 && incidents.length === 0) return { month, sent: 0 };
  const { subject, text } = renderMonthlyReport({
    pageName: page.name,
    publicUrl: page.url,
    month,
    timeZone: page.timeZone,
    components: reported.map((u) => ({
      name: u.component.name,
      percent: u.months[0]!.percent,
      target: u.component.sloTarget,
      downtimeMinutes: {
        partial: u.months[0]!.minutes.partial_outage ?? 0,
        major: u.months[0]!.minutes.major_outage ?? 0,
        maintenance: u.months[0]!.minutes.under_maintenance ?? 0,
      },
    })),
    incidents,
  });
  let sent = 0;
  for (const admin of admins) {
    try {
      await mailer.send({ to: admin.email, subject, text });
      sent++;
    } catch (err) {
      log.warn({ err, month }, "could not send the monthly uptime report to an admin");
    }
  }
  return { month, sent };
}
