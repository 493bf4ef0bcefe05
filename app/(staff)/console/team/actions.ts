"use server";

import { revalidatePath } from "next/cache";
import { unstable_rethrow } from "next/navigation";
import { requireStaff } from "@/lib/auth/next-session";
import { db } from "@/lib/db";
import { actionArg, errorToFormState, formAction, type FormState, formValues } from "@/lib/forms";
import { addTeamMember, changeRole, removeTeamMember, resetMemberMfa } from "@/lib/team/staff-verbs";

async function teamAction(run: () => Promise<unknown>, ok: string, values?: Record<string, string>): Promise<FormState> {
  try {
    await run();
    revalidatePath("/console/team");
    return { ok: true, message: ok };
  } catch (error) {
    unstable_rethrow(error);
    return errorToFormState(error, values);
  }
}

export const addMemberAction = formAction([actionArg.state, actionArg.form], async (_prev: FormState | undefined, formData: FormData): Promise<FormState> => {
  const values = formValues(formData);
  return teamAction(
    async () =>
      addTeamMember(db(), await requireStaff("team:manage"), {
        email: values.email ?? "",
        name: values.name ?? "",
        password: values.password ?? "",
        role: values.role ?? "viewer",
      }),
    `Added ${values.email}. Give them their temporary password; they set up MFA at first sign-in.`,
    { email: values.email ?? "", name: values.name ?? "", role: values.role ?? "" },
  );
});

export const changeRoleAction = formAction(
  [actionArg.id, actionArg.state, actionArg.form],
  async (userId: string, _prev: FormState | undefined, formData: FormData): Promise<FormState> => {
    return teamAction(async () => changeRole(db(), await requireStaff("team:manage"), { userId, role: String(formData.get("role")) }), "Role changed.");
  },
);

export const resetMfaAction = formAction([actionArg.id, actionArg.state], async (userId: string, _prev: FormState | undefined): Promise<FormState> => {
  return teamAction(async () => resetMemberMfa(db(), await requireStaff("team:manage"), userId), "MFA reset: they will set up a device at their next sign-in.");
});

export const removeMemberAction = formAction([actionArg.id, actionArg.state], async (userId: string, _prev: FormState | undefined): Promise<FormState> => {
  return teamAction(async () => removeTeamMember(db(), await requireStaff("team:manage"), userId), "Removed.");
});
