"use client";

import { useActionState } from "react";
import { Field, fieldProps, FormMessage, inputClass } from "@/components/forms/fields";
import type { FormState } from "@/lib/forms";

type State = FormState & { jobId?: string };

/** The source to import from, and two buttons: a dry run (the plan only) or the import. */
export function ImportForm({ action }: { action: (prev: State | undefined, formData: FormData) => Promise<State> }) {
  const [state, formAction, pending] = useActionState(action, undefined);
  const button = "rounded-md px-4 py-2 text-sm font-semibold disabled:opacity-60";
  return (
    <form action={formAction} className="grid gap-4" noValidate>
      <FormMessage state={state} />
      <Field label="Page address" name="pageUrl" state={state} hint="Your Statuspage page, e.g. https://status.example.com (its public /api/v2 is read).">
        <input {...fieldProps("pageUrl", state)} type="url" inputMode="url" required className={inputClass} placeholder="https://status.example.com" />
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          label="API key (optional)"
          name="apiKey"
          state={state}
          hint="With the page id: the full incident history and the subscribers, from the v1 API. Used for this run only, never stored."
        >
          <input id="apiKey" name="apiKey" type="password" autoComplete="off" className={inputClass} aria-invalid={state?.fields?.apiKey ? true : undefined} />
        </Field>
        <Field label="Page id (optional)" name="pageId" state={state} hint="In Statuspage under API info, e.g. kctbh9vrtdwd.">
          <input {...fieldProps("pageId", state)} autoComplete="off" className={inputClass} />
        </Field>
      </div>
      <div className="flex flex-wrap gap-3">
        <button type="submit" name="intent" value="dry-run" disabled={pending} className={`${button} border border-zinc-300 dark:border-zinc-700`}>
          {pending ? "Starting…" : "Dry run (show the plan)"}
        </button>
        <button type="submit" name="intent" value="import" disabled={pending} className={`${button} bg-teal-700 text-white hover:bg-teal-800`}>
          Import
        </button>
      </div>
    </form>
  );
}
