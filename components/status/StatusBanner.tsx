import type { Locale } from "@/lib/i18n/locales";
import { translator } from "@/lib/i18n/translate";
import type { PageStatus } from "@/lib/status/rules";
import { INDICATOR_STATUS, STATUS_BG_CLASS } from "./status-style";
import { StatusIcon } from "./StatusIcon";

export function StatusBanner({ status, locale }: { status: PageStatus; locale: Locale }) {
  const { t } = translator(locale);
  const componentStatus = INDICATOR_STATUS[status.indicator];
  return (
    <section
      aria-label={t("banner.label")}
      data-indicator={status.indicator}
      data-live-key="banner"
      data-live-version={status.indicator}
      className={`flex items-center gap-3 rounded-lg px-5 py-4 text-lg font-semibold text-white dark:text-zinc-950 ${STATUS_BG_CLASS[componentStatus]}`}
    >
      <span className="rounded-full bg-white/90 p-0.5 dark:bg-zinc-950/80">
        <StatusIcon status={componentStatus} className="h-6 w-6" />
      </span>
      <h2 role="status">{t(`banner.${status.indicator}`)}</h2>
    </section>
  );
}
