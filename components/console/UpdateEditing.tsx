"use client";

import { useActionState } from "react";
import { FormMessage, inputClass, SubmitButton } from "@/components/forms/fields";
import type { FormState } from "@/lib/forms";
import { IMPACTS } from "@/lib/status/schemas";
import { MarkdownField } from "./MarkdownField";

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

/**
 * The postmortem in Markdown with the page's own rendering beside it; saved, it is on the
 * public page at once. A resolved incident's postmortem can go to subscribers as it is saved.
 */
export function PostmortemForm({
  action,
  preview,
  postmortem,
  resolved,
}: {
  action: Action;
  preview: (source: string) => Promise<string>;
  postmortem: string;
  resolved: boolean;
}) {
  const [state, formAction] = useActionState(action, undefined);
  const error = state?.ok ? undefined : (state?.fields?.postmortem ?? state?.fields?.notifySubscribers);
  return (
    <form action={formAction} className="space-y-3">
      <FormMessage state={state} />
      <label htmlFor="postmortem" className="text-sm font-medium">
        Postmortem (Markdown: headings, lists and links as in updates)
      </label>
      <MarkdownField
        key={state?.ok ? "saved" : "draft"}
        name="postmortem"
        defaultValue={state?.values?.postmortem ?? postmortem}
        invalid={Boolean(state?.fields?.postmortem)}
        preview={preview}
      />
      {error && (
        <p id="postmortem-error" className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
      {resolved ? (
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="notifySubscribers" />
          Send it to subscribers now (in the incident’s email thread; leave unticked to only publish it on the page)
        </label>
      ) : (
        <p className="text-xs text-zinc-500">Once the incident is resolved, its postmortem can also be sent to subscribers.</p>
      )}
      <SubmitButton pendingText="Saving…">Publish postmortem</SubmitButton>
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
