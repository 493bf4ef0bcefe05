"use server";

import type { PublicKeyCredentialCreationOptionsJSON } from "@simplewebauthn/server";
import { revalidatePath } from "next/cache";
import { unstable_rethrow } from "next/navigation";
import type { PasskeyOptionsState } from "@/components/forms/PasskeyForms";
import { sendAccountNotice } from "@/lib/auth/account-notice";
import { passkeyOptionsFor, takeChallengeCookie } from "@/lib/auth/next-passkey";
import { requestContext, requireStaff } from "@/lib/auth/next-session";
import { passkeyRegistrationOptions, registerPasskey, removePasskey, renamePasskey } from "@/lib/auth/passkey-credentials";
import { db } from "@/lib/db";
import { actionArg, errorToFormState, formAction, type FormState, formValues } from "@/lib/forms";
import { configuredMailer } from "@/lib/mail/mailer";

// Adding and removing a passkey are sensitive changes: "Confirm it's you" first (requireStaff
// sends the person there and back), and a security notice after. Renaming is not.

const ACCOUNT = "/console/account";

export const passkeyRegistrationOptionsAction = formAction(
  [actionArg.state],
  (_prev: FormState | undefined): Promise<PasskeyOptionsState<PublicKeyCredentialCreationOptionsJSON>> =>
    passkeyOptionsFor(async () => passkeyRegistrationOptions(db(), (await requireStaff("console:read", { confirmedFor: ACCOUNT })).session)),
);

export const registerPasskeyAction = formAction(
  [actionArg.state, actionArg.form],
  async (_prev: FormState | undefined, formData: FormData): Promise<FormState> => {
    const values = formValues(formData);
    try {
      const staff = await requireStaff("console:read", { confirmedFor: ACCOUNT });
      const passkey = await registerPasskey(db(), staff.session, await takeChallengeCookie(), values, await requestContext());
      await sendAccountNotice(configuredMailer(), "passkey_added", staff.session.user, staff.actor.ip);
      revalidatePath(ACCOUNT);
      return { ok: true, message: `Passkey “${passkey.name}” added: you can sign in with it alone.` };
    } catch (error) {
      unstable_rethrow(error);
      return errorToFormState(error, { name: values.name ?? "" });
    }
  },
);

export const renamePasskeyAction = formAction(
  [actionArg.id, actionArg.state, actionArg.form],
  async (id: string, _prev: FormState | undefined, formData: FormData): Promise<FormState> => {
    try {
      const staff = await requireStaff();
      await renamePasskey(db(), staff.session, { id, name: formData.get("name") }, await requestContext());
      revalidatePath(ACCOUNT);
      return { ok: true, message: "Renamed." };
    } catch (error) {
      unstable_rethrow(error);
      return errorToFormState(error);
    }
  },
);

export const removePasskeyAction = formAction([actionArg.id, actionArg.state], async (id: string, _prev: FormState | undefined): Promise<FormState> => {
  try {
    const staff = await requireStaff("console:read", { confirmedFor: ACCOUNT });
    await removePasskey(db(), staff.session, id, await requestContext());
    await sendAccountNotice(configuredMailer(), "passkey_removed", staff.session.user, staff.actor.ip);
    revalidatePath(ACCOUNT);
    return { ok: true, message: "Passkey removed." };
  } catch (error) {
    unstable_rethrow(error);
    return errorToFormState(error);
  }
});
