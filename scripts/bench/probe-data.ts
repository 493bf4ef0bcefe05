// The probe benchmark's data, made in a child process so that the measured process
// holds only what a worker holds (`npm run worker` applies no migrations: the schema
// engine alone would add some 60 MB to its memory). Arguments: database URL, number
// of probes, probes per component, target URL. Answers "ready" or an error over IPC.
import { createDb } from "../../lib/db";
import { applyMigrations } from "../../lib/migrations/migrate";
import { createProbeFleet, NotEmptyError } from "./probe-fleet";

const [url, probesArg, perComponentArg, targetUrl] = process.argv.slice(2) as [string, string, string, string];

await applyMigrations(url);
const db = createDb(url);
try {
  const components = await createProbeFleet(db, { probes: Number(probesArg), perComponent: Number(perComponentArg), targetUrl, label: url.split("@").pop()! });
  await db.$disconnect();
  process.send!({ ready: components.length });
  process.disconnect();
} catch (error) {
  if (!(error instanceof NotEmptyError)) throw error;
  process.send!({ error: error.message });
  process.exit(1);
}
