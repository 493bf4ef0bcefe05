import {
  type ComponentInput,
  digestOf,
  type GroupInput,
  type IncidentInput,
  incidentDigest,
  mapComponents,
  mapIncident,
  mapPage,
  mapSubscriber,
  type PageInput,
  RECORD_KINDS,
  type RecordKind,
  type Skip,
  type SubscriberInput,
  type UpdateInput,
} from "./map";
import type { RawSource } from "./fetch";

// What an import will do, decided before anything is written (and all a dry run shows):
// each record is created when the source's id was never imported, updated when its
// digest changed since, and otherwise left unchanged. Pure; write.ts carries it out.

export type Action = "create" | "update" | "unchanged";

export interface Planned<T> {
  input: T;
  action: Action;
  /** The local row an earlier run made (null when creating). */
  localId: string | null;
  digest: string;
}

export interface PlannedIncident extends Planned<IncidentInput> {
  updates: Planned<UpdateInput>[];
}

export interface MappedSource {
  page: PageInput;
  groups: GroupInput[];
  components: ComponentInput[];
  incidents: IncidentInput[];
  subscribers: SubscriberInput[];
  skipped: Skip[];
}

export interface Plan {
  /** ImportedRecord.source: the source page's own id, so a page that moves address stays one source. */
  source: string;
  page: Planned<PageInput>;
  groups: Planned<GroupInput>[];
  components: Planned<ComponentInput>[];
  incidents: PlannedIncident[];
  subscribers: Planned<SubscriberInput>[];
  skipped: Skip[];
}

export interface ImportedRef {
  localId: string;
  digest: string;
}

/** Earlier runs' records, by `${kind}:${externalId}`. */
export type ImportedRefs = ReadonlyMap<string, ImportedRef>;
export const refKey = (kind: RecordKind, externalId: string) => `${kind}:${externalId}`;

export function sourceKey(pageId: string): string {
  return `statuspage:${pageId}`;
}

/** Parses every record of the source; what fails is listed in `skipped`, the rest is kept. An error: the source has no page to import. */
export function mapSource(raw: RawSource): { mapped: MappedSource } | { error: string } {
  const page = mapPage(raw.page);
  if (!page.ok) return { error: `The source's page is not a Statuspage page (${page.skip.reason}).` };
  const { groups, components, skipped } = mapComponents(raw.components);
  const incidents = new Map<string, IncidentInput>();
  const add = (list: readonly unknown[], kind?: "incident" | "maintenance") => {
    for (const r of list) {
      const m = mapIncident(r, kind);
      if (!m.ok) {
        // Listed twice (incidents.json and the summary): report it once.
        if (!skipped.some((s) => s.kind === m.skip.kind && s.id === m.skip.id)) skipped.push(m.skip);
      } else if (!incidents.has(m.value.externalId)) incidents.set(m.value.externalId, m.value);
    }
  };
  if (raw.v1Incidents) add(raw.v1Incidents);
  add(raw.incidents, "incident");
  add(raw.maintenances, "maintenance");
  const subscribers = new Map<string, SubscriberInput>();
  const addSubscribers = (list: readonly unknown[], confirmed: boolean) => {
    for (const r of list) {
      const m = mapSubscriber(r, confirmed);
      if (!m.ok) skipped.push(m.skip);
      else if (!subscribers.has(m.value.externalId)) subscribers.set(m.value.externalId, m.value);
    }
  };
  addSubscribers(raw.confirmedSubscribers, true);
  addSubscribers(raw.unconfirmedSubscribers, false);
  return {
    mapped: { page: page.value, groups, components, incidents: [...incidents.values()], subscribers: [...subscribers.values()], skipped },
  };
}

function decide<T>(refs: ImportedRefs, kind: RecordKind, externalId: string, input: T, digest: string): Planned<T> {
  const ref = refs.get(refKey(kind, externalId));
  if (!ref) return { input, action: "create", localId: null, digest };
  return { input, action: ref.digest === digest ? "unchanged" : "update", localId: ref.localId, digest };
}

export function planImport(mapped: MappedSource, refs: ImportedRefs): Plan {
  return {
    source: sourceKey(mapped.page.externalId),
    // The page's name and zone are taken once, on the first run: later, staff own them.
    page: decide(refs, "page", mapped.page.externalId, mapped.page, digestOf(mapped.page.externalId)),
    groups: mapped.groups.map((g) => decide(refs, "group", g.externalId, g, digestOf(g))),
    components: mapped.components.map((c) => decide(refs, "component", c.externalId, c, digestOf(c))),
    incidents: mapped.incidents.map((i) => ({
      ...decide(refs, i.kind, i.externalId, i, incidentDigest(i)),
      updates: i.updates.map((u) => decide(refs, "update", u.externalId, u, digestOf(u))),
    })),
    subscribers: mapped.subscribers.map((s) => decide(refs, "subscriber", s.externalId, s, digestOf(s))),
    skipped: mapped.skipped,
  };
}

export interface Counts {
  created: number;
  updated: number;
  unchanged: number;
  skipped: number;
}

export interface ImportSummary {
  source: string;
  dryRun: boolean;
  counts: Record<RecordKind, Counts>;
  skipped: Skip[];
}

const ACTION_COUNT: Record<Action, keyof Counts> = { create: "created", update: "updated", unchanged: "unchanged" };

/** The plan's counts per kind (after write.ts, the plan holds only what was written; failures moved to `skipped`). */
export function summarize(plan: Plan, dryRun: boolean): ImportSummary {
  const counts = Object.fromEntries(RECORD_KINDS.map((k) => [k, { created: 0, updated: 0, unchanged: 0, skipped: 0 }])) as Record<RecordKind, Counts>;
  const count = (kind: RecordKind, p: Planned<unknown>) => counts[kind][ACTION_COUNT[p.action]]++;
  count("page", plan.page);
  for (const g of plan.groups) count("group", g);
  for (const c of plan.components) count("component", c);
  for (const i of plan.incidents) {
    count(i.input.kind, i);
    for (const u of i.updates) count("update", u);
  }
  for (const s of plan.subscribers) count("subscriber", s);
  for (const s of plan.skipped) counts[s.kind].skipped++;
  return { source: plan.source, dryRun, counts, skipped: plan.skipped };
}

const PLURAL: Record<RecordKind, string> = {
  page: "page",
  group: "groups",
  component: "components",
  incident: "incidents",
  maintenance: "maintenances",
  update: "updates",
  subscriber: "subscribers",
};

/** The summary as lines for a terminal or the console. */
export function formatSummary(summary: ImportSummary): string[] {
  const verb = summary.dryRun ? { created: "to create", updated: "to update" } : { created: "created", updated: "updated" };
  const lines = RECORD_KINDS.filter((k) => k !== "page").map((k) => {
    const c = summary.counts[k];
    return `${PLURAL[k]}: ${c.created} ${verb.created}, ${c.updated} ${verb.updated}, ${c.unchanged} unchanged, ${c.skipped} skipped`;
  });
  for (const s of summary.skipped) lines.push(`skipped ${s.kind} ${s.id}: ${s.reason}`);
  return lines;
}

/** How many records the run handles, for a progress bar. */
export function planSize(plan: Plan): number {
  return 1 + plan.groups.length + plan.components.length + plan.incidents.length + plan.subscribers.length;
}
