"use client";

import { useActionState, useEffect, useRef, useState } from "react";
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

function ComponentSelect({ component, state, preset }: { component: ComponentOption; state: FormState | undefined; preset: string }) {
  const name = `component:${component.id}`;
  return (
    <label className="flex items-center justify-between gap-2 text-sm">
      <span>{component.name}</span>
      {/* What the form pre-set: left as it is, the select says nothing (lib/incidents/form.ts). */}
      {preset && <input type="hidden" name={`component-default:${component.id}`} value={preset} />}
      <select
        name={name}
        defaultValue={state?.values?.[name] ?? preset}
        aria-label={`Status for ${component.name}`}
        className="max-w-[60%] rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900"
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
}

/**
 * Affected components first, pre-set to `presets` (their current status, or Operational when
 * resolving); every other component behind "Add another component", so an update on a page
 * of dozens of components shows the two that matter.
 */
function ComponentPicker({
  components,
  state,
  presets,
  legend = "Affected components and the status to set",
}: {
  components: ComponentOption[];
  state: FormState | undefined;
  presets: Record<string, string>;
  legend?: string;
}) {
  const affected = components.filter((c) => c.id in presets);
  const others = components.filter((c) => !(c.id in presets));
  const othersChosen = others.some((c) => state?.values?.[`component:${c.id}`]);
  const grid = "mt-2 grid gap-2 sm:grid-cols-2";
  return (
    <fieldset>
      <legend className="text-sm font-medium">{legend}</legend>
      {affected.length > 0 && (
        <div className={grid}>
          {affected.map((c) => (
            <ComponentSelect key={c.id} component={c} state={state} preset={presets[c.id] ?? ""} />
          ))}
        </div>
      )}
      {affected.length > 0 ? (
        <details className="mt-3" open={othersChosen}>
          <summary className="cursor-pointer text-sm text-teal-800 underline dark:text-teal-300">Add another component</summary>
          <div className={grid}>
            {others.map((c) => (
              <ComponentSelect key={c.id} component={c} state={state} preset="" />
            ))}
          </div>
        </details>
      ) : (
        <div className={grid}>
          {others.map((c) => (
            <ComponentSelect key={c.id} component={c} state={state} preset="" />
          ))}
        </div>
      )}
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
      <ComponentPicker components={components} state={state} presets={{}} />
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
  templates = [],
}: {
  kind: string;
  action: Action;
  preview: Preview;
  components: ComponentOption[];
  /** The incident's components (ids). */
  affected: readonly string[];
  version: number;
  currentStatus: string;
  timeZone: string;
  /** Templates for this kind's statuses: one click sets the status and the message. */
  templates?: Pick<IncidentTemplateRow, "id" | "name" | "status" | "body">[];
}) {
  const [state, formAction] = useActionState(action, undefined);
  const draft = state?.ok ? undefined : state;
  const [status, setStatus] = useState(draft?.values?.status ?? currentStatus);
  // The incident's status changed by another form on the page (cancel, another post): follow it.
  const [seenStatus, setSeenStatus] = useState(currentStatus);
  if (seenStatus !== currentStatus) {
    setSeenStatus(currentStatus);
    setStatus(currentStatus);
  }
  // A template chosen for this version of the incident: once the update is posted, gone.
  const [chosen, setTemplate] = useState<{ id: string; body: string; version: number } | null>(null);
  const template = chosen?.version === version ? chosen : null;
  const statuses: readonly string[] = kind === "maintenance" ? MAINTENANCE_STATUSES : INCIDENT_STATUSES;
  const usable = templates.filter((t) => statuses.includes(t.status));
  // After a successful post the form starts empty again, on the new version.
  const key = state?.ok ? `v${version}` : "draft";
  const resolving = kind !== "maintenance" && status === "resolved";
  // Resolving returns every affected component to Operational unless one is kept otherwise;
  // any other update shows them as they are now.
  const current = new Map(components.map((c) => [c.id, c.status]));
  const presets = Object.fromEntries(affected.map((id) => [id, resolving ? "operational" : (current.get(id) ?? "")]));
  const formRef = useRef<HTMLFormElement>(null);
  useUpdateShortcuts(formRef, statuses, setStatus);
  return (
    <form
      key={key}
      ref={formRef}
      action={formAction}
      className="space-y-5"
      noValidate
      onKeyDown={(e) => {
        // Ctrl+Enter (⌘+Enter) posts from anywhere in the form, as in GitHub and Slack.
        if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
          e.preventDefault();
          e.currentTarget.requestSubmit();
        }
      }}
    >
      <FormMessage state={state} />
      <input type="hidden" name="version" value={version} />
      <Field label="New status" name="status" state={state}>
        <select
          id="status"
          name="status"
          aria-keyshortcuts="s 1 2 3 4"
          value={status}
          onChange={(e) => setStatus(e.target.value)}
          aria-invalid={draft?.fields?.status ? true : undefined}
          className={inputClass}
        >
          {(kind === "maintenance" ? MAINTENANCE_STATUSES : INCIDENT_STATUSES).map((s) => (
            <option key={s} value={s}>
              {INCIDENT_STATUS_LABELS[s]}
            </option>
          ))}
        </select>
      </Field>
      {usable.length > 0 && (
        <div className="flex flex-wrap items-center gap-2 text-sm">
          <span className="text-zinc-600 dark:text-zinc-400">Template:</span>
          {usable.map((t) => (
            <button
              key={t.id}
              type="button"
              onClick={() => {
                setStatus(t.status);
                setTemplate({ id: t.id, body: t.body, version });
              }}
              className="rounded-full border border-zinc-300 px-3 py-1 hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
            >
              {t.name}
            </button>
          ))}
        </div>
      )}
      <Field label="Message (Markdown)" name="body" state={state}>
        <MarkdownField
          key={template?.id ?? "typed"}
          name="body"
          defaultValue={template?.body ?? draft?.values?.body ?? ""}
          invalid={Boolean(state?.fields?.body)}
          preview={preview}
        />
      </Field>
      {kind !== "maintenance" && (
        <div>
          <ComponentPicker
            key={resolving ? "resolving" : "open"}
            components={components}
            state={draft}
            presets={presets}
            legend={resolving ? "Components after resolving" : "Affected components and the status to set"}
          />
          {resolving && (
            <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">
              Resolving returns each of them to Operational and the probes decide again. Keep one degraded by choosing its status: it stays set by hand, with
              this incident as the reason, until someone clears it on Components.
            </p>
          )}
        </div>
      )}
      <BackdateField state={draft} timeZone={timeZone} />
      <Checkbox name="notifySubscribers" label="Notify subscribers" state={state} defaultChecked />
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <SubmitButton pendingText="Posting…">Post update</SubmitButton>
        <p className="hidden text-xs text-zinc-500 sm:block dark:text-zinc-400">
          Keys: <kbd>Ctrl</kbd>+<kbd>Enter</kbd> posts · <kbd>M</kbd> message · <kbd>S</kbd> status · <kbd>1</kbd>–<kbd>{statuses.length}</kbd> pick a status
        </p>
      </div>
    </form>
  );
}

/** Whether a key press belongs to what the user is typing in, not to the page. */
function typingIn(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));
}

/**
 * The incident page's keys, outside text fields: M the message, S the status, 1–n a status
 * (which then has focus, so the change is seen and announced). No modifier keys, so the
 * browser's and screen readers' own shortcuts keep working.
 */
function useUpdateShortcuts(form: React.RefObject<HTMLFormElement | null>, statuses: readonly string[], setStatus: (s: string) => void) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || typingIn(e.target) || !form.current) return;
      const field = (name: string) => form.current?.querySelector<HTMLElement>(`[name="${name}"]`);
      const key = e.key.toLowerCase();
      const picked = /^[1-9]$/.test(key) ? statuses[Number(key) - 1] : undefined;
      if (key === "m") field("body")?.focus();
      else if (key === "s") field("status")?.focus();
      else if (picked) {
        setStatus(picked);
        field("status")?.focus();
      } else return;
      e.preventDefault();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [form, statuses, setStatus]);
}
