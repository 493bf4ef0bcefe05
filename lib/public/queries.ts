import type { DbOrTx } from "../db";
import { NotFoundError } from "../errors";
import { withPublicUrl } from "../page/public-url";
import { loadIncidents } from "../incidents/read";
import { ComponentStatus, parseStored } from "../status/schemas";

// The public read path's data layer: every query the public pages need, nothing else.

export async function loadPageSetting(db: DbOrTx) {
  const page = await db.pageSetting.findUnique({ where: { id: 1 }, include: { assets: { select: { kind: true, sha256: true, contentType: true } } } });
  if (!page) throw new NotFoundError("page settings (run the migrations and seed)");
  return withPublicUrl(page);
}

export type PageSettingRow = Awaited<ReturnType<typeof loadPageSetting>>;

export async function loadStatusRows(db: DbOrTx, since: Date) {
  const [page, groups, components, changes, before, incidents, maintenances] = await Promise.all([
    loadPageSetting(db),
    db.componentGroup.findMany({ orderBy: { position: "asc" } }),
    db.component.findMany({ orderBy: { position: "asc" }, include: { vendorMirror: { select: { vendorName: true } } } }),
    db.componentStatusChange.findMany({
      where: { at: { gte: since } },
      orderBy: [{ at: "asc" }, { createdAt: "asc" }],
      select: { componentId: true, toStatus: true, at: true },
    }),
    // The status each component had when the window opened.
    db.componentStatusChange.findMany({
      where: { at: { lt: since } },
      orderBy: [{ at: "desc" }, { createdAt: "desc" }],
      distinct: ["componentId"],
      select: { componentId: true, toStatus: true, at: true },
    }),
    loadIncidents(db, { kind: "incident", OR: [{ resolvedAt: null }, { startedAt: { gte: since } }] }, { orderBy: { startedAt: "desc" } }),
    loadIncidents(db, { kind: "maintenance", status: { not: "completed" } }, { orderBy: { scheduledFor: "asc" } }),
  ]);
  return {
    page,
    groups,
    components: components.map((c) => ({ ...c, status: parseStored(ComponentStatus, c.status, `Component ${c.id}.status`) })),
    changes: [...before.reverse(), ...changes].map((c) => ({
      ...c,
      toStatus: parseStored(ComponentStatus, c.toStatus, `ComponentStatusChange of ${c.componentId} at ${c.at.toISOString()}`),
    })),
    incidents,
    maintenances,
  };
}

export type StatusRows = Awaited<ReturnType<typeof loadStatusRows>>;

export async function loadIncidentsBetween(db: DbOrTx, from: Date, to: Date) {
  return loadIncidents(db, { startedAt: { gte: from, lt: to } }, { orderBy: { startedAt: "desc" } });
}

export async function loadFirstIncidentStart(db: DbOrTx): Promise<Date | null> {
  const first = await db.incident.findFirst({ orderBy: { startedAt: "asc" }, select: { startedAt: true } });
  return first?.startedAt ?? null;
}

/** Every incident's and maintenance's id: the public page answers other ids with one shared 404. */
export async function loadIncidentIds(db: DbOrTx): Promise<Set<string>> {
  return new Set((await db.incident.findMany({ select: { id: true } })).map((row) => row.id));
}
