import Link from "next/link";
import type { IncidentView } from "@/lib/public/types";
import { INCIDENT_STATUS_LABELS } from "@/lib/status/schemas";
import { LocalTime, RelativeTime } from "../time/LocalTime";
import { SanitizedHtml } from "@/components/SanitizedHtml";

const IMPACT_BORDER: Record<IncidentView["impact"], string> = {
  none: "border-zinc-400",
  minor: "border-st-degraded",
  major: "border-st-partial",
  critical: "border-st-major",
};

export function UpdateList({ incident, timeZone, limit }: { incident: IncidentView; timeZone: string; limit?: number }) {
  const updates = limit ? incident.updates.slice(0, limit) : incident.updates;
  return (
    <ol className="space-y-3">
      {updates.map((u) => (
        <li key={u.id} data-update-status={u.status}>
          <div className="text-sm">
            <strong className="font-semibold">{INCIDENT_STATUS_LABELS[u.status]}</strong> –{" "}
            <SanitizedHtml className="prose-update inline [&>p:first-child]:inline" inline html={u.bodyHtml} />
          </div>
          <div className="mt-0.5 text-xs text-zinc-500 dark:text-zinc-400">
            <LocalTime iso={u.displayAt} pageTimeZone={timeZone} />
          </div>
        </li>
      ))}
    </ol>
  );
}

/** An unresolved incident or a maintenance, shown on top of the home page with its latest update. */
export function ActiveIncidentCard({ incident, timeZone }: { incident: IncidentView; timeZone: string }) {
  const latest = incident.updates[0];
  const isMaintenance = incident.kind === "maintenance";
  return (
    <article
      className={`rounded-lg border border-l-4 border-zinc-200 p-5 dark:border-zinc-800 ${
        isMaintenance ? "border-l-st-maintenance" : IMPACT_BORDER[incident.impact]
      }`}
      data-incident={incident.id}
    >
      <h3 className="text-lg font-semibold">
        <Link href={`/incidents/${incident.id}`} className="hover:underline">
          {incident.name}
        </Link>
      </h3>
      {isMaintenance && incident.scheduledFor && incident.scheduledUntil && (
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
          {INCIDENT_STATUS_LABELS[incident.status]}: <LocalTime iso={incident.scheduledFor} pageTimeZone={timeZone} /> –{" "}
          <LocalTime iso={incident.scheduledUntil} pageTimeZone={timeZone} />
        </p>
      )}
      {latest && (
        <div className="mt-3 text-sm">
          <strong>{INCIDENT_STATUS_LABELS[latest.status]}</strong> –{" "}
          <SanitizedHtml className="prose-update inline [&>p:first-child]:inline" inline html={latest.bodyHtml} />
          <div className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">
            Posted <RelativeTime iso={latest.displayAt} pageTimeZone={timeZone} />
          </div>
        </div>
      )}
      {incident.components.length > 0 && (
        <p className="mt-3 text-xs text-zinc-500 dark:text-zinc-400">
          {isMaintenance ? "Components: " : "Affected: "}
          {incident.components.map((c) => c.name).join(", ")}
        </p>
      )}
    </article>
  );
}

/** A past incident in the day-by-day list: its name and every update, newest first. */
export function PastIncident({ incident, timeZone }: { incident: IncidentView; timeZone: string }) {
  return (
    <article data-incident={incident.id} className="py-3">
      <h4 className="mb-2 font-semibold">
        <Link href={`/incidents/${incident.id}`} className="hover:underline">
          {incident.name}
        </Link>
      </h4>
      <UpdateList incident={incident} timeZone={timeZone} />
    </article>
  );
}
