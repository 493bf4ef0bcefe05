import { pageOrder } from "../components/page-order";
import type { DbOrTx } from "../db";
import type { ProbeDefinition } from "../probes/checks/config";
import { parseProbeRow } from "../probes/stored";
import { loadInstallationSettings, loadPageSettings } from "../settings/queries";
import type { SloWindow } from "../components/schemas";

// What is stored, in the shape the plan compares a file with: read in one pass, probe
// secrets opened (they are compared, never printed), page order as positions 0..n-1 in
// each container (the top level shares one order between groups and lone components).

export const SETTINGS_FIELDS = ["name", "url", "timeZone", "locale", "brandColor", "supportUrl", "footerLinks", "aboutMarkdown", "metaDescription"] as const;
export type SettingsField = (typeof SETTINGS_FIELDS)[number];
export type StoredSettings = Record<SettingsField, unknown>;

export interface StoredGroup {
  id: string;
  name: string;
  description: string | null;
  order: number;
}

export interface StoredComponent {
  id: string;
  key: string;
  name: string;
  description: string | null;
  groupId: string | null;
  order: number;
  showUptime: boolean;
  slo: { target: number; window: SloWindow; public: boolean } | null;
  autoIncident: boolean;
  vendor: { url: string; component: string | null; intervalSeconds: number } | null;
}

export interface StoredProbe {
  id: string;
  componentId: string;
  name: string;
  enabled: boolean;
  /** null: the row cannot be read here (written by hand, or sealed with another key). */
  definition: ProbeDefinition | null;
  unreadable?: string;
}

export interface StoredTemplate {
  id: string;
  name: string;
  title: string;
  status: string;
  body: string;
}

export interface StoredState {
  settings: StoredSettings;
  /** The installation's own settings (not the page's). */
  installation: Awaited<ReturnType<typeof loadInstallationSettings>>;
  groups: StoredGroup[];
  components: StoredComponent[];
  probes: StoredProbe[];
  templates: StoredTemplate[];
}

export async function loadStoredState(db: DbOrTx): Promise<StoredState> {
  // Sequential: inside a transaction the queries share one connection.
  const page = await loadPageSettings(db);
  const installation = await loadInstallationSettings(db);
  const groupRows = await db.componentGroup.findMany({ orderBy: [{ position: "asc" }, { createdAt: "asc" }] });
  const componentRows = await db.component.findMany({ orderBy: [{ position: "asc" }, { createdAt: "asc" }], include: { vendorMirror: true } });
  const probeRows = await db.probe.findMany({ orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  const templates = await db.incidentTemplate.findMany({ orderBy: [{ name: "asc" }, { createdAt: "asc" }] });

  const order = new Map<string, number>();
  for (const [index, item] of pageOrder(groupRows, componentRows).entries()) {
    if (item.type === "component") order.set(item.component.id, index);
    else {
      order.set(item.group.id, index);
      for (const [inner, c] of item.components.entries()) order.set(c.id, inner);
    }
  }
  const settings = Object.fromEntries(SETTINGS_FIELDS.map((f) => [f, f === "url" ? page.storedUrl : page[f]])) as StoredSettings;
  return {
    settings,
    installation,
    groups: groupRows.map((g) => ({ id: g.id, name: g.name, description: g.description, order: order.get(g.id) ?? 0 })),
    components: componentRows.map((c) => ({
      id: c.id,
      key: c.slug,
      name: c.name,
      description: c.description,
      groupId: c.groupId,
      order: order.get(c.id) ?? 0,
      showUptime: c.showUptime,
      slo: c.sloTarget === null ? null : { target: c.sloTarget, window: (c.sloWindow ?? "30d") as SloWindow, public: c.sloPublic },
      autoIncident: c.autoIncident,
      vendor: c.vendorMirror ? { url: c.vendorMirror.url, component: c.vendorMirror.vendorComponent, intervalSeconds: c.vendorMirror.intervalSeconds } : null,
    })),
    probes: probeRows.map(storedProbe),
    templates: templates.map((t) => ({ id: t.id, name: t.name, title: t.title, status: t.status, body: t.body })),
  };
}

function storedProbe(row: Parameters<typeof parseProbeRow>[0]): StoredProbe {
  const base = { id: row.id, componentId: row.componentId, name: row.name, enabled: row.enabled };
  try {
    const { check, schedule, thresholds } = parseProbeRow(row);
    return { ...base, definition: { check, schedule, thresholds } };
  } catch (error) {
    return { ...base, definition: null, unreadable: error instanceof Error ? error.message.split("\n")[0] : "unreadable" };
  }
}
