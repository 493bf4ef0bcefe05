"use server";

import { redirect, unstable_rethrow } from "next/navigation";
import { announceSignIn, requestContext, setSessionCookie } from "@/lib/auth/next-session";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { db } from "@/lib/db";
import { actionArg, errorToFormState, formAction, type FormState } from "@/lib/forms";
import { acceptInvitation } from "@/lib/team/invitations";

export const acceptInvitationAction = formAction(
  [actionArg.token, actionArg.state, actionArg.form],
  async (token: string, _prev: FormState | undefined, formData: FormData): Promise<FormState> => {
    const password = String(formData.get("password") ?? "");
    try {
      const ctx = await requestContext();
      const { email } = await acceptInvitation(db(), { token, password, confirm: String(formData.get("confirm") ?? "") }, ctx.ip);
      // Signed in with the password just chosen; the second factor comes next, as for everyone.
      const { token: session, userId } = await signInWithPassword(db(), { email, password }, ctx);
      await setSessionCookie(session);
      // The first browser of the account: remembered, not announced (lib/auth/known-devices.ts).
      await announceSignIn(userId);
    } catch (error) {
      unstable_rethrow(error);
      return errorToFormState(error);
    }
    redirect("/mfa/setup");
  },
);
