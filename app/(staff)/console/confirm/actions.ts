"use server";

import { redirect, unstable_rethrow } from "next/navigation";
import { requestContext, requireStaff } from "@/lib/auth/next-session";
import { consoleReturnPath } from "@/lib/auth/return-path";
import { stepUp } from "@/lib/auth/step-up";
import { db } from "@/lib/db";
import { actionArg, errorToFormState, formAction, type FormState } from "@/lib/forms";

export const confirmItsYouAction = formAction(
  [actionArg.text, actionArg.state, actionArg.form],
  async (next: string, _prev: FormState | undefined, formData: FormData): Promise<FormState> => {
    try {
      const staff = await requireStaff();
      await stepUp(db(), staff.session, { password: String(formData.get("password") ?? ""), code: String(formData.get("code") ?? "") }, await requestContext());
    } catch (error) {
      unstable_rethrow(error);
      return errorToFormState(error);
    }
    redirect(consoleReturnPath(next));
  },
);
