// Runs once when the Next.js server starts: background jobs live in the server
// process for the single-machine default.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startScheduler } = await import("./lib/jobs/scheduler");
  const { JOBS } = await import("./lib/jobs/table");
  startScheduler(JOBS);
  const { startOutboxDispatcher } = await import("./lib/outbox/start");
  startOutboxDispatcher();
  // Probes run from this process too, unless PROBES_ENABLED=false (see lib/probes/worker.ts).
  const { startProbeWorker } = await import("./lib/probes/worker");
  startProbeWorker();
}
