import Link from "next/link";
import type { CSSProperties } from "react";
import type { PageInfo } from "@/lib/public/types";
import { formatDateTime } from "@/lib/time/zoned";
import { SanitizedHtml } from "@/components/SanitizedHtml";

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

export function PublicShell({
  page,
  staleSince,
  generatedAt,
  children,
}: {
  page: PageInfo;
  staleSince: string | null;
  generatedAt: string;
  children: React.ReactNode;
}) {
  return (
    <div style={accentStyle(page)}>
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-zinc-900"
      >
        Skip to content
      </a>
      <header className="border-b border-t-4 border-zinc-200 border-t-[var(--brand)] dark:border-zinc-800 dark:border-t-[var(--brand)]">
        <div className="mx-auto flex max-w-3xl flex-wrap items-center justify-between gap-3 px-4 py-5">
          <Link href="/" className="flex items-center gap-3 text-xl font-bold tracking-tight">
            {page.logoPath ? (
              <>
                {/* The logo usually says the name: the name stays for screen readers, "Status" beside it. */}
                {/* biome-ignore lint/performance/noImgElement: an uploaded file served by Vigil, not a build-time asset */}
                <img src={page.logoPath} alt="" className="h-8 w-auto max-w-[12rem]" />
                <span>
                  <span className="sr-only">{page.name} </span>Status
                </span>
              </>
            ) : (
              <>
                <span aria-hidden="true" className="inline-block h-7 w-7 rounded-md bg-[var(--brand)]" />
                <span>{page.name} Status</span>
              </>
            )}
          </Link>
          <nav aria-label="Status page" className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
            <Link href="/history" className={ACCENT_LINK}>
              Incident history
            </Link>
            <Link href="/subscribe" className={ACCENT_LINK}>
              Subscribe to updates
            </Link>
            {page.supportUrl && (
              <a href={page.supportUrl} className={ACCENT_LINK} rel="noopener">
                {page.supportUrl.startsWith("mailto:") ? "Contact support" : "Support"}
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
          We can’t reach our status database right now. This page shows the status as of {formatDateTime(new Date(generatedAt), page.timeZone)}.
        </div>
      )}
      <main id="main" className="mx-auto max-w-3xl space-y-8 px-4 py-8">
        {children}
      </main>
      <footer className="mx-auto max-w-3xl space-y-3 px-4 pb-10 text-xs text-zinc-600 dark:text-zinc-400">
        {page.aboutHtml && <SanitizedHtml html={page.aboutHtml} className="prose-sm text-sm text-zinc-700 dark:text-zinc-300 [&_a]:underline" />}
        {page.footerLinks.length > 0 && (
          <nav aria-label="About us">
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
        <p>Times are shown in your time zone (the page’s zone is {page.timeZone}). Powered by Vigil.</p>
      </footer>
    </div>
  );
}
