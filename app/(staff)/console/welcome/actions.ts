"use server";

import { revalidatePath } from "next/cache";
import { redirect, unstable_rethrow } from "next/navigation";
import { requireStaff } from "@/lib/auth/next-session";
import { db } from "@/lib/db";
import { actionArg, errorToFormState, type FormState, formAction, formValues } from "@/lib/forms";
import { completePageSetup, skipPageSetup } from "@/lib/settings/first-run";
import type { Locale } from "@/lib/i18n/locales";

export const completeSetupAction = formAction(
  [actionArg.state, actionArg.form],
  async (_prev: FormState | undefined, formData: FormData): Promise<FormState> => {
    const values = formValues(formData);
    try {
      const staff = await requireStaff("settings:manage");
      const clearDemo = values.demo === "clear";
      if (clearDemo && values.confirmClear !== "yes") {
        return {
          ok: false,
          message: "Tick the box to confirm the demo content should be deleted.",
          fields: { confirmClear: "confirm to delete the demo content" },
          values,
        };
      }
      await completePageSetup(db(), staff, {
        settings: { name: values.name ?? "", url: values.url ?? "", timeZone: values.timeZone ?? "", locale: (values.locale ?? "") as Locale },
        clearDemo,
      });
      revalidatePath("/", "layout");
    } catch (error) {
      unstable_rethrow(error);
      return errorToFormState(error, values);
    }
    redirect(values.demo === "clear" ? "/console/components?welcome=1" : "/console?welcome=1");
  },
);

export const skipSetupAction = formAction([actionArg.state], async (_prev: FormState | undefined): Promise<FormState> => {
  try {
    await skipPageSetup(db(), await requireStaff("settings:manage"));
  } catch (error) {
    unstable_rethrow(error);
    return errorToFormState(error);
  }
  redirect("/console");
});
