import type { Locale } from "@/lib/i18n/locales";
import { translator } from "@/lib/i18n/translate";
import { LiveRefresh } from "./LiveRefresh";

/** The self-refresh of a page showing something going on, with its words in the page's language. */
export function LivePageRefresh({ etag, locale }: { etag: string; locale: Locale }) {
  const { t } = translator(locale);
  return <LiveRefresh etag={etag} text={{ note: t("live.note"), updated: t("live.updated", { time: "{time}" }) }} />;
}
