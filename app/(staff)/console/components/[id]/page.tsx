import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ActionButton } from "@/components/console/ActionButton";
import { EditComponentForm } from "@/components/console/ComponentControls";
import { ErrorBudgetPanel } from "@/components/console/ErrorBudget";
import { requireStaffPage } from "@/lib/auth/next-session";
import { can } from "@/lib/auth/roles";
import { countComponentProbes, getConsoleComponent, listComponentProbes } from "@/lib/console/queries";
import { db } from "@/lib/db";
import { publicPageUrl } from "@/lib/page/public-url";
import { icmpAvailability } from "@/lib/probes/checks/run-icmp";
import { loadPageSetting } from "@/lib/public/queries";
import { formatDateTime } from "@/lib/time/zoned";
import { COMPONENT_STATUS_LABELS, type ComponentStatus } from "@/lib/status/schemas";
import { loadErrorBudgets } from "@/lib/uptime/budgets";
import { deleteComponentAction, editComponentAction } from "../actions";
import { Evidence } from "./Evidence";
import { ProbeSection } from "./ProbeSection";
import { VendorMirrorForm } from "@/components/console/VendorMirrorForm";
import { getVendorMirror } from "@/lib/vendors/mirror";
import { removeVendorMirrorAction, setVendorMirrorAction } from "../vendor-actions";

export const metadata: Metadata = { title: "Edit component · Vigil console" };

type Props = { params: Promise<{ id: string }> };

const label = (s: string | null) => (s ? (COMPONENT_STATUS_LABELS[s as ComponentStatus] ?? s) : "—");

export default async function EditComponentPage({ params }: Props) {
  const { role } = await requireStaffPage("components:write");
  const id = (await params).id;
  const [found, probes, probeCount, page, publicUrl, icmp, mirror] = await Promise.all([
    getConsoleComponent(db(), id),
    listComponentProbes(db(), id),
    countComponentProbes(db(), id),
    loadPageSetting(db()),
    publicPageUrl(db()),
    icmpAvailability(),
    getVendorMirror(db(), id),
  ]);
  if (!found) notFound();
  const { component, groups, changes } = found;
  const budget = (await loadErrorBudgets(db(), [component], page.timeZone, new Date())).get(component.id);
  return (
    <>
      <p className="text-sm">
        <Link href="/console/components" className="underline">
          ← Components
        </Link>
      </p>
      <h1 className="text-2xl font-bold">{component.name}</h1>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        Now {label(component.status)}
        {component.manualStatus ? ` · set by hand: ${label(component.manualStatus)}` : ""}
        {component.observedStatus ? ` · probes say: ${label(component.observedStatus)}` : ""}
        {component.vendorStatus ? ` · ${mirror?.vendorName ?? "the vendor"} says: ${label(component.vendorStatus)}` : ""} · badge /badge/{component.slug}.svg
      </p>
      <section className="rounded-lg border border-zinc-200 bg-white p-5 dark:border-zinc-800 dark:bg-zinc-900">
        <EditComponentForm action={editComponentAction.bind(null, component.id)} component={component} groups={groups} />
      </section>
      {budget && (
        <section aria-labelledby="slo" className="rounded-lg border border-zinc-200 bg-white p-5 dark:border-zinc-800 dark:bg-zinc-900">
          <h2 id="slo" className="mb-3 font-semibold">
            Error budget
          </h2>
          <ErrorBudgetPanel budget={budget} />
        </section>
      )}
      {probeCount > probes.length && (
        <p role="note" className="text-sm text-zinc-600 dark:text-zinc-400">
          The Probes section below lists the first {probes.length} of this component’s {probeCount.toLocaleString("en-US")} probes, oldest first.
        </p>
      )}
      {can(role, "probes:write") && (
        <ProbeSection
          component={component}
          probes={probes}
          timeZone={page.timeZone}
          publicUrl={publicUrl}
          unavailable={icmp.available ? {} : { icmp: icmp.reason }}
        />
      )}
      <section aria-labelledby="vendor" className="rounded-lg border border-zinc-200 bg-white p-5 dark:border-zinc-800 dark:bg-zinc-900">
        <h2 id="vendor" className="mb-1 font-semibold">
          Third-party status
        </h2>
        <p className="mb-4 text-sm text-zinc-600 dark:text-zinc-400">
          For a service you depend on (payments, email, a cloud): show what the vendor’s own status page says. It never alerts subscribers or opens an incident
          by itself, and a status you set by hand wins over it.
        </p>
        {mirror && (
          <p data-testid="vendor-mirror" className="mb-4 text-sm">
            Mirrors <strong>{mirror.vendorName ?? mirror.url}</strong>
            {mirror.vendorComponentName ? ` · ${mirror.vendorComponentName}` : " (their overall status)"}
            {mirror.lastCheckedAt ? `, read ${formatDateTime(mirror.lastCheckedAt, page.timeZone)}` : ""}
            {mirror.lastError && (
              <span className="block text-red-700 dark:text-red-400">Last read failed: {mirror.lastError}. The last status read is kept.</span>
            )}
          </p>
        )}
        <VendorMirrorForm
          action={setVendorMirrorAction.bind(null, component.id)}
          initial={mirror && { url: mirror.url, vendorComponent: mirror.vendorComponent ?? "", intervalSeconds: mirror.intervalSeconds }}
        />
        {mirror && (
          <div className="mt-3">
            <ActionButton action={removeVendorMirrorAction.bind(null, component.id)} label="Stop mirroring" confirm="Stop mirroring this vendor?" />
          </div>
        )}
      </section>
      <section aria-labelledby="history" className="rounded-lg border border-zinc-200 bg-white p-5 dark:border-zinc-800 dark:bg-zinc-900">
        <h2 id="history" className="mb-3 font-semibold">
          Recent status changes
        </h2>
        {changes.length === 0 ? (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">No changes yet.</p>
        ) : (
          <table className="cards w-full text-left text-sm">
            <thead>
              <tr>
                <th className="py-1 pr-3">When ({page.timeZone})</th>
                <th className="py-1 pr-3">From → to</th>
                <th className="py-1 pr-3">Source</th>
                <th className="py-1">Note and evidence</th>
              </tr>
            </thead>
            <tbody>
              {changes.map((c) => (
                <tr key={c.id} className="border-t border-zinc-100 dark:border-zinc-800">
                  <td className="py-1 pr-3 whitespace-nowrap">{formatDateTime(c.at, page.timeZone)}</td>
                  <td className="py-1 pr-3">
                    {label(c.fromStatus)} → {label(c.toStatus)}
                  </td>
                  <td className="py-1 pr-3">{c.source}</td>
                  <td className="py-1">
                    {c.note}
                    {c.source === "probe" && <Evidence json={c.evidence} />}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="danger" className="rounded-lg border border-red-200 bg-white p-5 dark:border-red-900 dark:bg-zinc-900">
        <h2 id="danger" className="mb-2 font-semibold">
          Delete this component
        </h2>
        <p className="mb-3 text-sm text-zinc-600 dark:text-zinc-400">
          Removes it from the public page with its status history. Past incidents keep its name in their updates.
        </p>
        <ActionButton
          action={deleteComponentAction.bind(null, component.id)}
          label={`Delete ${component.name}`}
          confirm={`Delete ${component.name} and its status history?`}
          danger
        />
      </section>
    </>
  );
}
