import Link from "next/link";
import type { CSSProperties } from "react";
import { LOCALE_NAMES, LOCALES, type Locale } from "@/lib/i18n/locales";
import { LANGUAGE_PARAM } from "@/lib/i18n/negotiate";
import { translator } from "@/lib/i18n/translate";
import type { PageInfo } from "@/lib/public/types";
import { formatDateTime } from "@/lib/time/zoned";
import { SanitizedHtml } from "@/components/SanitizedHtml";
import { setPageZone } from "@/components/time/page-zone";
import { ZoneToggle } from "@/components/time/ZoneToggle";

const DEFAULT_ACCENT = { brand: "#0f766e", light: "#0f766e", dark: "#5eead4" };

/** The brand colour as CSS variables: the chosen colour for decoration, AA-checked shades for text. */
export function accentStyle(page: Pick<PageInfo, "brandColor" | "accentLight" | "accentDark">): CSSProperties {
  return {
    "--brand": page.brandColor ?? DEFAULT_ACCENT.brand,
    "--accent": page.accentLight ?? DEFAULT_ACCENT.light,
    "--accent-dark": page.accentDark ?? DEFAULT_ACCENT.dark,
  } as CSSProperties;
}

const ACCENT_LINK = "text-[var(--accent)] hover:underline dark:text-[var(--accent-dark)]";

/** `path?lang=xx`: the switcher's link for this page (the server stores the choice and redirects back). */
function languageHref(path: string, locale: Locale): string {
  return `${path}${path.includes("?") ? "&" : "?"}${LANGUAGE_PARAM}=${locale}`;
}

/** The footer's language switcher: plain links, so it works without JavaScript. */
function LanguageLinks({ path, locale }: { path: string; locale: Locale }) {
  return (
    <nav aria-label={translator(locale).t("shell.language")}>
      <ul className="flex flex-wrap gap-x-3 gap-y-1">
        {LOCALES.map((l) => (
          <li key={l}>
            {l === locale ? (
              <span aria-current="true" lang={l} className="font-semibold">
                {LOCALE_NAMES[l]}
              </span>
            ) : (
              <a href={languageHref(path, l)} hrefLang={l} lang={l} rel="nofollow" className={ACCENT_LINK}>
                {LOCALE_NAMES[l]}
              </a>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function PublicShell({
  page,
  locale,
  path,
  staleSince,
  generatedAt,
  children,
}: {
  page: PageInfo;
  /** The language this page is rendered in (lib/public/request-locale.ts). */
  locale: Locale;
  /** This page's address (path and query), for the language links. */
  path: string;
  staleSince: string | null;
  generatedAt: string;
  children: React.ReactNode;
}) {
  const { t } = translator(locale);
  const zoneText = {
    pageNote: t("time.pageZone", { zone: "{zone}", abbreviation: "{abbreviation}" }),
    viewerNote: t("time.viewerZone", { zone: "{zone}", abbreviation: "{abbreviation}" }),
    showMine: t("time.showMine"),
    showPage: t("time.showPage"),
  };
  setPageZone({ timeZone: page.timeZone, locale });
  // data-vigil-page: what the page script (lib/public/client/) needs to know of the page.
  return (
    <div style={accentStyle(page)} data-vigil-page data-page-zone={page.timeZone} data-locale={locale} data-rendered-at={generatedAt}>
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-zinc-900"
      >
        {t("shell.skipToContent")}
      </a>
      <header className="border-b border-t-4 border-zinc-200 border-t-[var(--brand)] dark:border-zinc-800 dark:border-t-[var(--brand)]">
        <div className="mx-auto flex max-w-3xl flex-wrap items-center justify-between gap-3 px-4 py-5">
          <Link href="/" className="flex items-center gap-3 text-xl font-bold tracking-tight">
            {page.logoPath ? (
              // biome-ignore lint/performance/noImgElement: an uploaded file served by Vigil, not a build-time asset
              <img src={page.logoPath} alt="" className="h-8 w-auto max-w-[12rem]" />
            ) : (
              <span aria-hidden="true" className="inline-block h-7 w-7 rounded-md bg-[var(--brand)]" />
            )}
            <span className={page.logoPath ? "sr-only sm:not-sr-only" : undefined}>{t("meta.pageTitle", { page: page.name })}</span>
          </Link>
          <nav aria-label={t("shell.navLabel")} className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
            <Link href="/history" className={ACCENT_LINK}>
              {t("shell.history")}
            </Link>
            <Link href="/uptime" className={ACCENT_LINK}>
              {t("shell.uptime")}
            </Link>
            <Link href="/subscribe" className={ACCENT_LINK}>
              {t("shell.subscribe")}
            </Link>
            {page.supportUrl && (
              <a href={page.supportUrl} className={ACCENT_LINK} rel="noopener">
                {page.supportUrl.startsWith("mailto:") ? t("shell.contactSupport") : t("shell.support")}
              </a>
            )}
          </nav>
        </div>
      </header>
      {staleSince && (
        <div
          role="alert"
          className="border-b border-amber-300 bg-amber-50 px-4 py-2 text-center text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-200"
        >
          {t("shell.stale", { time: formatDateTime(new Date(generatedAt), page.timeZone, locale) })}
        </div>
      )}
      <main id="main" className="mx-auto max-w-3xl space-y-8 px-4 py-8">
        <ZoneToggle text={zoneText} renderedAt={generatedAt} />
        {children}
      </main>
      <footer className="mx-auto max-w-3xl space-y-3 px-4 pb-10 text-xs text-zinc-600 dark:text-zinc-400">
        {page.aboutHtml && <SanitizedHtml html={page.aboutHtml} className="prose-sm text-sm text-zinc-700 dark:text-zinc-300 [&_a]:underline" />}
        {page.footerLinks.length > 0 && (
          <nav aria-label={t("shell.aboutLinks")}>
            <ul className="flex flex-wrap gap-x-4 gap-y-1">
              {page.footerLinks.map((link) => (
                <li key={`${link.label}|${link.url}`}>
                  <a href={link.url} className={ACCENT_LINK} rel="noopener">
                    {link.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        )}
        <LanguageLinks path={path} locale={locale} />
        <p>{t("shell.poweredBy")}</p>
      </footer>
    </div>
  );
}
