"use client";

import { useActionState } from "react";
import { Field, fieldProps, FormMessage, inputClass, SubmitButton } from "@/components/forms/fields";
import type { ComponentOption } from "@/lib/console/queries";
import type { FormState, StateAction } from "@/lib/forms";
import { REMINDER_CHOICES } from "@/lib/incidents/schemas";
import { MarkdownField } from "./MarkdownField";

export function MaintenanceForm({
  action,
  preview,
  components,
  timeZone,
}: {
  action: (prev: FormState | undefined, formData: FormData) => Promise<FormState>;
  preview: (source: string) => Promise<string>;
  components: ComponentOption[];
  timeZone: string;
}) {
  const [state, formAction] = useActionState(action, undefined);
  const chosen = new Set((state?.values?.components ?? "").split(",").filter(Boolean));
  return (
    <form action={formAction} className="space-y-5" noValidate>
      <FormMessage state={state} />
      <Field label="Name" name="name" state={state}>
        <input {...fieldProps("name", state)} className={inputClass} />
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label={`Starts (${timeZone})`} name="scheduledFor" state={state}>
          <input {...fieldProps("scheduledFor", state)} type="datetime-local" className={inputClass} />
        </Field>
        <Field label={`Ends (${timeZone})`} name="scheduledUntil" state={state}>
          <input {...fieldProps("scheduledUntil", state)} type="datetime-local" className={inputClass} />
        </Field>
      </div>
      <fieldset>
        <legend className="text-sm font-medium">Components under maintenance during the window</legend>
        <ComponentChecks components={components} chosen={chosen} />
      </fieldset>
      <Field label="Message (Markdown)" name="body" state={state}>
        <MarkdownField name="body" defaultValue={state?.values?.body ?? ""} invalid={Boolean(state?.fields?.body)} preview={preview} />
      </Field>
      <ReminderSelect state={state} initial={DEFAULT_REMINDER} />
      <p className="text-xs text-zinc-500">
        Vigil moves it to In progress and Completed on its own at these times, and sets the components to Under Maintenance and back.
      </p>
      <SubmitButton pendingText="Scheduling…">Schedule maintenance</SubmitButton>
    </form>
  );
}

/** Rename, reschedule or change the components of a maintenance that has not completed. */
export function MaintenanceEditForm({
  action,
  components,
  timeZone,
  initial,
}: {
  action: (prev: FormState | undefined, formData: FormData) => Promise<FormState>;
  components: ComponentOption[];
  timeZone: string;
  /** Times as datetime-local values in the page zone. */
  initial: { name: string; scheduledFor: string; scheduledUntil: string; components: string[]; version: number; remindBeforeMinutes: number | null };
}) {
  const [state, formAction] = useActionState(action, undefined);
  const chosen = new Set(state?.values?.components !== undefined ? state.values.components.split(",").filter(Boolean) : initial.components);
  return (
    <form key={`v${initial.version}`} action={formAction} className="space-y-4" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="version" value={initial.version} />
      <Field label="Name" name="name" state={state}>
        <input {...fieldProps("name", state, initial.name)} className={inputClass} />
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label={`Starts (${timeZone})`} name="scheduledFor" state={state}>
          <input {...fieldProps("scheduledFor", state, initial.scheduledFor)} type="datetime-local" className={inputClass} />
        </Field>
        <Field label={`Ends (${timeZone})`} name="scheduledUntil" state={state}>
          <input {...fieldProps("scheduledUntil", state, initial.scheduledUntil)} type="datetime-local" className={inputClass} />
        </Field>
      </div>
      <fieldset>
        <legend className="text-sm font-medium">Components under maintenance</legend>
        <ComponentChecks components={components} chosen={chosen} />
        {state?.fields?.components && <p className="mt-1 text-sm text-red-700">{state.fields.components}</p>}
      </fieldset>
      <ReminderSelect state={state} initial={initial.remindBeforeMinutes} />
      <SubmitButton>Save changes</SubmitButton>
    </form>
  );
}

/** New maintenances remind subscribers an hour before, as Statuspage does. */
const DEFAULT_REMINDER = 60;

const reminderLabel = (minutes: number) =>
  minutes < 1440 ? `${minutes / 60} hour${minutes === 60 ? "" : "s"} before` : `${minutes / 1440} day${minutes === 1440 ? "" : "s"} before`;

function ReminderSelect({ state, initial }: { state: FormState | undefined; initial: number | null }) {
  // A value the API set that the form does not offer stays choosable, so saving the form keeps it.
  const choices =
    initial === null || (REMINDER_CHOICES as readonly number[]).includes(initial) ? REMINDER_CHOICES : [...REMINDER_CHOICES, initial].sort((a, b) => a - b);
  return (
    <Field
      label="Remind subscribers"
      name="remindBeforeMinutes"
      state={state}
      hint="Sent once, in the maintenance’s email thread, unless it has started or been canceled."
    >
      <select {...fieldProps("remindBeforeMinutes", state, initial === null ? "" : String(initial))} className={inputClass}>
        <option value="">No reminder</option>
        {choices.map((m) => (
          <option key={m} value={m}>
            {reminderLabel(m)}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** Call off a maintenance that has not started, with the message subscribers get. */
export function CancelMaintenanceForm({ action, version }: { action: StateAction; version: number }) {
  const [state, formAction] = useActionState(action, undefined);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="version" value={version} />
      <Field label="Message to subscribers" name="body" state={state}>
        <textarea
          {...fieldProps("body", state, "This scheduled maintenance has been canceled. We will announce a new date if one is needed.")}
          rows={3}
          className={inputClass}
        />
      </Field>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="notifySubscribers" defaultChecked={state?.values?.notifySubscribers !== "off"} />
        Tell subscribers (in the maintenance’s email thread)
      </label>
      <SubmitButton pendingText="Canceling…">Cancel this maintenance</SubmitButton>
    </form>
  );
}

/** One checkbox per component, ticked for those `chosen`. */
function ComponentChecks({ components, chosen }: { components: ComponentOption[]; chosen: ReadonlySet<string> }) {
  return (
    <div className="mt-2 grid gap-1 sm:grid-cols-2">
      {components.map((c) => (
        <label key={c.id} className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="components" value={c.id} defaultChecked={chosen.has(c.id)} />
          {c.name}
        </label>
      ))}
    </div>
  );
}
