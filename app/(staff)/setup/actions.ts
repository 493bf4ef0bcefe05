"use server";

import { redirect, unstable_rethrow } from "next/navigation";
import { db } from "@/lib/db";
import { createFirstAdmin } from "@/lib/auth/users";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { announceSignIn, requestContext, setSessionCookie } from "@/lib/auth/next-session";
import { actionArg, errorToFormState, formAction, type FormState, formValues } from "@/lib/forms";

export const createAdmin = formAction([actionArg.state, actionArg.form], async (_prev: FormState | undefined, formData: FormData): Promise<FormState> => {
  const values = formValues(formData);
  try {
    const ctx = await requestContext();
    await createFirstAdmin(
      db(),
      { id: null, email: "setup", ip: ctx.ip },
      {
        email: values.email ?? "",
        name: values.name ?? "",
        password: values.password ?? "",
      },
    );
    const { token, userId } = await signInWithPassword(db(), { email: values.email, password: values.password }, ctx);
    await setSessionCookie(token);
    // The first browser of the account: remembered, not announced (lib/auth/known-devices.ts).
    await announceSignIn(userId);
  } catch (error) {
    unstable_rethrow(error);
    return errorToFormState(error, { email: values.email ?? "", name: values.name ?? "" });
  }
  redirect("/mfa/setup");
});
