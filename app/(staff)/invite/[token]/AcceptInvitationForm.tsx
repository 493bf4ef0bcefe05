"use client";

import { useActionState } from "react";
import { Field, fieldProps, FormMessage, inputClass, SubmitButton } from "@/components/forms/fields";
import type { StateAction } from "@/lib/forms";

export function AcceptInvitationForm({ accept, email }: { accept: StateAction; email: string }) {
  const [state, action] = useActionState(accept, undefined);
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormMessage state={state} />
      {/* For password managers: the account the new password belongs to. */}
      <input type="email" name="username" value={email} autoComplete="username" readOnly hidden />
      <Field label="Choose a password" name="password" state={state} hint="At least 12 characters. A passphrase of a few words works well.">
        <input {...fieldProps("password", state)} defaultValue="" type="password" autoComplete="new-password" className={inputClass} />
      </Field>
      <Field label="The same password again" name="confirm" state={state}>
        <input {...fieldProps("confirm", state)} defaultValue="" type="password" autoComplete="new-password" className={inputClass} />
      </Field>
      <SubmitButton pendingText="Saving…">Set password and continue</SubmitButton>
    </form>
  );
}
