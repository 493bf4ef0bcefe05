import deDE from "./messages/de-DE.json";
import enGB from "./messages/en-GB.json";
import enUS from "./messages/en-US.json";
import esES from "./messages/es-ES.json";
import frFR from "./messages/fr-FR.json";
import jaJP from "./messages/ja-JP.json";
import ptBR from "./messages/pt-BR.json";
import type { Locale } from "./locales";

// The message catalogues, ICU MessageFormat (lib/i18n/translate.ts formats them). en-US is the
// source: every key exists there, and catalogues.test.ts fails when another catalogue lacks
// one or its placeholders differ. en-GB holds only what British English writes differently
// ("colour", "cancelled") and takes the rest from en-US, as CLDR's regional variants do.

export type MessageKey = keyof typeof enUS;
export type Catalogue = Readonly<Partial<Record<MessageKey, string>>>;

export const SOURCE_CATALOGUE: Readonly<Record<MessageKey, string>> = enUS;

/** What each file holds, as written. */
export const OWN_CATALOGUES: Readonly<Record<Locale, Catalogue>> = {
  "en-US": enUS,
  "en-GB": enGB,
  "de-DE": deDE,
  "fr-FR": frFR,
  "es-ES": esES,
  "pt-BR": ptBR,
  "ja-JP": jaJP,
};

/** Catalogues that take what they leave out from another (not English fallback: these are complete by design). */
export const PARENT_LOCALE: Readonly<Partial<Record<Locale, Locale>>> = { "en-GB": "en-US" };

/** A locale's messages with its parent's filled in. */
export function catalogue(locale: Locale): Catalogue {
  const parent = PARENT_LOCALE[locale];
  return parent ? { ...catalogue(parent), ...OWN_CATALOGUES[locale] } : OWN_CATALOGUES[locale];
}
