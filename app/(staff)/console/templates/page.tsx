import type { Metadata } from "next";
import { ActionButton } from "@/components/console/ActionButton";
import { can } from "@/lib/auth/roles";
import { requireStaffPage } from "@/lib/auth/next-session";
import { db } from "@/lib/db";
import { listTemplates } from "@/lib/incidents/templates";
import { INCIDENT_STATUS_LABELS, type IncidentStatus } from "@/lib/status/schemas";
import { deleteTemplateAction } from "./actions";
import { TemplateForm } from "./TemplateForm";

export const metadata: Metadata = { title: "Incident templates · Vigil console" };

export default async function TemplatesPage() {
  const { role } = await requireStaffPage();
  const templates = await listTemplates(db());
  const canWrite = can(role, "templates:write");
  return (
    <>
      <h1 className="text-2xl font-bold">Incident templates</h1>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">Pick one on the new-incident form to fill it in one click.</p>
      <ul className="divide-y divide-zinc-200 rounded-lg border border-zinc-200 bg-white px-4 dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900">
        {templates.length === 0 && <li className="py-3 text-sm text-zinc-500">No templates yet.</li>}
        {templates.map((t) => (
          <li key={t.id} className="flex flex-wrap items-center justify-between gap-2 py-3 text-sm">
            <span>
              <strong>{t.name}</strong> — {t.title} ({INCIDENT_STATUS_LABELS[t.status as IncidentStatus]})
            </span>
            {canWrite && <ActionButton action={deleteTemplateAction.bind(null, t.id)} label="Delete" danger confirm={`Delete the template “${t.name}”?`} />}
          </li>
        ))}
      </ul>
      {canWrite && (
        <section className="rounded-lg border border-zinc-200 bg-white p-5 dark:border-zinc-800 dark:bg-zinc-900">
          <h2 className="mb-4 font-semibold">New template</h2>
          <TemplateForm />
        </section>
      )}
    </>
  );
}
