// universal: pure (no node: imports), shared by the poller and the console's preview.
// Reading a vendor's Statuspage-compatible summary.json (Statuspage, Vigil, Instatus and
// others publish this shape) and deciding what a mirrored component shows. Only the fields
// used are required: vendors add their own, and a mirror must not break on them.
import { z } from "zod";
import { COMPONENT_STATUSES, type ComponentStatus } from "../status/schemas";

const VendorComponent = z.object({
  id: z.string().min(1),
  name: z.string(),
  status: z.string(),
  group: z.boolean().optional(),
});

export const VendorSummary = z.object({
  page: z.object({ name: z.string().min(1).max(200) }),
  status: z.object({ indicator: z.string() }),
  components: z.array(VendorComponent).max(5000).default([]),
});
export type VendorSummary = z.infer<typeof VendorSummary>;

/** Statuspage's page indicator as a component status: what "the vendor as a whole" shows. */
const INDICATOR_STATUS: Record<string, ComponentStatus> = {
  none: "operational",
  minor: "degraded_performance",
  major: "partial_outage",
  critical: "major_outage",
  maintenance: "under_maintenance",
};

export type MirrorReading = { ok: true; status: ComponentStatus; vendorName: string; componentName: string | null } | { ok: false; error: string };

const isComponentStatus = (s: string): s is ComponentStatus => (COMPONENT_STATUSES as readonly string[]).includes(s);

/**
 * What a mirror of `vendorComponent` (an id, or an exact name, case-insensitive; null: the
 * whole page) shows from a parsed summary, or why it cannot say.
 */
export function readMirror(summary: VendorSummary, vendorComponent: string | null): MirrorReading {
  const vendorName = summary.page.name;
  if (vendorComponent === null) {
    const status = INDICATOR_STATUS[summary.status.indicator];
    return status
      ? { ok: true, status, vendorName, componentName: null }
      : { ok: false, error: `${vendorName} reports an unknown overall status "${summary.status.indicator}"` };
  }
  const wanted = vendorComponent.trim().toLowerCase();
  const found = summary.components.find((c) => c.id === vendorComponent) ?? summary.components.find((c) => c.name.trim().toLowerCase() === wanted);
  if (!found) return { ok: false, error: `${vendorName} lists no component "${vendorComponent}"` };
  if (!isComponentStatus(found.status)) return { ok: false, error: `${vendorName} reports an unknown status "${found.status}" for ${found.name}` };
  return { ok: true, status: found.status, vendorName, componentName: found.name };
}

/** Parses a summary.json body, or says in one line why it is not one. */
export function parseVendorSummary(body: string): { ok: true; summary: VendorSummary } | { ok: false; error: string } {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { ok: false, error: "the address did not answer JSON" };
  }
  const parsed = VendorSummary.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, error: `not a Statuspage summary.json (${issue.path.join(".") || "body"}: ${issue.message})` };
  }
  return { ok: true, summary: parsed.data };
}
