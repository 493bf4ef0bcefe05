import Link from "next/link";
import { ActionButton } from "@/components/console/ActionButton";
import { HeartbeatTokenButton } from "@/components/console/HeartbeatTokenButton";
import { ProbeForm } from "@/components/console/ProbeForm";
import { heartbeatCurlLines } from "@/lib/probes/heartbeat/urls";
import { formatDateTime } from "@/lib/time/zoned";
import type { ConsoleProbe } from "@/lib/console/queries";
import type { CheckKind } from "@/lib/probes/kinds";
import type { ProbeStatus } from "@/lib/probes/state/decide";
import { NEW_PROBE_VALUES, probeToFormValues } from "@/lib/probes/form";
import { describeSchedule, describeTarget, type StoredProbe } from "@/lib/probes/stored";
import {
  createProbeAction,
  deleteProbeAction,
  rotateHeartbeatTokenAction,
  setAutoIncidentAction,
  setProbeEnabledAction,
  testProbeAction,
  testSavedProbeAction,
  updateProbeAction,
} from "../probe-actions";

// The component page's probes: what each checks and how often, what it concluded
// (per region), its last check, and the forms to add, edit, test, pause or delete.

const HEALTH: Record<ProbeStatus, string> = {
  up: "Up",
  degraded: "Degraded",
  partial: "Partial: down in some regions",
  down: "Down",
};

/** Console times follow the public page's rule: the page's zone, with its abbreviation. */
const when = (d: Date, timeZone: string) => formatDateTime(d, timeZone);
const count = (n: number, noun: string) => `${n.toLocaleString("en-US")} ${noun}${n === 1 ? "" : "s"}`;

const skippedSlotsOf = (probe: ConsoleProbe) => probe.regions.reduce((sum, g) => sum + g.skippedSlots, 0);

/** Regions whose confirmed health differs from the probe's verdict across regions (shown even when the status did not move). */
function disagreeing(probe: ConsoleProbe): Set<string> {
  const verdict = probe.status === "partial" ? null : probe.status;
  return new Set(probe.regions.filter((g) => !g.stale && g.confirmed !== null && verdict !== null && g.confirmed !== verdict).map((g) => g.region));
}

/** A timeout not below the interval (saved before the rule existed) makes every other check skip. */
function timeoutWarning(stored: StoredProbe | null): string | null {
  if (!stored || stored.check.kind === "heartbeat" || !("intervalSeconds" in stored.schedule)) return null;
  const intervalMs = stored.schedule.intervalSeconds * 1000;
  if (stored.check.timeoutMs < intervalMs) return null;
  return `The timeout (${stored.check.timeoutMs} ms) is not below the interval (${stored.schedule.intervalSeconds} s): a check still running when the next is due makes that one skip. Save the probe with a shorter timeout.`;
}

function RegionTrace({ probe, timeZone }: { probe: ConsoleProbe; timeZone: string }) {
  const changes = probe.regions
    .flatMap((g) => g.changes.map((c) => ({ region: g.region, ...c })))
    .sort((a, b) => b.at.getTime() - a.at.getTime())
    .slice(0, 8);
  const skipped = probe.regions.filter((g) => g.skippedSlots > 0 || g.lateChecks > 0);
  return (
    <>
      <dt className="text-zinc-600 dark:text-zinc-400">Region changes</dt>
      <dd>{changes.length === 0 ? "None yet" : changes.map((c) => `${c.region} ${c.health ?? "unknown"} at ${when(c.at, timeZone)}`).join("; ")}</dd>
      <dt className="text-zinc-600 dark:text-zinc-400">Skipped slots</dt>
      <dd data-skipped-slots={skippedSlotsOf(probe)}>
        {skipped.length === 0
          ? "None: every slot ran on time"
          : skipped.map((g) => `${g.region}: ${count(g.skippedSlots, "skipped slot")}, ${count(g.lateChecks, "late start")}`).join("; ")}
      </dd>
    </>
  );
}

/** A heartbeat's URL (token shortened: it was shown once), last ping and when the next is due. */
function HeartbeatDetails({ componentId, probe, timeZone, publicUrl }: { componentId: string; probe: ConsoleProbe; timeZone: string; publicUrl: string }) {
  const h = probe.heartbeat;
  const grace = probe.stored?.check.kind === "heartbeat" ? probe.stored.check.graceSeconds : 0;
  const masked = h ? `${h.tokenPrefix}…` : "(no token)";
  return (
    <>
      <dt className="text-zinc-600 dark:text-zinc-400">Ping URL</dt>
      <dd className="space-y-2">
        <code className="block break-all font-mono text-xs">{heartbeatCurlLines(publicUrl, masked)[0]?.command}</code>
        <span className="block text-xs text-zinc-600 dark:text-zinc-400">
          Add /fail for a failed run, or POST {'{"status":"fail","duration_ms":1234,"message":"…"}'}. The full URL was shown once when it was made.
        </span>
        <HeartbeatTokenButton action={rotateHeartbeatTokenAction.bind(null, componentId, probe.id)} label={h ? "New token" : "Make a token"} />
      </dd>
      <dt className="text-zinc-600 dark:text-zinc-400">Last ping</dt>
      <dd data-last-ping={h?.lastPingAt?.toISOString() ?? ""}>
        {h?.lastPingAt ? `${when(h.lastPingAt, timeZone)} (${h.lastPingStatus === "fail" ? "reported a failure" : "ok"})` : "None yet"}
      </dd>
      <dt className="text-zinc-600 dark:text-zinc-400">Next ping expected</dt>
      <dd>
        {h?.nextDueAt
          ? `by ${when(new Date(h.nextDueAt.getTime() - grace * 1000), timeZone)}; missed after ${when(h.nextDueAt, timeZone)}`
          : probe.enabled
            ? "—"
            : "paused"}
      </dd>
    </>
  );
}

type Unavailable = Partial<Record<CheckKind, string>>;

function ProbeItem({
  componentId,
  probe,
  timeZone,
  publicUrl,
  unavailable,
}: {
  componentId: string;
  probe: ConsoleProbe;
  timeZone: string;
  publicUrl: string;
  unavailable: Unavailable;
}) {
  const r = probe.lastResult;
  const odd = disagreeing(probe);
  const warning = timeoutWarning(probe.stored);
  return (
    <li className="space-y-2 py-3" data-probe={probe.id}>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 className="font-medium">
          {probe.name}
          {!probe.enabled && <span className="ml-2 rounded bg-zinc-100 px-1.5 py-0.5 text-xs dark:bg-zinc-800">paused</span>}
        </h3>
        <span className="flex flex-wrap gap-2">
          <ActionButton
            action={setProbeEnabledAction.bind(null, componentId, probe.id, !probe.enabled)}
            label={`${probe.enabled ? "Pause" : "Resume"} ${probe.name}`}
          />
          <ActionButton
            action={deleteProbeAction.bind(null, componentId, probe.id)}
            label={`Delete ${probe.name}`}
            confirm={`Delete the probe ${probe.name} and its results?`}
            danger
          />
        </span>
      </div>
      <dl className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
        <dt className="text-zinc-600 dark:text-zinc-400">Checks</dt>
        <dd className="break-all">{probe.stored ? describeTarget(probe.stored.check) : `${probe.kind} (unreadable config)`}</dd>
        {probe.kind === "heartbeat" && <HeartbeatDetails componentId={componentId} probe={probe} timeZone={timeZone} publicUrl={publicUrl} />}
        <dt className="text-zinc-600 dark:text-zinc-400">Schedule</dt>
        <dd>
          {probe.stored?.check.kind === "heartbeat"
            ? `pings expected ${describeSchedule(probe.stored.schedule)}, ${probe.stored.check.graceSeconds} s grace; down after ${probe.stored.thresholds.failuresToDown} failed or missed pings, up after ${probe.stored.thresholds.successesToUp} pings`
            : probe.stored
              ? `${describeSchedule(probe.stored.schedule)}, timeout ${probe.stored.check.timeoutMs} ms; down after ${probe.stored.thresholds.failuresToDown} failures, up after ${probe.stored.thresholds.successesToUp} successes${probe.stored.thresholds.recheckSeconds > 0 ? `, re-checked ${probe.stored.thresholds.recheckSeconds} s apart while a change is confirmed` : ""}`
              : "—"}
        </dd>
        <dt className="text-zinc-600 dark:text-zinc-400">Confirmed health</dt>
        <dd>
          {probe.status ? HEALTH[probe.status] : "Not confirmed yet"}
          {probe.regions.length > 0 && (
            <span className="text-zinc-600 dark:text-zinc-400">
              {" "}
              (
              {probe.regions
                .map((g) => `${g.region}: ${g.confirmed ?? "unknown"}${g.stale ? ", not reporting" : ""}${odd.has(g.region) ? ", disagrees" : ""}`)
                .join("; ")}
              )
            </span>
          )}
        </dd>
        <dt className="text-zinc-600 dark:text-zinc-400">Last check</dt>
        <dd>
          {r ? (
            <>
              <span className="font-medium">{r.outcome === "ok" ? "OK" : r.outcome === "degraded" ? "Degraded" : "Failed"}</span>
              {r.errorClass ? ` (${r.errorClass.replace(/_/g, " ")})` : ""} · {r.latencyMs} ms · {r.message} ·{" "}
              <span className="text-zinc-600 dark:text-zinc-400">
                {when(r.startedAt, timeZone)} from {r.region}
              </span>
            </>
          ) : (
            "None yet"
          )}
        </dd>
        <RegionTrace probe={probe} timeZone={timeZone} />
      </dl>
      {warning && (
        <p role="alert" className="rounded-md bg-yellow-50 px-3 py-2 text-sm text-yellow-900 dark:bg-yellow-950 dark:text-yellow-200">
          {warning}
        </p>
      )}
      {probe.stored && (
        <details>
          <summary className="cursor-pointer text-sm font-medium underline">Edit {probe.name}</summary>
          <div className="mt-3">
            <ProbeForm
              idPrefix={`probe-${probe.id}`}
              action={updateProbeAction.bind(null, componentId, probe.id)}
              test={testSavedProbeAction.bind(null, probe.id)}
              initial={probeToFormValues({ ...probe.stored, name: probe.name, enabled: probe.enabled })}
              submitLabel="Save probe"
              skippedSlots={skippedSlotsOf(probe)}
              unavailable={unavailable}
            />
          </div>
        </details>
      )}
    </li>
  );
}

export function ProbeSection({
  component,
  probes,
  timeZone,
  publicUrl,
  unavailable,
}: {
  component: { id: string; name: string; autoIncident: boolean; autoIncidentId: string | null };
  probes: ConsoleProbe[];
  timeZone: string;
  /** The page's public address, for a heartbeat's URL. */
  publicUrl: string;
  /** Kinds this server cannot run, with the reason. */
  unavailable: Unavailable;
}) {
  return (
    <section aria-labelledby="probes" className="space-y-4 rounded-lg border border-zinc-200 bg-white p-5 dark:border-zinc-800 dark:bg-zinc-900">
      <div>
        <h2 id="probes" className="font-semibold">
          Probes
        </h2>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Vigil’s own checks decide this component’s status unless a status set by hand or a maintenance in progress shows first. A change counts only after
          several checks in a row agree, so one slow answer does not flap the page; those checks come a few seconds apart, so an outage is confirmed within
          seconds of the first failed check. With several regions, at least half must agree, and a change waits briefly for the other regions to report. All
          probes failing is a Major Outage, some failing a Partial Outage. During a maintenance window no incident is opened.
        </p>
      </div>

      <div className="flex flex-wrap items-center gap-3 text-sm">
        <span>
          Automatic incidents: <strong>{component.autoIncident ? "on" : "off"}</strong>.{" "}
          {component.autoIncident
            ? "A confirmed outage opens an incident, and recovery resolves it."
            : "Turn on to open an incident when probes confirm an outage, and resolve it on recovery."}
        </span>
        <ActionButton
          action={setAutoIncidentAction.bind(null, component.id, !component.autoIncident)}
          label={component.autoIncident ? "Turn automatic incidents off" : "Turn automatic incidents on"}
        />
        {component.autoIncidentId && component.autoIncidentId !== "pending" && (
          <Link href={`/console/incidents/${component.autoIncidentId}`} className="underline">
            Open automatic incident
          </Link>
        )}
      </div>

      {probes.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">No probes yet: the status is set by hand and by incidents only.</p>
      ) : (
        <ul className="divide-y divide-zinc-200 dark:divide-zinc-800">
          {probes.map((p) => (
            <ProbeItem key={p.id} componentId={component.id} probe={p} timeZone={timeZone} publicUrl={publicUrl} unavailable={unavailable} />
          ))}
        </ul>
      )}

      <details open={probes.length === 0}>
        <summary className="cursor-pointer text-sm font-medium underline">Add a probe</summary>
        <div className="mt-3">
          <ProbeForm
            idPrefix="new-probe"
            action={createProbeAction.bind(null, component.id)}
            test={testProbeAction}
            initial={NEW_PROBE_VALUES}
            submitLabel="Add probe"
            unavailable={unavailable}
          />
        </div>
      </details>
    </section>
  );
}
