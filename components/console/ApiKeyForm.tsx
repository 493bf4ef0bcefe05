"use client";

import { useActionState } from "react";
import { ShownOnce } from "@/components/console/ShownOnce";
import { Field, fieldProps, FormMessage, inputClass, SubmitButton } from "@/components/forms/fields";
import type { FormState } from "@/lib/forms";

type State = FormState & { key?: string };

export function ApiKeyForm({
  action,
  scopes,
}: {
  action: (prev: State | undefined, formData: FormData) => Promise<State>;
  scopes: { value: string; label: string }[];
}) {
  const [state, formAction] = useActionState(action, undefined);
  const chosen = new Set(state?.values ? [] : ["read"]);
  return (
    <form action={formAction} className="grid gap-4" noValidate>
      <FormMessage state={state} />
      {state?.key && <ShownOnce intro="Your new key (shown only once):" value={state.key} copyLabel="Copy key" testId="new-api-key" />}
      <Field label="Name" name="name" state={state} hint="What uses this key, e.g. “deploy pipeline” or “on-call bot”.">
        <input {...fieldProps("name", state)} className={inputClass} />
      </Field>
      <fieldset>
        <legend className="text-sm font-medium">Scopes</legend>
        {scopes.map((s) => (
          <label key={s.value} className="mt-1 flex items-center gap-2 text-sm">
            <input type="checkbox" name="scopes" value={s.value} defaultChecked={chosen.has(s.value)} className="h-4 w-4" />
            <code className="text-xs">{s.value}</code> — {s.label}
          </label>
        ))}
        {state?.fields?.scopes && <p className="mt-1 text-sm text-red-700 dark:text-red-400">{state.fields.scopes}</p>}
      </fieldset>
      <div>
        <SubmitButton pendingText="Creating…">Create key</SubmitButton>
      </div>
    </form>
  );
}
