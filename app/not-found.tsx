import Link from "next/link";
import { documentLanguage } from "@/lib/public/request-locale";
import { translator } from "@/lib/i18n/translate";

export default async function NotFound() {
  const { t } = translator(await documentLanguage());
  return (
    <main id="main" className="mx-auto max-w-3xl px-4 py-16 text-center">
      <h1 className="text-2xl font-bold">{t("notFound.title")}</h1>
      <p className="mt-3 text-zinc-600 dark:text-zinc-400">{t("notFound.text")}</p>
      <p className="mt-6">
        <Link href="/" className="font-medium underline">
          {t("notFound.home")}
        </Link>
      </p>
    </main>
  );
}
