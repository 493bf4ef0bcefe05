import { createHash } from "node:crypto";
import type { z } from "zod";
import { type AnyIncidentStatus, type ComponentStatus, type Impact, INCIDENT_STATUS_LABELS, MAINTENANCE_STATUSES } from "../status/schemas";
import {
  EmailAddress,
  SourceComponent,
  SourceIncident,
  SourceIncidentUpdate,
  SourcePage,
  SourceSubscriber,
  type SOURCE_UPDATE_STATUSES,
} from "./source-schemas";

// Pure functions from a Statuspage-compatible source's records to what the importer
// writes. Every record is parsed on its own: a bad one becomes a Skip naming its kind, id
// and field, and the rest go on. Ids stay the source's (`externalId`); write.ts maps them
// to local ids through ImportedRecord.

export const RECORD_KINDS = ["page", "group", "component", "incident", "maintenance", "update", "subscriber"] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

export interface Skip {
  kind: RecordKind;
  id: string;
  reason: string;
}

export interface PageInput {
  externalId: string;
  name: string;
  timeZone: string | null;
}

export interface GroupInput {
  externalId: string;
  name: string;
  description: string | null;
  position: number;
}

export interface ComponentInput {
  externalId: string;
  name: string;
  description: string | null;
  position: number;
  groupExternalId: string | null;
  showUptime: boolean;
  /** A day in the page's time zone ("2026-01-31"), or null: the day it was created. */
  startDay: string | null;
  createdAt: Date | null;
  status: ComponentStatus;
}

export interface AffectedInput {
  componentExternalId: string;
  name: string;
  old_status: ComponentStatus;
  new_status: ComponentStatus;
}

export interface UpdateInput {
  externalId: string;
  status: AnyIncidentStatus;
  body: string;
  displayAt: Date;
  createdAt: Date;
  affected: AffectedInput[] | null;
}

export interface IncidentInput {
  externalId: string;
  kind: "incident" | "maintenance";
  name: string;
  /** A maintenance's is "none", as Vigil stores it (the v2 API shows "maintenance"). */
  impact: Impact;
  startedAt: Date;
  createdAt: Date;
  scheduledFor: Date | null;
  scheduledUntil: Date | null;
  postmortem: string | null;
  backfilled: boolean;
  components: { externalId: string; status: ComponentStatus }[];
  /** Oldest first. */
  updates: UpdateInput[];
}

export interface SubscriberInput {
  externalId: string;
  email: string;
  /** The source confirmed it and has not quarantined it: imported confirmed, no email sent. */
  confirmed: boolean;
  componentExternalIds: string[];
  createdAt: Date | null;
}

/** Where a zod failure is, as "field: message" (the first issue; the record is skipped anyway). */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0]!;
  const field = issue.path.length ? issue.path.join(".") : "(record)";
  return `${field}: ${issue.message}`;
}

function recordId(raw: unknown): string {
  const id = (raw as { id?: unknown } | null)?.id;
  return typeof id === "string" && id ? id : "(no id)";
}

type Parsed<T> = { ok: true; value: T } | { ok: false; skip: Skip };

function parseRecord<S extends z.ZodType>(schema: S, kind: RecordKind, raw: unknown): Parsed<z.output<S>> {
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, skip: { kind, id: recordId(raw), reason: describeIssue(result.error) } };
}

export function mapPage(raw: unknown): Parsed<PageInput> {
  const parsed = parseRecord(SourcePage, "page", raw);
  if (!parsed.ok) return parsed;
  return { ok: true, value: { externalId: parsed.value.id, name: parsed.value.name, timeZone: parsed.value.time_zone ?? null } };
}

/**
 * Groups and components from a v2 listing (summary.json or components.json). Positions
 * are the source's, 1-based within the parent, which is also how Vigil orders them;
 * a record without one takes its place in the list.
 */
export function mapComponents(raws: readonly unknown[]): { groups: GroupInput[]; components: ComponentInput[]; skipped: Skip[] } {
  const groups: GroupInput[] = [];
  const components: ComponentInput[] = [];
  const skipped: Skip[] = [];
  const parsed: SourceComponent[] = [];
  raws.forEach((raw) => {
    const isGroup = (raw as { group?: unknown } | null)?.group === true;
    const p = parseRecord(SourceComponent, isGroup ? "group" : "component", raw);
    if (p.ok) parsed.push(p.value);
    else skipped.push(p.skip);
  });
  const groupIds = new Set(parsed.filter((c) => c.group).map((c) => c.id));
  // v2 lists a group's children under it; a child may also name its group only there.
  const parentOf = new Map<string, string>();
  for (const g of parsed) if (g.group) for (const child of g.components ?? []) parentOf.set(child, g.id);
  const counters = new Map<string, number>();
  const nextPosition = (parent: string) => {
    const n = (counters.get(parent) ?? 0) + 1;
    counters.set(parent, n);
    return n;
  };
  for (const c of parsed) {
    const parent = c.group ? null : (c.group_id ?? parentOf.get(c.id) ?? null);
    const position = c.position ?? nextPosition(parent ?? "");
    if (c.group) {
      groups.push({ externalId: c.id, name: c.name, description: c.description ?? null, position });
      continue;
    }
    if (parent !== null && !groupIds.has(parent)) {
      skipped.push({ kind: "component", id: c.id, reason: `group_id: no group ${parent} in the source` });
      continue;
    }
    components.push({
      externalId: c.id,
      name: c.name,
      description: c.description ?? null,
      position,
      groupExternalId: parent,
      showUptime: c.showcase ?? true,
      startDay: c.start_date ?? null,
      createdAt: c.created_at ? new Date(c.created_at) : null,
      status: c.status,
    });
  }
  return { groups, components, skipped };
}

/** Statuspage's "postmortem" is Resolved with a postmortem published; Vigil keeps the status Resolved. */
function updateStatus(status: (typeof SOURCE_UPDATE_STATUSES)[number]): AnyIncidentStatus {
  return status === "postmortem" ? "resolved" : status;
}

/**
 * The status an incident gave a component: its latest update naming the component says
 * (the incident's `components` list shows their status now, which later events may have moved).
 */
function setStatus(updates: readonly UpdateInput[], componentId: string, now: ComponentStatus | undefined): ComponentStatus {
  for (let i = updates.length - 1; i >= 0; i--) {
    const named = updates[i]!.affected?.find((a) => a.componentExternalId === componentId);
    if (named) return named.new_status;
  }
  return now ?? "operational";
}

/** A maintenance is a record with a window whose status is a maintenance status (v1 lists both kinds together). */
export function isMaintenance(record: Pick<SourceIncident, "scheduled_for" | "status" | "impact">): boolean {
  if (record.impact === "maintenance") return true;
  return Boolean(record.scheduled_for) && (MAINTENANCE_STATUSES as readonly string[]).includes(record.status);
}

/**
 * An incident or a maintenance with its updates. A bad update skips the whole record:
 * importing an incident without one of its steps would tell a different story.
 */
export function mapIncident(raw: unknown, expected?: "incident" | "maintenance"): Parsed<IncidentInput> {
  const kindGuess: RecordKind = expected ?? "incident";
  const p = parseRecord(SourceIncident, kindGuess, raw);
  if (!p.ok) return p;
  const r = p.value;
  const kind = expected ?? (isMaintenance(r) ? "maintenance" : "incident");
  const fail = (reason: string): Parsed<IncidentInput> => ({ ok: false, skip: { kind, id: r.id, reason } });

  const updates: UpdateInput[] = [];
  for (const [index, rawUpdate] of r.incident_updates.entries()) {
    const u = SourceIncidentUpdate.safeParse(rawUpdate);
    if (!u.success) return fail(`incident_updates.${index}.${describeIssue(u.error)}`);
    const status = updateStatus(u.data.status);
    const allowed =
      kind === "maintenance" ? (MAINTENANCE_STATUSES as readonly string[]).includes(status) : !(MAINTENANCE_STATUSES as readonly string[]).includes(status);
    if (!allowed) return fail(`incident_updates.${index}.status: a ${kind} cannot be ${u.data.status}`);
    const body = u.data.body?.trim() ? u.data.body : `${INCIDENT_STATUS_LABELS[status]}.`;
    updates.push({
      externalId: u.data.id,
      status,
      body,
      displayAt: new Date(u.data.display_at ?? u.data.created_at),
      createdAt: new Date(u.data.created_at),
      affected: u.data.affected_components
        ? u.data.affected_components.map((a) => ({ componentExternalId: a.code, name: a.name, old_status: a.old_status, new_status: a.new_status }))
        : null,
    });
  }
  if (updates.length === 0) return fail("incident_updates: an incident needs at least one update");
  // Oldest first, as they were posted (the source lists newest first).
  updates.sort((a, b) => a.displayAt.getTime() - b.displayAt.getTime() || a.createdAt.getTime() - b.createdAt.getTime());

  let scheduledFor: Date | null = null;
  let scheduledUntil: Date | null = null;
  if (kind === "maintenance") {
    if (!r.scheduled_for) return fail("scheduled_for: a maintenance needs a window");
    scheduledFor = new Date(r.scheduled_for);
    scheduledUntil = new Date(r.scheduled_until ?? r.scheduled_for);
    if (scheduledUntil < scheduledFor) return fail("scheduled_until: the window ends before it starts");
  }
  const postmortem = r.postmortem_body?.trim() ? r.postmortem_body : null;
  return {
    ok: true,
    value: {
      externalId: r.id,
      kind,
      name: r.name,
      impact: kind === "maintenance" || r.impact === "maintenance" ? "none" : r.impact,
      startedAt: kind === "maintenance" ? scheduledFor! : new Date(r.started_at ?? r.created_at),
      createdAt: new Date(r.created_at),
      scheduledFor,
      scheduledUntil,
      postmortem,
      backfilled: r.backfilled ?? false,
      components: r.components.map((c) => ({ externalId: c.id, status: kind === "maintenance" ? "under_maintenance" : setStatus(updates, c.id, c.status) })),
      updates,
    },
  };
}

const SUBSCRIBER_MODES_SKIPPED: Record<string, string> = {
  sms: "SMS subscribers are not supported by Vigil",
  webhook: "webhook subscribers are not imported: add them again in the console (Vigil signs each webhook with a secret its receiver must know)",
  slack: "Slack subscribers are not imported: add their incoming-webhook URL in the console",
  teams: "Microsoft Teams subscribers are not supported by Vigil",
};

/**
 * A v1 subscriber. `listedAsConfirmed`: it came from the source's active (confirmed)
 * list; one from the unconfirmed list, or quarantined (bounced), gets Vigil's confirmation.
 */
export function mapSubscriber(raw: unknown, listedAsConfirmed: boolean): Parsed<SubscriberInput> {
  const p = parseRecord(SourceSubscriber, "subscriber", raw);
  if (!p.ok) return p;
  const s = p.value;
  if (s.mode !== "email") {
    return { ok: false, skip: { kind: "subscriber", id: s.id, reason: SUBSCRIBER_MODES_SKIPPED[s.mode] ?? `mode: ${s.mode} subscribers are not supported` } };
  }
  const email = EmailAddress.safeParse(s.email?.trim().toLowerCase());
  if (!email.success) return { ok: false, skip: { kind: "subscriber", id: s.id, reason: "email: not a valid email address" } };
  return {
    ok: true,
    value: {
      externalId: s.id,
      email: email.data,
      confirmed: listedAsConfirmed && !s.quarantined_at,
      componentExternalIds: (s.components ?? []).map((c) => (typeof c === "string" ? c : c.id)),
      createdAt: s.created_at ? new Date(s.created_at) : null,
    },
  };
}

/** A stable fingerprint of what was imported: a different one on a later run means the source changed the record. */
export function digestOf(value: unknown): string {
  return createHash("sha256")
    .update(JSON.stringify(value, (_key, v: unknown) => (v instanceof Date ? v.toISOString() : v)))
    .digest("hex")
    .slice(0, 32);
}

/** An incident's own fields, without its updates (each update has its own record and digest). */
export function incidentDigest(incident: IncidentInput): string {
  const { updates: _updates, ...own } = incident;
  return digestOf(own);
}
