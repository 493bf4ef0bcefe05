"use server";

import { revalidatePath } from "next/cache";
import { unstable_rethrow } from "next/navigation";
import { requireStaff } from "@/lib/auth/next-session";
import { db } from "@/lib/db";
import { errorToFormState, formValues, type FormState } from "@/lib/forms";
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

export async function addMemberAction(_prev: FormState | undefined, formData: FormData): Promise<FormState> {
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
}

export async function changeRoleAction(userId: string, _prev: FormState | undefined, formData: FormData): Promise<FormState> {
  return teamAction(async () => changeRole(db(), await requireStaff("team:manage"), { userId, role: String(formData.get("role")) }), "Role changed.");
}

export async function resetMfaAction(userId: string, _prev: FormState | undefined): Promise<FormState> {
  return teamAction(async () => resetMemberMfa(db(), await requireStaff("team:manage"), userId), "MFA reset: they will set up a device at their next sign-in.");
}

export async function removeMemberAction(userId: string, _prev: FormState | undefined): Promise<FormState> {
  return teamAction(async () => removeTeamMember(db(), await requireStaff("team:manage"), userId), "Removed.");
}
