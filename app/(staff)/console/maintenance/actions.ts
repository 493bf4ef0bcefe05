"use server";

import { redirect, unstable_rethrow } from "next/navigation";
import { requireStaff } from "@/lib/auth/next-session";
import { db } from "@/lib/db";
import { actionArg, errorToFormState, formAction, type FormState, formValues } from "@/lib/forms";
import { maintenanceFormInput } from "@/lib/incidents/form";
import { cancelMaintenance, editMaintenance, scheduleMaintenance } from "@/lib/incidents/staff-verbs";
import { revalidatePath } from "next/cache";
import { loadPageSetting } from "@/lib/public/queries";
import { invalidatePublicSnapshot } from "@/lib/public/snapshot";

export const editMaintenanceAction = formAction(
  [actionArg.id, actionArg.state, actionArg.form],
  async (incidentId: string, _prev: FormState | undefined, formData: FormData): Promise<FormState> => {
    const values: Record<string, string> = { ...formValues(formData), components: formData.getAll("components").map(String).join(",") };
    try {
      const staff = await requireStaff("maintenance:write");
      const { timeZone } = await loadPageSetting(db());
      const { scheduledFor, scheduledUntil, name, components, remindBeforeMinutes } = maintenanceFormInput(formData, timeZone);
      await editMaintenance(db(), staff, {
        incidentId,
        name,
        scheduledFor,
        scheduledUntil,
        components,
        remindBeforeMinutes,
        expectedVersion: formValues(formData).version,
      });
      invalidatePublicSnapshot();
      revalidatePath(`/console/incidents/${incidentId}`);
      return { ok: true, message: "Saved. The public page shows the new window." };
    } catch (error) {
      unstable_rethrow(error);
      return errorToFormState(error, values);
    }
  },
);

export const scheduleMaintenanceAction = formAction(
  [actionArg.state, actionArg.form],
  async (_prev: FormState | undefined, formData: FormData): Promise<FormState> => {
    // Every ticked component comes back after an error, not just the last one.
    const values: Record<string, string> = { ...formValues(formData), components: formData.getAll("components").map(String).join(",") };
    let id: string;
    try {
      const staff = await requireStaff("maintenance:write");
      const { timeZone } = await loadPageSetting(db());
      id = (await scheduleMaintenance(db(), staff, maintenanceFormInput(formData, timeZone))).id;
      invalidatePublicSnapshot();
    } catch (error) {
      unstable_rethrow(error);
      return errorToFormState(error, values);
    }
    redirect(`/console/incidents/${id}`);
  },
);

export const cancelMaintenanceAction = formAction(
  [actionArg.id, actionArg.state, actionArg.form],
  async (incidentId: string, _prev: FormState | undefined, formData: FormData): Promise<FormState> => {
    // An unticked box sends nothing: keep it unticked after an error.
    const values: Record<string, string> = { ...formValues(formData), notifySubscribers: formData.get("notifySubscribers") === "on" ? "on" : "off" };
    try {
      const staff = await requireStaff("maintenance:write");
      await cancelMaintenance(db(), staff, {
        incidentId,
        body: values.body ?? "",
        notifySubscribers: values.notifySubscribers === "on",
        expectedVersion: values.version,
      });
      invalidatePublicSnapshot();
      revalidatePath(`/console/incidents/${incidentId}`);
      return { ok: true, message: "Canceled. The public page says so, and subscribers are told unless you chose not to." };
    } catch (error) {
      unstable_rethrow(error);
      return errorToFormState(error, values);
    }
  },
);
