"use server";

import { revalidatePath } from "next/cache";
import { unstable_rethrow } from "next/navigation";
import { createApiKey, revokeApiKey } from "@/lib/api-keys/keys";
import { requireStaff } from "@/lib/auth/next-session";
import { db } from "@/lib/db";
import { actionArg, errorToFormState, formAction, type FormState, formValues } from "@/lib/forms";

export type CreateKeyState = FormState & { key?: string };

export const createKeyAction = formAction(
  [actionArg.state, actionArg.form],
  async (_prev: CreateKeyState | undefined, formData: FormData): Promise<CreateKeyState> => {
    const values = formValues(formData);
    try {
      const { key } = await createApiKey(db(), await requireStaff("settings:manage"), {
        name: values.name ?? "",
        scopes: formData.getAll("scopes").map(String) as never,
      });
      revalidatePath("/console/api-keys");
      return { ok: true, message: "Key created. Copy it now: it is shown only once.", key };
    } catch (error) {
      unstable_rethrow(error);
      return errorToFormState(error, values);
    }
  },
);

export const revokeKeyAction = formAction([actionArg.id, actionArg.state], async (id: string, _prev: FormState | undefined): Promise<FormState> => {
  try {
    await revokeApiKey(db(), await requireStaff("settings:manage"), id);
    revalidatePath("/console/api-keys");
    return { ok: true, message: "Revoked." };
  } catch (error) {
    unstable_rethrow(error);
    return errorToFormState(error);
  }
});
