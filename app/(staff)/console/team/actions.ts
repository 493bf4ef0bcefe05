"use server";

import { revalidatePath } from "next/cache";
import { unstable_rethrow } from "next/navigation";
import { requireStaff } from "@/lib/auth/next-session";
import { db } from "@/lib/db";
import { errorToFormState, formValues, type FormState, actionArg, formAction } from "@/lib/forms";
import { configuredMailer } from "@/lib/mail/mailer";
import { type AccountChange, sendAccountNotice } from "@/lib/auth/account-notice";
import { findMemberForNotice } from "@/lib/team/queries";
import { loadPageSetting } from "@/lib/public/queries";
import { type Invitation, inviteMember, renewInvitation } from "@/lib/team/invitations";
import { changeRole, removeTeamMember, resetMemberMfa } from "@/lib/team/staff-verbs";

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

export interface InviteState extends FormState {
  /** Shown once to the admin, to pass on when email is not set up (or as well as the email). */
  link?: string;
}

function invitedMessage(email: string, invitation: Invitation): string {
  const sent = invitation.emailed ? `We emailed ${email} an invitation` : `Email is not set up on this server, so send ${email} this invitation link yourself`;
  return `${sent}. The link works once, for 72 hours; they choose their password, then set up their authenticator app.`;
}

export const inviteMemberAction = formAction(
  [actionArg.state, actionArg.form],
  async (_prev: InviteState | undefined, formData: FormData): Promise<InviteState> => {
    const values = formValues(formData);
    try {
      const staff = await requireStaff("team:manage", { confirmedFor: "/console/team" });
      const invitation = await inviteMember(
        db(),
        staff,
        { email: values.email ?? "", name: values.name ?? "", role: values.role ?? "viewer" },
        { baseUrl: (await loadPageSetting(db())).url, mailer: configuredMailer() },
      );
      revalidatePath("/console/team");
      return { ok: true, message: invitedMessage(values.email ?? "", invitation), link: invitation.link };
    } catch (error) {
      unstable_rethrow(error);
      return errorToFormState(error, { email: values.email ?? "", name: values.name ?? "", role: values.role ?? "" });
    }
  },
);

export const renewInvitationAction = formAction(
  [actionArg.id, actionArg.text, actionArg.state],
  async (userId: string, email: string, _prev: FormState | undefined): Promise<FormState> => {
    try {
      const staff = await requireStaff("team:manage", { confirmedFor: "/console/team" });
      const invitation = await renewInvitation(db(), staff, userId, { baseUrl: (await loadPageSetting(db())).url, mailer: configuredMailer() });
      revalidatePath("/console/team");
      return { ok: true, message: `${invitedMessage(email, invitation)} Link: ${invitation.link}` };
    } catch (error) {
      unstable_rethrow(error);
      return errorToFormState(error);
    }
  },
);

/** Tells the member what an admin changed about their access (after the change is saved). */
async function noticeToMember(userId: string, change: AccountChange, ip: string | null) {
  const member = await findMemberForNotice(db(), userId);
  if (member) await sendAccountNotice(configuredMailer(), change, member, ip);
}

export const changeRoleAction = formAction(
  [actionArg.id, actionArg.state, actionArg.form],
  async (userId: string, _prev: FormState | undefined, formData: FormData): Promise<FormState> => {
    return teamAction(async () => {
      const staff = await requireStaff("team:manage", { confirmedFor: "/console/team" });
      await changeRole(db(), staff, { userId, role: String(formData.get("role")) });
      await noticeToMember(userId, "role", staff.actor.ip);
    }, "Role changed.");
  },
);

export const resetMfaAction = formAction([actionArg.id, actionArg.state], async (userId: string, _prev: FormState | undefined): Promise<FormState> => {
  return teamAction(async () => {
    const staff = await requireStaff("team:manage", { confirmedFor: "/console/team" });
    await resetMemberMfa(db(), staff, userId);
    await noticeToMember(userId, "mfa_reset", staff.actor.ip);
  }, "MFA reset: they will set up a device at their next sign-in.");
});

export const removeMemberAction = formAction([actionArg.id, actionArg.state], async (userId: string, _prev: FormState | undefined): Promise<FormState> => {
  return teamAction(async () => removeTeamMember(db(), await requireStaff("team:manage", { confirmedFor: "/console/team" }), userId), "Removed.");
});
