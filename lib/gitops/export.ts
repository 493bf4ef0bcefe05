import { Document } from "yaml";
import { ProbeDefinition as ProbeDefinitionSchema, type ProbeDefinition } from "../probes/checks/config";
import { mapStoredConfigSecrets } from "../probes/sealed-config";
import { canonical } from "./plan";
import { STORED } from "./references";
import { SETTINGS_FIELDS, type StoredState } from "./state";

// `vigil export`: what is stored, as the file `vigil apply` takes (pure). Records carry the
// identity apply matches them by (a component's key, the others' id), the page order as
// `order`, and values left at their defaults are left out so the file stays short. Every
// field a probe keeps sealed at rest (sealed-config.ts: passwords, tokens, private keys,
// header values, bodies, URLs with credentials or a query) is written as ${stored}.

const HEADER = `Vigil status as code: \`npm run vigil -- apply <file> [--dry-run] [--prune]\` (docs/status-as-code.md).
Secrets are never exported: \${stored} keeps the value Vigil stores; write \${env:NAME} to set one from the environment.`;

const omitEmpty = <T extends Record<string, unknown>>(o: T): Partial<T> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

/** The definition without the values its schema would fill in anyway (timeouts for the schedule, methods, thresholds…). */
export function minimalDefinition(definition: ProbeDefinition): { check: Record<string, unknown>; schedule: unknown; thresholds?: Record<string, unknown> } {
  const full = canonical(definition);
  const check: Record<string, unknown> = { ...definition.check };
  const thresholds: Record<string, unknown> = { ...definition.thresholds };
  const sameWithout = (target: Record<string, unknown>, key: string) => {
    const value = target[key];
    delete target[key];
    const parsed = ProbeDefinitionSchema.safeParse({ check, schedule: definition.schedule, thresholds });
    if (parsed.success && canonical(parsed.data) === full) return;
    target[key] = value;
  };
  for (const key of Object.keys(check)) if (key !== "kind") sameWithout(check, key);
  for (const key of Object.keys(thresholds)) sameWithout(thresholds, key);
  const sealed = JSON.parse(mapStoredConfigSecrets(JSON.stringify(check), () => STORED)) as Record<string, unknown>;
  return { check: sealed, schedule: definition.schedule, ...(Object.keys(thresholds).length ? { thresholds } : {}) };
}

export interface ExportResult {
  text: string;
  /** Probes left out because they cannot be read here (say which, on stderr). */
  skipped: string[];
}

export function buildExport(state: StoredState): { document: Record<string, unknown>; skipped: string[] } {
  const groupName = new Map(state.groups.map((g) => [g.id, g.name]));
  const componentKey = new Map(state.components.map((c) => [c.id, c.key]));
  const skipped: string[] = [];
  const settings = omitEmpty(
    Object.fromEntries(
      SETTINGS_FIELDS.map((f) => [
        f,
        state.settings[f] === null || (Array.isArray(state.settings[f]) && !(state.settings[f] as unknown[]).length) ? undefined : state.settings[f],
      ]),
    ),
  );
  const byOrder = <T extends { order: number }>(rows: readonly T[]) => [...rows].sort((a, b) => a.order - b.order);
  // Components in page order: a group's at the group's place, then by their place in it.
  const groupOrder = new Map(state.groups.map((g) => [g.id, g.order]));
  const place = (c: StoredState["components"][number]) => (c.groupId === null ? c.order : (groupOrder.get(c.groupId) ?? 0));
  const components = [...state.components].sort((a, b) => place(a) - place(b) || a.order - b.order);
  // Probes with their components, in the same order.
  const rank = new Map(components.map((c, i) => [c.id, i]));
  const probeRows = [...state.probes].sort((a, b) => (rank.get(a.componentId) ?? 0) - (rank.get(b.componentId) ?? 0));
  const probes = probeRows.flatMap((p) => {
    if (!p.definition) {
      skipped.push(`${p.name} (${p.unreadable})`);
      return [];
    }
    const def = minimalDefinition(p.definition);
    return [omitEmpty({ id: p.id, component: componentKey.get(p.componentId), name: p.name, enabled: p.enabled ? undefined : false, ...def })];
  });
  const document = {
    version: 1,
    settings,
    installation: state.installation,
    groups: byOrder(state.groups).map((g) => omitEmpty({ id: g.id, name: g.name, description: g.description ?? undefined, order: g.order })),
    components: components.map((c) =>
      omitEmpty({
        key: c.key,
        name: c.name,
        description: c.description ?? undefined,
        group: c.groupId ? groupName.get(c.groupId) : undefined,
        order: c.order,
        showUptime: c.showUptime ? undefined : false,
        slo: c.slo ?? undefined,
        autoIncident: c.autoIncident || undefined,
        vendor: c.vendor ? omitEmpty({ url: c.vendor.url, component: c.vendor.component ?? undefined, intervalSeconds: c.vendor.intervalSeconds }) : undefined,
      }),
    ),
    probes,
    templates: state.templates.map((t) => ({ id: t.id, name: t.name, title: t.title, status: t.status, body: t.body })),
  };
  return { document, skipped };
}

export function exportStatus(state: StoredState): ExportResult {
  const { document, skipped } = buildExport(state);
  const doc = new Document(document);
  doc.commentBefore = HEADER.split("\n")
    .map((l) => ` ${l}`)
    .join("\n");
  return { text: doc.toString({ lineWidth: 0 }), skipped };
}
