"use client";

import { ChannelChoice, WebhookSecret } from "@/components/subscribe/ChannelParts";
import { useActionState, useState } from "react";
import { FormMessage, inputClass, SubmitButton } from "@/components/forms/fields";
import { ComponentPicker, type ComponentChoice } from "@/components/subscribe/ComponentPicker";
import type { FormState } from "@/lib/forms";

type AddState = FormState & { secret?: string | null };
type ImportState = FormState & { problems?: string[] };

const CHANNELS = [
  { value: "email", label: "Email", field: "Email address", type: "email", hint: "They get a confirmation link first; nothing else until they use it." },
  { value: "webhook", label: "Webhook", field: "Webhook URL", type: "url", hint: "Confirmed at once; you get its signing secret once." },
  { value: "slack", label: "Slack", field: "Slack incoming-webhook URL (https)", type: "url", hint: "Any https URL, so a relay works too." },
  { value: "discord", label: "Discord", field: "Discord webhook URL (https)", type: "url", hint: "Any https URL, so a relay works too." },
  {
    value: "teams",
    label: "Teams",
    field: "Teams Workflows webhook URL (https)",
    type: "url",
    hint: "From a “When a Teams webhook request is received” workflow; every update posts an Adaptive Card.",
  },
  {
    value: "pagerduty",
    label: "PagerDuty",
    field: "Events API URL",
    type: "url",
    hint: "Leave empty for https://events.pagerduty.com/v2/enqueue. Opening triggers, resolving resolves; updates in between send nothing.",
  },
  {
    value: "opsgenie",
    label: "Opsgenie",
    field: "Opsgenie API address",
    type: "url",
    hint: "Leave empty for https://api.opsgenie.com (EU: https://api.eu.opsgenie.com). Opening creates an alert, updates add notes, resolving closes it.",
  },
] as const;

const KEY_FIELDS: Partial<Record<string, { label: string; hint: string }>> = {
  pagerduty: { label: "Integration (routing) key", hint: "From the service’s Events API v2 integration. Stored encrypted; never shown again." },
  opsgenie: { label: "API key (GenieKey)", hint: "An API integration’s key with create and update rights. Stored encrypted; never shown again." },
};

export function AddSubscriberForm({
  action,
  choices,
}: {
  action: (prev: AddState | undefined, formData: FormData) => Promise<AddState>;
  choices: ComponentChoice[];
}) {
  const [state, formAction] = useActionState(action, undefined);
  const [channel, setChannel] = useState<string>(state?.values?.channel || "email");
  const current = CHANNELS.find((c) => c.value === channel) ?? CHANNELS[0];
  const keyField = KEY_FIELDS[channel];
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <FormMessage state={state} />
      {state?.secret && <WebhookSecret secret={state.secret} intro="The webhook’s signing secret (shown only once): give it to whoever runs the receiver." />}
      <ChannelChoice legend="Channel" channels={CHANNELS} value={channel} onChange={setChannel} />
      <HintedInput
        id="add-target"
        name="target"
        label={current.field}
        hint={current.hint}
        error={state?.fields?.target}
        type={current.type}
        defaultValue={state?.ok ? "" : (state?.values?.target ?? "")}
      />
      {/* The key is never sent back into the form (the action does not echo it). */}
      {keyField && (
        <HintedInput id="add-key" name="key" label={keyField.label} hint={keyField.hint} error={state?.fields?.key} type="password" autoComplete="off" />
      )}
      <ComponentPicker choices={choices} selected={[]} />
      {state?.fields?.components && <p className="text-sm text-red-700 dark:text-red-400">{state.fields.components}</p>}
      <SubmitButton pendingText="Adding…">Add subscriber</SubmitButton>
    </form>
  );
}

/** A labelled input with its hint, or its error in the hint's place. */
function HintedInput({
  id,
  label,
  hint,
  error,
  ...input
}: { id: string; name: string; label: string; hint: string; error: string | undefined } & React.InputHTMLAttributes<HTMLInputElement>) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <input id={id} {...input} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : `${id}-hint`} className={inputClass} />
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : (
        <p id={`${id}-hint`} className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">
          {hint}
        </p>
      )}
    </div>
  );
}

export function ImportSubscribersForm({ action }: { action: (prev: ImportState | undefined, formData: FormData) => Promise<ImportState> }) {
  const [state, formAction] = useActionState(action, undefined);
  return (
    <form action={formAction} className="space-y-4">
      <FormMessage state={state} />
      {state?.problems && (
        <ul role="alert" className="list-disc space-y-1 pl-6 text-sm text-red-800 dark:text-red-300">
          {state.problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      <div>
        <label htmlFor="import-file" className="block text-sm font-medium">
          CSV file
        </label>
        <input id="import-file" name="file" type="file" accept=".csv,text/csv" className="mt-1 block text-sm" />
      </div>
      <div>
        <label htmlFor="import-csv" className="block text-sm font-medium">
          …or paste its text
        </label>
        <textarea
          id="import-csv"
          name="csv"
          rows={5}
          placeholder={"channel,target,components,confirmed\nemail,kim@example.com,api;web,false"}
          className={`${inputClass} font-mono`}
        />
        <p className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">
          Header <code>channel,target,components,confirmed</code>. Components are slugs separated by <code>;</code> (empty: the whole page).{" "}
          <code>confirmed=true</code> emails opted in elsewhere and get no message; other emails get a confirmation link. Duplicates are skipped; any bad row
          stops the whole import. Up to 50,000 rows or 5 MB.
        </p>
      </div>
      <SubmitButton pendingText="Importing…">Import</SubmitButton>
    </form>
  );
}
