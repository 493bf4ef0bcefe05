"use client";

import { useActionState, useState } from "react";
import { Field, fieldProps, FormMessage, inputClass, SubmitButton } from "@/components/forms/fields";
import type { FormState } from "@/lib/forms";
import { LocaleSelect, TimeZoneOptions } from "@/components/console/PageFields";
import { brandPalette, describeContrast } from "@/lib/settings/contrast";
import { MAX_FOOTER_LINKS } from "@/lib/settings/schemas";

export interface SettingsFormValues {
  name: string;
  url: string;
  storedUrl: string;
  urlFromEnvironment: boolean;
  timeZone: string;
  locale: string;
  brandColor: string | null;
  supportUrl: string | null;
  footerLinks: { label: string; url: string }[];
  aboutMarkdown: string | null;
  metaDescription: string | null;
}

type Action = (prev: FormState | undefined, formData: FormData) => Promise<FormState>;

/** Live: what the chosen colour does on white and in dark mode, and the shade used instead when it fails AA. */
function ContrastNote({ color }: { color: string }) {
  const palette = brandPalette(color);
  if (!palette) return null;
  const lines = describeContrast(palette);
  return (
    <ul id="brandColor-contrast" aria-live="polite" data-testid="contrast" className="mt-1 space-y-0.5 text-xs">
      {lines.map((line, i) => {
        const mode = i === 0 ? palette.light : palette.dark;
        return (
          <li key={line} className={mode.passes ? "text-zinc-600 dark:text-zinc-400" : "text-amber-800 dark:text-amber-300"}>
            <span aria-hidden="true" className="mr-1 inline-block h-3 w-3 rounded-sm align-middle" style={{ background: mode.shade }} />
            {line}
          </li>
        );
      })}
    </ul>
  );
}

export function SettingsForm({ action, initial, timeZones }: { action: Action; initial: SettingsFormValues; timeZones: string[] }) {
  const [state, formAction] = useActionState(action, undefined);
  const value = (name: string, fallback: string | null) => state?.values?.[name] ?? fallback ?? "";
  const [color, setColor] = useState(value("brandColor", initial.brandColor));
  const validColor = /^#[0-9a-fA-F]{6}$/.test(color);
  return (
    <form action={formAction} className="grid gap-5" noValidate>
      <FormMessage state={state} />
      <Field label="Page name" name="name" state={state} hint="Your company or product: the page is titled “<name> Status”.">
        <input {...fieldProps("name", state, initial.name)} required maxLength={80} className={inputClass} />
      </Field>
      <Field
        label="Public URL"
        name="url"
        state={state}
        hint={
          initial.urlFromEnvironment ? (
            <>
              <strong>PUBLIC_URL in the environment wins:</strong> every link uses {initial.url}. This stored value is used when PUBLIC_URL is unset.
            </>
          ) : (
            "Where people open the page (https). Every link in emails, feeds, badges and the API uses it."
          )
        }
      >
        <input {...fieldProps("url", state, initial.storedUrl)} type="url" inputMode="url" placeholder="https://status.example.com" className={inputClass} />
      </Field>
      <div className="grid gap-5 sm:grid-cols-2">
        <Field label="Time zone" name="timeZone" state={state} hint="Type to search, e.g. “London” or “Auckland”.">
          <input {...fieldProps("timeZone", state, initial.timeZone)} list="time-zones" autoComplete="off" className={inputClass} />
        </Field>
        <TimeZoneOptions id="time-zones" timeZones={timeZones} />
        <Field label="Language" name="locale" state={state} hint="Of the public page, subscriber emails and the subscription pages.">
          <LocaleSelect state={state} initial={initial.locale} />
        </Field>
      </div>
      <div>
        <label htmlFor="brandColor" className="block text-sm font-medium">
          Brand colour
        </label>
        <div className="mt-1 flex items-center gap-2">
          <input
            type="color"
            aria-label="Pick the brand colour"
            value={validColor ? color.toLowerCase() : "#0f766e"}
            onChange={(e) => setColor(e.target.value)}
            className="h-9 w-12 rounded border border-zinc-300 dark:border-zinc-700"
          />
          <input
            id="brandColor"
            name="brandColor"
            value={color}
            onChange={(e) => setColor(e.target.value)}
            placeholder="#0f766e"
            aria-invalid={state?.fields?.brandColor ? true : undefined}
            aria-describedby={state?.fields?.brandColor ? "brandColor-error" : "brandColor-contrast"}
            className={`${inputClass} mt-0 max-w-[10rem] font-mono`}
          />
          {color && (
            <button type="button" onClick={() => setColor("")} className="text-xs underline">
              Use the default
            </button>
          )}
        </div>
        {state?.fields?.brandColor ? (
          <p id="brandColor-error" className="mt-1 text-sm text-red-700 dark:text-red-400">
            {state.fields.brandColor}
          </p>
        ) : validColor ? (
          <ContrastNote color={color} />
        ) : (
          <p className="mt-1 text-xs text-zinc-500">As #rrggbb. Empty: Vigil's teal.</p>
        )}
      </div>
      <Field
        label="Support link or email"
        name="supportUrl"
        state={state}
        hint="Shown in the page's header, e.g. https://help.example.com or support@example.com."
      >
        <input {...fieldProps("supportUrl", state, initial.supportUrl?.replace(/^mailto:/, "") ?? "")} className={inputClass} />
      </Field>
      <fieldset>
        <legend className="text-sm font-medium">Footer links</legend>
        <p className="text-xs text-zinc-500">Up to {MAX_FOOTER_LINKS}, e.g. Privacy, Terms, your main site.</p>
        <div className="mt-2 grid gap-2">
          {Array.from({ length: MAX_FOOTER_LINKS }, (_, i) => {
            const link = initial.footerLinks[i];
            const label = `footerLinks.${i}.label`;
            const url = `footerLinks.${i}.url`;
            const error = state?.fields?.[label] ?? state?.fields?.[url];
            return (
              <div key={label} className="grid gap-2 sm:grid-cols-[12rem_1fr]">
                <input
                  {...fieldProps(label, state, link?.label ?? "")}
                  aria-label={`Footer link ${i + 1} label`}
                  placeholder="Label"
                  className={`${inputClass} mt-0`}
                />
                <input
                  {...fieldProps(url, state, link?.url ?? "")}
                  aria-label={`Footer link ${i + 1} URL`}
                  placeholder="https://"
                  className={`${inputClass} mt-0`}
                />
                {error && (
                  <p id={`${state?.fields?.[label] ? label : url}-error`} className="text-sm text-red-700 sm:col-span-2 dark:text-red-400">
                    {error}
                  </p>
                )}
              </div>
            );
          })}
        </div>
      </fieldset>
      <Field
        label="About text"
        name="aboutMarkdown"
        state={state}
        hint="Markdown, shown above the footer; links and emphasis are kept, anything else is removed."
      >
        <textarea {...fieldProps("aboutMarkdown", state, initial.aboutMarkdown ?? "")} rows={3} maxLength={4000} className={inputClass} />
      </Field>
      <Field
        label="Meta description"
        name="metaDescription"
        state={state}
        hint="For search engines and link previews. Empty: “<status>. Live status of <name>'s services.”"
      >
        <input {...fieldProps("metaDescription", state, initial.metaDescription ?? "")} maxLength={200} className={inputClass} />
      </Field>
      <div>
        <SubmitButton>Save settings</SubmitButton>
      </div>
    </form>
  );
}

/** Upload or remove the logo or favicon. */
export function AssetForm({
  label,
  hint,
  current,
  accept,
  upload,
  remove,
}: {
  label: string;
  hint: string;
  current: string | null;
  accept: string;
  upload: Action;
  remove: Action;
}) {
  const [state, uploadAction] = useActionState(upload, undefined);
  const [removed, removeAction] = useActionState(remove, undefined);
  const id = `asset-${label.toLowerCase()}`;
  return (
    <div className="grid gap-2">
      <span className="text-sm font-medium">{label}</span>
      <div className="flex min-h-12 items-center gap-3">
        {current ? (
          // biome-ignore lint/performance/noImgElement: an uploaded file served by Vigil
          <img
            src={current}
            alt={`Current ${label.toLowerCase()}`}
            className="h-10 w-auto max-w-[12rem] rounded border border-zinc-200 bg-white p-1 dark:border-zinc-700"
          />
        ) : (
          <span className="text-sm text-zinc-500">None yet.</span>
        )}
        {current && (
          <form action={removeAction}>
            <button type="submit" className="rounded-md border border-zinc-300 px-2 py-1 text-xs dark:border-zinc-700">
              Remove
            </button>
          </form>
        )}
      </div>
      <form action={uploadAction} className="flex flex-wrap items-center gap-2">
        <input id={id} type="file" name="file" accept={accept} aria-label={`${label} file`} className="text-sm" />
        <SubmitButton pendingText="Uploading…">Upload</SubmitButton>
      </form>
      <p className="text-xs text-zinc-500">{hint}</p>
      <FormMessage state={state ?? removed} />
    </div>
  );
}
