// A large status page for the memory benchmark (scripts/bench/memory.ts), written into an
// empty database (migrated first): N components (argument 2; half of them in groups of 10), each
// with one HTTP probe every 60 s against the server's own demo target, a status history
// with a short blip every few weeks over the 90 days the bars show, 7 days of hourly
// probe rollups (the response-time charts), and a handful of incidents through the real
// verbs. Arguments: database URL, component count, page URL.
import { createDb } from "../../lib/db";
import { DEMO_TARGET_PREFIX } from "../../lib/demo/target";
import { addIncidentUpdate } from "../../lib/incidents/add-incident-update";
import { createIncident } from "../../lib/incidents/create-incident";
import { applyMigrations } from "../../lib/migrations/migrate";
import { CheckConfig, Schedule, Thresholds } from "../../lib/probes/checks/config";
import { addResult, emptyRollup, encodeHistogram } from "../../lib/probes/history/rollup";

const [url, countArg, pageUrl] = process.argv.slice(2) as [string, string, string];
const COMPONENTS = Number(countArg);
const PER_GROUP = 10;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const CHUNK = 2000;

await applyMigrations(url);
const db = createDb(url);
const now = Date.now();
if ((await db.pageSetting.count()) > 0) throw new Error("page-data needs an empty database");
await db.pageSetting.create({ data: { id: 1, name: "Bench", url: pageUrl, timeZone: "Europe/London" } });

async function inChunks<T>(rows: T[], write: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await write(rows.slice(i, i + CHUNK));
}

const grouped = Math.floor(COMPONENTS / 2);
const groupCount = Math.ceil(grouped / PER_GROUP);
await db.componentGroup.createMany({ data: Array.from({ length: groupCount }, (_, g) => ({ name: `Region ${g}`, position: g })) });
const groups = await db.componentGroup.findMany({ orderBy: { position: "asc" }, select: { id: true } });
const startDate = new Date(now - 180 * DAY);
await inChunks(
  Array.from({ length: COMPONENTS }, (_, n) => ({
    name: `Service ${n}`,
    slug: `service-${n}`,
    description: `Bench service number ${n}`,
    groupId: n < grouped ? groups[Math.floor(n / PER_GROUP)]!.id : null,
    position: n < grouped ? n % PER_GROUP : groupCount + n,
    startDate,
  })),
  (data) => db.component.createMany({ data }),
);
const components = await db.component.findMany({ select: { id: true, slug: true }, orderBy: { slug: "asc" } });

// History: operational from the start date, then a 20-minute blip every 17 to 40 days.
const changes = components.flatMap((c, n) => {
  const rows: { componentId: string; fromStatus: string | null; toStatus: string; at: Date; source: string }[] = [
    { componentId: c.id, fromStatus: null, toStatus: "operational", at: startDate, source: "seed" },
  ];
  for (let daysAgo = 85 - (n % 17); daysAgo > 0; daysAgo -= 17 + (n % 24)) {
    const at = new Date(now - daysAgo * DAY);
    rows.push({ componentId: c.id, fromStatus: "operational", toStatus: n % 3 ? "degraded_performance" : "partial_outage", at, source: "seed" });
    rows.push({ componentId: c.id, fromStatus: rows.at(-1)!.toStatus, toStatus: "operational", at: new Date(at.getTime() + 20 * 60_000), source: "seed" });
  }
  return rows;
});
await inChunks(changes, (data) => db.componentStatusChange.createMany({ data }));

const schedule = JSON.stringify(Schedule.parse({ intervalSeconds: 60 }));
const thresholds = JSON.stringify(Thresholds.parse({}));
await inChunks(
  components.map((c) => {
    const check = CheckConfig.parse({ kind: "http", url: new URL(`${DEMO_TARGET_PREFIX}${c.slug}`, pageUrl).toString(), timeoutMs: 5000 });
    return { componentId: c.id, name: "Health check", kind: "http", config: JSON.stringify(check), schedule, thresholds };
  }),
  (data) => db.probe.createMany({ data }),
);

// Seven days of hour rollups per probe: 60 answered checks an hour around 20 to 70 ms.
const probes = await db.probe.findMany({ select: { id: true } });
const lastHour = Math.floor(now / HOUR) * HOUR - HOUR;
const rollups = probes.flatMap((p, n) =>
  Array.from({ length: 7 * 24 }, (_, h) => {
    const rollup = emptyRollup();
    for (let i = 0; i < 60; i++) addResult(rollup, { outcome: "ok", latencyMs: 20 + ((n * 7 + h * 13 + i * 3) % 50) });
    const { histogram, ...counts } = rollup;
    return { probeId: p.id, region: "local", period: "hour", start: new Date(lastHour - h * HOUR), ...counts, histogram: encodeHistogram(histogram) };
  }),
);
await inChunks(rollups, (data) => db.probeRollup.createMany({ data }));

// Ten resolved incidents in the last two weeks, each on ten components, and one still open.
for (let i = 0; i < 11; i++) {
  const startedAt = new Date(now - (14 - i) * DAY);
  const affected = components.slice(i * 37, i * 37 + 10).map((c) => ({ componentId: c.id, status: "partial_outage" as const }));
  const incident = await createIncident(
    db,
    {
      name: `Incident ${i}: elevated errors`,
      status: "investigating",
      impact: "minor",
      body: "We are **investigating** elevated error rates.",
      components: affected,
    },
    startedAt,
  );
  if (i === 10) continue;
  const resolvedAt = new Date(startedAt.getTime() + 2 * HOUR);
  const operational = affected.map((a) => ({ componentId: a.componentId, status: "operational" as const }));
  await addIncidentUpdate(db, { incidentId: incident.id, status: "resolved", body: "This incident has been resolved.", components: operational }, resolvedAt);
}
await db.$disconnect();
console.log(`page-data: ${COMPONENTS} components, ${changes.length} status changes, ${rollups.length} hour rollups, 11 incidents`);
