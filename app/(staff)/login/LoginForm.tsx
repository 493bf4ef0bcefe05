"use client";

import { useActionState } from "react";
import { Field, fieldProps, FormMessage, inputClass, SubmitButton } from "@/components/forms/fields";
import { signIn } from "./actions";

export function LoginForm({ next }: { next: string }) {
  const [state, action] = useActionState(signIn, undefined);
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="next" value={next} />
      <Field label="Email" name="email" state={state}>
        <input {...fieldProps("email", state)} type="email" autoComplete="username" required className={inputClass} />
      </Field>
      <Field label="Password" name="password" state={state}>
        <input {...fieldProps("password", state)} defaultValue="" type="password" autoComplete="current-password" required className={inputClass} />
      </Field>
      <SubmitButton pendingText="Signing in…">Sign in</SubmitButton>
    </form>
  );
}
