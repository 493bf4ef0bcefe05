import type { Metadata } from "next";
import { ActionButton } from "@/components/console/ActionButton";
import { DeadLetters } from "@/components/console/DeliveryLog";
import { Pager } from "@/components/console/ListControls";
import { AddSubscriberForm, ImportSubscribersForm } from "@/components/console/SubscriberForms";
import { can } from "@/lib/auth/roles";
import { requireStaffPage } from "@/lib/auth/next-session";
import { listComponentsForForms } from "@/lib/console/queries";
import { db } from "@/lib/db";
import { loadPageSetting } from "@/lib/public/queries";
import { listDeadLetters, listSubscribers, subscriberCounts } from "@/lib/subscribers/queries";
import { WHOLE_PAGE } from "@/lib/subscribers/schemas";
import { CHANNELS, type Channel } from "@/lib/subscribers/schemas";
import { formatDateTime } from "@/lib/time/zoned";
import { addSubscriberAction, importSubscribersAction, removeSubscriberAction, retryAllDeadAction, retryDeadAction } from "./actions";

export const metadata: Metadata = { title: "Subscribers · Vigil console" };

const panel = "rounded-lg border border-zinc-200 bg-white p-5 dark:border-zinc-800 dark:bg-zinc-900";
const control = "rounded-md border border-zinc-300 bg-white px-2 py-1 dark:border-zinc-700 dark:bg-zinc-900";
const CHANNEL_LABELS: Record<Channel, string> = {
  email: "Email",
  webhook: "Webhook",
  slack: "Slack",
  discord: "Discord",
  teams: "Teams",
  pagerduty: "PagerDuty",
  opsgenie: "Opsgenie",
};

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SubscribersPage({ searchParams }: Props) {
  const { role } = await requireStaffPage();
  const canManage = can(role, "subscribers:manage");
  const canExport = can(role, "settings:manage");
  const raw = Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const [list, counts, components, dead, page] = await Promise.all([
    listSubscribers(db(), raw, { searchUrls: canExport }),
    subscriberCounts(db()),
    listComponentsForForms(db()),
    listDeadLetters(db()),
    loadPageSetting(db()),
  ]);
  const { query } = list;
  const pageLink = (n: number) => {
    const params = new URLSearchParams();
    for (const key of ["q", "channel", "confirmed", "component"] as const) if (query[key]) params.set(key, String(query[key]));
    if (n > 1) params.set("page", String(n));
    const qs = params.toString();
    return `/console/subscribers${qs ? `?${qs}` : ""}`;
  };
  const total = counts.reduce((n, c) => n + c.total, 0);

  return (
    <>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold">Subscribers</h1>
        {canExport && (
          <a
            href="/console/subscribers/export"
            className="rounded-md border border-zinc-300 px-4 py-2 text-sm font-semibold hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
          >
            Export CSV
          </a>
        )}
      </div>
      <p className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="subscriber-counts">
        {total} in all:{" "}
        {counts.map((c, i) => (
          <span key={c.channel}>
            {i > 0 && " · "}
            {CHANNEL_LABELS[c.channel]} {c.total}
            {c.unconfirmed > 0 && ` (${c.unconfirmed} not confirmed yet)`}
          </span>
        ))}
        . Webhook, Slack and Discord URLs show only their host here.
      </p>

      {/* biome-ignore lint/a11y/useSemanticElements: a GET form is the search landmark; <search> would add a wrapper for nothing */}
      <form className="flex flex-wrap items-end gap-3 text-sm" role="search">
        <label>
          Search
          <input name="q" defaultValue={query.q} placeholder={canExport ? "address or URL contains" : "address contains"} className={`ml-2 ${control}`} />
        </label>
        <label>
          Channel
          <select name="channel" defaultValue={query.channel ?? ""} className={`ml-2 ${control}`}>
            <option value="">Any</option>
            {CHANNELS.map((c) => (
              <option key={c} value={c}>
                {CHANNEL_LABELS[c]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Confirmed
          <select name="confirmed" defaultValue={query.confirmed ?? ""} className={`ml-2 ${control}`}>
            <option value="">Either</option>
            <option value="yes">Confirmed</option>
            <option value="no">Not yet</option>
          </select>
        </label>
        <label>
          Component
          <select name="component" defaultValue={query.component ?? ""} className={`ml-2 ${control}`}>
            <option value="">Any</option>
            <option value={WHOLE_PAGE}>Whole page only</option>
            {components.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="rounded-md border border-zinc-300 px-3 py-1 dark:border-zinc-700">
          Filter
        </button>
      </form>

      {list.rows.length === 0 ? (
        <p className="text-sm text-zinc-500">{list.total === 0 && total > 0 ? "No subscriber matches these filters." : "No subscribers."}</p>
      ) : (
        <table className="cards w-full rounded-lg border border-zinc-200 bg-white text-sm dark:border-zinc-800 dark:bg-zinc-900">
          <thead className="bg-zinc-50 text-left dark:bg-zinc-800">
            <tr>
              <th className="px-3 py-2">Subscriber</th>
              <th className="px-3 py-2">Channel</th>
              <th className="px-3 py-2">Components</th>
              <th className="px-3 py-2">Confirmed</th>
              <th className="px-3 py-2">Added</th>
              {canManage && <th className="px-3 py-2"></th>}
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
            {list.rows.map((s) => (
              <tr key={s.id} data-subscriber={s.target} className="align-top">
                <td className="break-all px-3 py-2">{s.target}</td>
                <td data-label="Channel" className="px-3 py-2">
                  {CHANNEL_LABELS[s.channel as Channel] ?? s.channel}
                </td>
                <td data-label="Components" className="px-3 py-2 text-xs">
                  {s.components.length ? s.components.map((c) => c.name).join(", ") : "Whole page"}
                </td>
                <td data-label="Confirmed" className="px-3 py-2 text-xs">
                  {s.confirmedAt ? (
                    formatDateTime(s.confirmedAt, page.timeZone)
                  ) : (
                    <span className="text-amber-800 dark:text-amber-300">
                      Not yet{s.expiresAt ? ` (expires ${formatDateTime(s.expiresAt, page.timeZone)})` : ""}
                    </span>
                  )}
                </td>
                <td data-label="Added" className="px-3 py-2 text-xs">
                  {formatDateTime(s.createdAt, page.timeZone)}
                  <div className="text-zinc-500">{s.source === "self" ? "signed up" : s.source === "import" ? "imported" : "by staff"}</div>
                </td>
                {canManage && (
                  <td className="px-3 py-2">
                    <ActionButton
                      action={removeSubscriberAction.bind(null, s.id)}
                      label="Remove"
                      danger
                      confirm={`Remove ${s.target}? Nothing more is sent to it.`}
                    />
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager page={query.page} pages={list.pageCount} href={pageLink} previous="← Newer" next="Older →" note={` (${list.total} subscribers)`} />

      <DeadLetters dead={dead} timeZone={page.timeZone} retry={canManage ? { one: retryDeadAction, all: retryAllDeadAction } : null} />

      {canManage ? (
        <>
          <section aria-labelledby="add" className={panel}>
            <h2 id="add" className="mb-4 font-semibold">
              Add a subscriber
            </h2>
            <AddSubscriberForm action={addSubscriberAction} choices={[{ group: null, components: components.map(({ id, name }) => ({ id, name })) }]} />
          </section>
          <section aria-labelledby="import" className={panel}>
            <h2 id="import" className="mb-4 font-semibold">
              Import from CSV
            </h2>
            <ImportSubscribersForm action={importSubscribersAction} />
          </section>
        </>
      ) : (
        <p className="text-sm text-zinc-500">Your role can read subscribers but not change them.</p>
      )}
    </>
  );
}
