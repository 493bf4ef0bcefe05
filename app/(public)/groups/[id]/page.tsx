import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { ComponentList, StatusLegend } from "@/components/status/ComponentList";
import { PublicShell } from "@/components/status/PublicShell";
import { requestTranslator } from "@/lib/public/request-locale";
import { findGroup, getHomeSnapshot } from "@/lib/public/snapshot";

// One group's components in full (90-day bars, response times): where a large page's collapsed
// group leads without JavaScript, and what the page script fetches into it when it is opened
// (components/status/ComponentList.tsx). Cached like every public page (lib/public/html.ts).

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  const { value: home } = await getHomeSnapshot();
  const group = findGroup(home, id);
  const { t } = await requestTranslator(home.page.locale);
  return { title: group ? t("meta.titleWithPage", { title: group.name, page: home.page.name }) : t("meta.pageTitle", { page: home.page.name }) };
}

export default async function GroupPage({ params }: Props) {
  await connection();
  const { id } = await params;
  const { value: home, staleSince } = await getHomeSnapshot();
  const group = findGroup(home, id);
  if (!group) notFound();
  const { t, locale } = await requestTranslator(home.page.locale);
  return (
    <PublicShell page={home.page} locale={locale} path={`/groups/${group.id}`} staleSince={staleSince} generatedAt={home.generatedAt}>
      <h1 className="text-2xl font-bold">{t("components.groupTitle", { group: group.name, count: group.components.length })}</h1>
      <div data-group-components={group.id}>
        <ComponentList items={group.components.map((component) => ({ type: "component", component }))} locale={locale} />
      </div>
      <StatusLegend locale={locale} />
      <p>
        <a href="/" className="text-sm font-medium underline">
          {t("incident.currentStatus")}
        </a>
      </p>
    </PublicShell>
  );
}
