import Link from "next/link";
import type { PageInfo } from "@/lib/public/types";
import { formatDateTime } from "@/lib/time/zoned";

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
    <>
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-zinc-900"
      >
        Skip to content
      </a>
      <header className="border-b border-zinc-200 dark:border-zinc-800">
        <div className="mx-auto flex max-w-3xl flex-wrap items-center justify-between gap-3 px-4 py-5">
          <Link href="/" className="flex items-center gap-3 text-xl font-bold tracking-tight">
            {page.logoUrl ? (
              // biome-ignore lint/performance/noImgElement: a user-supplied URL, not a build-time asset
              <img src={page.logoUrl} alt="" className="h-8 w-auto" />
            ) : (
              <span aria-hidden="true" className="inline-block h-7 w-7 rounded-md" style={{ background: page.brandColor ?? "#0f766e" }} />
            )}
            <span>{page.name} Status</span>
          </Link>
          <nav aria-label="Status page" className="flex gap-4 text-sm">
            <Link href="/history" className="hover:underline">
              Incident history
            </Link>
            <Link href="/subscribe" className="hover:underline">
              Subscribe to updates
            </Link>
            {page.supportUrl && (
              <a href={page.supportUrl} className="hover:underline" rel="noopener">
                Support
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
      <footer className="mx-auto max-w-3xl px-4 pb-10 text-xs text-zinc-500 dark:text-zinc-400">
        Times are shown in your time zone (the page’s zone is {page.timeZone}). Powered by Vigil.
      </footer>
    </>
  );
}
