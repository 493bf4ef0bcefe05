import type { Metadata } from "next";
import { connection } from "next/server";
import { ComponentList, StatusLegend } from "@/components/status/ComponentList";
import { ActiveIncidentCard, pastIncidentItems } from "@/components/status/IncidentCard";
import { LivePageRefresh } from "@/components/status/LivePageRefresh";
import { PublicShell } from "@/components/status/PublicShell";
import { StatusBanner } from "@/components/status/StatusBanner";
import { ZonedPeriods } from "@/components/time/ZonedPeriods";
import { requestTranslator } from "@/lib/public/request-locale";
import { homeIsLive } from "@/lib/public/live";
import { getHomeSnapshot } from "@/lib/public/snapshot";

export async function generateMetadata(): Promise<Metadata> {
  const { value } = await getHomeSnapshot();
  const { t } = await requestTranslator(value.page.locale);
  const status = t(`banner.${value.status.indicator}`);
  return {
    title: t("meta.pageTitle", { page: value.page.name }),
    description: value.page.metaDescription ?? t("meta.description", { status, page: value.page.name }),
  };
}

export default async function HomePage() {
  await connection();
  const { value: snapshot, staleSince } = await getHomeSnapshot();
  const { t, locale } = await requestTranslator(snapshot.page.locale);
  return (
    <PublicShell page={snapshot.page} locale={locale} path="/" staleSince={staleSince} generatedAt={snapshot.generatedAt}>
      <h1 className="sr-only">{t("home.heading", { page: snapshot.page.name })}</h1>
      {/* Only while something is going on: a quiet page never polls. */}
      {homeIsLive(snapshot) && <LivePageRefresh snapshot={snapshot} locale={locale} />}
      {snapshot.openIncidents.length > 0 && (
        <section aria-labelledby="open-incidents" className="space-y-4">
          <h2 id="open-incidents" className="text-lg font-semibold">
            {t("home.currentIncidents")}
          </h2>
          {snapshot.openIncidents.map((incident) => (
            <ActiveIncidentCard key={incident.id} incident={incident} locale={locale} renderedAt={snapshot.generatedAt} />
          ))}
        </section>
      )}
      <StatusBanner status={snapshot.status} locale={locale} />
      {snapshot.maintenances.length > 0 && (
        <section aria-labelledby="maintenance" className="space-y-4">
          <h2 id="maintenance" className="text-lg font-semibold">
            {t("home.scheduledMaintenance")}
          </h2>
          {snapshot.maintenances.map((m) => (
            <ActiveIncidentCard key={m.id} incident={m} locale={locale} renderedAt={snapshot.generatedAt} />
          ))}
        </section>
      )}
      <ComponentList items={snapshot.items} locale={locale} />
      <StatusLegend locale={locale} />
      <section aria-labelledby="past-incidents">
        <h2 id="past-incidents" className="mb-4 text-2xl font-semibold">
          {t("home.pastIncidents")}
        </h2>
        <ZonedPeriods
          unit="day"
          keys={snapshot.pastDays.map((d) => d.day)}
          items={pastIncidentItems(snapshot.pastDays, locale)}
          emptyText={t("home.noIncidents")}
        />
        <p className="mt-6">
          <a href="/history" className="text-sm font-medium underline">
            {t("home.historyLink")}
          </a>
        </p>
      </section>
    </PublicShell>
  );
}
