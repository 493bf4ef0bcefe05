"use server";

import { revalidatePath } from "next/cache";
import { redirect, unstable_rethrow } from "next/navigation";
import { requireStaff } from "@/lib/auth/next-session";
import { db } from "@/lib/db";
import { actionArg, errorToFormState, formAction, type FormState, formValues, parsedAction } from "@/lib/forms";
import { incidentFormInput, updateFormInput } from "@/lib/incidents/form";
import type { AddIncidentUpdateInput, CreateIncidentInput, EditIncidentInput } from "@/lib/incidents/schemas";
import {
  deleteIncident,
  deleteIncidentUpdate,
  editIncident,
  editIncidentUpdate,
  openIncident,
  postIncidentUpdate,
  setPostmortem,
} from "@/lib/incidents/staff-verbs";
import { renderMarkdown } from "@/lib/markdown/render";
import { loadPageSetting } from "@/lib/public/queries";
import { invalidatePublicSnapshot } from "@/lib/public/snapshot";

async function afterIncidentWrite(incidentId: string) {
  invalidatePublicSnapshot();
  // Re-render the console page: the timeline and the version the next post expects.
  revalidatePath(`/console/incidents/${incidentId}`);
}

export const createIncidentAction = formAction(
  [actionArg.state, actionArg.form],
  async (_prev: FormState | undefined, formData: FormData): Promise<FormState> => {
    const values = formValues(formData);
    let id: string;
    try {
      const staff = await requireStaff("incidents:write");
      const { timeZone } = await loadPageSetting(db());
      // The form's strings are not yet the schema's enums: openIncident parses them, once.
      id = (await openIncident(db(), staff, incidentFormInput(formData, timeZone) as CreateIncidentInput)).id;
      invalidatePublicSnapshot();
    } catch (error) {
      unstable_rethrow(error);
      return errorToFormState(error, values);
    }
    redirect(`/console/incidents/${id}`);
  },
);

export const postUpdateAction = formAction(
  [actionArg.id, actionArg.state, actionArg.form],
  async (incidentId: string, _prev: FormState | undefined, formData: FormData): Promise<FormState> => {
    const values = formValues(formData);
    try {
      const staff = await requireStaff("incidents:write");
      const { timeZone } = await loadPageSetting(db());
      await postIncidentUpdate(db(), staff, updateFormInput(formData, incidentId, timeZone) as AddIncidentUpdateInput);
      await afterIncidentWrite(incidentId);
      return { ok: true, message: "Update posted. It is on the public page now." };
    } catch (error) {
      unstable_rethrow(error);
      return errorToFormState(error, values);
    }
  },
);

export const editUpdateAction = formAction(
  [actionArg.id, actionArg.id, actionArg.state, actionArg.form],
  async (incidentId: string, updateId: string, _prev: FormState | undefined, formData: FormData): Promise<FormState> => {
    const values = formValues(formData);
    try {
      const staff = await requireStaff("incidents:write");
      await editIncidentUpdate(db(), staff, { updateId, body: String(formData.get("body") ?? "") });
      await afterIncidentWrite(incidentId);
      return { ok: true, message: "Update edited." };
    } catch (error) {
      unstable_rethrow(error);
      return errorToFormState(error, values);
    }
  },
);

export const deleteUpdateAction = formAction(
  [actionArg.id, actionArg.id, actionArg.state],
  async (incidentId: string, updateId: string, _prev: FormState | undefined): Promise<FormState> => {
    try {
      const staff = await requireStaff("incidents:write");
      await deleteIncidentUpdate(db(), staff, updateId);
      await afterIncidentWrite(incidentId);
      return { ok: true, message: "Update deleted." };
    } catch (error) {
      unstable_rethrow(error);
      return errorToFormState(error);
    }
  },
);

export const postmortemAction = formAction(
  [actionArg.id, actionArg.state, actionArg.form],
  async (incidentId: string, _prev: FormState | undefined, formData: FormData): Promise<FormState> => {
    const values = formValues(formData);
    try {
      const staff = await requireStaff("incidents:write");
      const notifySubscribers = formData.get("notifySubscribers") === "on";
      await setPostmortem(db(), staff, { incidentId, postmortem: String(formData.get("postmortem") ?? ""), notifySubscribers });
      await afterIncidentWrite(incidentId);
      return { ok: true, message: notifySubscribers ? "Postmortem published and sent to subscribers." : "Postmortem published on the page.", values };
    } catch (error) {
      unstable_rethrow(error);
      return errorToFormState(error, values);
    }
  },
);

export const editIncidentAction = formAction(
  [actionArg.id, actionArg.state, actionArg.form],
  async (incidentId: string, _prev: FormState | undefined, formData: FormData): Promise<FormState> => {
    const values = formValues(formData);
    try {
      const staff = await requireStaff("console:read");
      await editIncident(db(), staff, {
        incidentId,
        name: values.name,
        ...(values.impact ? { impact: values.impact as EditIncidentInput["impact"] } : {}),
        expectedVersion: values.version,
      });
      await afterIncidentWrite(incidentId);
      return { ok: true, message: "Saved. Subscribers are not notified of a rename.", values };
    } catch (error) {
      unstable_rethrow(error);
      return errorToFormState(error, values);
    }
  },
);

export const deleteIncidentAction = formAction(
  [actionArg.id, actionArg.state],
  async (incidentId: string, _prev: FormState | undefined): Promise<FormState> => {
    try {
      await deleteIncident(db(), await requireStaff("incidents:delete"), incidentId);
      invalidatePublicSnapshot();
    } catch (error) {
      unstable_rethrow(error);
      return errorToFormState(error);
    }
    redirect("/console?deleted=1");
  },
);

/** Live preview: the same renderer and sanitiser as the public page. */
export const previewMarkdown = parsedAction(
  [actionArg.text],
  async (source: string): Promise<string> => {
    await requireStaff("console:read");
    return renderMarkdown(source.slice(0, 20_000));
  },
  // Nothing to preview in text the page never sends.
  () => "",
);
