import Link from "next/link";
import { ActionButton } from "@/components/console/ActionButton";
import type { FormState } from "@/lib/forms";
import {
  ALERT_KIND_LABELS,
  DELIVERY_STATES,
  type DeliveryCounts,
  type DeliveryLog,
  type DeliveryProblem,
  type listDeadLetters,
  type RecipientLog,
} from "@/lib/subscribers/queries";
import { formatDateTime } from "@/lib/time/zoned";

// Server components: what the outbox did with an incident's alerts, and what it gave up on.

const panel = "rounded-lg border border-zinc-200 bg-white p-5 dark:border-zinc-800 dark:bg-zinc-900";
const STATE_LABELS = { sent: "Sent", pending: "Pending", retrying: "Retrying", dead: "Failed (dead)", cancelled: "Cancelled (left)" } as const;
const kindLabel = (kind: string) => ALERT_KIND_LABELS[kind] ?? kind;

function Counts({ counts }: { counts: DeliveryCounts }) {
  return (
    <>
      {DELIVERY_STATES.map((state) => (
        <td
          key={state}
          className={`px-3 py-2 text-right tabular-nums ${state === "dead" && counts.dead > 0 ? "font-semibold text-red-700 dark:text-red-400" : ""}`}
        >
          {counts[state]}
        </td>
      ))}
    </>
  );
}

function ProblemDetail({ p, timeZone }: { p: DeliveryProblem; timeZone: string }) {
  return (
    <>
      <div className="break-all">{p.lastError ?? "no error recorded"}</div>
      <div className="text-zinc-500">
        {p.attempts} attempt{p.attempts === 1 ? "" : "s"}
        {p.nextAttemptAt && ` · next ${formatDateTime(p.nextAttemptAt, timeZone)}`}
      </div>
    </>
  );
}

const LeftMarker = () => (
  <span
    className="ml-1 rounded bg-zinc-100 px-1 text-xs text-zinc-600 dark:bg-zinc-800 dark:text-zinc-400"
    title="This subscriber has unsubscribed or was removed since"
  >
    left
  </span>
);

/** Who was told what: one line per alert and recipient, with a search (a GET form, so the page's URL keeps it). */
function Recipients({ recipients, timeZone }: { recipients: RecipientLog; timeZone: string }) {
  const { query, rows, total } = recipients;
  return (
    <>
      <h3 className="mb-2 mt-4 text-sm font-semibold">Recipients</h3>
      <form method="get" className="mb-2 flex flex-wrap gap-2 text-sm">
        <label htmlFor="recipient" className="sr-only">
          Find a recipient
        </label>
        <input
          id="recipient"
          name="recipient"
          type="search"
          defaultValue={query.recipient ?? ""}
          placeholder="Email address or webhook host"
          className="min-w-0 flex-1 rounded-md border border-zinc-300 px-2 py-1 dark:border-zinc-700 dark:bg-zinc-950"
        />
        <button type="submit" className="rounded-md border border-zinc-300 px-3 py-1 dark:border-zinc-700">
          Find
        </button>
      </form>
      {rows.length === 0 ? (
        <p className="text-sm text-zinc-500">{query.recipient ? `No alert about this went to a recipient matching “${query.recipient}”.` : "No recipients."}</p>
      ) : (
        <table className="cards w-full text-xs" data-testid="delivery-recipients">
          <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
            {rows.map((r) => (
              <tr key={r.id} data-state={r.state} className="align-top">
                <td className="py-1 pr-3">
                  <span className="break-all">{r.recipient}</span> <span className="text-zinc-500">({r.channel})</span>
                  {r.left && <LeftMarker />}
                </td>
                <td className="py-1 pr-3">
                  {kindLabel(r.kind)} <span className="text-zinc-500">{formatDateTime(r.alertAt, timeZone)}</span>
                </td>
                <td className="py-1 text-right">
                  {STATE_LABELS[r.state]}
                  {r.sentAt && <span className="text-zinc-500"> {formatDateTime(r.sentAt, timeZone)}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {total > rows.length && (
        <p className="mt-1 text-xs text-zinc-500">
          Showing the first {rows.length} of {total}: search to narrow them down.
        </p>
      )}
    </>
  );
}

/** The "Notifications" section of a console incident page. */
export function IncidentNotifications({ log, recipients, timeZone }: { log: DeliveryLog; recipients: RecipientLog; timeZone: string }) {
  return (
    <section aria-labelledby="notifications" className={panel}>
      <h2 id="notifications" className="mb-3 font-semibold">
        Notifications
      </h2>
      {log.events.length === 0 ? (
        <p className="text-sm text-zinc-500">No subscriber was notified about this one.</p>
      ) : (
        <>
          {/* Scrolls sideways on a phone: focusable, so keyboard users can scroll it too. */}
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take focus (WCAG 2.1.1; axe scrollable-region-focusable) */}
          <section className="overflow-x-auto" tabIndex={0} aria-label="Alerts sent, by state">
            <table className="w-full text-sm" data-testid="delivery-log">
              <thead className="text-left">
                <tr>
                  <th className="py-1 pr-3">Alert</th>
                  {DELIVERY_STATES.map((s) => (
                    <th key={s} className="px-3 py-1 text-right">
                      {STATE_LABELS[s]}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
                {log.events.map((e) => (
                  <tr key={e.id} className="align-top">
                    <td className="py-2 pr-3">
                      {kindLabel(e.kind)} <span className="text-xs text-zinc-500">{formatDateTime(e.createdAt, timeZone)}</span>
                      <div className="text-xs text-zinc-500">
                        {Object.entries(e.byChannel)
                          .map(
                            ([channel, c]) =>
                              `${channel}: ${c.sent}/${c.total} sent${c.dead ? `, ${c.dead} failed` : ""}${c.retrying ? `, ${c.retrying} retrying` : ""}${c.cancelled ? `, ${c.cancelled} cancelled (left)` : ""}`,
                          )
                          .join(" · ")}
                      </div>
                    </td>
                    <Counts counts={e.counts} />
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          {log.problems.length > 0 && (
            <>
              <h3 className="mb-2 mt-4 text-sm font-semibold">
                Failures{log.problemCount > log.problems.length ? ` (first ${log.problems.length} of ${log.problemCount})` : ""}
              </h3>
              <ul className="space-y-2 text-xs">
                {log.problems.map((p) => (
                  <li key={p.id} data-status={p.status} className="rounded-md border border-zinc-200 p-2 dark:border-zinc-800">
                    <span className="font-medium">{p.status === "dead" ? "Failed" : "Retrying"}</span> · {kindLabel(p.kind)} · {p.channel} ·{" "}
                    <span className="break-all">{p.subscriber}</span>
                    {p.left && <LeftMarker />}
                    <ProblemDetail p={p} timeZone={timeZone} />
                  </li>
                ))}
              </ul>
            </>
          )}
          <Recipients recipients={recipients} timeZone={timeZone} />
          {log.totals.dead > 0 && (
            <p className="mt-3 text-sm">
              <Link href="/console/subscribers#dead-letters" className="underline">
                Retry failed notifications
              </Link>
            </p>
          )}
        </>
      )}
    </section>
  );
}

type Action = (prev: FormState | undefined) => Promise<FormState>;

/** Notifications given up on, with their last error; staff who manage subscribers may retry them. */
export function DeadLetters({
  dead,
  timeZone,
  retry,
}: {
  dead: Awaited<ReturnType<typeof listDeadLetters>>;
  timeZone: string;
  retry: { one: (notificationId: string, prev: FormState | undefined) => Promise<FormState>; all: Action } | null;
}) {
  return (
    <section aria-labelledby="dead-letters" id="dead-letters" className={panel}>
      <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
        <h2 id="dead-letters" className="font-semibold">
          Failed notifications ({dead.total})
        </h2>
        {retry && dead.total > 0 && <ActionButton action={retry.all} label="Retry all" confirm={`Send all ${dead.total} failed notifications again?`} />}
      </div>
      {dead.rows.length === 0 ? (
        <p className="text-sm text-zinc-500">None: every notification was delivered or is still being tried.</p>
      ) : (
        <>
          <p className="mb-2 text-xs text-zinc-500">
            The dispatcher gave up on these after its last attempt (or at once when the receiver refused them for good). A retry starts over with a full set of
            attempts.
          </p>
          <ul className="divide-y divide-zinc-100 text-sm dark:divide-zinc-800">
            {dead.rows.map((d) => (
              <li key={d.id} data-dead-letter={d.id} className="flex flex-wrap items-start justify-between gap-2 py-2">
                <div className="min-w-0 flex-1 text-xs">
                  <div className="text-sm">
                    {d.incidentId ? (
                      <Link href={`/console/incidents/${d.incidentId}`} className="underline">
                        {d.incidentName ?? "deleted incident"}
                      </Link>
                    ) : (
                      kindLabel(d.kind)
                    )}{" "}
                    · {d.channel} · <span className="break-all">{d.subscriber}</span>
                  </div>
                  <ProblemDetail p={d} timeZone={timeZone} />
                  <div className="text-zinc-500">queued {formatDateTime(d.createdAt, timeZone)}</div>
                </div>
                {retry && <ActionButton action={retry.one.bind(null, d.id)} label="Retry" />}
              </li>
            ))}
          </ul>
          {dead.total > dead.rows.length && <p className="mt-2 text-xs text-zinc-500">Showing the newest {dead.rows.length}.</p>}
        </>
      )}
    </section>
  );
}
