import { STARTER_TEMPLATES } from "../incidents/starter-templates";
import type { Db, Tx } from "../db";
import { setComponentStatus } from "../components/set-component-status";
import { addIncidentUpdate } from "../incidents/add-incident-update";
import { createIncident, createMaintenance } from "../incidents/create-incident";
import { DEMO_TARGET_PREFIX, demoLatencyMs } from "../demo/target";
import { env } from "../env";
import { addResult, emptyRollup } from "../probes/history/rollup";
import { rollupRow, settledUntil } from "../probes/history/rollup-store";
import { CheckConfig, Schedule, Thresholds } from "../probes/checks/config";
import { sealCheckConfig } from "../probes/sealed-config";
import type { ComponentStatus, Impact, IncidentStatus } from "../status/schemas";

// A demo page modelled on a bookkeeping suite's status page, so the first screen
// a new user sees is meaningful. Every row goes through the real domain verbs,
// so derived statuses and the status history are what production would write
// (probes are plain rows: the staff verb would want a signed-in author to audit).

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const COMPONENTS: { name: string; slug: string; description: string; group?: string; startDaysAgo?: number }[] = [
  { name: "Verify", slug: "verify", description: "Identity and bank account verification" },
  { name: "Accounting Mobile App", slug: "accounting-mobile-app", description: "iOS and Android", group: "Mobile Apps" },
  { name: "Expenses App", slug: "expenses-app", description: "Receipts and mileage claims", group: "Mobile Apps" },
  { name: "Projects App", slug: "projects-app", description: "Time entry and job costing", group: "Mobile Apps" },
  { name: "Me", slug: "me", description: "Payslips and leave for employees", group: "Mobile Apps" },
  { name: "Workpapers", slug: "workpapers", description: "Year-end workpapers for accountants" },
  { name: "HQ", slug: "hq", description: "Practice dashboard and client list" },
  { name: "Tax AU", slug: "tax-au", description: "Australian tax returns and lodgements" },
  { name: "Tax NZ", slug: "tax-nz", description: "New Zealand tax returns and IR filing" },
  { name: "Tax UK", slug: "tax-uk", description: "Making Tax Digital submissions" },
  { name: "Go", slug: "go", description: "Simple bookkeeping for sole traders", startDaysAgo: 41 },
  { name: "Central", slug: "central", description: "Sign-in, email sending and notifications" },
  { name: "Hubdoc", slug: "hubdoc", description: "Document capture and data extraction" },
  { name: "WorkflowMax", slug: "workflowmax", description: "Job management for service businesses" },
];

interface DemoIncident {
  name: string;
  impact: Impact;
  daysAgo: number;
  hourOfDay: number;
  affected: Record<string, ComponentStatus>;
  /** Minutes after the start, status, body. The last one resolves. */
  updates: [number, IncidentStatus, string][];
}

const INCIDENTS: DemoIncident[] = [
  {
    name: "Hubdoc – Document processing delayed",
    impact: "major",
    daysAgo: 71,
    hourOfDay: 1,
    affected: { hubdoc: "major_outage" },
    updates: [
      [0, "investigating", "Documents uploaded to Hubdoc are not being processed. We are investigating."],
      [50, "identified", "A queue consumer stopped after a configuration change. We are rolling it back."],
      [170, "monitoring", "Processing has resumed and the backlog is clearing. We are monitoring."],
      [260, "resolved", "This incident has been resolved. All queued documents have been processed."],
    ],
  },
  {
    name: "Tax UK – MTD submissions failing for some users",
    impact: "major",
    daysAgo: 52,
    hourOfDay: 9,
    affected: { "tax-uk": "partial_outage" },
    updates: [
      [0, "investigating", "Some Making Tax Digital submissions are failing with a gateway error. We are investigating."],
      [95, "monitoring", "HMRC's gateway has recovered. Submissions that failed can be sent again."],
      [150, "resolved", "This incident has been resolved."],
    ],
  },
  {
    name: "Expenses App – Receipts not syncing",
    impact: "minor",
    daysAgo: 33,
    hourOfDay: 22,
    affected: { "expenses-app": "degraded_performance" },
    updates: [
      [0, "investigating", "Receipts captured in the Expenses App are taking longer than usual to appear on the web."],
      [120, "resolved", "This incident has been resolved. Receipts now sync within a minute."],
    ],
  },
  {
    name: "Workpapers – Errors when rolling over to a new year",
    impact: "minor",
    daysAgo: 19,
    hourOfDay: 14,
    affected: { workpapers: "partial_outage" },
    updates: [
      [0, "investigating", "Some accountants see an error when rolling workpapers over to the new financial year."],
      [40, "identified", "We found the cause: a migration missed practices with archived clients. A fix is being deployed."],
      [110, "resolved", "This incident has been resolved."],
    ],
  },
  {
    name: "Navigation bar – Slow performance when accessing Reports tab",
    impact: "minor",
    daysAgo: 9,
    hourOfDay: 10,
    affected: { hq: "degraded_performance" },
    updates: [
      [0, "investigating", "We are investigating reports of slow performance when opening the **Reports** tab from the navigation bar."],
      [75, "monitoring", "Our team has implemented a fix and we are currently monitoring the results."],
      [190, "resolved", "This incident has been resolved."],
    ],
  },
  {
    name: "Sending emails – Some users unable to send",
    impact: "major",
    daysAgo: 3,
    hourOfDay: 8,
    affected: { central: "partial_outage" },
    updates: [
      [0, "investigating", "We are aware that some users are unable to send invoices and statements by email. Our team is investigating."],
      [100, "resolved", "This incident has been resolved."],
    ],
  },
];

/** Short blips with no incident, as probes record them in real life. */
const BLIPS: { slug: string; status: ComponentStatus; daysAgo: number; minutes: number }[] = [
  { slug: "go", status: "partial_outage", daysAgo: 12, minutes: 25 },
  { slug: "verify", status: "degraded_performance", daysAgo: 27, minutes: 40 },
  { slug: "workflowmax", status: "major_outage", daysAgo: 58, minutes: 12 },
  { slug: "tax-au", status: "degraded_performance", daysAgo: 5, minutes: 30 },
];

async function createComponents(tx: Tx, now: Date): Promise<Map<string, string>> {
  const group = await tx.componentGroup.create({
    data: { name: "Mobile Apps", description: "Our apps for iOS and Android", position: 1 },
  });
  const ids = new Map<string, string>();
  // Top-level order: Verify, the Mobile Apps group (position 1), then the rest.
  let topPosition = 0;
  let childPosition = 0;
  for (const c of COMPONENTS) {
    if (!c.group && topPosition === group.position) topPosition++;
    const row = await tx.component.create({
      data: {
        name: c.name,
        slug: c.slug,
        description: c.description,
        groupId: c.group ? group.id : null,
        position: c.group ? childPosition++ : topPosition++,
        startDate: new Date(now.getTime() - (c.startDaysAgo ?? 180) * DAY),
      },
    });
    ids.set(c.slug, row.id);
  }
  return ids;
}

function at(now: Date, daysAgo: number, hourOfDay: number, minutes = 0): Date {
  const d = new Date(now.getTime() - daysAgo * DAY);
  d.setUTCHours(hourOfDay, minutes, 0, 0);
  return d;
}

async function seedEvents(tx: Tx, ids: Map<string, string>, now: Date) {
  // Oldest first, so each component's status history is written in time order.
  const events: { when: Date; run: () => Promise<unknown> }[] = [];
  for (const blip of BLIPS) {
    const start = at(now, blip.daysAgo, 3);
    const componentId = ids.get(blip.slug)!;
    events.push({ when: start, run: () => setComponentStatus(tx, { componentId, status: blip.status, source: "seed", at: start }) });
    const end = new Date(start.getTime() + blip.minutes * 60_000);
    events.push({ when: end, run: () => setComponentStatus(tx, { componentId, status: "operational", source: "seed", at: end }) });
  }
  for (const demo of INCIDENTS) {
    const start = at(now, demo.daysAgo, demo.hourOfDay);
    const affected = Object.entries(demo.affected).map(([slug, status]) => ({ componentId: ids.get(slug)!, status }));
    const [first, ...rest] = demo.updates;
    let incidentId = "";
    events.push({
      when: start,
      run: async () => {
        const incident = await createIncident(tx, { name: demo.name, status: first![1], impact: demo.impact, body: first![2], components: affected }, start);
        incidentId = incident.id;
      },
    });
    for (const [minutes, status, body] of rest) {
      const when = new Date(start.getTime() + minutes * 60_000);
      const components = status === "resolved" ? affected.map((a) => ({ componentId: a.componentId, status: "operational" as const })) : undefined;
      events.push({ when, run: () => addIncidentUpdate(tx, { incidentId, status, body, components }, when) });
    }
  }
  events.sort((a, b) => a.when.getTime() - b.when.getTime());
  for (const event of events) await event.run();

  await createMaintenance(
    tx,
    {
      name: "Tax NZ – Scheduled database maintenance",
      body: "We will upgrade the Tax NZ database. Tax NZ will be unavailable for up to two hours; other products are not affected.",
      scheduledFor: at(now, -3, 14),
      scheduledUntil: at(now, -3, 16),
      components: [ids.get("tax-nz")!],
    },
    now,
  );
}

export const DEMO_PROBE_NAME = "Health check (demo)";

/**
 * One HTTP probe per component, every 60 s, against the demo target this Vigil serves
 * itself (lib/demo/target.ts): the page shows live checks and response times without
 * the internet. The target always answers 200 {"status":"UP"}, so the components stay
 * operational; staff can retarget or delete the probes like any other.
 */
async function createDemoProbes(tx: Tx, ids: Map<string, string>, pageUrl: string, now: Date) {
  const schedule = JSON.stringify(Schedule.parse({ intervalSeconds: 60 }));
  const thresholds = JSON.stringify(Thresholds.parse({}));
  for (const [slug, componentId] of ids) {
    const check = CheckConfig.parse({
      kind: "http",
      url: new URL(`${DEMO_TARGET_PREFIX}${slug}`, pageUrl).toString(),
      timeoutMs: 5000,
      jsonAssertions: [{ path: "$.status", op: "==", value: "UP" }],
    });
    const probe = await tx.probe.create({
      data: { componentId, name: DEMO_PROBE_NAME, kind: check.kind, config: sealCheckConfig(check), schedule, thresholds },
    });
    await tx.probeRollup.createMany({ data: demoLatencyHistory(probe.id, slug, now) });
  }
}

/** A small seeded generator (mulberry32), so every demo draws the same charts; no dependency for a demo's noise. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * A week of hour rollups for a demo probe, up to the newest settled hour, as if it had been
 * checking every minute: the response-time chart is drawn on the first visit rather than
 * after the first checks and the chart's next refresh. Slower by day (UTC), like real traffic.
 * Real results carry on from the next hour (the newest hour row is the rollup watermark).
 */
export function demoLatencyHistory(probeId: string, slug: string, now: Date) {
  const random = seededRandom(demoLatencyMs(slug, () => 0));
  const region = env().PROBE_REGION;
  const rows = [];
  for (let start = Math.floor((now.getTime() - 7 * DAY) / HOUR) * HOUR; start < settledUntil(now); start += HOUR) {
    const busy = (1 - Math.cos((2 * Math.PI * new Date(start).getUTCHours()) / 24)) / 2;
    const rollup = emptyRollup();
    for (let check = 0; check < 60; check++) {
      addResult(rollup, { outcome: "ok", latencyMs: Math.round(demoLatencyMs(slug, random) * (1 + 0.4 * busy)) });
    }
    rows.push(rollupRow(probeId, region, "hour", start, rollup));
  }
  return rows;
}

export const DEMO_PAGE = {
  name: "Tallyworks",
  timeZone: "Pacific/Auckland",
  supportUrl: "https://support.example.com",
};

/**
 * Creates the page settings on an empty database, with the demo content unless
 * `demo` is false (components, history, and probes against `url`/demo-target/<slug>).
 * Does nothing when the page already exists.
 */
export async function seedIfEmpty(db: Db, options: { demo: boolean; url: string; now?: Date }): Promise<boolean> {
  if (await db.pageSetting.findUnique({ where: { id: 1 } })) return false;
  const now = options.now ?? new Date();
  await db.$transaction(
    async (tx) => {
      await tx.pageSetting.create({
        data: options.demo ? { id: 1, ...DEMO_PAGE, url: options.url } : { id: 1, name: "Status", timeZone: "UTC", url: options.url },
      });
      await tx.incidentTemplate.createMany({ data: [...STARTER_TEMPLATES] });
      if (!options.demo) return;
      const ids = await createComponents(tx, now);
      await seedEvents(tx, ids, now);
      await createDemoProbes(tx, ids, options.url, now);
    },
    { timeout: 60_000, maxWait: 10_000 },
  );
  return true;
}
