import type { Locale } from "@/lib/i18n/locales";
import { translator } from "@/lib/i18n/translate";
import type { HomeSnapshot } from "@/lib/public/snapshot";
import { LiveRefresh } from "./LiveRefresh";

/** The self-refresh of a page showing something going on, with its words in the page's language. */
export function LivePageRefresh({ snapshot, locale }: { snapshot: HomeSnapshot; locale: Locale }) {
  const { t } = translator(locale);
  return (
    <LiveRefresh etag={snapshot.encoded().etag} revision={snapshot.revision} text={{ note: t("live.note"), updated: t("live.updated", { time: "{time}" }) }} />
  );
}
