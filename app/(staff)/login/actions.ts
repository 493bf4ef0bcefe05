"use server";

import { redirect, unstable_rethrow } from "next/navigation";
import { db } from "@/lib/db";
import type { PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/server";
import type { PasskeyOptionsState } from "@/components/forms/PasskeyForms";
import { passkeyOptionsFor, takeChallengeCookie } from "@/lib/auth/next-passkey";
import { passkeySignInOptions, signInWithPasskey } from "@/lib/auth/passkey-sign-in";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { oidcConfig } from "@/lib/auth/oidc/config";
import { announceSignIn, clearSessionCookie, currentSession, requestContext, setSessionCookie } from "@/lib/auth/next-session";
import { revokeSession } from "@/lib/auth/sessions";
import { recordAudit } from "@/lib/audit/record";
import { actionArg, errorToFormState, formAction, type FormState, formValues } from "@/lib/forms";
import { consoleReturnPath, withReturnPath } from "@/lib/auth/return-path";

export const signIn = formAction([actionArg.state, actionArg.form], async (_prev: FormState | undefined, formData: FormData): Promise<FormState> => {
  const values = formValues(formData);
  let needsEnrolment: boolean;
  try {
    const result = await signInWithPassword(db(), values, await requestContext(), new Date(), oidcConfig());
    await setSessionCookie(result.token);
    needsEnrolment = result.needsEnrolment;
  } catch (error) {
    unstable_rethrow(error);
    return errorToFormState(error, { email: values.email ?? "" });
  }
  redirect(needsEnrolment ? "/mfa/setup" : withReturnPath("/mfa/verify", values.next));
});

/** "Sign in with a passkey", step 1: options naming no account (the browser offers its passkeys). */
export const passkeySignInOptionsAction = formAction(
  [actionArg.state],
  (_prev: FormState | undefined): Promise<PasskeyOptionsState<PublicKeyCredentialRequestOptionsJSON>> => passkeyOptionsFor(() => passkeySignInOptions(db())),
);

/** Step 2: the browser's answer; a passkey is both factors, so this lands in the console. */
export const passkeySignInAction = formAction(
  [actionArg.state, actionArg.form],
  async (_prev: FormState | undefined, formData: FormData): Promise<FormState> => {
    let needsEnrolment: boolean;
    try {
      const result = await signInWithPasskey(db(), await takeChallengeCookie(), formValues(formData), await requestContext());
      await setSessionCookie(result.token);
      await announceSignIn(result.userId);
      needsEnrolment = result.needsEnrolment;
    } catch (error) {
      unstable_rethrow(error);
      return errorToFormState(error);
    }
    redirect(needsEnrolment ? "/mfa/setup" : consoleReturnPath(String(formData.get("next") ?? "")));
  },
);

export async function signOut(): Promise<void> {
  const session = await currentSession();
  if (session) {
    await revokeSession(db(), session.id);
    const ctx = await requestContext();
    await recordAudit(db(), { id: session.user.id, email: session.user.email, ip: ctx.ip }, { action: "auth.sign_out" });
  }
  await clearSessionCookie();
  redirect("/login");
}
