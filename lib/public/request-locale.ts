import { RENDER_HEADER, renderToken } from "./render-token";
import { headers } from "next/headers";
import { unstable_rethrow } from "next/navigation";
import { DEFAULT_LOCALE, type Locale } from "../i18n/locales";
import { resolveLocale, STAFF_PAGE_HEADER } from "../i18n/negotiate";
import { translator, type Translator } from "../i18n/translate";
import { getPageInfo } from "./snapshot";

// The language a page Next renders is in: the visitor's cookie, else Accept-Language, else
// the page's setting (lib/i18n/negotiate.ts). The fast path's internal render sends the
// cookie of the variant it is building, so the page and its cache key always agree.

export async function requestLocale(pageLocale: Locale): Promise<Locale> {
  let h: Awaited<ReturnType<typeof headers>>;
  try {
    h = await headers();
  } catch (error) {
    unstable_rethrow(error); // Next's own signals (dynamic rendering) pass through
    return pageLocale; // outside a request (a test calling generateMetadata): the page's language
  }
  return resolveLocale({ cookie: h.get("cookie"), acceptLanguage: h.get("accept-language") }, pageLocale);
}

/** The translator for this request's public page. */
export async function requestTranslator(pageLocale: Locale): Promise<Translator> {
  return translator(await requestLocale(pageLocale));
}

/** What <html lang> says: the page's language for public pages, English for the console. */
export async function documentLanguage(): Promise<Locale> {
  if ((await headers()).get(STAFF_PAGE_HEADER) !== null) return DEFAULT_LOCALE;
  let pageLocale: Locale;
  try {
    pageLocale = (await getPageInfo()).locale;
  } catch {
    // No snapshot yet and no database: the error page is English anyway.
    return DEFAULT_LOCALE;
  }
  return requestLocale(pageLocale);
}

/** Whether this render is the fast path's own (lib/public/html.ts), which keeps the page's HTML for every visitor. */
export async function isCachedRender(): Promise<boolean> {
  return (await headers()).get(RENDER_HEADER) === renderToken();
}
