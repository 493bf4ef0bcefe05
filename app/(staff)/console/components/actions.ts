"use server";

import { revalidatePath } from "next/cache";
import { unstable_rethrow } from "next/navigation";
import { requireStaff } from "@/lib/auth/next-session";
import { addComponent, moveComponent, setStatusByStaff } from "@/lib/components/staff-verbs";
import { db } from "@/lib/db";
import { errorToFormState, formValues, type FormState } from "@/lib/forms";
import { invalidatePublicSnapshot } from "@/lib/public/snapshot";

async function componentAction(run: () => Promise<unknown>, ok: string, values?: Record<string, string>): Promise<FormState> {
  try {
    await run();
    invalidatePublicSnapshot();
    revalidatePath("/console/components");
    return { ok: true, message: ok };
  } catch (error) {
    unstable_rethrow(error);
    return errorToFormState(error, values);
  }
}

export async function setStatusAction(componentId: string, _prev: FormState | undefined, formData: FormData): Promise<FormState> {
  return componentAction(
    async () => setStatusByStaff(db(), await requireStaff("components:write"), { componentId, status: String(formData.get("status")) as never }),
    "Saved.",
  );
}

export async function moveAction(componentId: string, direction: "up" | "down", _prev: FormState | undefined): Promise<FormState> {
  return componentAction(async () => moveComponent(db(), await requireStaff("components:write"), componentId, direction), "Moved.");
}

export async function addComponentAction(_prev: FormState | undefined, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  return componentAction(
    async () => addComponent(db(), await requireStaff("components:write"), { name: values.name ?? "", description: values.description, groupId: values.groupId }),
    `Added ${values.name}.`,
    values,
  );
}
