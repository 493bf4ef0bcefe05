"use server";

import { revalidatePath } from "next/cache";
import { unstable_rethrow } from "next/navigation";
import { requireStaff } from "@/lib/auth/next-session";
import { db } from "@/lib/db";
import { actionArg, errorToFormState, formAction, type FormState, formValues } from "@/lib/forms";
import { createTemplate, deleteTemplate } from "@/lib/incidents/templates";

export const createTemplateAction = formAction(
  [actionArg.state, actionArg.form],
  async (_prev: FormState | undefined, formData: FormData): Promise<FormState> => {
    const values = formValues(formData);
    try {
      await createTemplate(db(), await requireStaff("templates:write"), {
        name: values.name ?? "",
        title: values.title ?? "",
        status: (values.status ?? "") as never,
        body: values.body ?? "",
      });
      revalidatePath("/console/templates");
      return { ok: true, message: `Template “${values.name}” saved.` };
    } catch (error) {
      unstable_rethrow(error);
      return errorToFormState(error, values);
    }
  },
);

export const deleteTemplateAction = formAction([actionArg.id, actionArg.state], async (id: string, _prev: FormState | undefined): Promise<FormState> => {
  try {
    await deleteTemplate(db(), await requireStaff("templates:write"), id);
    revalidatePath("/console/templates");
    return { ok: true, message: "Deleted." };
  } catch (error) {
    unstable_rethrow(error);
    return errorToFormState(error);
  }
});
