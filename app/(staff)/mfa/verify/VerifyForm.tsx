"use client";

import { useActionState } from "react";
import { Field, FormMessage, inputClass, SubmitButton } from "@/components/forms/fields";
import { verifyMfa } from "../actions";

export function VerifyForm() {
  const [state, action] = useActionState(verifyMfa, undefined);
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormMessage state={state} />
      <Field label="Code from your authenticator app" name="code" state={state} hint="Or one of your recovery codes, like abcde-fghij.">
        <input id="code" name="code" autoComplete="one-time-code" autoFocus className={inputClass} />
      </Field>
      <SubmitButton pendingText="Checking…">Verify</SubmitButton>
    </form>
  );
}
