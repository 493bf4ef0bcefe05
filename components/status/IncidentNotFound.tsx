import Link from "next/link";
import type { Locale } from "@/lib/i18n/locales";
import { translator } from "@/lib/i18n/translate";

/** "Incident not found" with the ways on: inside the page's shell (the cached 404) or alone (Next's not-found page). */
export function IncidentNotFound({ locale }: { locale: Locale }) {
  const { t } = translator(locale);
  return (
    <div className="py-8 text-center">
      <h1 className="text-2xl font-bold">{t("incident.notFoundTitle")}</h1>
      <p className="mt-3 text-zinc-600 dark:text-zinc-400">{t("incident.notFoundText")}</p>
      <p className="mt-6 flex justify-center gap-6">
        <Link href="/" className="font-medium underline">
          {t("incident.currentStatus")}
        </Link>
        <Link href="/history" className="font-medium underline">
          {t("shell.history")}
        </Link>
      </p>
    </div>
  );
}
