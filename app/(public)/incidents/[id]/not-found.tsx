import Link from "next/link";
import { translator } from "@/lib/i18n/translate";
import { documentLanguage } from "@/lib/public/request-locale";

export default async function IncidentNotFound() {
  // The same language as <html lang> (which falls back to English when there is no snapshot at all).
  const { t } = translator(await documentLanguage());
  return (
    <main id="main" className="mx-auto max-w-3xl px-4 py-16 text-center">
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
    </main>
  );
}
