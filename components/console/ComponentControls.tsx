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
      <select
        name="status"
        defaultValue={current}
        aria-label={`Status of ${name}`}
        className="rounded-md border border-zinc-300 bg-white px-2 py-1 text-xs dark:border-zinc-700 dark:bg-zinc-900"
      >
        {COMPONENT_STATUSES.map((s) => (
          <option key={s} value={s}>
            {COMPONENT_STATUS_LABELS[s]}
          </option>
        ))}
      </select>
      <button type="submit" disabled={pending} className="rounded-md border border-zinc-300 px-2 py-1 text-xs dark:border-zinc-700">
        Set
      </button>
      {state?.message && (
        <span role={state.ok ? "status" : "alert"} className="text-xs">
          {state.message}
        </span>
      )}
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
      <GroupSelect groups={groups} state={state} />
      <div>
        <SubmitButton pendingText="Adding…">Add component</SubmitButton>
      </div>
    </form>
  );
}

export function GroupForm({ action, group, idPrefix }: { action: Action; group?: { name: string; description: string | null }; idPrefix: string }) {
  const [state, formAction] = useActionState(action, undefined);
  return (
    <form action={formAction} className="grid gap-4 sm:grid-cols-3" noValidate>
      <div className="sm:col-span-3">
        <FormMessage state={state} />
      </div>
      <Field label="Group name" name="name" id={`${idPrefix}-name`} state={state}>
        <input {...fieldProps("name", state, group?.name, `${idPrefix}-name`)} className={inputClass} />
      </Field>
      <Field label="Description (optional)" name="description" id={`${idPrefix}-description`} state={state}>
        <input {...fieldProps("description", state, group?.description ?? "", `${idPrefix}-description`)} className={inputClass} />
      </Field>
      <div className="self-end">
        <SubmitButton pendingText="Saving…">{group ? "Save group" : "Add group"}</SubmitButton>
      </div>
    </form>
  );
}

export function EditComponentForm({
  action,
  component,
  groups,
}: {
  action: Action;
  component: {
    name: string;
    description: string | null;
    groupId: string | null;
    showUptime: boolean;
    sloTarget: number | null;
    sloWindow: string | null;
    sloPublic: boolean;
  };
  groups: { id: string; name: string }[];
}) {
  const [state, formAction] = useActionState(action, undefined);
  const showUptime = state?.values ? state.values.showUptime === "on" : component.showUptime;
  const sloPublic = state?.values ? state.values.sloPublic === "on" : component.sloPublic;
  return (
    <form action={formAction} className="grid max-w-xl gap-4" noValidate>
      <FormMessage state={state} />
      <Field label="Name" name="name" state={state}>
        <input {...fieldProps("name", state, component.name)} className={inputClass} />
      </Field>
      <Field label="Description (optional)" name="description" state={state} hint="Shown on the public page under the name.">
        <input {...fieldProps("description", state, component.description ?? "")} className={inputClass} />
      </Field>
      <GroupSelect groups={groups} state={state} current={component.groupId} />
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="showUptime" defaultChecked={showUptime} className="h-4 w-4" />
        Show the 90-day uptime bar on the public page
      </label>
      <fieldset className="grid gap-3 rounded-md border border-zinc-200 p-3 dark:border-zinc-800">
        <legend className="px-1 text-sm font-medium">Uptime target (SLO)</legend>
        <Field label="Target in percent (optional)" name="sloTarget" state={state} hint="For example 99.9. Empty: no target.">
          <input
            {...fieldProps("sloTarget", state, component.sloTarget === null ? "" : String(component.sloTarget))}
            inputMode="decimal"
            className={inputClass}
          />
        </Field>
        <Field label="Over" name="sloWindow" state={state}>
          <select {...fieldProps("sloWindow", state, component.sloWindow ?? "30d")} className={inputClass}>
            <option value="30d">the last 30 days</option>
            <option value="90d">the last 90 days</option>
            <option value="month">the calendar month</option>
          </select>
        </Field>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="sloPublic" defaultChecked={sloPublic} className="h-4 w-4" />
          Show the target and the error budget left on the public uptime page
        </label>
      </fieldset>
      <div>
        <SubmitButton>Save component</SubmitButton>
      </div>
    </form>
  );
}

function GroupSelect({ groups, state, current }: { groups: { id: string; name: string }[]; state: FormState | undefined; current?: string | null }) {
  return (
    <Field label="Group" name="groupId" state={state}>
      <select {...fieldProps("groupId", state, current ?? "")} className={inputClass}>
        <option value="">No group</option>
        {groups.map((g) => (
          <option key={g.id} value={g.id}>
            {g.name}
          </option>
        ))}
      </select>
    </Field>
  );
}
