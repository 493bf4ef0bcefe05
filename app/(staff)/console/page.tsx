import type { Metadata } from "next";
import Link from "next/link";
import { can } from "@/lib/auth/roles";
import { requireStaffPage } from "@/lib/auth/next-session";
import { listConsoleIncidents } from "@/lib/console/queries";
import { db } from "@/lib/db";
import { redirect } from "next/navigation";
import { needsPageSetup } from "@/lib/settings/first-run";
import { loadPageSetting } from "@/lib/public/queries";
import { formatDateTime } from "@/lib/time/zoned";
import { INCIDENT_STATUS_LABELS, type AnyIncidentStatus } from "@/lib/status/schemas";
import { durationText, minutesSinceStaleUpdate } from "@/lib/incidents/staleness";
import type { IncidentRecord } from "@/lib/incidents/read";

export const metadata: Metadata = { title: "Incidents · Vigil console" };

type Props = { searchParams: Promise<{ recovery?: string; deleted?: string }> };

function IncidentRow({ incident, timeZone, now }: { incident: IncidentRecord; timeZone: string; now: Date }) {
  const stale = minutesSinceStaleUpdate(incident, now);
  return (
    <li className="flex flex-wrap items-center justify-between gap-2 px-4 py-3">
      <Link href={`/console/incidents/${incident.id}`} className="font-medium hover:underline">
        {incident.name}
      </Link>
      <span className="text-sm text-zinc-600 dark:text-zinc-400">
        {incident.kind === "maintenance" ? "Maintenance · " : ""}
        {INCIDENT_STATUS_LABELS[incident.status as AnyIncidentStatus]} · {formatDateTime(incident.startedAt, timeZone)}
      </span>
      {stale !== null && (
        <span className="w-full text-xs font-medium text-amber-800 dark:text-amber-300">No update for {durationText(stale)}: customers are waiting.</span>
      )}
    </li>
  );
}

export default async function ConsoleHome({ searchParams }: Props) {
  const { role } = await requireStaffPage();
  // First run: an admin sets the page up before anything else (lib/settings/first-run.ts).
  if (can(role, "settings:manage") && (await needsPageSetup(db()))) redirect("/console/welcome");
  const { recovery, deleted } = await searchParams;
  const [{ open, maintenance, recent }, { timeZone }] = await Promise.all([listConsoleIncidents(db()), loadPageSetting(db())]);
  const now = new Date();
  return (
    <>
      {recovery !== undefined && (
        <p role="status" className="rounded-md bg-amber-50 px-4 py-3 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-200">
          You signed in with a recovery code. {recovery} recovery code{recovery === "1" ? "" : "s"} left. Set up your authenticator again soon if you lost your
          device.
        </p>
      )}
      {deleted !== undefined && (
        <p role="status" className="rounded-md bg-green-50 px-4 py-3 text-sm text-green-900 dark:bg-green-950 dark:text-green-200">
          Deleted. The audit log keeps a record of it.
        </p>
      )}
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold">Incidents</h1>
        <div className="flex gap-2">
          {can(role, "maintenance:write") && (
            <Link
              href="/console/maintenance/new"
              className="rounded-md border border-zinc-300 px-4 py-2 text-sm font-semibold hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
            >
              Schedule maintenance
            </Link>
          )}
          {can(role, "incidents:write") && (
            <Link href="/console/incidents/new" className="rounded-md bg-teal-700 px-4 py-2 text-sm font-semibold text-white hover:bg-teal-800">
              New incident
            </Link>
          )}
        </div>
      </div>
      <section aria-labelledby="open">
        <h2 id="open" className="mb-2 font-semibold">
          Open
        </h2>
        {open.length === 0 ? (
          <p className="text-sm text-zinc-500">No open incidents.</p>
        ) : (
          <ul className="divide-y divide-zinc-200 rounded-lg border border-zinc-200 bg-white dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900">
            {open.map((i) => (
              <IncidentRow key={i.id} incident={i} timeZone={timeZone} now={now} />
            ))}
          </ul>
        )}
      </section>
      {maintenance.length > 0 && (
        <section aria-labelledby="maintenance">
          <h2 id="maintenance" className="mb-2 font-semibold">
            Maintenance
          </h2>
          <ul className="divide-y divide-zinc-200 rounded-lg border border-zinc-200 bg-white dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900">
            {maintenance.map((i) => (
              <IncidentRow key={i.id} incident={i} timeZone={timeZone} now={now} />
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="recent">
        <h2 id="recent" className="mb-2 font-semibold">
          Recently resolved
        </h2>
        <ul className="divide-y divide-zinc-200 rounded-lg border border-zinc-200 bg-white dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900">
          {recent.map((i) => (
            <IncidentRow key={i.id} incident={i} timeZone={timeZone} now={now} />
          ))}
        </ul>
      </section>
    </>
  );
}
