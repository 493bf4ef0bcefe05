import type { Metadata } from "next";
import { connection } from "next/server";
import { PublicShell } from "@/components/status/PublicShell";
import { requestTranslator } from "@/lib/public/request-locale";
import { getHomeSnapshot } from "@/lib/public/snapshot";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(): Promise<Metadata> {
  const { value } = await getHomeSnapshot();
  const { t } = await requestTranslator(value.page.locale);
  return { title: t("unsubscribe.title"), robots: { index: false } };
}

// Opening an unsubscribe link shows a button rather than acting, so link scanners do
// not unsubscribe people; mail clients use the one-click POST (RFC 8058) instead.
export default async function UnsubscribePage({ searchParams }: Props) {
  await connection();
  const params = await searchParams;
  const token = String(params.token ?? "");
  const { value: home, staleSince } = await getHomeSnapshot();
  const { t, locale } = await requestTranslator(home.page.locale);
  const page = home.page.name;
  const query = new URLSearchParams(Object.entries(params).flatMap(([k, v]) => (typeof v === "string" ? [[k, v]] : []))).toString();
  return (
    <PublicShell
      page={home.page}
      locale={locale}
      path={`/subscribe/unsubscribe${query ? `?${query}` : ""}`}
      staleSince={staleSince}
      generatedAt={home.generatedAt}
    >
      <h1 className="text-2xl font-bold">{t("unsubscribe.title")}</h1>
      {params.done ? (
        <p role="status">{t("unsubscribe.done", { page })}</p>
      ) : params.error ? (
        <p role="alert">{t("unsubscribe.invalid")}</p>
      ) : (
        <form method="post" action={`/api/subscriptions/unsubscribe?token=${encodeURIComponent(token)}`} className="space-y-3">
          <p className="text-sm">{t("unsubscribe.question", { page })}</p>
          <input type="hidden" name="from" value="page" />
          <button type="submit" className="rounded-md bg-red-700 px-4 py-2 text-sm font-semibold text-white">
            {t("unsubscribe.submit")}
          </button>
        </form>
      )}
    </PublicShell>
  );
}
