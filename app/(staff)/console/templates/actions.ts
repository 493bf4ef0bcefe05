"use server";

import { revalidatePath } from "next/cache";
import { unstable_rethrow } from "next/navigation";
import { requireStaff } from "@/lib/auth/next-session";
import { db } from "@/lib/db";
import { errorToFormState, formValues, type FormState } from "@/lib/forms";
import { createTemplate, deleteTemplate } from "@/lib/incidents/templates";

export async function createTemplateAction(_prev: FormState | undefined, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  try {
    await createTemplate(db(), await requireStaff("incidents:write"), {
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
}

export async function deleteTemplateAction(id: string, _prev: FormState | undefined): Promise<FormState> {
  try {
    await deleteTemplate(db(), await requireStaff("incidents:write"), id);
    revalidatePath("/console/templates");
    return { ok: true, message: "Deleted." };
  } catch (error) {
    unstable_rethrow(error);
    return errorToFormState(error);
  }
}
