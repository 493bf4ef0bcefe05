"use client";

import { useActionState } from "react";
import { FormMessage, inputClass, SubmitButton } from "@/components/forms/fields";
import type { FormState } from "@/lib/forms";
import { IMPACTS } from "@/lib/status/schemas";

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

/** Name and impact of an incident (a maintenance: its name); its status moves only through updates. */
export function IncidentDetailsForm({ action, name, impact, version, kind }: { action: Action; name: string; impact: string; version: number; kind: string }) {
  const [state, formAction] = useActionState(action, undefined);
  const value = (key: string, fallback: string) => state?.values?.[key] ?? fallback;
  return (
    <form key={`v${version}`} action={formAction} className="grid gap-3 sm:grid-cols-[1fr_12rem_auto] sm:items-end">
      <input type="hidden" name="version" value={version} />
      <div className="sm:col-span-3">
        <FormMessage state={state} />
      </div>
      <label className="text-sm font-medium">
        Name
        <input name="name" defaultValue={value("name", name)} aria-invalid={state?.fields?.name ? true : undefined} className={inputClass} />
        {state?.fields?.name && <span className="mt-1 block text-sm font-normal text-red-700 dark:text-red-400">{state.fields.name}</span>}
      </label>
      {kind === "maintenance" ? (
        <span />
      ) : (
        <label className="text-sm font-medium">
          Impact
          <select name="impact" defaultValue={value("impact", impact)} className={inputClass}>
            {IMPACTS.map((i) => (
              <option key={i} value={i}>
                {i[0]!.toUpperCase() + i.slice(1)}
              </option>
            ))}
          </select>
        </label>
      )}
      <SubmitButton>Save</SubmitButton>
    </form>
  );
}
