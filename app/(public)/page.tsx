import type { Metadata } from "next";
import { connection } from "next/server";
import { ComponentList, StatusLegend } from "@/components/status/ComponentList";
import { ActiveIncidentCard, PastIncident } from "@/components/status/IncidentCard";
import { PublicShell } from "@/components/status/PublicShell";
import { StatusBanner } from "@/components/status/StatusBanner";
import { getHomeSnapshot } from "@/lib/public/snapshot";
import { formatDayKey } from "@/lib/time/zoned";

export async function generateMetadata(): Promise<Metadata> {
  const { value } = await getHomeSnapshot();
  return {
    title: `${value.page.name} Status`,
    description: value.page.metaDescription ?? `${value.status.description}. Live status of ${value.page.name}'s services.`,
  };
}

export default async function HomePage() {
  await connection();
  const { value: snapshot, staleSince } = await getHomeSnapshot();
  const tz = snapshot.page.timeZone;
  return (
    <PublicShell page={snapshot.page} staleSince={staleSince} generatedAt={snapshot.generatedAt}>
      <h1 className="sr-only">{snapshot.page.name} status</h1>
      {snapshot.openIncidents.length > 0 && (
        <section aria-labelledby="open-incidents" className="space-y-4">
          <h2 id="open-incidents" className="text-lg font-semibold">
            Current incidents
          </h2>
          {snapshot.openIncidents.map((incident) => (
            <ActiveIncidentCard key={incident.id} incident={incident} timeZone={tz} />
          ))}
        </section>
      )}
      <StatusBanner status={snapshot.status} />
      {snapshot.maintenances.length > 0 && (
        <section aria-labelledby="maintenance" className="space-y-4">
          <h2 id="maintenance" className="text-lg font-semibold">
            Scheduled maintenance
          </h2>
          {snapshot.maintenances.map((m) => (
            <ActiveIncidentCard key={m.id} incident={m} timeZone={tz} />
          ))}
        </section>
      )}
      <ComponentList items={snapshot.items} />
      <StatusLegend />
      <section aria-labelledby="past-incidents">
        <h2 id="past-incidents" className="mb-4 text-2xl font-semibold">
          Past Incidents
        </h2>
        <div className="space-y-6">
          {snapshot.pastDays.map(({ day, incidents }) => (
            <section key={day} aria-label={formatDayKey(day)} data-day={day}>
              <h3 className="border-b border-zinc-200 pb-2 text-lg font-medium dark:border-zinc-800">{formatDayKey(day)}</h3>
              {incidents.length === 0 ? (
                <p className="py-3 text-sm text-zinc-500 dark:text-zinc-400">No incidents reported.</p>
              ) : (
                incidents.map((incident) => <PastIncident key={incident.id} incident={incident} timeZone={tz} />)
              )}
            </section>
          ))}
        </div>
        <p className="mt-6">
          <a href="/history" className="text-sm font-medium underline">
            ← Incident history
          </a>
        </p>
      </section>
    </PublicShell>
  );
}
