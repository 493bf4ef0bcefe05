import { IntlMessageFormat } from "intl-messageformat";
import { type Catalogue, catalogue, type MessageKey, SOURCE_CATALOGUE } from "./catalogues";
import { DEFAULT_LOCALE, type Locale } from "./locales";

// One translator per locale, made once: each message is parsed on first use and kept.
// A key the locale's catalogue lacks is said in English (catalogues.test.ts keeps that from
// shipping); a message that fails to format (a value missing) also falls back to English,
// then to the key itself, so a page never fails over its wording.

export type { MessageKey };
export type MessageValues = Record<string, string | number | Date | null | undefined>;
/** Values for messages with tags (`<link>…</link>`): a tag takes a function of its content. */
export type RichValues<T> = Record<string, string | number | T | ((chunks: (string | T)[]) => T)>;

export interface Translator {
  locale: Locale;
  t(key: MessageKey, values?: MessageValues): string;
  /** Parts (strings and `T`s, e.g. React elements) for a message with tags or element values. */
  rich<T>(key: MessageKey, values: RichValues<T>): (string | T)[];
  /** "A, B and C" in the locale. */
  list(items: readonly string[]): string;
}

const translators = new Map<Locale, Translator>();

export function translator(locale: Locale): Translator {
  let found = translators.get(locale);
  if (!found) {
    found = makeTranslator(locale, catalogue(locale));
    translators.set(locale, found);
  }
  return found;
}

/** A translator over `messages` (translator() gives the locale's own catalogue; tests pass a partial one). */
export function makeTranslator(locale: Locale, messages: Catalogue): Translator {
  const formats = new Map<MessageKey, IntlMessageFormat>();
  const english = locale === DEFAULT_LOCALE ? null : translator(DEFAULT_LOCALE);
  const formatFor = (key: MessageKey): IntlMessageFormat | null => {
    let f = formats.get(key);
    if (!f) {
      const text = messages[key];
      if (text === undefined) return null;
      f = new IntlMessageFormat(text, locale);
      formats.set(key, f);
    }
    return f;
  };
  const lists = new Intl.ListFormat(locale, { style: "long", type: "conjunction" });
  const self: Translator = {
    locale,
    t(key, values) {
      try {
        const f = formatFor(key);
        if (f) return String(f.format(values as Record<string, string>));
      } catch {
        // fall through to English
      }
      return english ? english.t(key, values) : (SOURCE_CATALOGUE[key] ?? key); // unformatted English beats a blank
    },
    rich<T>(key: MessageKey, values: RichValues<T>): (string | T)[] {
      try {
        const f = formatFor(key);
        if (f) {
          const out = f.format<T>(values as never);
          return Array.isArray(out) ? (out as (string | T)[]) : [out as string | T];
        }
      } catch {
        // fall through to English
      }
      return english ? english.rich(key, values) : [SOURCE_CATALOGUE[key] ?? key];
    },
    list: (items) => lists.format(items),
  };
  return self;
}
