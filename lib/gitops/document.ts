import { z } from "zod";
import { ComponentSlug, CreateComponentInput, GroupInput, SLO_WINDOWS } from "../components/schemas";
import { IncidentTemplateInput } from "../incidents/schemas";
import { PageSettingsInput } from "../settings/schemas";
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
  check: z.record(z.string(), z.unknown(), { error: "check must be a mapping with a kind" }),
  schedule: z.unknown(),
  thresholds: z.unknown().optional(),
});
export type ProbeEntry = z.output<typeof ProbeEntry>;

export const TemplateEntry = z.strictObject({ id: Id, ...IncidentTemplateInput.shape });
export type TemplateEntry = z.output<typeof TemplateEntry>;

type Issue = { path: (string | number)[]; message: string };

/** Issues for entries whose identity repeats an earlier one's. */
function duplicates<T>(entries: readonly T[] | undefined, section: string, field: string, identity: (e: T) => string | undefined, what: string): Issue[] {
  const seen = new Map<string, number>();
  const issues: Issue[] = [];
  for (const [index, entry] of (entries ?? []).entries()) {
    const id = identity(entry);
    if (id === undefined) continue;
    const first = seen.get(id);
    if (first === undefined) seen.set(id, index);
    else issues.push({ path: [section, index, field], message: `${what} is already used by ${section}[${first}]` });
  }
  return issues;
}

export const StatusDocument = z
  .strictObject({
    version: z.literal(1, { error: "version must be 1" }),
    settings: PageSettingsInput.optional(),
    groups: z.array(GroupEntry).optional(),
    components: z.array(ComponentEntry).optional(),
    probes: z.array(ProbeEntry).optional(),
    templates: z.array(TemplateEntry).optional(),
  })
  .superRefine((doc, ctx) => {
    const issues = [
      ...duplicates(doc.groups, "groups", "name", (g) => (g.id ? undefined : g.name.toLowerCase()), "this group name"),
      ...duplicates(doc.groups, "groups", "id", (g) => g.id, "this id"),
      ...duplicates(doc.components, "components", "key", (c) => c.key, "this key"),
      ...duplicates(
        doc.probes,
        "probes",
        "name",
        (p) => (p.id ? undefined : `${p.component}\n${p.name.toLowerCase()}`),
        "this probe name on the same component",
      ),
      ...duplicates(doc.probes, "probes", "id", (p) => p.id, "this id"),
      ...duplicates(doc.templates, "templates", "name", (t) => (t.id ? undefined : t.name.toLowerCase()), "this template name"),
      ...duplicates(doc.templates, "templates", "id", (t) => t.id, "this id"),
    ];
    for (const issue of issues) ctx.addIssue({ code: "custom", ...issue });
  });
export type StatusDocument = z.output<typeof StatusDocument>;
