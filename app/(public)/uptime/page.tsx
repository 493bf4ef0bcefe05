import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { z } from "zod";
import { PublicShell } from "@/components/status/PublicShell";
import { toCalendarComponents, UptimeCalendar, UptimeLegend } from "@/components/status/UptimeCalendar";
import { requestTranslator } from "@/lib/public/request-locale";
import { getHomeSnapshot } from "@/lib/public/snapshot";
import { getUptimeCalendar } from "@/lib/uptime/public";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const UptimePageQuery = z.object({
  component: z.string().min(1).max(191).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100).catch(1),
});

export async function generateMetadata(): Promise<Metadata> {
  const { value } = await getHomeSnapshot();
  const { t } = await requestTranslator(value.page.locale);
  return { title: t("meta.titleWithPage", { title: t("uptimeReport.title"), page: value.page.name }) };
}

function pageHref(component: string | null, page: number): string {
  const query = new URLSearchParams();
  if (component) query.set("component", component);
  if (page > 1) query.set("page", String(page));
  const qs = query.toString();
  return qs ? `/uptime?${qs}` : "/uptime";
}

export default async function UptimePage({ searchParams }: Props) {
  await connection();
  const query = UptimePageQuery.parse(await searchParams);
  const [calendar, { value: home }] = await Promise.all([getUptimeCalendar(query.component ?? null, query.page), getHomeSnapshot()]);
  if (!calendar) notFound();
  const tr = await requestTranslator(home.page.locale);
  const { t, locale } = tr;
  return (
    <PublicShell
      page={home.page}
      locale={locale}
      path={pageHref(calendar.selected, calendar.page)}
      staleSince={calendar.staleSince}
      generatedAt={home.generatedAt}
    >
      <h1 className="text-2xl font-bold">{t("uptimeReport.title")}</h1>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">{t("uptimeReport.intro", { zone: calendar.timeZone })}</p>
      {/* A plain GET form: picking a component works without JavaScript. */}
      <form method="get" action="/uptime" className="flex flex-wrap items-end gap-2 text-sm">
        <label className="flex flex-col gap-1">
          <span className="font-medium">{t("uptimeReport.component")}</span>
          <select
            name="component"
            defaultValue={calendar.selected ?? ""}
            className="rounded border border-zinc-300 bg-white px-2 py-1 dark:border-zinc-700 dark:bg-zinc-900"
          >
            <option value="">{t("uptimeReport.allComponents")}</option>
            {calendar.choices.map((c) => (
              <option key={c.id} value={c.slug}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="rounded bg-zinc-900 px-3 py-1 font-medium text-white dark:bg-zinc-100 dark:text-zinc-900">
          {t("uptimeReport.show")}
        </button>
      </form>
      <UptimeLegend tr={tr} />
      <UptimeCalendar components={toCalendarComponents(calendar, tr)} tr={tr} />
      <nav aria-label={t("uptimeReport.pages")} className="flex justify-between text-sm font-medium">
        {calendar.page > 1 ? (
          <Link href={pageHref(calendar.selected, calendar.page - 1)} className="underline">
            {t("uptimeReport.newer")}
          </Link>
        ) : (
          <span />
        )}
        {calendar.hasOlder && (
          <Link href={pageHref(calendar.selected, calendar.page + 1)} className="underline">
            {t("uptimeReport.older")}
          </Link>
        )}
      </nav>
    </PublicShell>
  );
}
