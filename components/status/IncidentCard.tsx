import Link from "next/link";
import type { CSSProperties } from "react";
import type { Locale } from "@/lib/i18n/locales";
import { translator } from "@/lib/i18n/translate";
import { incidentTone, toneVariables } from "@/lib/public/impact-tone";
import type { IncidentView } from "@/lib/public/types";
import { SanitizedHtml } from "@/components/SanitizedHtml";
import { RelativeTime, ZonedRange, ZonedTime } from "../time/ZonedTime";

/** The tone's colours for `.incident-tone` (app/globals.css) on a card or an incident page's header. */
export function toneStyle(incident: Pick<IncidentView, "kind" | "impact">): CSSProperties {
  return toneVariables(incidentTone(incident)) as CSSProperties;
}

/** "Impact: Major" or "Maintenance", in the tone's badge colours: the colour said in words. */
export function ImpactBadge({ incident, locale }: { incident: Pick<IncidentView, "kind" | "impact">; locale: Locale }) {
  const { t } = translator(locale);
  return (
    <span className="tone-badge inline-block shrink-0 rounded px-2 py-0.5 text-xs font-semibold" data-impact={incidentTone(incident)}>
      {incident.kind === "maintenance" ? t("incident.maintenanceBadge") : t("incident.impactBadge", { impact: t(`impact.${incident.impact}`) })}
    </span>
  );
}

/** `live`: mark each update for LiveRefresh, which highlights one that a refresh brought in (the incident page). */
export function UpdateList({ incident, locale, limit, live = false }: { incident: IncidentView; locale: Locale; limit?: number; live?: boolean }) {
  const { t } = translator(locale);
  const updates = limit ? incident.updates.slice(0, limit) : incident.updates;
  return (
    <ol className="space-y-3">
      {updates.map((u) => (
        <li key={u.id} data-update-status={u.status} data-live-key={live ? `update:${u.id}` : undefined}>
          <div className="text-sm">
            <strong className="font-semibold">
              {incident.cancelledAt && u.status === "completed" ? t("incident.cancelled") : t(`incidentStatus.${u.status}`)}
            </strong>{" "}
            – <SanitizedHtml className="prose-update inline [&>p:first-child]:inline" inline html={u.bodyHtml} />
          </div>
          <div className="mt-0.5 text-xs text-zinc-500 dark:text-zinc-400">
            <ZonedTime iso={u.displayAt} />
          </div>
        </li>
      ))}
    </ol>
  );
}

/** An unresolved incident or a maintenance, shown on top of the home page with its latest update. */
export function ActiveIncidentCard({ incident, locale, renderedAt }: { incident: IncidentView; locale: Locale; renderedAt: string }) {
  const { t, rich, list } = translator(locale);
  const latest = incident.updates[0];
  const isMaintenance = incident.kind === "maintenance";
  const components = list(incident.components.map((c) => c.name));
  return (
    <article
      className="incident-tone rounded-lg border border-l-4 border-zinc-200 p-5 dark:border-zinc-800"
      style={toneStyle(incident)}
      data-incident={incident.id}
      // LiveRefresh highlights a card whose latest update changed when the page refreshes itself.
      data-live-key={`incident:${incident.id}`}
      data-live-version={`${incident.status}|${latest?.id ?? ""}`}
    >
      <div className="flex flex-wrap items-start justify-between gap-x-3 gap-y-1">
        <h3 className="text-lg font-semibold">
          <Link href={`/incidents/${incident.id}`} className="hover:underline">
            {incident.name}
          </Link>
        </h3>
        <ImpactBadge incident={incident} locale={locale} />
      </div>
      {isMaintenance && incident.scheduledFor && incident.scheduledUntil && (
        <p className="tone-muted mt-1 text-sm">
          {rich("incident.window", {
            status: t(`incidentStatus.${incident.status}`),
            window: <ZonedRange key="w" from={incident.scheduledFor} until={incident.scheduledUntil} />,
          })}
        </p>
      )}
      {latest && (
        <div className="mt-3 text-sm">
          <strong>{t(`incidentStatus.${latest.status}`)}</strong> –{" "}
          <SanitizedHtml className="prose-update inline [&>p:first-child]:inline" inline html={latest.bodyHtml} />
          <div className="tone-muted mt-1 text-xs">
            {rich("incident.posted", { time: <RelativeTime key="t" iso={latest.displayAt} renderedAt={renderedAt} /> })}
          </div>
        </div>
      )}
      {incident.components.length > 0 && (
        <p className="tone-muted mt-3 text-xs">{isMaintenance ? t("incident.componentsList", { components }) : t("incident.affectedList", { components })}</p>
      )}
    </article>
  );
}

/** A past incident in the day-by-day list: its name and every update, newest first. */
export function PastIncident({ incident, locale }: { incident: IncidentView; locale: Locale }) {
  return (
    <article data-incident={incident.id} className="py-3">
      <h4 className="mb-2 font-semibold">
        <Link href={`/incidents/${incident.id}`} className="hover:underline">
          {incident.name}
        </Link>
      </h4>
      <UpdateList incident={incident} locale={locale} />
    </article>
  );
}

/** Grouped incidents as the items of a ZonedPeriods list (which regroups them in the visitor's zone on request). */
export function pastIncidentItems(groups: readonly { incidents: IncidentView[] }[], locale: Locale) {
  return groups.flatMap((g) =>
    g.incidents.map((incident) => ({ id: incident.id, at: incident.startedAt, node: <PastIncident incident={incident} locale={locale} /> })),
  );
}
