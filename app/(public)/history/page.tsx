import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { z } from "zod";
import { pastIncidentItems } from "@/components/status/IncidentCard";
import { PublicShell } from "@/components/status/PublicShell";
import { ZonedPeriods } from "@/components/time/ZonedPeriods";
import { requestTranslator } from "@/lib/public/request-locale";
import { getHistoryPage, getHomeSnapshot } from "@/lib/public/snapshot";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const HistoryQuery = z.object({ page: z.coerce.number().int().min(1).max(1200).catch(1) });

export async function generateMetadata(): Promise<Metadata> {
  const { value } = await getHomeSnapshot();
  const { t } = await requestTranslator(value.page.locale);
  return { title: t("meta.titleWithPage", { title: t("history.title"), page: value.page.name }) };
}

export default async function HistoryPage({ searchParams }: Props) {
  await connection();
  const { page } = HistoryQuery.parse(await searchParams);
  const [{ value: history, staleSince }, { value: home }] = await Promise.all([getHistoryPage(page), getHomeSnapshot()]);
  const { t, locale } = await requestTranslator(home.page.locale);
  return (
    <PublicShell
      page={home.page}
      locale={locale}
      path={page === 1 ? "/history" : `/history?page=${page}`}
      staleSince={staleSince}
      generatedAt={home.generatedAt}
    >
      <h1 className="text-2xl font-bold">{t("history.title")}</h1>
      <ZonedPeriods
        unit="month"
        keys={history.months.map((m) => m.month)}
        items={pastIncidentItems(history.months, locale)}
        emptyText={t("history.noIncidents")}
      />
      <nav aria-label={t("history.pages")} className="flex justify-between text-sm font-medium">
        {page > 1 ? (
          <Link href={page === 2 ? "/history" : `/history?page=${page - 1}`} className="underline">
            {t("history.newer")}
          </Link>
        ) : (
          <span />
        )}
        {history.hasOlder && (
          <Link href={`/history?page=${page + 1}`} className="underline">
            {t("history.older")}
          </Link>
        )}
      </nav>
    </PublicShell>
  );
}
