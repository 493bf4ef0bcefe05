import { z } from "zod";
import type { DbOrTx, Prisma } from "../db";
import {
  type AnyIncidentStatus,
  ComponentStatus,
  INCIDENT_KINDS,
  Impact,
  IncidentStatus,
  MaintenanceStatus,
  parseStored,
  type IncidentKind,
} from "../status/schemas";
import { type AffectedComponentChange, decodeAffectedComponents } from "./affected-components";

// The one read of "an incident with its updates and components" that every reader
// (public page, Statuspage API, feeds, management API, console, alerts) builds on. Status
// columns are plain strings in the database; they are parsed here, once, so readers get
// typed values and never cast.

const incidentSelect = {
  id: true,
  kind: true,
  name: true,
  status: true,
  impact: true,
  startedAt: true,
  monitoringAt: true,
  resolvedAt: true,
  scheduledFor: true,
  scheduledUntil: true,
  postmortem: true,
  backfilled: true,
  cancelledAt: true,
  remindBeforeMinutes: true,
  remindedAt: true,
  version: true,
  createdAt: true,
  updatedAt: true,
  updates: {
    orderBy: [{ displayAt: "desc" }, { createdAt: "desc" }],
    select: {
      id: true,
      incidentId: true,
      status: true,
      body: true,
      displayAt: true,
      affectedComponents: true,
      notifySubscribers: true,
      createdAt: true,
      updatedAt: true,
    },
  },
  components: {
    select: { componentId: true, status: true, component: { select: { name: true, slug: true, position: true, groupId: true } } },
  },
} satisfies Prisma.IncidentSelect;

type IncidentRow = Prisma.IncidentGetPayload<{ select: typeof incidentSelect }>;

export interface IncidentUpdateRecord<S extends AnyIncidentStatus = AnyIncidentStatus> {
  id: string;
  incidentId: string;
  status: S;
  /** Markdown as staff wrote it. */
  body: string;
  displayAt: Date;
  /** What this update did to each component; null when it changed none. */
  affectedComponents: AffectedComponentChange[] | null;
  notifySubscribers: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface IncidentComponentRecord {
  componentId: string;
  /** The status this incident set the component to, not the component's current status. */
  status: ComponentStatus;
  name: string;
  slug: string;
  position: number;
  groupId: string | null;
}

interface StatusByKind {
  incident: IncidentStatus;
  maintenance: MaintenanceStatus;
}

/** A stored incident or maintenance; the kind decides which statuses it and its updates can have. */
export interface IncidentRecordOf<K extends IncidentKind> {
  id: string;
  kind: K;
  name: string;
  /** Cache of the latest update's status. */
  status: StatusByKind[K];
  impact: Impact;
  startedAt: Date;
  monitoringAt: Date | null;
  resolvedAt: Date | null;
  scheduledFor: Date | null;
  scheduledUntil: Date | null;
  postmortem: string | null;
  backfilled: boolean;
  /** A maintenance called off before it started (it is "completed", and says so). */
  cancelledAt: Date | null;
  /** Minutes before the start subscribers are reminded (null: never), and when they were. */
  remindBeforeMinutes: number | null;
  remindedAt: Date | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  /** Newest first by displayed time; ties go to the one written last. */
  updates: IncidentUpdateRecord<StatusByKind[K]>[];
  /** In the order the database returns them; readers sort for display. */
  components: IncidentComponentRecord[];
}

export type IncidentRecord = IncidentRecordOf<"incident"> | IncidentRecordOf<"maintenance">;

const IncidentKindColumn = z.enum(INCIDENT_KINDS);

function toUpdate<S extends AnyIncidentStatus>(u: IncidentRow["updates"][number], statuses: z.ZodType<S>): IncidentUpdateRecord<S> {
  return {
    ...u,
    status: parseStored(statuses, u.status, `incident update ${u.id} status`),
    affectedComponents: decodeAffectedComponents(u.affectedComponents),
  };
}

function toIncidentRecord(row: IncidentRow): IncidentRecord {
  const where = `incident ${row.id}`;
  const { updates, components, kind, status, impact, ...rest } = row;
  const base = {
    ...rest,
    impact: parseStored(Impact, impact, `${where} impact`),
    components: components.map((c) => ({
      componentId: c.componentId,
      status: parseStored(ComponentStatus, c.status, `${where} component ${c.componentId} status`),
      ...c.component,
    })),
  };
  if (parseStored(IncidentKindColumn, kind, `${where} kind`) === "maintenance") {
    return {
      ...base,
      kind: "maintenance",
      status: parseStored(MaintenanceStatus, status, `${where} status`),
      updates: updates.map((u) => toUpdate(u, MaintenanceStatus)),
    };
  }
  return {
    ...base,
    kind: "incident",
    status: parseStored(IncidentStatus, status, `${where} status`),
    updates: updates.map((u) => toUpdate(u, IncidentStatus)),
  };
}

export interface LoadIncidentsOptions {
  orderBy?: Prisma.IncidentOrderByWithRelationInput | Prisma.IncidentOrderByWithRelationInput[];
  take?: number;
  skip?: number;
}

/** One incident or maintenance by id, or null. `db` may be a transaction. */
export async function loadIncident(db: DbOrTx, id: string): Promise<IncidentRecord | null> {
  const row = await db.incident.findUnique({ where: { id }, select: incidentSelect });
  return row ? toIncidentRecord(row) : null;
}

/** The incidents and maintenances matching `where`, in `orderBy` order (the database's own without it). */
export async function loadIncidents(db: DbOrTx, where: Prisma.IncidentWhereInput, options: LoadIncidentsOptions = {}): Promise<IncidentRecord[]> {
  const rows = await db.incident.findMany({ where, select: incidentSelect, orderBy: options.orderBy, take: options.take, skip: options.skip });
  return rows.map(toIncidentRecord);
}
