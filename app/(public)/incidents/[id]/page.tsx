import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { ImpactBadge, toneStyle, UpdateList } from "@/components/status/IncidentCard";
import { LivePageRefresh } from "@/components/status/LivePageRefresh";
import { PublicShell } from "@/components/status/PublicShell";
import { ZonedRange, ZonedTime } from "@/components/time/ZonedTime";
import { isCachedRender, requestTranslator } from "@/lib/public/request-locale";
import { IncidentNotFound } from "@/components/status/IncidentNotFound";
import { isOngoing } from "@/lib/public/live";
import { getHomeSnapshot, getIncidentView } from "@/lib/public/snapshot";
import { SanitizedHtml } from "@/components/SanitizedHtml";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  const [{ value: incident }, { value: home }] = await Promise.all([getIncidentView(id), getHomeSnapshot()]);
  const { t } = await requestTranslator(home.page.locale);
  return { title: t("meta.titleWithPage", { title: incident ? incident.name : t("incident.notFoundTitle"), page: home.page.name }) };
}

export default async function IncidentPage({ params }: Props) {
  await connection();
  const { id } = await params;
  const [{ value: incident, staleSince }, { value: home }] = await Promise.all([getIncidentView(id), getHomeSnapshot()]);
  const { t, list, locale } = await requestTranslator(home.page.locale);
  if (!incident) {
    // Next's not-found page is built in the browser from its payload, which the cached page
    // leaves out (lib/public/light-html.ts): the cached 404 (served with status 404 by
    // lib/public/html.ts) is plain HTML in the page's shell instead.
    if (!(await isCachedRender())) notFound();
    return (
      <PublicShell page={home.page} locale={locale} path="/" staleSince={staleSince} generatedAt={home.generatedAt}>
        <IncidentNotFound locale={locale} />
      </PublicShell>
    );
  }
  const label = "tone-muted";
  return (
    <PublicShell page={home.page} locale={locale} path={`/incidents/${incident.id}`} staleSince={staleSince} generatedAt={home.generatedAt}>
      {isOngoing(incident) && <LivePageRefresh snapshot={home} locale={locale} />}
      <article className="space-y-6">
        <header className="incident-tone rounded-lg border border-l-4 border-zinc-200 p-5 dark:border-zinc-800" style={toneStyle(incident)}>
          <div className="flex flex-wrap items-start justify-between gap-x-3 gap-y-1">
            <h1 className="text-2xl font-bold">{incident.name}</h1>
            <ImpactBadge incident={incident} locale={locale} />
          </div>
          <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
            <dt className={label}>{t("incident.status")}</dt>
            <dd>{incident.cancelledAt ? t("incident.cancelled") : t(`incidentStatus.${incident.status}`)}</dd>
            {incident.kind === "incident" ? (
              <>
                <dt className={label}>{t("incident.impact")}</dt>
                <dd>{t(`impact.${incident.impact}`)}</dd>
                <dt className={label}>{t("incident.started")}</dt>
                <dd>
                  <ZonedTime iso={incident.startedAt} />
                </dd>
              </>
            ) : (
              incident.scheduledFor &&
              incident.scheduledUntil && (
                <>
                  <dt className={label}>{t("incident.windowLabel")}</dt>
                  <dd>
                    <ZonedRange from={incident.scheduledFor} until={incident.scheduledUntil} />
                  </dd>
                </>
              )
            )}
            {incident.resolvedAt && (
              <>
                <dt className={label}>
                  {incident.kind === "incident" ? t("incident.resolved") : incident.cancelledAt ? t("incident.cancelled") : t("incident.completed")}
                </dt>
                <dd>
                  <ZonedTime iso={incident.resolvedAt} />
                </dd>
              </>
            )}
            <dt className={label}>{t("incident.affected")}</dt>
            <dd>{incident.components.length ? list(incident.components.map((c) => c.name)) : t("incident.noComponents")}</dd>
          </dl>
        </header>
        <section aria-labelledby="timeline">
          <h2 id="timeline" className="mb-3 text-lg font-semibold">
            {t("incident.updates")}
          </h2>
          <UpdateList incident={incident} locale={locale} live />
        </section>
        {incident.postmortemHtml && (
          <section aria-labelledby="postmortem">
            <h2 id="postmortem" className="mb-3 text-lg font-semibold">
              {t("incident.postmortem")}
            </h2>
            <SanitizedHtml className="prose-update text-sm" html={incident.postmortemHtml} />
          </section>
        )}
      </article>
    </PublicShell>
  );
}
