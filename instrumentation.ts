// Runs once when the Next.js server starts: background jobs live in the server
// process for the single-machine default.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startScheduler } = await import("./lib/jobs/scheduler");
  const { JOBS } = await import("./lib/jobs/table");
  startScheduler(JOBS);
  const { startOutboxDispatcher } = await import("./lib/notify/start");
  startOutboxDispatcher();
  // Probes run from this process too, unless PROBES_ENABLED=false (see lib/probes/worker.ts).
  // The worker knows nothing of the public page: it is told what to call on a status change.
  const { startProbeWorker } = await import("./lib/probes/worker");
  const { invalidatePublicSnapshot } = await import("./lib/public/snapshot");
  startProbeWorker({ onStatusChange: invalidatePublicSnapshot });
  // Whether ICMP ping works here is found out once, at start (the console says why not).
  const { icmpAvailability } = await import("./lib/probes/checks/run-icmp");
  void icmpAvailability();
}
