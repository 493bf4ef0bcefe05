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
import type { UpdateComponentInput } from "@/lib/components/schemas";
import { db } from "@/lib/db";
import { actionArg, errorToFormState, formAction, type FormState, formValues } from "@/lib/forms";
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

export const setStatusAction = formAction(
  [actionArg.id, actionArg.state, actionArg.form],
  async (componentId: string, _prev: FormState | undefined, formData: FormData): Promise<FormState> => {
    return componentAction(async () => setStatusByStaff(db(), await staff(), { componentId, status: String(formData.get("status")) as never }), "Saved.");
  },
);

export const clearOverrideAction = formAction(
  [actionArg.id, actionArg.state],
  async (componentId: string, _prev: FormState | undefined): Promise<FormState> => {
    return componentAction(async () => clearStatusOverride(db(), await staff(), componentId), "Override cleared.");
  },
);

export const moveAction = formAction(
  [actionArg.oneOf(["component", "group"]), actionArg.id, actionArg.oneOf(["up", "down"]), actionArg.state],
  async (kind: "component" | "group", id: string, direction: "up" | "down", _prev: FormState | undefined): Promise<FormState> => {
    return componentAction(async () => moveItem(db(), await staff(), { kind, id }, direction), "Moved.");
  },
);

export const addComponentAction = formAction(
  [actionArg.state, actionArg.form],
  async (_prev: FormState | undefined, formData: FormData): Promise<FormState> => {
    const values = formValues(formData);
    return componentAction(
      async () => addComponent(db(), await staff(), { name: values.name ?? "", description: values.description, groupId: values.groupId }),
      `Added ${values.name}.`,
      values,
    );
  },
);

export const editComponentAction = formAction(
  [actionArg.id, actionArg.state, actionArg.form],
  async (componentId: string, _prev: FormState | undefined, formData: FormData): Promise<FormState> => {
    const values = formValues(formData);
    return componentAction(
      async () =>
        updateComponent(db(), await staff(), {
          componentId,
          name: values.name ?? "",
          description: values.description,
          groupId: values.groupId,
          showUptime: values.showUptime === "on",
          sloTarget: values.sloTarget ?? "",
          // Checked by the verb's schema (an unknown window is a field error there).
          sloWindow: values.sloWindow as UpdateComponentInput["sloWindow"],
          sloPublic: values.sloPublic === "on",
        }),
      "Saved.",
      values,
    );
  },
);

export const deleteComponentAction = formAction(
  [actionArg.id, actionArg.state],
  async (componentId: string, _prev: FormState | undefined): Promise<FormState> => {
    const state = await componentAction(async () => deleteComponent(db(), await staff(), componentId), "Deleted.");
    if (state.ok) redirect("/console/components");
    return state;
  },
);

export const addGroupAction = formAction([actionArg.state, actionArg.form], async (_prev: FormState | undefined, formData: FormData): Promise<FormState> => {
  const values = formValues(formData);
  return componentAction(
    async () => createGroup(db(), await staff(), { name: values.name ?? "", description: values.description }),
    `Added group ${values.name}.`,
    values,
  );
});

export const editGroupAction = formAction(
  [actionArg.id, actionArg.state, actionArg.form],
  async (groupId: string, _prev: FormState | undefined, formData: FormData): Promise<FormState> => {
    const values = formValues(formData);
    return componentAction(
      async () => updateGroup(db(), await staff(), groupId, { name: values.name ?? "", description: values.description }),
      "Saved.",
      values,
    );
  },
);

export const deleteGroupAction = formAction([actionArg.id, actionArg.state], async (groupId: string, _prev: FormState | undefined): Promise<FormState> => {
  const state = await componentAction(async () => deleteGroup(db(), await staff(), groupId), "Group deleted.");
  if (state.ok) redirect("/console/components");
  return state;
});
