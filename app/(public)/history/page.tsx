import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { z } from "zod";
import { PastIncident } from "@/components/status/IncidentCard";
import { PublicShell } from "@/components/status/PublicShell";
import { getHistoryPage, getHomeSnapshot } from "@/lib/public/snapshot";
import { formatMonthKey } from "@/lib/time/zoned";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const HistoryQuery = z.object({ page: z.coerce.number().int().min(1).max(1200).catch(1) });

export async function generateMetadata(): Promise<Metadata> {
  const { value } = await getHomeSnapshot();
  return { title: `Incident history · ${value.page.name} Status` };
}

export default async function HistoryPage({ searchParams }: Props) {
  await connection();
  const { page } = HistoryQuery.parse(await searchParams);
  const [{ value: history, staleSince }, { value: home }] = await Promise.all([getHistoryPage(page), getHomeSnapshot()]);
  const tz = home.page.timeZone;
  return (
    <PublicShell page={home.page} staleSince={staleSince} generatedAt={home.generatedAt}>
      <h1 className="text-2xl font-bold">Incident history</h1>
      {history.months.map(({ month, incidents }) => (
        <section key={month} aria-labelledby={`m-${month}`} data-month={month}>
          <h2 id={`m-${month}`} className="border-b border-zinc-200 pb-2 text-lg font-semibold dark:border-zinc-800">
            {formatMonthKey(month)}
          </h2>
          {incidents.length === 0 ? (
            <p className="py-3 text-sm text-zinc-500 dark:text-zinc-400">No incidents reported this month.</p>
          ) : (
            incidents.map((incident) => <PastIncident key={incident.id} incident={incident} timeZone={tz} />)
          )}
        </section>
      ))}
      <nav aria-label="History pages" className="flex justify-between text-sm font-medium">
        {page > 1 ? (
          <Link href={page === 2 ? "/history" : `/history?page=${page - 1}`} className="underline">
            ← Newer
          </Link>
        ) : (
          <span />
        )}
        {history.hasOlder && (
          <Link href={`/history?page=${page + 1}`} className="underline">
            Older →
          </Link>
        )}
      </nav>
    </PublicShell>
  );
}
