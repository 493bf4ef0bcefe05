"use client";

import { useActionState, useState } from "react";
import { FormMessage, inputClass, SubmitButton } from "@/components/forms/fields";
import type { FormState } from "@/lib/forms";
import { ChannelChoice, WebhookSecret } from "./ChannelParts";
import { ComponentPicker, type ComponentChoice } from "./ComponentPicker";
import type { SubscribeFormText } from "./text";

export type SubscribeState = FormState & { secret?: string | null; manageUrl?: string };

const CHANNELS = [
  { value: "email", type: "email", placeholder: "you@example.com" },
  { value: "webhook", type: "url", placeholder: "https://example.com/hooks/status" },
  { value: "slack", type: "url", placeholder: "https://hooks.slack.com/services/…" },
  { value: "discord", type: "url", placeholder: "https://discord.com/api/webhooks/…" },
] as const;

export function SubscribeForm({
  action,
  formToken,
  choices,
  emailEnabled,
  text,
}: {
  action: (prev: SubscribeState | undefined, formData: FormData) => Promise<SubscribeState>;
  formToken: string;
  choices: ComponentChoice[];
  emailEnabled: boolean;
  text: SubscribeFormText;
}) {
  const [state, formAction] = useActionState(action, undefined);
  const [channel, setChannel] = useState<string>(state?.values?.channel ?? (emailEnabled ? "email" : "webhook"));
  const current = CHANNELS.find((c) => c.value === channel) ?? CHANNELS[0];
  const channels = CHANNELS.map((c) => ({ value: c.value, label: text.channels[c.value].label }));
  const [manageBefore, manageLink, manageAfter] = text.manageLink;
  const error = state?.fields?.target;
  if (state?.ok) {
    return (
      <div className="space-y-3">
        <FormMessage state={state} />
        {state.secret && (
          <WebhookSecret secret={state.secret} intro={text.secretIntro} text={{ help: text.secretHelp, copy: text.copySecret, copied: text.copied }} />
        )}
        {state.manageUrl && (
          <p className="text-sm">
            {manageBefore}
            <a href={state.manageUrl} className="underline">
              {manageLink}
            </a>
            {manageAfter}
          </p>
        )}
      </div>
    );
  }
  return (
    <form action={formAction} className="space-y-5" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="formToken" value={formToken} />
      {/* People never see this field; bots that fill every field in are refused. */}
      <div aria-hidden="true" className="absolute -left-[9999px]">
        <label>
          Website <input type="text" name="website" tabIndex={-1} autoComplete="off" />
        </label>
      </div>
      <ChannelChoice legend={text.how} channels={channels} value={channel} onChange={setChannel} />
      {channel === "email" && !emailEnabled ? (
        <p role="note" className="rounded-md bg-zinc-100 px-3 py-2 text-sm dark:bg-zinc-800">
          {text.emailUnavailable}
        </p>
      ) : (
        <div>
          <label htmlFor="target" className="block text-sm font-medium">
            {text.channels[current.value].field}
          </label>
          <input
            id="target"
            name="target"
            type={current.type}
            placeholder={current.placeholder}
            defaultValue={state?.values?.target ?? ""}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? "target-error" : undefined}
            className={inputClass}
          />
          {error && (
            <p id="target-error" className="mt-1 text-sm text-red-700 dark:text-red-400">
              {error}
            </p>
          )}
          {channel === "email" && <p className="mt-1 text-xs text-zinc-500">{text.emailHint}</p>}
        </div>
      )}
      <ComponentPicker choices={choices} selected={state?.values?.components ? state.values.components.split(",") : []} text={text.picker} />
      {state?.fields?.components && <p className="text-sm text-red-700 dark:text-red-400">{state.fields.components}</p>}
      <SubmitButton pendingText={text.submitting}>{text.submit}</SubmitButton>
    </form>
  );
}
