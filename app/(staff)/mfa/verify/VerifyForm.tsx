"use client";

import { useActionState } from "react";
import { Field, FormMessage, inputClass, SubmitButton } from "@/components/forms/fields";
import { emailCodeAction, verifyMfa } from "../actions";

export function VerifyForm({ next }: { next: string }) {
  const [state, action] = useActionState(verifyMfa, undefined);
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="next" value={next} />
      <Field
        label="Code from your authenticator app"
        name="code"
        state={state}
        hint="Or a recovery code (like abcd-efgh-ijkl-mnop-qrst-uvwx; dashes and case do not matter), or a code we emailed to your backup address."
      >
        <input
          id="code"
          name="code"
          autoComplete="one-time-code"
          // biome-ignore lint/a11y/noAutofocus: the code field is the only thing on this step, typed right after the password
          autoFocus
          className={inputClass}
        />
      </Field>
      <SubmitButton pendingText="Checking…">Verify</SubmitButton>
    </form>
  );
}

export function EmailCodeButton() {
  const [state, action, pending] = useActionState(emailCodeAction, undefined);
  return (
    <form action={action} className="mt-3 space-y-2">
      <FormMessage state={state} />
      <button type="submit" disabled={pending} className="rounded-md border border-zinc-300 px-3 py-1.5 text-sm dark:border-zinc-700">
        Email me a sign-in code
      </button>
    </form>
  );
}
