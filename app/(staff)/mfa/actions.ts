"use server";

import { redirect, unstable_rethrow } from "next/navigation";
import { db } from "@/lib/db";
import { confirmEnrolment, verifySecondFactor } from "@/lib/auth/mfa";
import { currentSession, requestContext } from "@/lib/auth/next-session";
import { errorToFormState, type FormState } from "@/lib/forms";

export interface EnrolState extends FormState {
  recoveryCodes?: string[];
}

export async function confirmMfa(_prev: EnrolState | undefined, formData: FormData): Promise<EnrolState> {
  const session = await currentSession();
  if (!session) redirect("/login");
  try {
    const codes = await confirmEnrolment(db(), session, String(formData.get("code") ?? ""), await requestContext());
    return { ok: true, message: "Your authenticator app is set up.", recoveryCodes: codes };
  } catch (error) {
    unstable_rethrow(error);
    return errorToFormState(error);
  }
}

export async function verifyMfa(_prev: FormState | undefined, formData: FormData): Promise<FormState> {
  const session = await currentSession();
  if (!session) redirect("/login");
  let notice = "";
  try {
    const result = await verifySecondFactor(db(), session, String(formData.get("code") ?? ""), await requestContext());
    if (result.method === "recovery_code") notice = `?recovery=${result.remaining}`;
  } catch (error) {
    unstable_rethrow(error);
    return errorToFormState(error);
  }
  redirect(`/console${notice}`);
}
