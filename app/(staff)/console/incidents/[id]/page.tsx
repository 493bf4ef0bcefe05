import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { UpdateForm } from "@/components/console/IncidentForms";
import { can } from "@/lib/auth/roles";
import { requireStaffPage } from "@/lib/auth/next-session";
import { getConsoleIncident, listComponentsForForms } from "@/lib/console/queries";
import { db } from "@/lib/db";
import { renderMarkdown } from "@/lib/markdown/render";
import { loadPageSetting } from "@/lib/public/queries";
import { INCIDENT_STATUS_LABELS, type AnyIncidentStatus } from "@/lib/status/schemas";
import { formatDateTime, toZonedLocal } from "@/lib/time/zoned";
import { CancelMaintenanceForm, MaintenanceEditForm } from "@/components/console/MaintenanceForm";
import { cancelMaintenanceAction, editMaintenanceAction } from "../../maintenance/actions";
import {
  deleteIncidentAction,
  deleteUpdateAction,
  editIncidentAction,
  editUpdateAction,
  postmortemAction,
  postUpdateAction,
  previewMarkdown,
} from "../actions";
import { ActionButton } from "@/components/console/ActionButton";
import { EditUpdateForm, IncidentDetailsForm, PostmortemForm } from "@/components/console/UpdateEditing";
import { IncidentNotifications } from "@/components/console/DeliveryLog";
import { incidentDeliveryLog, incidentRecipients } from "@/lib/subscribers/queries";
import { SanitizedHtml } from "@/components/SanitizedHtml";
import { listTemplates } from "@/lib/incidents/templates";
import { durationText, minutesSinceStaleUpdate } from "@/lib/incidents/staleness";

export const metadata: Metadata = { title: "Incident · Vigil console" };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ConsoleIncidentPage({ params, searchParams }: Props) {
  const { role } = await requireStaffPage();
  const { id } = await params;
  const { recipient } = await searchParams;
  const [incident, components, page, deliveries, recipients, templates] = await Promise.all([
    getConsoleIncident(db(), id),
    listComponentsForForms(db()),
    loadPageSetting(db()),
    incidentDeliveryLog(db(), id),
    incidentRecipients(db(), id, { recipient: typeof recipient === "string" ? recipient : undefined }),
    listTemplates(db()),
  ]);
  if (!incident) notFound();
  const canWrite = can(role, "incidents:write");
  const affected = incident.components.map((c) => c.componentId);
  const stale = minutesSinceStaleUpdate(incident, new Date());
  return (
    <>
      <div>
        <h1 className="text-2xl font-bold">{incident.name}</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
          {incident.cancelledAt ? "Canceled" : INCIDENT_STATUS_LABELS[incident.status as AnyIncidentStatus]}
          {incident.kind === "maintenance" ? "" : ` · impact ${incident.impact}`}
          {incident.kind === "maintenance" && incident.status === "scheduled" && (
            <>
              {" "}
              ·{" "}
              {incident.remindBeforeMinutes === null
                ? "no reminder"
                : incident.remindedAt
                  ? "reminder sent"
                  : `reminder ${formatDateTime(new Date(incident.scheduledFor!.getTime() - incident.remindBeforeMinutes * 60_000), page.timeZone)}`}
            </>
          )}{" "}
          ·{" "}
          <Link href={`/incidents/${incident.id}`} className="underline">
            public page
          </Link>
        </p>
        {stale !== null && (
          <p role="status" className="mt-3 rounded-md bg-amber-50 px-4 py-3 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-200">
            <strong>Last update {durationText(stale)} ago.</strong> Customers are waiting: post an update, even if only to say you are still on it.
          </p>
        )}
      </div>
      {incident.kind === "maintenance" && incident.status !== "completed" && can(role, "maintenance:write") && (
        <details className="rounded-lg border border-zinc-200 bg-white p-4 text-sm dark:border-zinc-800 dark:bg-zinc-900">
          <summary className="cursor-pointer font-semibold">Edit or reschedule</summary>
          <div className="mt-3">
            <MaintenanceEditForm
              action={editMaintenanceAction.bind(null, incident.id)}
              components={components}
              timeZone={page.timeZone}
              initial={{
                name: incident.name,
                scheduledFor: incident.scheduledFor ? toZonedLocal(incident.scheduledFor, page.timeZone) : "",
                scheduledUntil: incident.scheduledUntil ? toZonedLocal(incident.scheduledUntil, page.timeZone) : "",
                components: incident.components.map((c) => c.componentId),
                version: incident.version,
                remindBeforeMinutes: incident.remindBeforeMinutes,
              }}
            />
          </div>
        </details>
      )}
      {incident.kind === "maintenance" && incident.status === "scheduled" && can(role, "maintenance:write") && (
        <details className="rounded-lg border border-zinc-200 bg-white p-4 text-sm dark:border-zinc-800 dark:bg-zinc-900">
          <summary className="cursor-pointer font-semibold">Cancel</summary>
          <div className="mt-3">
            <CancelMaintenanceForm action={cancelMaintenanceAction.bind(null, incident.id)} version={incident.version} />
          </div>
        </details>
      )}
      {canWrite && incident.kind !== "maintenance" && (
        <details className="rounded-lg border border-zinc-200 bg-white p-4 text-sm dark:border-zinc-800 dark:bg-zinc-900">
          <summary className="cursor-pointer font-semibold">Rename or change the impact</summary>
          <div className="mt-3">
            <IncidentDetailsForm
              action={editIncidentAction.bind(null, incident.id)}
              name={incident.name}
              impact={incident.impact}
              version={incident.version}
              kind={incident.kind}
            />
          </div>
        </details>
      )}
      {canWrite ? (
        <section aria-labelledby="post" className="rounded-lg border border-zinc-200 bg-white p-5 dark:border-zinc-800 dark:bg-zinc-900">
          <h2 id="post" className="mb-4 font-semibold">
            Post an update
          </h2>
          <UpdateForm
            action={postUpdateAction.bind(null, incident.id)}
            preview={previewMarkdown}
            components={components}
            affected={affected}
            version={incident.version}
            currentStatus={incident.status}
            kind={incident.kind}
            timeZone={page.timeZone}
            templates={templates}
          />
        </section>
      ) : (
        <p className="text-sm text-zinc-500">Your role can read incidents but not post updates.</p>
      )}
      <section aria-labelledby="timeline">
        <h2 id="timeline" className="mb-3 font-semibold">
          Timeline
        </h2>
        <ol className="space-y-3">
          {incident.updates.map((u) => (
            <li key={u.id} className="rounded-md border border-zinc-200 bg-white p-3 text-sm dark:border-zinc-800 dark:bg-zinc-900">
              <div className="font-semibold">{INCIDENT_STATUS_LABELS[u.status as AnyIncidentStatus]}</div>
              <SanitizedHtml className="prose-update" html={renderMarkdown(u.body)} />
              <div className="mt-1 text-xs text-zinc-500">{formatDateTime(u.displayAt, page.timeZone)}</div>
              {canWrite && (
                <div className="flex flex-wrap items-start gap-3">
                  <EditUpdateForm action={editUpdateAction.bind(null, incident.id, u.id)} body={u.body} />
                  {incident.updates.length > 1 && (
                    <ActionButton
                      action={deleteUpdateAction.bind(null, incident.id, u.id)}
                      label="Delete"
                      danger
                      confirm="Delete this update? It disappears from the public page."
                    />
                  )}
                </div>
              )}
            </li>
          ))}
        </ol>
      </section>
      {canWrite && (
        <section aria-labelledby="postmortem" className="rounded-lg border border-zinc-200 bg-white p-5 dark:border-zinc-800 dark:bg-zinc-900">
          <h2 id="postmortem" className="mb-3 font-semibold">
            Postmortem
          </h2>
          <PostmortemForm
            action={postmortemAction.bind(null, incident.id)}
            preview={previewMarkdown}
            postmortem={incident.postmortem ?? ""}
            resolved={incident.status === "resolved"}
          />
        </section>
      )}
      <IncidentNotifications log={deliveries} recipients={recipients} timeZone={page.timeZone} />
      {can(role, "incidents:delete") && (
        <section aria-labelledby="danger" className="rounded-lg border border-red-200 p-4 dark:border-red-900">
          <h2 id="danger" className="mb-2 font-semibold">
            Delete this {incident.kind}
          </h2>
          <p className="mb-3 text-sm text-zinc-600 dark:text-zinc-400">
            It disappears from the public page, its history and the feeds; alerts not yet sent are cancelled and subscribers are not told. The audit log keeps a
            record.
          </p>
          <ActionButton
            action={deleteIncidentAction.bind(null, incident.id)}
            label={`Delete ${incident.kind}`}
            danger
            confirm={`Delete “${incident.name}” for good? This cannot be undone.`}
          />
        </section>
      )}
    </>
  );
}
