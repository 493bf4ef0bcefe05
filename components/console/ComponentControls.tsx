"use client";

import { useActionState } from "react";
import { Field, fieldProps, FormMessage, inputClass, SubmitButton } from "@/components/forms/fields";
import type { FormState } from "@/lib/forms";
import { COMPONENT_STATUS_LABELS, COMPONENT_STATUSES } from "@/lib/status/schemas";

type Action = (prev: FormState | undefined, formData: FormData) => Promise<FormState>;

export function StatusControl({ action, current, name }: { action: Action; current: string; name: string }) {
  const [state, formAction, pending] = useActionState(action, undefined);
  return (
    <form action={formAction} className="inline-flex items-center gap-2">
      <select name="status" defaultValue={current} aria-label={`Status of ${name}`} className="rounded-md border border-zinc-300 bg-white px-2 py-1 text-xs dark:border-zinc-700 dark:bg-zinc-900">
        {COMPONENT_STATUSES.map((s) => (
          <option key={s} value={s}>
            {COMPONENT_STATUS_LABELS[s]}
          </option>
        ))}
      </select>
      <button type="submit" disabled={pending} className="rounded-md border border-zinc-300 px-2 py-1 text-xs dark:border-zinc-700">
        Set
      </button>
      {state?.message && <span role={state.ok ? "status" : "alert"} className="text-xs">{state.message}</span>}
    </form>
  );
}

export function AddComponentForm({ action, groups }: { action: Action; groups: { id: string; name: string }[] }) {
  const [state, formAction] = useActionState(action, undefined);
  return (
    <form action={formAction} className="grid gap-4 sm:grid-cols-3" noValidate>
      <div className="sm:col-span-3">
        <FormMessage state={state} />
      </div>
      <Field label="Name" name="name" state={state}>
        <input {...fieldProps("name", state)} className={inputClass} />
      </Field>
      <Field label="Description (optional)" name="description" state={state}>
        <input {...fieldProps("description", state)} className={inputClass} />
      </Field>
      <Field label="Group" name="groupId" state={state}>
        <select {...fieldProps("groupId", state)} className={inputClass}>
          <option value="">No group</option>
          {groups.map((g) => (
            <option key={g.id} value={g.id}>
              {g.name}
            </option>
          ))}
        </select>
      </Field>
      <div>
        <SubmitButton pendingText="Adding…">Add component</SubmitButton>
      </div>
    </form>
  );
}
