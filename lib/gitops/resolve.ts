import { type ProbeDefinition, ProbeDefinition as ProbeDefinitionSchema } from "../probes/checks/config";
import type { PageSettingsChange } from "../settings/schemas";
import { summaryUrl } from "../vendors/schemas";
import { parseStatusDocument, type StatusDocument, type TemplateEntry, zodIssues } from "./document";
import { fillStoredSecrets, substituteReferences } from "./references";
import type { Path, SourceIssue } from "./source";
import type { StoredComponent, StoredGroup, StoredProbe, StoredState, StoredTemplate } from "./state";

// A parsed file matched against what is stored (pure). Identity, as docs/status-as-code.md
// says: a component is its `key` (the slug); a group, probe or template is its `id` when the
// file gives one that exists here, else its name (a probe's within its component). A section
// the file leaves out is null here: not managed.

/** An existing group (by id), or one this file creates (by name). */
export type GroupRef = { id: string } | { newName: string };
/** An existing component (by id), or one this file creates (by key). */
export type ComponentRef = { id: string } | { newKey: string };

export interface DesiredGroup {
  index: number;
  match: StoredGroup | null;
  name: string;
  description: string | null;
  order: number | undefined;
}

export interface DesiredComponent {
  index: number;
  match: StoredComponent | null;
  key: string;
  name: string;
  description: string | null;
  group: GroupRef | null;
  /** The group's name as the plan prints it. */
  groupName: string | null;
  order: number | undefined;
  showUptime: boolean;
  slo: StoredComponent["slo"];
  autoIncident: boolean;
  vendor: StoredComponent["vendor"];
}

export interface DesiredProbe {
  index: number;
  match: StoredProbe | null;
  name: string;
  component: ComponentRef;
  componentKey: string;
  enabled: boolean;
  definition: ProbeDefinition;
}

export interface DesiredTemplate {
  index: number;
  match: StoredTemplate | null;
  name: string;
  title: string;
  status: TemplateEntry["status"];
  body: string;
}

export interface Desired {
  settings: PageSettingsChange | null;
  installation: StatusDocument["installation"];
  groups: DesiredGroup[] | null;
  components: DesiredComponent[] | null;
  probes: DesiredProbe[] | null;
  templates: DesiredTemplate[] | null;
}

export type Resolved = { ok: true; desired: Desired } | { ok: false; issues: SourceIssue[] };

/**
 * The stored record an entry names by id, else the first one `test` accepts that no earlier
 * entry took and no entry names by id (so a record renamed by id is not taken by its old name).
 */
function matcher<T extends { id: string }>(stored: readonly T[], entries: readonly { id?: string | undefined }[] | null) {
  const named = new Set((entries ?? []).flatMap((e) => (e.id ? [e.id] : [])));
  const taken = new Set<string>();
  return (id: string | undefined, test: (s: T) => boolean): T | null => {
    const found =
      (id ? stored.find((s) => s.id === id && !taken.has(s.id)) : undefined) ?? stored.find((s) => !taken.has(s.id) && !named.has(s.id) && test(s)) ?? null;
    if (found) taken.add(found.id);
    return found;
  };
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

export function resolveDocument(value: unknown, state: StoredState, environment: Record<string, string | undefined>): Resolved {
  const substituted = substituteReferences(value, environment);
  const parsed = parseStatusDocument(substituted.value);
  const issues: SourceIssue[] = [...substituted.issues, ...parsed.issues];
  const doc = parsed.document;
  if (!doc) return { ok: false, issues };

  const matchGroup = matcher(state.groups, doc.groups);
  const groups =
    doc.groups?.map(
      (g, index): DesiredGroup => ({
        index,
        match: matchGroup(g.id, (s) => same(s.name, g.name)),
        name: g.name,
        description: g.description || null,
        order: g.order,
      }),
    ) ?? null;

  const groupRef = (name: string, path: Path): GroupRef | null => {
    if (groups) {
      const found = groups.filter((g) => same(g.name, name));
      if (found.length === 1) return found[0]!.match ? { id: found[0]!.match.id } : { newName: found[0]!.name };
      issues.push({
        path,
        message: found.length ? `${found.length} groups are named "${name}": give them different names` : `no group named "${name}" in groups`,
      });
      return null;
    }
    const stored = state.groups.filter((g) => same(g.name, name));
    if (stored.length === 1) return { id: stored[0]!.id };
    issues.push({
      path,
      message: stored.length ? `${stored.length} stored groups are named "${name}"` : `no group named "${name}" is stored (add a groups section to create it)`,
    });
    return null;
  };

  const byKey = new Map(state.components.map((c) => [c.key, c]));
  const components =
    doc.components?.map(
      (c): DesiredComponent => ({
        index: c.index,
        match: byKey.get(c.key) ?? null,
        key: c.key,
        name: c.name,
        description: c.description || null,
        group: c.group === undefined ? null : groupRef(c.group, ["components", c.index, "group"]),
        groupName: c.group ?? null,
        order: c.order,
        showUptime: c.showUptime,
        slo: c.slo ?? null,
        autoIncident: c.autoIncident,
        vendor: c.vendor ? { url: summaryUrl(c.vendor.url), component: c.vendor.component ?? null, intervalSeconds: c.vendor.intervalSeconds } : null,
      }),
    ) ?? null;

  const componentRef = (key: string, path: Path): ComponentRef | null => {
    if (components) {
      const found = components.find((c) => c.key === key);
      if (found) return found.match ? { id: found.match.id } : { newKey: key };
      issues.push({ path, message: `no component with key "${key}" in components` });
      return null;
    }
    const stored = byKey.get(key);
    if (stored) return { id: stored.id };
    issues.push({ path, message: `no component with key "${key}" is stored` });
    return null;
  };

  const matchProbe = matcher(state.probes, doc.probes);
  const probes: DesiredProbe[] = [];
  for (const p of doc.probes ?? []) {
    const index = p.index;
    const component = componentRef(p.component, ["probes", index, "component"]);
    const componentId = component && "id" in component ? component.id : null;
    const match = matchProbe(p.id, (s) => s.componentId === componentId && same(s.name, p.name));
    const filled = fillStoredSecrets(p.check, match?.definition?.check, ["probes", index, "check"]);
    issues.push(...filled.issues);
    const definition = ProbeDefinitionSchema.safeParse({ check: filled.value, schedule: p.schedule, thresholds: p.thresholds });
    if (!definition.success) issues.push(...zodIssues(definition.error, ["probes", index]));
    if (!component || !definition.success || filled.issues.length) continue;
    probes.push({ index, match, name: p.name, component, componentKey: p.component, enabled: p.enabled, definition: definition.data });
  }

  const matchTemplate = matcher(state.templates, doc.templates);
  const templates =
    doc.templates?.map(
      (t, index): DesiredTemplate => ({
        index,
        match: matchTemplate(t.id, (s) => same(s.name, t.name)),
        name: t.name,
        title: t.title,
        status: t.status,
        body: t.body,
      }),
    ) ?? null;

  if (issues.length) return { ok: false, issues };
  return { ok: true, desired: { settings: doc.settings, installation: doc.installation, groups, components, probes: doc.probes ? probes : null, templates } };
}
