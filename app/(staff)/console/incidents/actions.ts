"use server";

import { revalidatePath } from "next/cache";
import { redirect, unstable_rethrow } from "next/navigation";
import { recordAudit } from "@/lib/audit/record";
import { requireStaff } from "@/lib/auth/next-session";
import { db, inTransaction } from "@/lib/db";
import { errorToFormState, formValues, type FormState } from "@/lib/forms";
import { addIncidentUpdate } from "@/lib/incidents/add-incident-update";
import { createIncident } from "@/lib/incidents/create-incident";
import { incidentFormInput, updateFormInput } from "@/lib/incidents/form";
import { AddIncidentUpdateInput, CreateIncidentInput } from "@/lib/incidents/schemas";
import { renderMarkdown } from "@/lib/markdown/render";
import { loadPageSetting } from "@/lib/public/queries";
import { invalidatePublicSnapshot } from "@/lib/public/snapshot";

export async function createIncidentAction(_prev: FormState | undefined, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  let id: string;
  try {
    const staff = await requireStaff("incidents:write");
    const { timeZone } = await loadPageSetting(db());
    const input = CreateIncidentInput.parse(incidentFormInput(formData, timeZone));
    id = await inTransaction(db(), async (tx) => {
      const incident = await createIncident(tx, input);
      await recordAudit(tx, staff.actor, { action: "incident.create", targetType: "incident", targetId: incident.id, after: input });
      return incident.id;
    });
    invalidatePublicSnapshot();
  } catch (error) {
    unstable_rethrow(error);
    return errorToFormState(error, values);
  }
  redirect(`/console/incidents/${id}`);
}

export async function postUpdateAction(incidentId: string, _prev: FormState | undefined, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  try {
    const staff = await requireStaff("incidents:write");
    const { timeZone } = await loadPageSetting(db());
    const input = AddIncidentUpdateInput.parse(updateFormInput(formData, incidentId, timeZone));
    await inTransaction(db(), async (tx) => {
      const update = await addIncidentUpdate(tx, input);
      await recordAudit(tx, staff.actor, { action: "incident.update", targetType: "incident", targetId: incidentId, after: { ...input, updateId: update.id } });
    });
    invalidatePublicSnapshot();
    // Re-render the console page: the timeline and the version the next post expects.
    revalidatePath(`/console/incidents/${incidentId}`);
    return { ok: true, message: "Update posted. It is on the public page now." };
  } catch (error) {
    unstable_rethrow(error);
    return errorToFormState(error, values);
  }
}

/** Live preview: the same renderer and sanitiser as the public page. */
export async function previewMarkdown(source: string): Promise<string> {
  await requireStaff("console:read");
  return renderMarkdown(source.slice(0, 20_000));
}
