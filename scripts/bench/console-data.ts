// The console benchmark's data (scripts/bench/console.ts), on top of the probe fleet of
// probe-fleet.ts: components in groups of 10 (the last tenth ungrouped), each probe's
// state and last few results, a status history per component, incidents through the real
// verbs (some open, some resolved, one maintenance), subscribers (a fifth of them to a few
// components), audit rows, and an admin signed in with MFA. Returns what the pages need.
import { randomBytes } from "node:crypto";
import { completeSignIn, createSession } from "../../lib/auth/sessions";
import type { Db } from "../../lib/db";
import { addIncidentUpdate } from "../../lib/incidents/add-incident-update";
import { createIncident } from "../../lib/incidents/create-incident";
import { encodeProbeState } from "../../lib/probes/state/state-codec";
import { createProbeFleet } from "./probe-fleet";

const PER_GROUP = 10;
const RESULTS_PER_PROBE = 5;
const CHUNK = 2000;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export interface ConsoleData {
  /** The session cookie of the signed-in admin. */
  cookie: string;
  componentId: string;
  groupId: string;
  incidentId: string;
  counts: Record<string, number>;
}

async function inChunks<T>(rows: T[], write: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await write(rows.slice(i, i + CHUNK));
}

export async function fillConsoleData(
  db: Db,
  opts: { probes: number; perComponent: number; subscribers: number; incidents: number; label: string },
): Promise<ConsoleData> {
  const now = Date.now();
  const componentIds = await createProbeFleet(db, { probes: opts.probes, perComponent: opts.perComponent, targetUrl: "http://127.0.0.1:9", label: opts.label });
  await db.pageSetting.update({ where: { id: 1 }, data: { setUpAt: new Date(now) } });

  // Groups of 10, then the ungrouped tenth after them on the page.
  const grouped = componentIds.length - Math.floor(componentIds.length / 10);
  const groupCount = Math.ceil(grouped / PER_GROUP);
  await db.componentGroup.createMany({ data: Array.from({ length: groupCount }, (_, g) => ({ name: `Region ${g}`, position: g })) });
  const groups = await db.componentGroup.findMany({ orderBy: { position: "asc" }, select: { id: true } });
  for (let g = 0; g < groupCount; g++) {
    const ids = componentIds.slice(g * PER_GROUP, Math.min(grouped, (g + 1) * PER_GROUP));
    await db.component.updateMany({ where: { id: { in: ids } }, data: { groupId: groups[g]!.id } });
  }
  for (let n = grouped; n < componentIds.length; n++) {
    await db.component.update({ where: { id: componentIds[n]! }, data: { position: groupCount + n - grouped } });
  }

  // Five status changes per component over the last days.
  await inChunks(
    componentIds.flatMap((componentId, n) =>
      Array.from({ length: 5 }, (_, i) => ({
        componentId,
        fromStatus: i === 0 ? null : i % 2 ? "operational" : "degraded_performance",
        toStatus: i % 2 ? "degraded_performance" : "operational",
        at: new Date(now - (5 - i) * 24 * HOUR - (n % 60) * MINUTE),
        source: i === 0 ? "seed" : "probe",
      })),
    ),
    (data) => db.componentStatusChange.createMany({ data }),
  );

  // Every probe: a state for its region and its last results, one a minute.
  const probes = await db.probe.findMany({ select: { id: true } });
  const last = new Date(now - MINUTE);
  await inChunks(
    probes.map((p) => ({
      probeId: p.id,
      region: "local",
      state: encodeProbeState({ confirmed: "up", failures: 0, answered: RESULTS_PER_PROBE, oks: RESULTS_PER_PROBE, notOk: 0, lastStartedAt: last }),
      lastStartedAt: last,
    })),
    (data) => db.probeState.createMany({ data }),
  );
  await inChunks(
    probes.flatMap((p, n) =>
      Array.from({ length: RESULTS_PER_PROBE }, (_, i) => ({
        probeId: p.id,
        region: "local",
        startedAt: new Date(last.getTime() - i * MINUTE),
        outcome: "ok",
        message: "200 OK",
        latencyMs: 20 + ((n * 7 + i * 13) % 50),
        statusCode: 200,
      })),
    ),
    (data) => db.probeResult.createMany({ data }),
  );

  // Incidents on ten components each: the last three stay open; one maintenance.
  let incidentId = "";
  for (let i = 0; i < opts.incidents; i++) {
    const startedAt = new Date(now - (opts.incidents - i) * 6 * HOUR);
    const affected = componentIds.slice((i * 37) % (componentIds.length - 10)).slice(0, 10);
    const incident = await createIncident(
      db,
      {
        name: `Incident ${i}: elevated errors`,
        status: "investigating",
        impact: "minor",
        body: "We are **investigating** elevated error rates.",
        components: affected.map((componentId) => ({ componentId, status: "partial_outage" as const })),
      },
      startedAt,
    );
    incidentId = incident.id;
    if (i >= opts.incidents - 3) continue;
    await addIncidentUpdate(db, { incidentId: incident.id, status: "identified", body: "We found the cause." }, new Date(startedAt.getTime() + HOUR));
    await addIncidentUpdate(
      db,
      {
        incidentId: incident.id,
        status: "resolved",
        body: "This incident has been resolved.",
        components: affected.map((componentId) => ({ componentId, status: "operational" as const })),
      },
      new Date(startedAt.getTime() + 2 * HOUR),
    );
  }
  await db.incident.create({
    data: {
      kind: "maintenance",
      name: "Database upgrade",
      status: "scheduled",
      impact: "none",
      startedAt: new Date(now + 24 * HOUR),
      scheduledFor: new Date(now + 24 * HOUR),
      scheduledUntil: new Date(now + 26 * HOUR),
    },
  });

  // Subscribers: email, confirmed; every fifth follows three components.
  await inChunks(
    Array.from({ length: opts.subscribers }, (_, n) => ({
      channel: "email",
      target: `subscriber-${n}@example.test`,
      confirmedAt: new Date(now - n * MINUTE),
      source: "self",
    })),
    (data) => db.subscriber.createMany({ data }),
  );
  const subscribers = await db.subscriber.findMany({ select: { id: true } });
  await inChunks(
    subscribers
      .filter((_, n) => n % 5 === 0)
      .flatMap((s, n) => [0, 1, 2].map((k) => ({ subscriberId: s.id, componentId: componentIds[(n * 3 + k) % componentIds.length]! }))),
    (data) => db.subscriberComponent.createMany({ data }),
  );

  // The admin, signed in with the second factor proven, and a history of staff actions.
  const admin = await db.user.create({
    data: { email: "bench@example.test", name: "Bench admin", role: "admin", passwordHash: `bench-${randomBytes(8).toString("hex")}` },
  });
  const session = await createSession(db, { userId: admin.id, ip: null, userAgent: "bench" }, new Date(now));
  const token = await completeSignIn(db, session.id, new Date());
  await inChunks(
    Array.from({ length: 5000 }, (_, n) => ({
      at: new Date(now - n * MINUTE),
      actorId: admin.id,
      actorEmail: admin.email,
      action: n % 2 ? "component.status" : "incident.update",
      targetType: "component",
      targetId: componentIds[n % componentIds.length]!,
      after: JSON.stringify({ status: "operational" }),
    })),
    (data) => db.auditEvent.createMany({ data }),
  );

  const group = await db.componentGroup.findFirstOrThrow({ where: { position: 0 }, select: { id: true } });
  return {
    cookie: `vigil_session=${token}`,
    componentId: componentIds[0]!,
    groupId: group.id,
    incidentId,
    counts: {
      components: componentIds.length,
      groups: groupCount,
      probes: probes.length,
      probeResults: probes.length * RESULTS_PER_PROBE,
      incidents: opts.incidents + 1,
      subscribers: opts.subscribers,
      auditEvents: 5000,
    },
  };
}
