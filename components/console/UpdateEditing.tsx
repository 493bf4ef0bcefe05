"use client";

import { useActionState } from "react";
import { FormMessage, inputClass, SubmitButton } from "@/components/forms/fields";
import type { FormState } from "@/lib/forms";

type Action = (prev: FormState | undefined, formData: FormData) => Promise<FormState>;

export function EditUpdateForm({ action, body }: { action: Action; body: string }) {
  const [state, formAction] = useActionState(action, undefined);
  return (
    <details className="mt-2 text-xs">
      <summary className="cursor-pointer text-zinc-600 dark:text-zinc-400">Edit</summary>
      <form action={formAction} className="mt-2 space-y-2">
        <FormMessage state={state} />
        <textarea name="body" aria-label="Update text" rows={4} defaultValue={state?.values?.body ?? body} className={`${inputClass} font-mono`} />
        {state?.fields?.body && <p className="text-red-700">{state.fields.body}</p>}
        <SubmitButton>Save edit</SubmitButton>
      </form>
    </details>
  );
}

export function PostmortemForm({ action, postmortem }: { action: Action; postmortem: string }) {
  const [state, formAction] = useActionState(action, undefined);
  return (
    <form action={formAction} className="space-y-3">
      <FormMessage state={state} />
      <textarea
        name="postmortem"
        aria-label="Postmortem (Markdown)"
        rows={6}
        defaultValue={state?.values?.postmortem ?? postmortem}
        placeholder="What happened, why, and what we changed so it does not happen again."
        className={`${inputClass} font-mono`}
      />
      <SubmitButton>Save postmortem</SubmitButton>
    </form>
  );
}
