import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { ComponentList, StatusLegend } from "@/components/status/ComponentList";
import { PublicShell } from "@/components/status/PublicShell";
import { requestTranslator } from "@/lib/public/request-locale";
import { findComponent, getHomeSnapshot } from "@/lib/public/snapshot";

// One component in full (90-day bar, response times open): where a large page's chart link
// leads without JavaScript, and what the page script fetches into the chart when it is opened
// (components/status/LatencyChart.tsx). Cached like every public page (lib/public/html.ts).

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  const { value: home } = await getHomeSnapshot();
  const component = findComponent(home, slug);
  const { t } = await requestTranslator(home.page.locale);
  return { title: component ? t("meta.titleWithPage", { title: component.name, page: home.page.name }) : t("meta.pageTitle", { page: home.page.name }) };
}

export default async function ComponentPage({ params }: Props) {
  await connection();
  const { slug } = await params;
  const { value: home, staleSince } = await getHomeSnapshot();
  const component = findComponent(home, slug);
  if (!component) notFound();
  const { t, locale } = await requestTranslator(home.page.locale);
  return (
    <PublicShell page={home.page} locale={locale} path={`/components/${component.slug}`} staleSince={staleSince} generatedAt={home.generatedAt}>
      <h1 className="text-2xl font-bold">{component.name}</h1>
      {component.description && <p className="text-zinc-600 dark:text-zinc-400">{component.description}</p>}
      <ComponentList items={[{ type: "component", component }]} locale={locale} openCharts />
      <StatusLegend locale={locale} />
      <p>
        <a href="/" className="text-sm font-medium underline">
          {t("incident.currentStatus")}
        </a>
      </p>
    </PublicShell>
  );
}
