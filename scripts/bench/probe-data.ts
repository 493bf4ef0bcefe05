// The probe benchmark's data, made in a child process so that the measured process
// holds only what a worker holds (`npm run worker` applies no migrations: the schema
// engine alone would add some 60 MB to its memory). Arguments: database URL, number
// of probes, probes per component, target URL. Answers "ready" or an error over IPC.
import { createDb } from "../../lib/db";
import { applyMigrations } from "../../lib/migrations/migrate";
import { CheckConfig, Schedule, Thresholds } from "../../lib/probes/checks/config";

const [url, probesArg, perComponentArg, targetUrl] = process.argv.slice(2) as [string, string, string, string];
const PROBES = Number(probesArg);
const PER_COMPONENT = Number(perComponentArg);

await applyMigrations(url);
const db = createDb(url);
if ((await db.pageSetting.count()) > 0 || (await db.probe.count()) > 0) {
  process.send!({ error: `${url.split("@").pop()} is not empty: the benchmark needs an empty database (it fills it).` });
  process.exit(1);
}
await db.pageSetting.create({ data: { id: 1, name: "Bench", url: "http://localhost", timeZone: "UTC" } });
const schedule = JSON.stringify(Schedule.parse({ intervalSeconds: 60 }));
const thresholds = JSON.stringify(Thresholds.parse({}));
const components = Math.ceil(PROBES / PER_COMPONENT);
for (let c = 0; c < components; c += 500) {
  await db.component.createMany({
    data: Array.from({ length: Math.min(500, components - c) }, (_, i) => ({
      name: `Service ${c + i}`,
      slug: `service-${c + i}`,
      position: c + i,
      startDate: new Date(),
    })),
  });
}
const componentIds = (await db.component.findMany({ select: { id: true }, orderBy: { position: "asc" } })).map((c) => c.id);
for (let p = 0; p < PROBES; p += 1000) {
  await db.probe.createMany({
    data: Array.from({ length: Math.min(1000, PROBES - p) }, (_, i) => {
      const n = p + i;
      const check = CheckConfig.parse({
        kind: "http",
        url: `${targetUrl}/p/${n}`,
        timeoutMs: 5000,
        jsonAssertions: [{ path: "$.status", op: "==", value: "UP" }],
      });
      return {
        componentId: componentIds[Math.floor(n / PER_COMPONENT)]!,
        name: `probe ${n}`,
        kind: "http",
        config: JSON.stringify(check),
        schedule,
        thresholds,
      };
    }),
  });
}
await db.$disconnect();
process.send!({ ready: components });
process.disconnect();
