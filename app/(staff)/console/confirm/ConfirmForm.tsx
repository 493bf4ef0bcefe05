"use client";

import { useActionState } from "react";
import { Field, fieldProps, FormMessage, inputClass, SubmitButton } from "@/components/forms/fields";
import type { StateAction } from "@/lib/forms";

export function ConfirmForm({ confirm }: { confirm: StateAction }) {
  const [state, action] = useActionState(confirm, undefined);
  return (
    <form action={action} className="max-w-sm space-y-4" noValidate>
      <FormMessage state={state} />
      <Field label="Password" name="password" state={state}>
        <input {...fieldProps("password", state)} defaultValue="" type="password" autoComplete="current-password" className={inputClass} />
      </Field>
      <Field label="Code from your authenticator app" name="code" state={state} hint="Or a recovery code.">
        <input {...fieldProps("code", state)} defaultValue="" inputMode="text" autoComplete="one-time-code" className={inputClass} />
      </Field>
      <SubmitButton pendingText="Checking…">Confirm</SubmitButton>
    </form>
  );
}
