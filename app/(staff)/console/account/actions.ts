"use server";

import { revalidatePath } from "next/cache";
import { redirect, unstable_rethrow } from "next/navigation";
import { proveFactorForDeviceChange, regenerateRecoveryCodes } from "@/lib/auth/mfa";
import { requestContext, requireStaff } from "@/lib/auth/next-session";
import { db } from "@/lib/db";
import { actionArg, errorToFormState, formAction, type FormState } from "@/lib/forms";
import { requestBackupEmail } from "@/lib/auth/backup-email";
import { configuredMailer } from "@/lib/mail/mailer";
import { sendAccountNotice } from "@/lib/auth/account-notice";
import { loadPageSetting } from "@/lib/public/queries";
import { changeOwnPassword, revokeOwnSession } from "@/lib/team/staff-verbs";

export interface CodesState extends FormState {
  recoveryCodes?: string[];
}

export const changePasswordAction = formAction(
  [actionArg.state, actionArg.form],
  async (_prev: FormState | undefined, formData: FormData): Promise<FormState> => {
    try {
      const staff = await requireStaff("console:read", { confirmedFor: "/console/account" });
      await changeOwnPassword(db(), staff, {
        current: String(formData.get("current") ?? ""),
        next: String(formData.get("next") ?? ""),
        confirm: String(formData.get("confirm") ?? ""),
      });
      await sendAccountNotice(configuredMailer(), "password", staff.session.user, staff.actor.ip);
      revalidatePath("/console/account");
      return { ok: true, message: "Password changed. Your other sessions were signed out." };
    } catch (error) {
      unstable_rethrow(error);
      return errorToFormState(error);
    }
  },
);

export const revokeSessionAction = formAction([actionArg.id, actionArg.state], async (sessionId: string, _prev: FormState | undefined): Promise<FormState> => {
  try {
    const staff = await requireStaff("console:read", { confirmedFor: "/console/account" });
    await revokeOwnSession(db(), staff, sessionId);
    await sendAccountNotice(configuredMailer(), "session_revoked", staff.session.user, staff.actor.ip);
    revalidatePath("/console/account");
    return { ok: true, message: "Signed out." };
  } catch (error) {
    unstable_rethrow(error);
    return errorToFormState(error);
  }
});

export const changeDeviceAction = formAction(
  [actionArg.state, actionArg.form],
  async (_prev: FormState | undefined, formData: FormData): Promise<FormState> => {
    try {
      const staff = await requireStaff("console:read", { confirmedFor: "/console/account" });
      await proveFactorForDeviceChange(db(), staff.session, String(formData.get("code") ?? ""), await requestContext());
    } catch (error) {
      unstable_rethrow(error);
      return errorToFormState(error);
    }
    redirect("/mfa/setup");
  },
);

export const regenerateCodesAction = formAction([actionArg.state], async (_prev: CodesState | undefined): Promise<CodesState> => {
  try {
    const staff = await requireStaff("console:read", { confirmedFor: "/console/account" });
    const recoveryCodes = await regenerateRecoveryCodes(db(), staff.session, await requestContext());
    await sendAccountNotice(configuredMailer(), "recovery_codes", staff.session.user, staff.actor.ip);
    return { ok: true, recoveryCodes };
  } catch (error) {
    unstable_rethrow(error);
    return errorToFormState(error);
  }
});

export const backupEmailAction = formAction([actionArg.state, actionArg.form], async (_prev: FormState | undefined, formData: FormData): Promise<FormState> => {
  const email = String(formData.get("email") ?? "");
  try {
    const staff = await requireStaff("console:read", { confirmedFor: "/console/account" });
    const mailer = configuredMailer();
    if (!mailer) return { ok: false, message: "Email is not set up on this server (SMTP_HOST), so a backup address cannot be used." };
    const page = await loadPageSetting(db());
    await requestBackupEmail(db(), staff.session, email, await requestContext(), mailer, page.url);
    await sendAccountNotice(mailer, "backup_email", { ...staff.session.user, backupEmail: null }, staff.actor.ip);
    revalidatePath("/console/account");
    return { ok: true, message: `We sent a confirmation link to ${email}. The address works once you open it.` };
  } catch (error) {
    unstable_rethrow(error);
    return errorToFormState(error, { email });
  }
});
