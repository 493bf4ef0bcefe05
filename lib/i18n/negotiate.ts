// universal: no node: modules (the proxy and the fast path both use it).
import { LOCALES, type Locale } from "./locales";

// Which of Vigil's languages a request gets: the visitor's own choice (the language cookie,
// set by the footer's switcher), else the best match for Accept-Language, else the page's
// language. Pure, so the fast path, the proxy and the pages all decide alike.

/** The cookie the language switcher sets: one of LOCALES. */
export const LANGUAGE_COOKIE = "vigil_lang";
/** The query parameter the switcher's links carry (`/?lang=de-DE`): the server stores it in the cookie and redirects. */
export const LANGUAGE_PARAM = "lang";
/** Set by proxy.ts on the request of a staff page, which stays English (and says so in <html lang>). */
export const STAFF_PAGE_HEADER = "x-vigil-staff-page";
/** A year: the choice outlives a browser restart but is not forever. */
export const LANGUAGE_COOKIE_MAX_AGE = 365 * 24 * 3600;

/** For a language without its region here: the variant it falls back to (pt-PT reads pt-BR better than English). */
const LANGUAGE_DEFAULT: Record<string, Locale> = {
  en: "en-US",
  de: "de-DE",
  fr: "fr-FR",
  es: "es-ES",
  pt: "pt-BR",
  ja: "ja-JP",
};

/** English regions that write British spellings and day-month dates. */
const BRITISH_REGIONS = new Set(["GB", "UK", "IE", "AU", "NZ", "IN", "ZA", "SG", "HK", "MT", "PK", "NG", "KE"]);

const BY_LOWER = new Map<string, Locale>(LOCALES.map((l) => [l.toLowerCase(), l]));

/** The supported locale a language range stands for, or null ("nl-NL", "*"). */
export function matchLocale(range: string): Locale | null {
  const tag = range.trim().replace(/_/g, "-");
  const exact = BY_LOWER.get(tag.toLowerCase());
  if (exact) return exact;
  const [language = "", region = ""] = tag.split("-");
  const lang = language.toLowerCase();
  if (lang === "en" && BRITISH_REGIONS.has(region.toUpperCase())) return "en-GB";
  return LANGUAGE_DEFAULT[lang] ?? null;
}

const Q_VALUE = /^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/;

/**
 * The best supported locale for an Accept-Language header (RFC 9110 §12.5.4), or null when
 * it names none of them: the highest q wins (q=0 is "not this", a malformed q counts as 0),
 * ties go to the range listed first, and a range matches its exact locale or its language's
 * variant ("de-AT" → de-DE, "en-AU" → en-GB). "*" says nothing about which, so it is no match.
 */
export function negotiateLocale(header: string | null | undefined): Locale | null {
  if (!header?.trim()) return null;
  const candidates: { locale: Locale; q: number }[] = [];
  const refused = new Set<Locale>();
  for (const part of header.split(",")) {
    const [range, ...params] = part.split(";").map((s) => s.trim());
    if (!range || range === "*") continue;
    let q = 1;
    for (const param of params) {
      const [key, value] = param.split("=").map((s) => s.trim());
      if (key?.toLowerCase() === "q") q = value !== undefined && Q_VALUE.test(value) ? Number(value) : 0;
    }
    const locale = matchLocale(range);
    if (!locale) continue;
    if (q <= 0) refused.add(locale);
    else candidates.push({ locale, q });
  }
  let best: { locale: Locale; q: number } | null = null;
  // Strictly greater: on a tie the range listed first keeps its place.
  for (const c of candidates) if (!refused.has(c.locale) && (!best || c.q > best.q)) best = c;
  return best?.locale ?? null;
}

/** A cookie or parameter value as a locale, or null when it is not exactly one of ours. */
export function chosenLocale(value: string | null | undefined): Locale | null {
  return value && (LOCALES as readonly string[]).includes(value) ? (value as Locale) : null;
}

/** The `name` cookie's value from a Cookie header, or null. */
export function readCookie(header: string | null | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

export interface LocaleRequest {
  cookie: string | null;
  acceptLanguage: string | null;
}

/** The language a public page is rendered in for this request. */
export function resolveLocale(request: LocaleRequest, pageLocale: Locale): Locale {
  return chosenLocale(readCookie(request.cookie, LANGUAGE_COOKIE)) ?? negotiateLocale(request.acceptLanguage) ?? pageLocale;
}

/**
 * A switcher link's request (`?lang=de-DE` on any public page): where to send the visitor
 * (the same address without the parameter) and the cookie that keeps the choice, or null
 * when the request carries no valid `lang`. The pages themselves never vary on the
 * parameter, so a cached page has exactly one variant per language.
 */
export function languageSwitch(url: URL): { location: string; setCookie: string } | null {
  if (!url.searchParams.has(LANGUAGE_PARAM)) return null;
  const locale = chosenLocale(url.searchParams.get(LANGUAGE_PARAM));
  const rest = new URLSearchParams(url.searchParams);
  rest.delete(LANGUAGE_PARAM);
  const query = rest.toString();
  // One leading slash: "//host" would be a protocol-relative redirect off the site.
  const location = `/${url.pathname.replace(/^\/+/, "")}${query ? `?${query}` : ""}`;
  // An unknown value clears the choice (back to the browser's language).
  const setCookie = locale
    ? `${LANGUAGE_COOKIE}=${locale}; Path=/; Max-Age=${LANGUAGE_COOKIE_MAX_AGE}; SameSite=Lax`
    : `${LANGUAGE_COOKIE}=; Path=/; Max-Age=0; SameSite=Lax`;
  return { location, setCookie };
}
