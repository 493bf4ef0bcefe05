"use client";

import { useActionState } from "react";
import { Field, fieldProps, FormMessage, inputClass, SubmitButton } from "@/components/forms/fields";
import { createAdmin } from "./actions";

export function SetupForm() {
  const [state, action] = useActionState(createAdmin, undefined);
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormMessage state={state} />
      <Field label="Your name" name="name" state={state}>
        <input {...fieldProps("name", state)} autoComplete="name" className={inputClass} />
      </Field>
      <Field label="Email" name="email" state={state}>
        <input {...fieldProps("email", state)} type="email" autoComplete="username" className={inputClass} />
      </Field>
      <Field label="Password" name="password" state={state} hint="At least 12 characters. A passphrase of a few words works well.">
        <input {...fieldProps("password", state)} defaultValue="" type="password" autoComplete="new-password" className={inputClass} />
      </Field>
      <SubmitButton pendingText="Creating…">Create admin account</SubmitButton>
    </form>
  );
}
