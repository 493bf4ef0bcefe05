import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { UpdateList } from "@/components/status/IncidentCard";
import { PublicShell } from "@/components/status/PublicShell";
import { LocalTime } from "@/components/time/LocalTime";
import { getHomeSnapshot, getIncidentView } from "@/lib/public/snapshot";
import { INCIDENT_STATUS_LABELS } from "@/lib/status/schemas";
import { SanitizedHtml } from "@/components/SanitizedHtml";

type Props = { params: Promise<{ id: string }> };

const IMPACT_LABEL = { none: "None", minor: "Minor", major: "Major", critical: "Critical" } as const;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  const [{ value: incident }, { value: home }] = await Promise.all([getIncidentView(id), getHomeSnapshot()]);
  return { title: incident ? `${incident.name} · ${home.page.name} Status` : `Incident not found · ${home.page.name} Status` };
}

export default async function IncidentPage({ params }: Props) {
  await connection();
  const { id } = await params;
  const [{ value: incident, staleSince }, { value: home }] = await Promise.all([getIncidentView(id), getHomeSnapshot()]);
  if (!incident) notFound();
  const tz = home.page.timeZone;
  return (
    <PublicShell page={home.page} staleSince={staleSince} generatedAt={home.generatedAt}>
      <article className="space-y-6">
        <header>
          <h1 className="text-2xl font-bold">{incident.name}</h1>
          <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
            <dt className="text-zinc-500 dark:text-zinc-400">Status</dt>
            <dd>{INCIDENT_STATUS_LABELS[incident.status]}</dd>
            {incident.kind === "incident" ? (
              <>
                <dt className="text-zinc-500 dark:text-zinc-400">Impact</dt>
                <dd>{IMPACT_LABEL[incident.impact]}</dd>
                <dt className="text-zinc-500 dark:text-zinc-400">Started</dt>
                <dd>
                  <LocalTime iso={incident.startedAt} pageTimeZone={tz} />
                </dd>
              </>
            ) : (
              incident.scheduledFor &&
              incident.scheduledUntil && (
                <>
                  <dt className="text-zinc-500 dark:text-zinc-400">Window</dt>
                  <dd>
                    <LocalTime iso={incident.scheduledFor} pageTimeZone={tz} /> – <LocalTime iso={incident.scheduledUntil} pageTimeZone={tz} />
                  </dd>
                </>
              )
            )}
            {incident.resolvedAt && (
              <>
                <dt className="text-zinc-500 dark:text-zinc-400">{incident.kind === "incident" ? "Resolved" : "Completed"}</dt>
                <dd>
                  <LocalTime iso={incident.resolvedAt} pageTimeZone={tz} />
                </dd>
              </>
            )}
            <dt className="text-zinc-500 dark:text-zinc-400">Affected</dt>
            <dd>{incident.components.length ? incident.components.map((c) => c.name).join(", ") : "No components"}</dd>
          </dl>
        </header>
        <section aria-labelledby="timeline">
          <h2 id="timeline" className="mb-3 text-lg font-semibold">
            Updates
          </h2>
          <UpdateList incident={incident} timeZone={tz} />
        </section>
        {incident.postmortemHtml && (
          <section aria-labelledby="postmortem">
            <h2 id="postmortem" className="mb-3 text-lg font-semibold">
              Postmortem
            </h2>
            <SanitizedHtml className="prose-update text-sm" html={incident.postmortemHtml} />
          </section>
        )}
      </article>
    </PublicShell>
  );
}
