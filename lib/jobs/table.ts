import { db } from "../db";
import { env } from "../env";
import { advanceMaintenances } from "../maintenance/advance";
import { reconcileObservedStatuses } from "../probes/reconcile";
import { pruneProbeResults } from "../probes/retention";
import { invalidatePublicSnapshot } from "../public/snapshot";
import { expireUnconfirmed } from "../subscribers/subscribe";

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
    name: "prune-probe-results",
    cron: "40 */10 * * * *",
    run: async () => {
      const deleted = await pruneProbeResults(db(), new Date(), env().PROBE_RESULT_RETENTION_DAYS);
      return deleted === 0 ? null : `deleted ${deleted} probe result${deleted === 1 ? "" : "s"} past retention`;
    },
  },
];
