"use client";

import { useActionState, useState } from "react";
import { Field, fieldProps, FormMessage, inputClass, SubmitButton } from "@/components/forms/fields";
import type { FormState } from "@/lib/forms";
import type { ComponentOption } from "@/lib/console/queries";
import type { IncidentTemplateRow } from "@/lib/incidents/templates";
import {
  COMPONENT_STATUS_LABELS,
  COMPONENT_STATUSES,
  IMPACTS,
  INCIDENT_STATUS_LABELS,
  INCIDENT_STATUSES,
  MAINTENANCE_STATUSES,
  type AnyIncidentStatus,
} from "@/lib/status/schemas";
import { MarkdownField } from "./MarkdownField";

type Action = (prev: FormState | undefined, formData: FormData) => Promise<FormState>;
type Preview = (source: string) => Promise<string>;

function StatusSelect({
  state,
  fallback,
  statuses = INCIDENT_STATUSES,
}: {
  state: FormState | undefined;
  fallback: string;
  statuses?: readonly AnyIncidentStatus[];
}) {
  return (
    <select {...fieldProps("status", state, fallback)} className={inputClass}>
      {statuses.map((s) => (
        <option key={s} value={s}>
          {INCIDENT_STATUS_LABELS[s]}
        </option>
      ))}
    </select>
  );
}

function ComponentPicker({ components, state, defaults }: { components: ComponentOption[]; state: FormState | undefined; defaults: Record<string, string> }) {
  return (
    <fieldset>
      <legend className="text-sm font-medium">Affected components and the status to set</legend>
      <div className="mt-2 grid gap-2 sm:grid-cols-2">
        {components.map((c) => {
          const name = `component:${c.id}`;
          return (
            <label key={c.id} className="flex items-center justify-between gap-2 text-sm">
              <span>{c.name}</span>
              <select
                name={name}
                defaultValue={state?.values?.[name] ?? defaults[c.id] ?? ""}
                aria-label={`Status for ${c.name}`}
                className="rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900"
              >
                <option value="">Not affected</option>
                {COMPONENT_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {COMPONENT_STATUS_LABELS[s]}
                  </option>
                ))}
              </select>
            </label>
          );
        })}
      </div>
      {state?.fields?.components && <p className="mt-1 text-sm text-red-700">{state.fields.components}</p>}
    </fieldset>
  );
}

function Checkbox({ name, label, state, defaultChecked }: { name: string; label: string; state: FormState | undefined; defaultChecked: boolean }) {
  const submitted = state?.values && !state.ok ? state.values[name] === "on" : defaultChecked;
  return (
    <label className="flex items-center gap-2 text-sm">
      <input type="checkbox" name={name} defaultChecked={submitted} />
      {label}
    </label>
  );
}

function BackdateField({ state, timeZone }: { state: FormState | undefined; timeZone: string }) {
  return (
    <Field
      label={`Shown as posted at (optional, ${timeZone})`}
      name="displayAt"
      state={state}
      hint="Leave empty for now. Set it to enter an incident after the fact."
    >
      <input {...fieldProps("displayAt", state)} type="datetime-local" className={inputClass} />
    </Field>
  );
}

export function NewIncidentForm({
  action,
  preview,
  components,
  timeZone,
  templates,
  creationKey,
}: {
  action: Action;
  preview: Preview;
  components: ComponentOption[];
  timeZone: string;
  templates: Pick<IncidentTemplateRow, "id" | "name" | "title" | "status" | "body">[];
  /** One per rendered form: a double-submit or a retry opens one incident. */
  creationKey: string;
}) {
  const [submitted, formAction] = useActionState(action, undefined);
  const [template, setTemplate] = useState<(typeof templates)[number] | null>(null);
  // A chosen template fills the form; a failed submit brings back what was typed.
  const state: FormState | undefined =
    template && !submitted?.values ? { values: { name: template.title, status: template.status, body: template.body, notifySubscribers: "on" } } : submitted;
  return (
    <form key={template?.id ?? "blank"} action={formAction} className="space-y-5" noValidate>
      <input type="hidden" name="creationKey" value={creationKey} />
      {templates.length > 0 && (
        <div className="flex flex-wrap items-center gap-2 text-sm">
          <span className="text-zinc-600 dark:text-zinc-400">Start from a template:</span>
          {templates.map((t) => (
            <button
              key={t.id}
              type="button"
              onClick={() => setTemplate(t)}
              className="rounded-full border border-zinc-300 px-3 py-1 hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
            >
              {t.name}
            </button>
          ))}
        </div>
      )}
      <FormMessage state={state} />
      <Field label="Name" name="name" state={state} hint="What customers see, e.g. “Hubdoc – Document processing delayed”.">
        <input {...fieldProps("name", state)} className={inputClass} />
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Status" name="status" state={state}>
          <StatusSelect state={state} fallback="investigating" />
        </Field>
        <Field label="Impact" name="impact" state={state}>
          <select {...fieldProps("impact", state, "minor")} className={inputClass}>
            {IMPACTS.map((i) => (
              <option key={i} value={i}>
                {i[0]!.toUpperCase() + i.slice(1)}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <ComponentPicker components={components} state={state} defaults={{}} />
      <Field label="Message (Markdown)" name="body" state={state}>
        <MarkdownField name="body" defaultValue={state?.values?.body ?? ""} invalid={Boolean(state?.fields?.body)} preview={preview} />
      </Field>
      <BackdateField state={state} timeZone={timeZone} />
      <Checkbox name="notifySubscribers" label="Notify subscribers" state={state} defaultChecked />
      <SubmitButton pendingText="Opening…">Open incident</SubmitButton>
    </form>
  );
}

export function UpdateForm({
  action,
  preview,
  components,
  affected,
  version,
  currentStatus,
  timeZone,
  kind,
}: {
  kind: string;
  action: Action;
  preview: Preview;
  components: ComponentOption[];
  affected: Record<string, string>;
  version: number;
  currentStatus: string;
  timeZone: string;
}) {
  const [state, formAction] = useActionState(action, undefined);
  // After a successful post the form starts empty again, on the new version.
  const key = state?.ok ? `v${version}` : "draft";
  return (
    <form key={key} action={formAction} className="space-y-5" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="version" value={version} />
      <Field label="New status" name="status" state={state} hint="Resolved sets the components you choose back; pick Operational for each.">
        <StatusSelect
          state={state?.ok ? undefined : state}
          fallback={currentStatus}
          statuses={kind === "maintenance" ? MAINTENANCE_STATUSES : INCIDENT_STATUSES}
        />
      </Field>
      <Field label="Message (Markdown)" name="body" state={state}>
        <MarkdownField name="body" defaultValue={state?.ok ? "" : (state?.values?.body ?? "")} invalid={Boolean(state?.fields?.body)} preview={preview} />
      </Field>
      <ComponentPicker components={components} state={state?.ok ? undefined : state} defaults={affected} />
      <BackdateField state={state?.ok ? undefined : state} timeZone={timeZone} />
      <Checkbox name="restoreComponents" label="Set every affected component back to Operational" state={state} defaultChecked={false} />
      <Checkbox name="notifySubscribers" label="Notify subscribers" state={state} defaultChecked />
      <SubmitButton pendingText="Posting…">Post update</SubmitButton>
    </form>
  );
}
