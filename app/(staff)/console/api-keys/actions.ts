"use server";

import { revalidatePath } from "next/cache";
import { unstable_rethrow } from "next/navigation";
import { createApiKey, revokeApiKey } from "@/lib/api-keys/keys";
import { requireStaff } from "@/lib/auth/next-session";
import { sendAccountNotice } from "@/lib/auth/account-notice";
import { db } from "@/lib/db";
import { configuredMailer } from "@/lib/mail/mailer";
import { errorToFormState, formValues, type FormState, actionArg, formAction } from "@/lib/forms";

export type CreateKeyState = FormState & { key?: string };

export const createKeyAction = formAction(
  [actionArg.state, actionArg.form],
  async (_prev: CreateKeyState | undefined, formData: FormData): Promise<CreateKeyState> => {
    const values = formValues(formData);
    try {
      const staff = await requireStaff("settings:manage", { confirmedFor: "/console/api-keys" });
      const { key } = await createApiKey(db(), staff, { name: values.name ?? "", scopes: formData.getAll("scopes").map(String) as never });
      await sendAccountNotice(configuredMailer(), "api_key", staff.session.user, staff.actor.ip);
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
    const staff = await requireStaff("settings:manage", { confirmedFor: "/console/api-keys" });
    await revokeApiKey(db(), staff, id);
    await sendAccountNotice(configuredMailer(), "api_key", staff.session.user, staff.actor.ip);
    revalidatePath("/console/api-keys");
    return { ok: true, message: "Revoked." };
  } catch (error) {
    unstable_rethrow(error);
    return errorToFormState(error);
  }
});
