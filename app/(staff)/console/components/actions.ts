"use server";

import { revalidatePath } from "next/cache";
import { redirect, unstable_rethrow } from "next/navigation";
import { requireStaff } from "@/lib/auth/next-session";
import {
  addComponent,
  clearStatusOverride,
  createGroup,
  deleteComponent,
  deleteGroup,
  moveItem,
  setStatusByStaff,
  updateComponent,
  updateGroup,
} from "@/lib/components/staff-verbs";
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

const staff = () => requireStaff("components:write");

export async function setStatusAction(componentId: string, _prev: FormState | undefined, formData: FormData): Promise<FormState> {
  return componentAction(async () => setStatusByStaff(db(), await staff(), { componentId, status: String(formData.get("status")) as never }), "Saved.");
}

export async function clearOverrideAction(componentId: string, _prev: FormState | undefined): Promise<FormState> {
  return componentAction(async () => clearStatusOverride(db(), await staff(), componentId), "Override cleared.");
}

export async function moveAction(kind: "component" | "group", id: string, direction: "up" | "down", _prev: FormState | undefined): Promise<FormState> {
  return componentAction(async () => moveItem(db(), await staff(), { kind, id }, direction), "Moved.");
}

export async function addComponentAction(_prev: FormState | undefined, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  return componentAction(
    async () => addComponent(db(), await staff(), { name: values.name ?? "", description: values.description, groupId: values.groupId }),
    `Added ${values.name}.`,
    values,
  );
}

export async function editComponentAction(componentId: string, _prev: FormState | undefined, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  return componentAction(
    async () =>
      updateComponent(db(), await staff(), {
        componentId,
        name: values.name ?? "",
        description: values.description,
        groupId: values.groupId,
        showUptime: values.showUptime === "on",
      }),
    "Saved.",
    values,
  );
}

export async function deleteComponentAction(componentId: string, _prev: FormState | undefined): Promise<FormState> {
  const state = await componentAction(async () => deleteComponent(db(), await staff(), componentId), "Deleted.");
  if (state.ok) redirect("/console/components");
  return state;
}

export async function addGroupAction(_prev: FormState | undefined, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  return componentAction(
    async () => createGroup(db(), await staff(), { name: values.name ?? "", description: values.description }),
    `Added group ${values.name}.`,
    values,
  );
}

export async function editGroupAction(groupId: string, _prev: FormState | undefined, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  return componentAction(async () => updateGroup(db(), await staff(), groupId, { name: values.name ?? "", description: values.description }), "Saved.", values);
}

export async function deleteGroupAction(groupId: string, _prev: FormState | undefined): Promise<FormState> {
  const state = await componentAction(async () => deleteGroup(db(), await staff(), groupId), "Group deleted.");
  if (state.ok) redirect("/console/components");
  return state;
}
