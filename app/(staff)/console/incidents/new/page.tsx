import { INCIDENT_STATUSES } from "@/lib/status/schemas";
import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import { NewIncidentForm } from "@/components/console/IncidentForms";
import { requireStaffPage } from "@/lib/auth/next-session";
import { listComponentsForForms } from "@/lib/console/queries";
import { db } from "@/lib/db";
import { loadPageSetting } from "@/lib/public/queries";
import { listTemplates } from "@/lib/incidents/templates";
import { createIncidentAction, previewMarkdown } from "../actions";

export const metadata: Metadata = { title: "New incident · Vigil console" };

export default async function NewIncidentPage() {
  await requireStaffPage("incidents:write");
  const [components, page, templates] = await Promise.all([listComponentsForForms(db()), loadPageSetting(db()), listTemplates(db())]);
  return (
    <>
      <h1 className="text-2xl font-bold">New incident</h1>
      <NewIncidentForm
        action={createIncidentAction}
        preview={previewMarkdown}
        components={components}
        timeZone={page.timeZone}
        templates={templates.filter((t) => (INCIDENT_STATUSES as readonly string[]).includes(t.status))}
        creationKey={randomUUID()}
      />
    </>
  );
}
