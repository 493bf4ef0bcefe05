import { purgeExpiredAuthRows } from "../auth/purge";
import { db } from "../db";
import { env } from "../env";
import { advanceMaintenances } from "../incidents/maintenance/advance";
import { remindMaintenances } from "../incidents/maintenance/remind";
import { wakeDispatcher } from "../notify/outbox/enqueue";
import { createVendorFetcher, type VendorFetcher } from "../vendors/fetch";
import { pollVendorMirrors } from "../vendors/mirror";
import { detectMissedHeartbeats } from "../probes/heartbeat/record";
import { reconcileObservedStatuses } from "../probes/state/reconcile";
import { pruneProbeHistory } from "../probes/history/retention";
import { rollUpProbeResults } from "../probes/history/rollup-store";
import { invalidatePublicSnapshot } from "../public/snapshot";
import { expireUnconfirmed } from "../subscribers/subscribe";
import { configuredMailer } from "../mail/mailer";
import { sendMonthlyReport } from "../uptime/monthly-report";

// Every background job Vigil runs, in one place. Each is idempotent and safe when
// several instances run it at once (they coordinate through the database).
export interface Job {
  name: string;
  /** node-cron expression, seconds field first. */
  cron: string;
  run: () => Promise<string | null>;
}

export const JOBS: Job[] = [
  {
    name: "advance-maintenance",
    cron: "*/15 * * * * *",
    run: async () => {
      const moved = await advanceMaintenances(db());
      if (moved === 0) return null;
      invalidatePublicSnapshot();
      return `moved ${moved} maintenance window${moved === 1 ? "" : "s"}`;
    },
  },
  {
    name: "poll-vendor-status",
    cron: "*/15 * * * * *",
    run: async () => {
      const changed = await pollVendorMirrors(db(), vendorFetcher());
      if (changed === 0) return null;
      invalidatePublicSnapshot();
      return `${changed} mirrored component${changed === 1 ? "" : "s"} changed status`;
    },
  },
  {
    name: "remind-maintenance",
    cron: "5 * * * * *",
    run: async () => {
      const sent = await remindMaintenances(db());
      if (sent === 0) return null;
      wakeDispatcher();
      return `queued ${sent} maintenance reminder${sent === 1 ? "" : "s"}`;
    },
  },
  {
    name: "expire-unconfirmed-subscribers",
    cron: "0 */10 * * * *",
    run: async () => {
      const removed = await expireUnconfirmed(db());
      return removed ? `removed ${removed} unconfirmed sign-up${removed === 1 ? "" : "s"}` : null;
    },
  },
  {
    name: "reconcile-probe-statuses",
    cron: "20 * * * * *",
    run: async () => {
      const changed = await reconcileObservedStatuses(db());
      if (changed === 0) return null;
      invalidatePublicSnapshot();
      return `re-derived ${changed} component status${changed === 1 ? "" : "es"} from probes`;
    },
  },
  {
    // A heartbeat past its expected time plus grace is a failed check (lib/probes/heartbeat/record.ts).
    name: "detect-missed-heartbeats",
    cron: "*/5 * * * * *",
    run: async () => {
      const { missed, statusChanged } = await detectMissedHeartbeats(db());
      if (statusChanged) invalidatePublicSnapshot();
      return missed ? `recorded ${plural(missed, "missed heartbeat")}` : null;
    },
  },
  {
    name: "roll-up-probe-results",
    cron: "30 */5 * * * *",
    run: async () => {
      const { hours, days } = await rollUpProbeResults(db(), new Date());
      if (hours === 0 && days === 0) return null;
      return `rolled up probe results of ${plural(hours, "hour")} and ${plural(days, "day")}`;
    },
  },
  {
    name: "prune-probe-results",
    cron: "40 */10 * * * *",
    run: async () => {
      const { PROBE_RAW_RETENTION_DAYS, PROBE_HOURLY_RETENTION_DAYS, PROBE_DAILY_RETENTION_DAYS } = env();
      const { raw, hours, days } = await pruneProbeHistory(db(), new Date(), {
        rawDays: PROBE_RAW_RETENTION_DAYS,
        hourlyDays: PROBE_HOURLY_RETENTION_DAYS,
        dailyDays: PROBE_DAILY_RETENTION_DAYS,
      });
      if (raw + hours + days === 0) return null;
      return `deleted ${plural(raw, "probe result")}, ${plural(hours, "hour rollup")} and ${plural(days, "day rollup")} past retention`;
    },
  },
  {
    name: "purge-expired-auth-rows",
    cron: "50 */10 * * * *",
    run: async () => {
      const { sessions, throttles, emailTokens, oidcFlows, challenges } = await purgeExpiredAuthRows(db());
      if (sessions + throttles + emailTokens + oidcFlows + challenges === 0) return null;
      return `deleted ${plural(sessions, "expired session")}, ${plural(throttles, "spent throttle counter")}, ${plural(emailTokens, "email token")}, ${plural(oidcFlows, "unfinished single sign-on")} and ${plural(challenges, "passkey challenge")}`;
    },
  },
  {
    // Hourly, so the 1st's report goes out within the hour; the claim makes it once per month.
    name: "monthly-uptime-report",
    cron: "0 7 * * * *",
    run: async () => {
      const mailer = configuredMailer();
      try {
        const result = await sendMonthlyReport(db(), mailer);
        return result ? `sent the ${result.month} uptime report to ${plural(result.sent, "admin")}` : null;
      } finally {
        mailer?.close();
      }
    },
  },
];

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

let fetcher: VendorFetcher | undefined;
/** One connection pool for every vendor read, with the webhook address rules. */
function vendorFetcher(): VendorFetcher {
  fetcher ??= createVendorFetcher({ allowPrivate: env().WEBHOOK_ALLOW_PRIVATE });
  return fetcher;
}
