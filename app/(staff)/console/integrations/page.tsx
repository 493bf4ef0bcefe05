import type { Metadata } from "next";
import Link from "next/link";
import { ActionButton } from "@/components/console/ActionButton";
import { CreateIntegrationForm, IntegrationSettingsForm } from "@/components/console/IntegrationForms";
import { requireStaffPage } from "@/lib/auth/next-session";
import { listComponentsForForms } from "@/lib/console/queries";
import { db } from "@/lib/db";
import { listTemplates } from "@/lib/incidents/templates";
import { listIntegrations } from "@/lib/integrations/queries";
import { INBOUND_OUTCOMES, OPENING_STATUSES, OUTCOME_LABELS, SOURCE_LABELS, type InboundOutcome } from "@/lib/integrations/schemas";
import { publicPageUrl } from "@/lib/page/public-url";
import { loadPageSetting } from "@/lib/public/queries";
import { formatDateTime } from "@/lib/time/zoned";
import { createIntegrationAction, deleteIntegrationAction, setIntegrationEnabledAction, updateIntegrationAction } from "./actions";

export const metadata: Metadata = { title: "Integrations · Vigil console" };

const outcomeLabel = (o: string) => ((INBOUND_OUTCOMES as readonly string[]).includes(o) ? OUTCOME_LABELS[o as InboundOutcome] : o);

export default async function IntegrationsPage() {
  await requireStaffPage("settings:manage");
  const [integrations, components, templates, page, pageUrl] = await Promise.all([
    listIntegrations(db()),
    listComponentsForForms(db()),
    listTemplates(db()),
    loadPageSetting(db()),
    publicPageUrl(db()),
  ]);
  const when = (d: Date) => formatDateTime(d, page.timeZone);
  // Incident templates only (a maintenance's cannot open an incident); the form needs their names.
  const incidentTemplates = templates.filter((t) => (OPENING_STATUSES as readonly string[]).includes(t.status)).map((t) => ({ id: t.id, name: t.name }));
  return (
    <>
      <h1 className="text-2xl font-bold">Integrations</h1>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        Monitoring tools post their alerts here: a firing alert opens an incident (or updates the one open for its component), and the last one resolving
        resolves it. Alerts can make a component’s status worse than you set it, never better. Payload formats and the Datadog template to paste are in the
        project’s <code>docs/api.md</code> (“Inbound alerts”).
      </p>
      {integrations.map((i) => (
        <section
          key={i.id}
          aria-labelledby={`integration-${i.id}`}
          data-integration={i.name}
          className="rounded-lg border border-zinc-200 bg-white p-5 dark:border-zinc-800 dark:bg-zinc-900"
        >
          <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
            <h2 id={`integration-${i.id}`} className="font-semibold">
              {i.name} <span className="text-sm font-normal text-zinc-500">· {SOURCE_LABELS[i.source]}</span>
              {!i.enabled && <span className="ml-2 rounded bg-zinc-200 px-1.5 py-0.5 text-xs dark:bg-zinc-700">disabled</span>}
            </h2>
            <div className="flex gap-2">
              <ActionButton action={setIntegrationEnabledAction.bind(null, i.id, !i.enabled)} label={i.enabled ? "Disable" : "Enable"} />
              <ActionButton
                action={deleteIntegrationAction.bind(null, i.id)}
                label={`Delete ${i.name}`}
                confirm={`Delete “${i.name}”? Alerts to its URL get 404 from now on; incidents it opened stay open.`}
                danger
              />
            </div>
          </div>
          <p className="mb-4 break-all font-mono text-xs text-zinc-600 dark:text-zinc-400">
            {pageUrl}/api/integrations/{i.source}/{i.tokenPrefix}…
          </p>
          <IntegrationSettingsForm
            action={updateIntegrationAction.bind(null, i.id)}
            settings={{
              id: i.id,
              name: i.name,
              rules: i.rules.map((r) => ({ label: r.label, value: r.value, componentId: r.componentId ?? "", status: r.status ?? "" })),
              defaultComponentId: i.defaultComponentId,
              defaultStatus: i.defaultStatus,
              templateId: i.templateId,
            }}
            components={components.map((c) => ({ id: c.id, name: c.name }))}
            templates={incidentTemplates}
          />
          <h3 className="mt-6 mb-2 text-sm font-semibold">Last alerts</h3>
          {i.alerts.length === 0 ? (
            <p className="text-sm text-zinc-600 dark:text-zinc-400">None received yet.</p>
          ) : (
            <table className="cards w-full text-left text-sm">
              <thead>
                <tr>
                  <th className="py-1 pr-3">Alert</th>
                  <th className="py-1 pr-3">Status</th>
                  <th className="py-1 pr-3">Outcome</th>
                  <th className="py-1">Last received</th>
                </tr>
              </thead>
              <tbody>
                {i.alerts.map((a) => (
                  <tr key={a.id} className="border-t border-zinc-100 align-top dark:border-zinc-800">
                    <td className="py-2 pr-3">
                      {a.summary}
                      <div className="font-mono text-xs text-zinc-500">{a.fingerprint}</div>
                    </td>
                    <td data-label="Status" className="py-2 pr-3 text-xs">
                      {a.status}
                    </td>
                    <td data-label="Outcome" className="py-2 pr-3 text-xs">
                      {outcomeLabel(a.outcome)}
                      {a.incidentId && (
                        <>
                          {" "}
                          <Link href={`/console/incidents/${a.incidentId}`} className="underline">
                            incident
                          </Link>
                        </>
                      )}
                    </td>
                    <td data-label="Last received" className="py-2 text-xs">
                      {when(a.lastSeenAt)}
                      {a.receivedCount > 1 ? ` (${a.receivedCount}×)` : ""}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      ))}
      <section aria-labelledby="new-integration" className="rounded-lg border border-zinc-200 bg-white p-5 dark:border-zinc-800 dark:bg-zinc-900">
        <h2 id="new-integration" className="mb-4 font-semibold">
          Add an integration
        </h2>
        <CreateIntegrationForm action={createIntegrationAction} />
      </section>
    </>
  );
}
