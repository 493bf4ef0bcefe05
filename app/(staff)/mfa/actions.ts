"use server";

import { redirect, unstable_rethrow } from "next/navigation";
import { db } from "@/lib/db";
import { sendSignInCode } from "@/lib/auth/backup-email";
import { confirmEnrolment, verifySecondFactor } from "@/lib/auth/mfa";
import { configuredMailer } from "@/lib/mail/mailer";
import { announceSignIn, currentSession, requestContext, setSessionCookie } from "@/lib/auth/next-session";
import { completeSignIn } from "@/lib/auth/sessions";
import { markReauthenticated } from "@/lib/auth/step-up";
import { sendAccountNotice } from "@/lib/auth/account-notice";
import { errorToFormState, type FormState, actionArg, formAction, formValues } from "@/lib/forms";
import { consoleReturnPath } from "@/lib/auth/return-path";
import type { PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/server";
import type { PasskeyOptionsState } from "@/components/forms/PasskeyForms";
import { passkeyOptionsFor, takeChallengeCookie } from "@/lib/auth/next-passkey";
import { passkeySecondFactorOptions, verifyPasskeySecondFactor } from "@/lib/auth/passkey-sign-in";

export interface EnrolState extends FormState {
  recoveryCodes?: string[];
}

export const confirmMfa = formAction([actionArg.state, actionArg.form], async (_prev: EnrolState | undefined, formData: FormData): Promise<EnrolState> => {
  const session = await currentSession();
  if (!session) redirect("/login");
  try {
    // Not rotated here: setting a cookie re-renders this page, which would move on to the
    // console before the recovery codes are shown. Every later sign-in rotates (verifyMfa).
    const codes = await confirmEnrolment(db(), session, String(formData.get("code") ?? ""), await requestContext());
    // A first enrolment follows the password by moments; a device change needed "Confirm it's you" already.
    await markReauthenticated(db(), session.id, new Date());
    if (session.user.mfaSecret) await sendAccountNotice(configuredMailer(), "device", session.user, (await requestContext()).ip);
    return { ok: true, message: "Your authenticator app is set up.", recoveryCodes: codes };
  } catch (error) {
    unstable_rethrow(error);
    return errorToFormState(error);
  }
});

export const verifyMfa = formAction([actionArg.state, actionArg.form], async (_prev: FormState | undefined, formData: FormData): Promise<FormState> => {
  const session = await currentSession();
  if (!session) redirect("/login");
  let next = consoleReturnPath(String(formData.get("next") ?? ""));
  try {
    const result = await verifySecondFactor(db(), session, String(formData.get("code") ?? ""), await requestContext());
    await setSessionCookie(await completeSignIn(db(), session.id, new Date())); // password and code, just now
    await announceSignIn(session.user.id);
    // The console's home says how many recovery codes are left, before anything else.
    if (result.method === "recovery_code") next = `/console?recovery=${result.remaining}`;
  } catch (error) {
    unstable_rethrow(error);
    return errorToFormState(error);
  }
  redirect(next);
});

/** A passkey instead of the code after the password, step 1: options for this user's passkeys. */
export const passkeyFactorOptionsAction = formAction(
  [actionArg.state],
  async (_prev: FormState | undefined): Promise<PasskeyOptionsState<PublicKeyCredentialRequestOptionsJSON>> => {
    const session = await currentSession();
    if (!session) redirect("/login");
    return passkeyOptionsFor(() => passkeySecondFactorOptions(db(), session));
  },
);

/** Step 2: the browser's answer completes the sign-in as a code would (completeSignIn). */
export const verifyPasskeyAction = formAction(
  [actionArg.state, actionArg.form],
  async (_prev: FormState | undefined, formData: FormData): Promise<FormState> => {
    const session = await currentSession();
    if (!session) redirect("/login");
    try {
      await verifyPasskeySecondFactor(db(), session, await takeChallengeCookie(), formValues(formData), await requestContext());
      await setSessionCookie(await completeSignIn(db(), session.id, new Date()));
      await announceSignIn(session.user.id);
    } catch (error) {
      unstable_rethrow(error);
      return errorToFormState(error);
    }
    redirect(consoleReturnPath(String(formData.get("next") ?? "")));
  },
);

export const emailCodeAction = formAction([actionArg.state], async (_prev: FormState | undefined): Promise<FormState> => {
  const session = await currentSession();
  if (!session) redirect("/login");
  const mailer = configuredMailer();
  if (!mailer) return { ok: false, message: "Email is not set up on this server. Use a recovery code." };
  try {
    const masked = await sendSignInCode(db(), session, await requestContext(), mailer);
    return { ok: true, message: `We sent an 8-digit code to ${masked}. Enter it above; it expires in 10 minutes.` };
  } catch (error) {
    unstable_rethrow(error);
    return errorToFormState(error);
  }
});
