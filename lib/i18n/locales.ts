import { z } from "zod";

// The languages a page can be shown in. Each has a message catalogue (lib/i18n/messages/);
// dates, numbers and relative times come from Intl in the same locale, so en-US and en-GB
// share words but not date formats.
export const LOCALES = ["en-US", "en-GB", "de-DE", "fr-FR", "es-ES", "pt-BR", "ja-JP"] as const;
export type Locale = (typeof LOCALES)[number];
export const Locale = z.enum(LOCALES, { error: `choose one of ${LOCALES.join(", ")}` });

export const DEFAULT_LOCALE: Locale = "en-US";

/** What the language picker shows: each language named in itself. */
export const LOCALE_NAMES: Record<Locale, string> = {
  "en-US": "English (United States)",
  "en-GB": "English (United Kingdom)",
  "de-DE": "Deutsch",
  "fr-FR": "Français",
  "es-ES": "Español",
  "pt-BR": "Português (Brasil)",
  "ja-JP": "日本語",
};

/** A stored or requested tag, or the default when it is not one Vigil has. */
export function toLocale(tag: string | null | undefined): Locale {
  return (LOCALES as readonly string[]).includes(tag ?? "") ? (tag as Locale) : DEFAULT_LOCALE;
}
