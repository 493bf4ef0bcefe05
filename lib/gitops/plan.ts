import { mapStoredConfigSecrets } from "../probes/sealed-config";
import type { Desired, DesiredGroup, GroupRef } from "./resolve";
import { SETTINGS_FIELDS, type StoredState } from "./state";

// What applying a file would change (pure): per record create, update (the fields that
// differ), replace, or, with --prune, delete; records the file does not list are kept and
// reported. Applying the plan is apply.ts; printing it is format.ts.

export type RecordKind = "settings" | "installation" | "group" | "component" | "probe" | "template";

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
  /** A probe secret: the plan says it changes, never what to. */
  secret?: boolean;
}

export type PlanStep =
  | { op: "create"; kind: RecordKind; label: string; index: number }
  | { op: "update"; kind: RecordKind; label: string; index: number; id: string; changes: FieldChange[] }
  /** A probe moved to another component: the old one goes (with its history), a new one comes. */
  | { op: "replace"; kind: "probe"; label: string; index: number; id: string; reason: string }
  | { op: "delete"; kind: RecordKind; label: string; id: string }
  | { op: "order"; kind: "component"; label: string; after: string[] };

export interface Plan {
  steps: PlanStep[];
  /** Stored records the file does not list, kept (with --prune they are delete steps instead). */
  kept: { kind: RecordKind; label: string }[];
  unchanged: number;
}

/** JSON with sorted keys, so two equal values compare equal whatever order their keys came in. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === "object" && v !== null && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1))) : v,
  );
}

const equal = (a: unknown, b: unknown) => canonical(a ?? null) === canonical(b ?? null);

/** Leaf-level differences between two JSON values (a list counts as one value). */
export function diffValues(before: unknown, after: unknown, field: string, secret: (field: string) => boolean = () => false): FieldChange[] {
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys.flatMap((k) => diffValues(before[k], after[k], field ? `${field}.${k}` : k, secret));
  }
  if (equal(before, after)) return [];
  return [{ field, before, after, ...(secret(field) ? { secret: true } : {}) }];
}

function fields(pairs: [string, unknown, unknown][]): FieldChange[] {
  return pairs.flatMap(([field, before, after]) => diffValues(before, after, field));
}

/** The paths of a check's secret fields, by the rule that seals them at rest (sealed-config.ts). */
export function secretPaths(check: unknown): Set<string> {
  const marked = JSON.parse(mapStoredConfigSecrets(JSON.stringify(check), () => "\u0000secret"));
  const out = new Set<string>();
  const walk = (v: unknown, at: string) => {
    if (v === "\u0000secret") out.add(at);
    else if (typeof v === "object" && v !== null) for (const [k, item] of Object.entries(v)) walk(item, at ? `${at}.${k}` : k);
  };
  walk(marked, "check");
  return out;
}

export function planChanges(desired: Desired, state: StoredState, options: { prune: boolean }): Plan {
  const steps: PlanStep[] = [];
  const kept: Plan["kept"] = [];
  let unchanged = 0;
  const groupName = (id: string | null) => state.groups.find((g) => g.id === id)?.name ?? null;
  const componentKey = new Map(state.components.map((c) => [c.id, c.key]));
  const record = (step: PlanStep | null) => (step ? steps.push(step) : unchanged++);

  if (desired.settings) {
    const settings = desired.settings;
    const changes = SETTINGS_FIELDS.flatMap((f) => (settings[f] === undefined ? [] : diffValues(state.settings[f], settings[f], f)));
    record(changes.length ? { op: "update", kind: "settings", label: "settings", index: 0, id: "page", changes } : null);
  }

  if (desired.installation) {
    const installation = desired.installation;
    const changes = (["allowMetadataProbeTargets", "monthlyReportEnabled"] as const).flatMap((f) =>
      installation[f] === undefined ? [] : diffValues(state.installation[f], installation[f], f),
    );
    record(changes.length ? { op: "update", kind: "installation", label: "installation", index: 0, id: "installation", changes } : null);
  }

  const remaining = <T extends { id: string }>(
    kind: RecordKind,
    stored: readonly T[],
    listed: readonly ({ match: { id: string } | null } | null)[] | null,
    label: (s: T) => string,
  ) => {
    if (!listed) return [];
    const matched = new Set(listed.flatMap((d) => (d?.match ? [d.match.id] : [])));
    const rest = stored.filter((s) => !matched.has(s.id));
    if (!options.prune) kept.push(...rest.map((s) => ({ kind, label: label(s) })));
    return options.prune ? rest.map((s) => ({ op: "delete" as const, kind, label: label(s), id: s.id })) : [];
  };

  for (const g of desired.groups ?? []) {
    if (!g.match) record({ op: "create", kind: "group", label: g.name, index: g.index });
    else {
      const changes = fields([
        ["name", g.match.name, g.name],
        ["description", g.match.description, g.description],
      ]);
      record(changes.length ? { op: "update", kind: "group", label: g.name, index: g.index, id: g.match.id, changes } : null);
    }
  }

  for (const c of desired.components ?? []) {
    if (!c.match) {
      record({ op: "create", kind: "component", label: c.name, index: c.index });
      continue;
    }
    const m = c.match;
    const groupChange = !equal(m.groupId, c.group && "id" in c.group ? c.group.id : c.group ? `new:${c.group.newName}` : null);
    const changes = [
      ...fields([
        ["name", m.name, c.name],
        ["description", m.description, c.description],
      ]),
      ...(groupChange ? [{ field: "group", before: groupName(m.groupId), after: c.groupName }] : []),
      ...fields([
        ["showUptime", m.showUptime, c.showUptime],
        ["slo", m.slo, c.slo],
        ["autoIncident", m.autoIncident, c.autoIncident],
        ["vendor", m.vendor, c.vendor],
      ]),
    ];
    record(changes.length ? { op: "update", kind: "component", label: c.name, index: c.index, id: m.id, changes } : null);
  }

  for (const p of desired.probes ?? []) {
    const label = `${p.name}" on "${p.componentKey}`;
    const componentId = "id" in p.component ? p.component.id : null;
    if (!p.match) record({ op: "create", kind: "probe", label, index: p.index });
    else if (p.match.componentId !== componentId) {
      record({ op: "replace", kind: "probe", label, index: p.index, id: p.match.id, reason: `moves from "${componentKey.get(p.match.componentId)}"` });
    } else {
      const secret = new Set([...secretPaths(p.definition.check), ...(p.match.definition ? secretPaths(p.match.definition.check) : [])]);
      const changes = [
        ...fields([
          ["name", p.match.name, p.name],
          ["enabled", p.match.enabled, p.enabled],
        ]),
        ...(p.match.definition
          ? diffValues(p.match.definition, p.definition, "", (f) => secret.has(f) || [...secret].some((s) => f.startsWith(`${s}.`)))
          : [{ field: "check", before: "(unreadable)", after: "(as in the file)" }]),
      ];
      record(changes.length ? { op: "update", kind: "probe", label, index: p.index, id: p.match.id, changes } : null);
    }
  }

  for (const t of desired.templates ?? []) {
    if (!t.match) record({ op: "create", kind: "template", label: t.name, index: t.index });
    else {
      const changes = fields([
        ["name", t.match.name, t.name],
        ["title", t.match.title, t.title],
        ["status", t.match.status, t.status],
        ["body", t.match.body, t.body],
      ]);
      record(changes.length ? { op: "update", kind: "template", label: t.name, index: t.index, id: t.match.id, changes } : null);
    }
  }

  const order = orderStep(desired, state);
  if (order) steps.push(order);

  // Deletes last, the reverse of the creation order: probes, templates, components, groups.
  steps.push(
    ...remaining("probe", state.probes, desired.probes, (s) => `${s.name}" on "${componentKey.get(s.componentId)}`),
    ...remaining("template", state.templates, desired.templates, (s) => s.name),
    ...remaining("component", state.components, desired.components, (s) => s.name),
    ...remaining("group", state.groups, desired.groups, (s) => s.name),
  );
  return { steps, kept, unchanged };
}

// --- page order -------------------------------------------------------------------

/** The page as containers of tokens: "" is the top level, "g:<id>" or "g:new:<name>" a group; items "c:<key>" or a group's token. */
export type PageTree = Map<string, string[]>;

const groupToken = (ref: GroupRef) => ("id" in ref ? `g:${ref.id}` : `g:new:${ref.newName}`);
const desiredGroupToken = (g: DesiredGroup) => (g.match ? `g:${g.match.id}` : `g:new:${g.name}`);
const rank = (order: number | undefined) => order ?? Number.POSITIVE_INFINITY;

/** The order the file asks for: by `order`, then file order; on a tie a component before a group (components/page-order.ts). */
export function desiredTree(desired: Desired): PageTree {
  const tree: PageTree = new Map([["", []]]);
  type Item = { token: string; order: number | undefined; kind: number; index: number };
  const containers = new Map<string, Item[]>([["", []]]);
  const push = (container: string, item: Item) => containers.set(container, [...(containers.get(container) ?? []), item]);
  for (const g of desired.groups ?? []) {
    push("", { token: desiredGroupToken(g), order: g.order, kind: 1, index: g.index });
    containers.set(desiredGroupToken(g), containers.get(desiredGroupToken(g)) ?? []);
  }
  for (const c of desired.components ?? []) push(c.group ? groupToken(c.group) : "", { token: `c:${c.key}`, order: c.order, kind: 0, index: c.index });
  for (const [container, items] of containers) {
    const sorted = [...items].sort((a, b) => rank(a.order) - rank(b.order) || a.kind - b.kind || a.index - b.index);
    tree.set(
      container,
      sorted.map((i) => i.token),
    );
  }
  return tree;
}

/** The stored page, as a tree. */
export function storedTree(state: Pick<StoredState, "groups" | "components">): PageTree {
  const tree: PageTree = new Map([["", []]]);
  const top = [
    ...state.components.filter((c) => c.groupId === null).map((c) => ({ token: `c:${c.key}`, order: c.order, kind: 0 })),
    ...state.groups.map((g) => ({ token: `g:${g.id}`, order: g.order, kind: 1 })),
  ].sort((a, b) => a.order - b.order || a.kind - b.kind);
  tree.set(
    "",
    top.map((t) => t.token),
  );
  for (const g of state.groups) {
    tree.set(
      `g:${g.id}`,
      state.components
        .filter((c) => c.groupId === g.id)
        .sort((a, b) => a.order - b.order)
        .map((c) => `c:${c.key}`),
    );
  }
  return tree;
}

/** Whether each container the file lists holds the file's items in the file's order (items it does not list are ignored). */
export function sameOrder(wanted: PageTree, actual: PageTree): boolean {
  const listed = new Set([...wanted.values()].flat());
  for (const [container, items] of wanted) {
    const present = (actual.get(container) ?? []).filter((t) => listed.has(t));
    if (!equal(present, items)) return false;
  }
  return true;
}

/** The page after creates and moves put new items last (what the verbs do), before any reorder. */
function predictedTree(desired: Desired, state: StoredState): PageTree {
  const tree = storedTree(state);
  const append = (container: string, token: string) => tree.set(container, [...(tree.get(container) ?? []), token]);
  for (const g of desired.groups ?? []) if (!g.match) append("", desiredGroupToken(g));
  for (const c of desired.components ?? []) {
    const target = c.group ? groupToken(c.group) : "";
    const current = c.match ? (c.match.groupId ? `g:${c.match.groupId}` : "") : null;
    if (current === target) continue;
    if (current !== null)
      tree.set(
        current,
        (tree.get(current) ?? []).filter((t) => t !== `c:${c.key}`),
      );
    append(target, `c:${c.key}`);
  }
  return tree;
}

function orderStep(desired: Desired, state: StoredState): PlanStep | null {
  if (!desired.groups && !desired.components) return null;
  const wanted = desiredTree(desired);
  if (sameOrder(wanted, predictedTree(desired, state))) return null;
  const names = new Map<string, string>([
    ...(desired.groups ?? []).map((g): [string, string] => [desiredGroupToken(g), g.name]),
    ...state.groups.map((g): [string, string] => [`g:${g.id}`, g.name]),
  ]);
  const label = (token: string): string => {
    if (token.startsWith("c:")) return token.slice(2);
    const inner = wanted.get(token) ?? [];
    return `${names.get(token) ?? token} (${inner.map(label).join(", ")})`;
  };
  return { op: "order", kind: "component", label: "page order", after: (wanted.get("") ?? []).map(label) };
}
