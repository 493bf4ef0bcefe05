import { z } from "zod";
import { ComponentSlug, CreateComponentInput, GroupInput, SLO_WINDOWS } from "../components/schemas";
import { IncidentTemplateInput } from "../incidents/schemas";
import { InstallationSettingsInput, type PageSettingsChange, PageSettingsInput } from "../settings/schemas";
import { INCIDENT_STATUSES, MAINTENANCE_STATUSES } from "../status/schemas";
import { VendorMirrorInput } from "../vendors/schemas";

// The status-as-code file (docs/status-as-code.md), version 1. Every object is strict, so a
// misspelt key is an error naming it rather than a setting silently ignored. A section left
// out of the file is not managed: nothing in it changes, and --prune deletes none of it.
// Probe checks are checked later, with lib/probes' own schema, once ${stored} secrets are
// known (resolve.ts); references between records are resolved there too, against the file
// and what is already stored.

/** Kept by `vigil export` so a rename in the file stays the same record; optional by hand. */
const Id = z.string().min(1).max(64).optional();
const Order = z.number().int("order must be a whole number").min(0, "order must be 0 or more").optional();
const description = z.string().trim().max(500).optional();

export const GroupEntry = z.strictObject({
  id: Id,
  name: GroupInput.shape.name,
  description,
  /** Place among the top level's groups and components without a group; left out: after the numbered ones, in file order. */
  order: Order,
});
export type GroupEntry = z.output<typeof GroupEntry>;

export const SloEntry = z.strictObject({
  target: z.number().min(50, "a target is at least 50 %").max(99.999, "a target is at most 99.999 %"),
  window: z.enum(SLO_WINDOWS).default("30d"),
  public: z.boolean().default(false),
});

export const VendorEntry = z.strictObject({
  url: VendorMirrorInput.shape.url,
  /** The vendor's component id or exact name; left out: the vendor's overall status. */
  component: z.string().trim().min(1).max(200).optional(),
  intervalSeconds: VendorMirrorInput.shape.intervalSeconds,
});
export type VendorEntry = z.output<typeof VendorEntry>;

export const ComponentEntry = z.strictObject({
  /** The component's identity (its slug): probes name it, and it never changes with the name. */
  key: ComponentSlug,
  name: CreateComponentInput.shape.name,
  description,
  /** A group's name, from `groups` or already stored; left out: the top level. */
  group: z.string().trim().min(1).max(100).optional(),
  order: Order,
  showUptime: z.boolean().default(true),
  slo: SloEntry.optional(),
  autoIncident: z.boolean().default(false),
  vendor: VendorEntry.optional(),
});
export type ComponentEntry = z.output<typeof ComponentEntry>;

export const ProbeEntry = z.strictObject({
  id: Id,
  name: z.string().trim().min(1, "name the probe").max(100),
  /** The key of the component the probe feeds. */
  component: ComponentSlug,
  enabled: z.boolean().default(true),
  // Checked in resolve.ts with lib/probes/checks/config.ts once ${stored} is filled in.
  check: z.record(z.string(), z.unknown(), { error: "check is required: a mapping with a kind, e.g. kind: http" }),
  schedule: z.record(z.string(), z.unknown(), { error: "schedule is required, e.g. intervalSeconds: 60" }),
  thresholds: z.record(z.string(), z.unknown(), { error: "thresholds must be a mapping" }).optional(),
});
export type ProbeEntry = z.output<typeof ProbeEntry>;

const TEMPLATE_STATUSES = [...INCIDENT_STATUSES, ...MAINTENANCE_STATUSES] as const;
export const TemplateEntry = z.strictObject({
  id: Id,
  ...IncidentTemplateInput.shape,
  status: z.enum(TEMPLATE_STATUSES, { error: `status must be one of ${TEMPLATE_STATUSES.join(", ")}` }),
});
export type TemplateEntry = z.output<typeof TemplateEntry>;

export type Issue = { path: (string | number)[]; message: string; key?: string };

/** A zod error's issues under `prefix`; an unknown key points at the key itself. */
export function zodIssues(error: z.ZodError, prefix: (string | number)[]): Issue[] {
  return error.issues.map((i) =>
    i.code === "unrecognized_keys"
      ? { path: [...prefix, ...(i.path as (string | number)[])], key: i.keys[0], message: `unknown key ${i.keys.map((k) => `"${k}"`).join(", ")}` }
      : { path: [...prefix, ...(i.path as (string | number)[])], message: i.message },
  );
}

/** Issues for entries whose identity repeats an earlier one's. */
function duplicates<T extends { index: number }>(
  entries: readonly T[] | null,
  section: string,
  field: string,
  identity: (e: T) => string | undefined,
  what: string,
): Issue[] {
  const seen = new Map<string, number>();
  const issues: Issue[] = [];
  for (const entry of entries ?? []) {
    const id = identity(entry);
    if (id === undefined) continue;
    const first = seen.get(id);
    if (first === undefined) seen.set(id, entry.index);
    else issues.push({ path: [section, entry.index, field], message: `${what} is already used by ${section}[${first}]` });
  }
  return issues;
}

const Sections = z.strictObject({
  version: z.literal(1, { error: "version must be 1" }),
  settings: z.unknown().optional(),
  installation: z.unknown().optional(),
  groups: z.array(z.unknown(), { error: "groups must be a list" }).nullish(),
  components: z.array(z.unknown(), { error: "components must be a list" }).nullish(),
  probes: z.array(z.unknown(), { error: "probes must be a list" }).nullish(),
  templates: z.array(z.unknown(), { error: "templates must be a list" }).nullish(),
});

type Indexed<T> = T & { index: number };

/** The file's sections, each entry parsed on its own so one run reports every problem. null: a section the file leaves out. */
export interface StatusDocument {
  settings: PageSettingsChange | null;
  installation: z.output<typeof InstallationSettingsInput> | null;
  groups: Indexed<GroupEntry>[] | null;
  components: Indexed<ComponentEntry>[] | null;
  probes: Indexed<ProbeEntry>[] | null;
  templates: Indexed<TemplateEntry>[] | null;
}

export function parseStatusDocument(value: unknown): { document: StatusDocument | null; issues: Issue[] } {
  const top = Sections.safeParse(value ?? {});
  if (!top.success) return { document: null, issues: zodIssues(top.error, []) };
  const issues: Issue[] = [];
  const section = <S extends z.ZodType>(name: string, list: unknown[] | null | undefined, schema: S): Indexed<z.output<S>>[] | null => {
    if (list === undefined) return null;
    return (list ?? []).flatMap((raw, index) => {
      const parsed = schema.safeParse(raw);
      if (parsed.success) return [{ ...(parsed.data as object), index } as Indexed<z.output<S>>];
      issues.push(...zodIssues(parsed.error, [name, index]));
      return [];
    });
  };
  let settings: PageSettingsChange | null = null;
  if (top.data.settings !== undefined) {
    const parsed = PageSettingsInput.safeParse(top.data.settings);
    if (parsed.success) settings = parsed.data;
    else issues.push(...zodIssues(parsed.error, ["settings"]));
  }
  let installation: StatusDocument["installation"] = null;
  if (top.data.installation !== undefined) {
    const parsed = InstallationSettingsInput.safeParse(top.data.installation);
    if (parsed.success) installation = parsed.data;
    else issues.push(...zodIssues(parsed.error, ["installation"]));
  }
  const document: StatusDocument = {
    settings,
    installation,
    groups: section("groups", top.data.groups, GroupEntry),
    components: section("components", top.data.components, ComponentEntry),
    probes: section("probes", top.data.probes, ProbeEntry),
    templates: section("templates", top.data.templates, TemplateEntry),
  };
  issues.push(
    ...duplicates(document.groups, "groups", "name", (g) => (g.id ? undefined : g.name.toLowerCase()), "this group name"),
    ...duplicates(document.groups, "groups", "id", (g) => g.id, "this id"),
    ...duplicates(document.components, "components", "key", (c) => c.key, "this key"),
    ...duplicates(
      document.probes,
      "probes",
      "name",
      (p) => (p.id ? undefined : `${p.component}\n${p.name.toLowerCase()}`),
      "this probe name on the same component",
    ),
    ...duplicates(document.probes, "probes", "id", (p) => p.id, "this id"),
    ...duplicates(document.templates, "templates", "name", (t) => (t.id ? undefined : t.name.toLowerCase()), "this template name"),
    ...duplicates(document.templates, "templates", "id", (t) => t.id, "this id"),
  );
  return { document, issues };
}
