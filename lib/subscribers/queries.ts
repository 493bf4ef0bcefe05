import { Prisma, type DbOrTx } from "../db";
import { DeliveryLogQuery, SUBSCRIBERS_PAGE_SIZE, SubscriberListQuery, WHOLE_PAGE } from "./schemas";
import { CHANNELS, type Channel } from "./schemas";
import { recipientLabel } from "../notify/recipient";

// The console's reads about subscribers and their deliveries. Webhook, Slack and
// Discord URLs often carry a secret in their path, so lists show only their host.

export const displayTarget = recipientLabel;

/** `%`, `_` and the escape character itself match literally. */
function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[!%_]/g, (c) => `!${c}`)}%`;
}

/**
 * A page of subscribers, newest first. The search is case-insensitive on both databases
 * (Prisma's `mode: "insensitive"` exists on PostgreSQL only, and SQLite's LIKE folds
 * ASCII only), so it compares LOWER(target) in SQL; the filters join that WHERE clause.
 * Without `searchUrls` (people who may not export URLs), the search looks at email
 * addresses only, so it cannot be used to guess a URL's secret path letter by letter.
 */
export async function listSubscribers(
  db: DbOrTx,
  raw: SubscriberListQuery,
  options: {
    searchUrls: boolean /** Keyset paging (the API): rows strictly after this one, instead of `page`. */;
    after?: { createdAt: Date; id: string };
    take?: number;
  },
) {
  const query = SubscriberListQuery.parse(raw);
  const where: Prisma.Sql[] = [];
  if (query.q) {
    where.push(Prisma.sql`LOWER(s."target") LIKE ${likePattern(query.q)} ESCAPE '!'`);
    if (!options.searchUrls) where.push(Prisma.sql`s."channel" = 'email'`);
  }
  if (query.channel) where.push(Prisma.sql`s."channel" = ${query.channel}`);
  if (query.confirmed === "yes") where.push(Prisma.sql`s."confirmedAt" IS NOT NULL`);
  if (query.confirmed === "no") where.push(Prisma.sql`s."confirmedAt" IS NULL`);
  if (query.component === WHOLE_PAGE) {
    where.push(Prisma.sql`NOT EXISTS (SELECT 1 FROM "SubscriberComponent" sc WHERE sc."subscriberId" = s."id")`);
  } else if (query.component) {
    where.push(Prisma.sql`EXISTS (SELECT 1 FROM "SubscriberComponent" sc WHERE sc."subscriberId" = s."id" AND sc."componentId" = ${query.component})`);
  }
  const clause = where.length ? Prisma.sql`WHERE ${Prisma.join(where, " AND ")}` : Prisma.empty;
  const { after } = options;
  const take = options.take ?? SUBSCRIBERS_PAGE_SIZE;
  const offset = after ? 0 : (query.page - 1) * take;
  const afterClause = after
    ? Prisma.sql`${where.length ? Prisma.sql`AND` : Prisma.sql`WHERE`} (s."createdAt" < ${after.createdAt} OR (s."createdAt" = ${after.createdAt} AND s."id" < ${after.id}))`
    : Prisma.empty;

  const [counted] = await db.$queryRaw<{ n: number | bigint }[]>`SELECT COUNT(*) AS "n" FROM "Subscriber" s ${clause}`;
  const ids = await db.$queryRaw<{ id: string }[]>`
    SELECT s."id" FROM "Subscriber" s ${clause} ${afterClause}
    ORDER BY s."createdAt" DESC, s."id" DESC
    LIMIT ${take} OFFSET ${offset}`;
  const rows = await db.subscriber.findMany({
    where: { id: { in: ids.map((r) => r.id) } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    include: { components: { include: { component: { select: { id: true, name: true } } } } },
  });
  const total = Number(counted?.n ?? 0);
  return {
    query,
    total,
    pageCount: Math.max(1, Math.ceil(total / take)),
    rows: rows.map((s) => ({
      id: s.id,
      channel: s.channel,
      target: displayTarget(s.channel, s.target),
      confirmedAt: s.confirmedAt,
      expiresAt: s.expiresAt,
      source: s.source,
      createdAt: s.createdAt,
      components: s.components.map((c) => c.component),
    })),
  };
}

export type SubscriberRow = Awaited<ReturnType<typeof listSubscribers>>["rows"][number];

/** Subscribers per channel, and how many of them have not confirmed yet. */
export async function subscriberCounts(db: DbOrTx): Promise<{ channel: Channel; total: number; unconfirmed: number }[]> {
  const [all, unconfirmed] = await Promise.all([
    db.subscriber.groupBy({ by: ["channel"], _count: { _all: true } }),
    db.subscriber.groupBy({ by: ["channel"], where: { confirmedAt: null }, _count: { _all: true } }),
  ]);
  const count = (groups: typeof all, channel: string) => groups.find((g) => g.channel === channel)?._count._all ?? 0;
  return CHANNELS.map((channel) => ({ channel, total: count(all, channel), unconfirmed: count(unconfirmed, channel) }));
}

// ── Deliveries ─────────────────────────────────────────────────────────────

/**
 * A notification's state as staff see it: `pending` (not tried yet), `retrying` (failed
 * at least once, another attempt is scheduled), `sent`, `dead` (gave up; see lastError),
 * `cancelled` (the subscriber left before it was sent).
 */
export const DELIVERY_STATES = ["sent", "pending", "retrying", "dead", "cancelled"] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];
export type DeliveryCounts = Record<DeliveryState, number> & { total: number };

const noCounts = (): DeliveryCounts => ({ sent: 0, pending: 0, retrying: 0, dead: 0, cancelled: 0, total: 0 });
const STORED_STATES: readonly string[] = ["sent", "pending", "dead", "cancelled"] satisfies DeliveryState[];

function deliveryState(n: { status: string; attempts: number }): DeliveryState {
  if (n.status === "pending") return n.attempts > 0 ? "retrying" : "pending";
  return STORED_STATES.includes(n.status) ? (n.status as DeliveryState) : "dead";
}

export const ALERT_KIND_LABELS: Record<string, string> = {
  "incident.created": "Incident opened",
  "incident.updated": "Incident update",
  "incident.resolved": "Incident resolved",
  "maintenance.scheduled": "Maintenance scheduled",
  "maintenance.started": "Maintenance started",
  "maintenance.completed": "Maintenance completed",
  "maintenance.cancelled": "Maintenance canceled",
  "incident.postmortem": "Postmortem",
  "maintenance.reminder": "Maintenance reminder",
  "subscription.confirm": "Confirmation email",
  "subscription.manage": "Manage-link email",
};

const problemInclude = { event: { select: { kind: true, incidentId: true } } } as const;

type ProblemRow = Prisma.NotificationGetPayload<{ include: typeof problemInclude }>;

function presentProblem(n: ProblemRow) {
  return {
    id: n.id,
    channel: n.channel,
    /** Kept on the row when it was queued, so it is still known after the subscriber left. */
    subscriber: n.recipient,
    left: n.subscriberId === null,
    kind: n.event.kind,
    incidentId: n.event.incidentId,
    status: n.status === "dead" ? ("dead" as const) : ("retrying" as const),
    attempts: n.attempts,
    lastError: n.lastError,
    nextAttemptAt: n.status === "pending" ? n.nextAttemptAt : null,
    createdAt: n.createdAt,
  };
}

export type DeliveryProblem = ReturnType<typeof presentProblem>;

/** The alerts an incident (or maintenance) caused: per alert and channel, how many were sent, are pending, retrying or dead, and the failures. */
export async function incidentDeliveryLog(db: DbOrTx, incidentId: string, options: { problemLimit?: number } = {}) {
  const events = await db.alertEvent.findMany({
    where: { incidentId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, kind: true, createdAt: true },
  });
  const totals = noCounts();
  if (events.length === 0) return { events: [], totals, problems: [], problemCount: 0 };
  const eventIds = events.map((e) => e.id);
  const failing = { eventId: { in: eventIds }, OR: [{ status: "dead" }, { status: "pending", attempts: { gt: 0 } }] };
  const [byStatus, retrying, problems, problemCount] = await Promise.all([
    db.notification.groupBy({ by: ["eventId", "channel", "status"], where: { eventId: { in: eventIds } }, _count: { _all: true } }),
    db.notification.groupBy({
      by: ["eventId", "channel"],
      where: { eventId: { in: eventIds }, status: "pending", attempts: { gt: 0 } },
      _count: { _all: true },
    }),
    db.notification.findMany({
      where: failing,
      orderBy: [{ status: "asc" }, { createdAt: "asc" }, { id: "asc" }],
      take: options.problemLimit ?? 100,
      include: problemInclude,
    }),
    db.notification.count({ where: failing }),
  ]);

  const perEvent = new Map(events.map((e) => [e.id, { ...e, counts: noCounts(), byChannel: {} as Record<string, DeliveryCounts> }]));
  const add = (eventId: string, channel: string, state: DeliveryState, n: number) => {
    const event = perEvent.get(eventId)!;
    const channelCounts = (event.byChannel[channel] ??= noCounts());
    for (const counts of [event.counts, channelCounts, totals]) {
      counts[state] += n;
      // "retrying" rows are counted once as pending already: only move them across.
      if (state === "retrying") counts.pending -= n;
      else counts.total += n;
    }
  };
  for (const g of byStatus) {
    if (STORED_STATES.includes(g.status)) add(g.eventId, g.channel, g.status as DeliveryState, g._count._all);
  }
  for (const g of retrying) add(g.eventId, g.channel, "retrying", g._count._all);
  return { events: [...perEvent.values()], totals, problems: problems.map(presentProblem), problemCount };
}

export const RECIPIENTS_SHOWN = 100;

/**
 * Who was told what about an incident: one row per alert and recipient, in the order the
 * alerts went out, including subscribers who have left since (`left`). `recipient`
 * narrows it to addresses (or webhook hosts) containing the text.
 */
export async function incidentRecipients(db: DbOrTx, incidentId: string, raw: DeliveryLogQuery = {}) {
  const query = DeliveryLogQuery.parse(raw);
  const where = { event: { incidentId }, ...(query.recipient ? { recipient: { contains: query.recipient } } : {}) };
  const [rows, total] = await Promise.all([
    db.notification.findMany({
      where,
      orderBy: [{ event: { createdAt: "asc" } }, { eventId: "asc" }, { recipient: "asc" }, { id: "asc" }],
      take: RECIPIENTS_SHOWN,
      include: { event: { select: { kind: true, createdAt: true } } },
    }),
    db.notification.count({ where }),
  ]);
  return {
    query,
    total,
    rows: rows.map((n) => ({
      id: n.id,
      kind: n.event.kind,
      alertAt: n.event.createdAt,
      channel: n.channel,
      recipient: n.recipient,
      left: n.subscriberId === null,
      state: deliveryState(n),
      sentAt: n.sentAt,
      lastError: n.lastError,
    })),
  };
}

export type RecipientLog = Awaited<ReturnType<typeof incidentRecipients>>;

/** Notifications given up on, newest first, across every incident and confirmation email. */
export async function listDeadLetters(db: DbOrTx, options: { take?: number } = {}) {
  const [rows, total] = await Promise.all([
    db.notification.findMany({
      where: { status: "dead" },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: options.take ?? 50,
      include: problemInclude,
    }),
    db.notification.count({ where: { status: "dead" } }),
  ]);
  const incidentIds = [...new Set(rows.map((r) => r.event.incidentId).filter((id): id is string => id !== null))];
  const incidents = incidentIds.length ? await db.incident.findMany({ where: { id: { in: incidentIds } }, select: { id: true, name: true } }) : [];
  const names = new Map(incidents.map((i) => [i.id, i.name]));
  return {
    total,
    rows: rows.map((r) => ({ ...presentProblem(r), incidentName: r.event.incidentId ? (names.get(r.event.incidentId) ?? null) : null })),
  };
}

export type DeliveryLog = Awaited<ReturnType<typeof incidentDeliveryLog>>;
