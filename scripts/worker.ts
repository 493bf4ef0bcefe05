// `npm run worker`: the probe worker alone, without the web server, for setups that
// run web instances with PROBES_ENABLED=false and probes elsewhere (or from several
// regions). Reads the same environment (lib/env.ts: DATABASE_URL, PROBE_REGION or
// REGION, PROBE_CONCURRENCY); applies no migrations and seeds nothing (the web
// instances do). It runs probes whatever PROBES_ENABLED says: that is its only job.
//
// Logs one line a minute: checks run, start lag p50/p99, errors. SIGINT or SIGTERM
// stops scheduling, gives checks in flight up to 5 s to finish, writes their results
// and exits; another signal a second later exits at once.
import { env, EnvError } from "../lib/env";

const GRACE_MS = 5000;
const STATS_EVERY_MS = 60_000;

let config: ReturnType<typeof env>;
try {
  config = env();
} catch (error) {
  if (error instanceof EnvError) {
    console.error(`vigil worker: ${error.message}`);
    process.exit(1);
  }
  throw error;
}

const { db } = await import("../lib/db");
const { ProbeWorker } = await import("../lib/probes/worker");
// Probe credentials are stored encrypted: a worker without the web instances' key cannot run those probes.
const { keyring } = await import("../lib/crypto/secrets");
try {
  keyring();
} catch (error) {
  console.warn(`vigil worker: ${(error as Error).message} Probes with stored credentials are skipped until then.`);
}
const { formatStats } = await import("../lib/probes/scheduling/worker-stats");

const region = config.PROBE_REGION;
const worker = new ProbeWorker({ db: db(), region, concurrency: config.PROBE_CONCURRENCY });
await worker.start();
console.log(
  `vigil worker: running ${worker.size} probe${worker.size === 1 ? "" : "s"} for region ${region} (up to ${config.PROBE_CONCURRENCY} checks at once)`,
);

// Also what keeps the process alive: the worker's own timers do not.
const statsTimer = setInterval(() => {
  console.log(`vigil worker ${region}: last minute: ${formatStats(worker.takeStats())}; ${worker.size} probes scheduled`);
}, STATS_EVERY_MS);

let stoppingAt: number | null = null;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    // The same Ctrl-C can arrive twice (from the terminal and relayed by npm): only a
    // second signal a second later means "now".
    if (stoppingAt !== null) {
      if (Date.now() - stoppingAt > 1000) process.exit(1);
      return;
    }
    stoppingAt = Date.now();
    console.log(`vigil worker: ${signal}, finishing checks in flight (up to ${GRACE_MS / 1000} s)…`);
    clearInterval(statsTimer);
    void (async () => {
      try {
        await worker.stop({ graceMs: GRACE_MS });
        const stats = worker.takeStats();
        console.log(`vigil worker: stopped (since the last line: ${formatStats(stats)})`);
        await db().$disconnect();
        process.exit(0);
      } catch (error) {
        console.error("vigil worker: stopping failed:", error);
        process.exit(1);
      }
    })();
  });
}
