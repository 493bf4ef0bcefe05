import type { DbOrTx } from "../../db";
import { loadIncident, loadIncidents, type IncidentRecord } from "../../incidents/read";
import type { Prisma } from "../../db";
import { loadStatuspageBase } from "../queries";
import { toComponents, toStatuspageRecords } from "../map";
import { presentIncident, presentSubscriber } from "./present";
import type { SubscriberListQuery } from "./schemas";
import { pageSlice } from "./rules";

// The v1 API's reads, in its shapes.

export async function presentRecords(db: DbOrTx, rows: readonly IncidentRecord[]) {
  const base = await loadStatuspageBase(db);
  return toStatuspageRecords(base, rows).map((record, i) => presentIncident(record, rows[i]!));
}

export async function incidentList(db: DbOrTx, where: Prisma.IncidentWhereInput, slice: { skip: number; take: number }, soonestFirst = false) {
  const rows = await loadIncidents(db, where, {
    orderBy: soonestFirst ? [{ scheduledFor: "asc" }, { createdAt: "asc" }] : [{ startedAt: "desc" }, { createdAt: "desc" }],
    ...slice,
  });
  return presentRecords(db, rows);
}

/** One incident or maintenance in the v1 shape, with its row; null when there is none. */
export async function incidentById(db: DbOrTx, id: string) {
  const row = await loadIncident(db, id);
  if (!row) return null;
  const [presented] = await presentRecords(db, [row]);
  return { row, presented: presented! };
}

export async function componentListing(db: DbOrTx) {
  const base = await loadStatuspageBase(db);
  return toComponents(base.groups, base.components, base.page);
}

const STATE_WHERE: Record<SubscriberListQuery["state"], Prisma.SubscriberWhereInput> = {
  active: { confirmedAt: { not: null } },
  unconfirmed: { confirmedAt: null },
  all: {},
};

export async function subscriberList(db: DbOrTx, query: SubscriberListQuery) {
  const rows = await db.subscriber.findMany({
    where: { ...STATE_WHERE[query.state], ...(query.type ? { channel: query.type } : {}) },
    include: { components: { select: { componentId: true } } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    ...pageSlice(query),
  });
  return rows.map(presentSubscriber);
}

export async function subscriberById(db: DbOrTx, id: string) {
  const row = await db.subscriber.findUnique({ where: { id }, include: { components: { select: { componentId: true } } } });
  return row ? presentSubscriber(row) : null;
}
