import type { Locale } from "@/lib/i18n/locales";
import { translator } from "@/lib/i18n/translate";
import type { HomeSnapshot } from "@/lib/public/snapshot";

/**
 * Marks a page showing something going on (lib/public/live.ts decides) as one that keeps itself
 * current: the page script (lib/public/client/live.ts) polls the snapshot with this render's
 * ETag and revision, and swaps in the page's new HTML when it changes. The live region says
 * when, politely (the banner is the page's one status).
 */
export function LivePageRefresh({ snapshot, locale }: { snapshot: HomeSnapshot; locale: Locale }) {
  const { t } = translator(locale);
  return (
    <p
      className="text-xs text-zinc-600 dark:text-zinc-400"
      data-live-refresh
      data-etag={snapshot.encoded().etag}
      data-revision={snapshot.revision}
      data-updated={t("live.updated", { time: "{time}" })}
    >
      {t("live.note")}
      <span aria-live="polite" aria-atomic="true" className="sr-only" data-live-announce />
    </p>
  );
}
