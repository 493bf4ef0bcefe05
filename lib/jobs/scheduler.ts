import cron from "node-cron";
import type { Job } from "./table";
import { reportError } from "../db-reachability";
import { log } from "../log";

const globalForJobs = globalThis as unknown as { vigilSchedulerStarted?: boolean };

/**
 * Starts every job once per process (a second call is harmless). A failing run is
 * logged and the schedule goes on; a run never overlaps the previous one.
 */
export function startScheduler(jobs: readonly Job[]): void {
  if (globalForJobs.vigilSchedulerStarted) return;
  globalForJobs.vigilSchedulerStarted = true;
  for (const job of jobs) {
    cron.schedule(
      job.cron,
      async () => {
        try {
          const summary = await job.run();
          if (summary) log.info({ job: job.name }, summary);
        } catch (error) {
          reportError(error, `job ${job.name}`);
        }
      },
      { name: job.name, noOverlap: true },
    );
  }
}
