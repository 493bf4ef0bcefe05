"use client";

import { useActionState, useEffect, useState } from "react";
import { Field, fieldProps, FormMessage, inputClass, SubmitButton } from "@/components/forms/fields";
import type { FormState } from "@/lib/forms";
import { LocaleSelect, TimeZoneOptions } from "@/components/console/PageFields";

type Action = (prev: FormState | undefined, formData: FormData) => Promise<FormState>;

export function WelcomeForm({
  action,
  skip,
  initial,
  demo,
  timeZones,
}: {
  action: Action;
  skip: Action;
  initial: { name: string; url: string; urlFromEnvironment: boolean; timeZone: string; locale: string };
  demo: { components: number; incidents: number; probes: number; subscribers: number };
  timeZones: string[];
}) {
  const [state, formAction] = useActionState(action, undefined);
  const [skipped, skipAction] = useActionState(skip, undefined);
  // The browser's zone is the best guess for a new page (the stored one is the seed's).
  const [timeZone, setTimeZone] = useState(state?.values?.timeZone ?? initial.timeZone);
  useEffect(() => {
    if (state?.values?.timeZone) return;
    const browser = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (browser && timeZones.includes(browser)) setTimeZone(browser);
  }, [state?.values?.timeZone, timeZones]);
  const [clear, setClear] = useState(state?.values?.demo === "clear");
  const hasDemo = demo.components + demo.incidents + demo.probes + demo.subscribers > 0;
  return (
    <div className="grid gap-4">
      <form action={formAction} className="grid gap-5" noValidate>
        <FormMessage state={state ?? skipped} />
        <Field label="Page name" name="name" state={state} hint="Your company or product; the page is titled “<name> Status”.">
          <input {...fieldProps("name", state, initial.name)} required maxLength={80} className={inputClass} />
        </Field>
        <Field
          label="Public URL"
          name="url"
          state={state}
          hint={
            initial.urlFromEnvironment
              ? "Set by PUBLIC_URL in the environment, which wins over this value."
              : "Where people will open the page; taken from this browser's address. Use https:// in production."
          }
        >
          <input {...fieldProps("url", state, initial.url)} type="url" inputMode="url" className={inputClass} />
        </Field>
        <div className="grid gap-5 sm:grid-cols-2">
          <Field label="Time zone" name="timeZone" state={state} hint="Every date and time on the page is in this zone. Pre-filled from this browser.">
            <input
              id="timeZone"
              name="timeZone"
              value={timeZone}
              onChange={(e) => setTimeZone(e.target.value)}
              list="welcome-zones"
              autoComplete="off"
              aria-invalid={state?.fields?.timeZone ? true : undefined}
              aria-describedby={state?.fields?.timeZone ? "timeZone-error" : undefined}
              className={inputClass}
            />
          </Field>
          <TimeZoneOptions id="welcome-zones" timeZones={timeZones} />
          <Field label="Language" name="locale" state={state}>
            <LocaleSelect state={state} initial={initial.locale} />
          </Field>
        </div>
        {hasDemo ? (
          <fieldset className="grid gap-2">
            <legend className="text-sm font-medium">The demo content</legend>
            <p className="text-xs text-zinc-600 dark:text-zinc-400">
              The page now shows a demo: {demo.components} components, {demo.incidents} incidents and maintenances, {demo.probes} probes and {demo.subscribers}{" "}
              subscribers.
            </p>
            <label className="flex items-center gap-2 text-sm">
              <input type="radio" name="demo" value="keep" checked={!clear} onChange={() => setClear(false)} className="h-4 w-4" /> Keep it for now (delete
              pieces later)
            </label>
            <label className="flex items-center gap-2 text-sm">
              <input type="radio" name="demo" value="clear" checked={clear} onChange={() => setClear(true)} className="h-4 w-4" /> Start empty: delete it all
            </label>
            {clear && (
              <label className="ml-6 flex items-start gap-2 rounded-md bg-amber-50 p-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-200">
                <input
                  type="checkbox"
                  name="confirmClear"
                  value="yes"
                  defaultChecked={state?.values?.confirmClear === "yes"}
                  aria-invalid={state?.fields?.confirmClear ? true : undefined}
                  className="mt-0.5 h-4 w-4"
                />
                <span>
                  Yes, delete the demo components, incidents, probes and subscribers. Team members, API keys, templates and the audit log stay.
                  {state?.fields?.confirmClear && <span className="block text-red-700 dark:text-red-400">{state.fields.confirmClear}</span>}
                </span>
              </label>
            )}
          </fieldset>
        ) : (
          <input type="hidden" name="demo" value="keep" />
        )}
        <div>
          <SubmitButton>Save and open the console</SubmitButton>
        </div>
      </form>
      <form action={skipAction}>
        <button type="submit" className="text-sm underline">
          Skip for now
        </button>
      </form>
    </div>
  );
}
