import type { DbOrTx } from "../db";
import { NotFoundError } from "../errors";

// The public read path's data layer: every query the public pages need, nothing else.

const incidentInclude = {
  updates: { orderBy: [{ displayAt: "desc" as const }, { createdAt: "desc" as const }] },
  components: { include: { component: { select: { id: true, name: true, position: true } } } },
};

export async function loadPageSetting(db: DbOrTx) {
  const page = await db.pageSetting.findUnique({ where: { id: 1 } });
  if (!page) throw new NotFoundError("page settings (run the migrations and seed)");
  return page;
}

export type PageSettingRow = Awaited<ReturnType<typeof loadPageSetting>>;

export async function loadStatusRows(db: DbOrTx, since: Date) {
  const [page, groups, components, changes, before, incidents, maintenances] = await Promise.all([
    loadPageSetting(db),
    db.componentGroup.findMany({ orderBy: { position: "asc" } }),
    db.component.findMany({ orderBy: { position: "asc" } }),
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
    db.incident.findMany({
      where: { kind: "incident", OR: [{ resolvedAt: null }, { startedAt: { gte: since } }] },
      include: incidentInclude,
      orderBy: { startedAt: "desc" },
    }),
    db.incident.findMany({
      where: { kind: "maintenance", status: { not: "completed" } },
      include: incidentInclude,
      orderBy: { scheduledFor: "asc" },
    }),
  ]);
  return { page, groups, components, changes: [...before.reverse(), ...changes], incidents, maintenances };
}

export type StatusRows = Awaited<ReturnType<typeof loadStatusRows>>;
export type IncidentRow = StatusRows["incidents"][number];

export async function loadIncidentRow(db: DbOrTx, id: string) {
  return db.incident.findUnique({ where: { id }, include: incidentInclude });
}

export async function loadIncidentsBetween(db: DbOrTx, from: Date, to: Date) {
  return db.incident.findMany({
    where: { startedAt: { gte: from, lt: to } },
    include: incidentInclude,
    orderBy: { startedAt: "desc" },
  });
}

export async function loadFirstIncidentStart(db: DbOrTx): Promise<Date | null> {
  const first = await db.incident.findFirst({ orderBy: { startedAt: "asc" }, select: { startedAt: true } });
  return first?.startedAt ?? null;
}
