"use server";

import { redirect, unstable_rethrow } from "next/navigation";
import { requireStaff } from "@/lib/auth/next-session";
import { db } from "@/lib/db";
import { actionArg, errorToFormState, formAction, type FormState, formValues } from "@/lib/forms";
import { maintenanceFormInput } from "@/lib/incidents/form";
import { scheduleMaintenance } from "@/lib/incidents/staff-verbs";
import { loadPageSetting } from "@/lib/public/queries";
import { invalidatePublicSnapshot } from "@/lib/public/snapshot";

export const scheduleMaintenanceAction = formAction(
  [actionArg.state, actionArg.form],
  async (_prev: FormState | undefined, formData: FormData): Promise<FormState> => {
    const values = formValues(formData);
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
