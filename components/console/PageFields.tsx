"use client";

import { fieldProps, inputClass } from "@/components/forms/fields";
import type { FormState } from "@/lib/forms";
import { LOCALE_NAMES, LOCALES } from "@/lib/i18n/locales";

// Fields the settings page and the first-run step share.

/** The zones a time-zone input suggests (`list={id}`). */
export function TimeZoneOptions({ id, timeZones }: { id: string; timeZones: string[] }) {
  return (
    <datalist id={id}>
      {timeZones.map((zone) => (
        <option key={zone} value={zone} />
      ))}
    </datalist>
  );
}

/** The page's language, each named in itself. */
export function LocaleSelect({ state, initial }: { state: FormState | undefined; initial: string }) {
  return (
    <select {...fieldProps("locale", state, initial)} className={inputClass}>
      {LOCALES.map((locale) => (
        <option key={locale} value={locale}>
          {LOCALE_NAMES[locale]}
        </option>
      ))}
    </select>
  );
}
