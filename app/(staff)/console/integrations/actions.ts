"use server";

import { revalidatePath } from "next/cache";
import { unstable_rethrow } from "next/navigation";
import { requireStaff } from "@/lib/auth/next-session";
import { db } from "@/lib/db";
import { actionArg, errorToFormState, formAction, type FormState, formValues } from "@/lib/forms";
import { rulesFromValues } from "@/lib/integrations/form";
import { createIntegration, deleteIntegration, setIntegrationEnabled, updateIntegration } from "@/lib/integrations/staff-verbs";
import { integrationUrl } from "@/lib/integrations/tokens";
import { publicPageUrl } from "@/lib/page/public-url";

export type CreateIntegrationState = FormState & { url?: string };

const PATH = "/console/integrations";
const staff = () => requireStaff("settings:manage", { confirmedFor: PATH });

export const createIntegrationAction = formAction(
  [actionArg.state, actionArg.form],
  async (_prev: CreateIntegrationState | undefined, formData: FormData): Promise<CreateIntegrationState> => {
    const values = formValues(formData);
    try {
      const source = values.source ?? "";
      const { token } = await createIntegration(db(), await staff(), { name: values.name ?? "", source: source as never });
      revalidatePath(PATH);
      return { ok: true, message: "Created. Copy the URL now: its token is shown only once.", url: integrationUrl(await publicPageUrl(db()), source, token) };
    } catch (error) {
      unstable_rethrow(error);
      return errorToFormState(error, values);
    }
  },
);

export const updateIntegrationAction = formAction(
  [actionArg.id, actionArg.state, actionArg.form],
  async (id: string, _prev: FormState | undefined, formData: FormData): Promise<FormState> => {
    const { rules, values } = rulesFromValues(formValues(formData));
    try {
      await updateIntegration(db(), await staff(), {
        id,
        name: values.name ?? "",
        rules,
        defaultComponentId: values.defaultComponentId || null,
        defaultStatus: (values.defaultStatus ?? "") as never,
        templateId: values.templateId || null,
      });
      revalidatePath(PATH);
      return { ok: true, message: "Saved.", values };
    } catch (error) {
      unstable_rethrow(error);
      return errorToFormState(error, values);
    }
  },
);

export const setIntegrationEnabledAction = formAction(
  [actionArg.id, actionArg.flag, actionArg.state],
  async (id: string, enabled: boolean, _prev: FormState | undefined): Promise<FormState> => {
    try {
      await setIntegrationEnabled(db(), await staff(), id, enabled);
      revalidatePath(PATH);
      return { ok: true, message: enabled ? "Enabled." : "Disabled: alerts to its URL are acknowledged and ignored." };
    } catch (error) {
      unstable_rethrow(error);
      return errorToFormState(error);
    }
  },
);

export const deleteIntegrationAction = formAction([actionArg.id, actionArg.state], async (id: string, _prev: FormState | undefined): Promise<FormState> => {
  try {
    await deleteIntegration(db(), await staff(), id);
    revalidatePath(PATH);
    return { ok: true, message: "Deleted." };
  } catch (error) {
    unstable_rethrow(error);
    return errorToFormState(error);
  }
});
