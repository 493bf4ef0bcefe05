import { SYSTEM_ACTOR } from "../audit/record";
import type { StaffContext } from "../auth/staff";
import { addComponent, createGroup, deleteComponent, deleteGroup, reorderPage, updateComponent, updateGroup } from "../components/staff-verbs";
import type { PageOrderInput } from "../components/schemas";
import type { Db, Tx } from "../db";
import { createTemplate, deleteTemplate, updateTemplate } from "../incidents/templates";
import { createProbe, deleteProbe, setAutoIncident, updateProbe } from "../probes/staff-verbs";
import { updateInstallationSettings, updatePageSettings } from "../settings/staff-verbs";
import type { VendorFetcher } from "../vendors/fetch";
import { removeVendorMirror, setVendorMirror } from "../vendors/mirror";
import { desiredTree, type PageTree, type Plan, type PlanStep, sameOrder, storedTree } from "./plan";
import type { ComponentRef, Desired, DesiredComponent, DesiredProbe, GroupRef } from "./resolve";
import { loadStoredState } from "./state";

// Applies a plan through the same staff verbs the console and the management API call, so
// every change is validated, audited (as the CLI actor) and bumps the page revision, all in
// one transaction: a refused step leaves nothing half-applied. Order: settings (the page's,
// then the installation's), groups,
// components, probes, templates, then deletes (probes first, groups last), then the page
// order, which needs every record in place. Setting a vendor mirror reads the vendor once
// inside the transaction (setVendorMirror checks the address that way); that holds the
// write lock for one bounded fetch, acceptable for a command run by hand or in CI.

/** Who `vigil apply` audits as: a shell user, like admin:password. */
export function cliStaff(name = "vigil apply"): StaffContext {
  return { role: "admin", actor: { ...SYSTEM_ACTOR, email: name }, sessionId: null };
}

export interface ApplyResult {
  /** A new heartbeat probe's URL token: shown once, as the console does. */
  heartbeatTokens: { probe: string; token: string }[];
}

export async function applyPlan(
  db: Db,
  staff: StaffContext,
  desired: Desired,
  plan: Plan,
  options: { fetcher: VendorFetcher; now?: Date },
): Promise<ApplyResult> {
  const now = options.now ?? new Date();
  return db.$transaction((tx) => run(tx, staff, desired, plan, options.fetcher, now), { timeout: 120_000, maxWait: 10_000 });
}

async function run(tx: Tx, staff: StaffContext, desired: Desired, plan: Plan, fetcher: VendorFetcher, now: Date): Promise<ApplyResult> {
  const createdGroups = new Map<string, string>();
  const createdComponents = new Map<string, string>();
  const heartbeatTokens: ApplyResult["heartbeatTokens"] = [];
  const groupId = (ref: GroupRef | null) => (ref === null ? null : "id" in ref ? ref.id : createdGroups.get(ref.newName)!);
  const componentId = (ref: ComponentRef) => ("id" in ref ? ref.id : createdComponents.get(ref.newKey)!);
  const of = <T extends { index: number }>(list: readonly T[] | null, step: { index: number }) => list!.find((d) => d.index === step.index)!;
  type Indexed = Extract<PlanStep, { index: number }>;
  const steps = (kind: PlanStep["kind"], ...ops: Indexed["op"][]) =>
    plan.steps.filter((s): s is Indexed => s.kind === kind && (ops as string[]).includes(s.op));

  for (const step of steps("settings", "update")) {
    if (step.op !== "update") continue;
    const change = Object.fromEntries(step.changes.map((c) => c.field.split(".")[0]!).map((f) => [f, desired.settings![f as keyof typeof desired.settings]]));
    await updatePageSettings(tx, staff, change);
  }

  if (desired.installation && steps("installation", "update").length) await updateInstallationSettings(tx, staff, desired.installation);

  for (const step of steps("group", "create", "update")) {
    const g = of(desired.groups, step);
    const input = { name: g.name, description: g.description ?? undefined };
    if (step.op === "create") createdGroups.set(g.name, (await createGroup(tx, staff, input)).id);
    else if (step.op === "update") await updateGroup(tx, staff, step.id, input);
  }

  for (const step of steps("component", "create", "update")) {
    const c = of(desired.components, step);
    if (step.op === "create") {
      const created = await addComponent(
        tx,
        staff,
        { name: c.name, description: c.description ?? undefined, groupId: groupId(c.group) ?? undefined, slug: c.key },
        now,
      );
      createdComponents.set(c.key, created.id);
      if (!c.showUptime || c.slo) await updateComponent(tx, staff, componentFields(created.id, c, groupId(c.group)));
      if (c.autoIncident) await setAutoIncident(tx, staff, { componentId: created.id, enabled: true });
      if (c.vendor) await setVendorMirror(tx, staff, vendorInput(created.id, c.vendor), fetcher, now);
      continue;
    }
    if (step.op !== "update") continue;
    const changed = new Set(step.changes.map((ch) => ch.field.split(".")[0]));
    if (["name", "description", "group", "showUptime", "slo"].some((f) => changed.has(f))) {
      await updateComponent(tx, staff, componentFields(step.id, c, groupId(c.group)));
    }
    if (changed.has("autoIncident")) await setAutoIncident(tx, staff, { componentId: step.id, enabled: c.autoIncident });
    if (changed.has("vendor")) {
      if (c.vendor) await setVendorMirror(tx, staff, vendorInput(step.id, c.vendor), fetcher, now);
      else await removeVendorMirror(tx, staff, step.id, now);
    }
  }

  for (const step of steps("probe", "create", "update", "replace")) {
    const p = of(desired.probes, step);
    if (step.op === "update") {
      await updateProbe(tx, staff, { probeId: step.id, ...probeFields(p) }, now);
      continue;
    }
    if (step.op === "replace") await deleteProbe(tx, staff, step.id, now);
    const created = await createProbe(tx, staff, { componentId: componentId(p.component), ...probeFields(p) }, now);
    if ("heartbeatToken" in created && created.heartbeatToken) heartbeatTokens.push({ probe: p.name, token: created.heartbeatToken });
  }

  for (const step of steps("template", "create", "update")) {
    const t = of(desired.templates, step);
    const input = { name: t.name, title: t.title, status: t.status, body: t.body };
    if (step.op === "create") await createTemplate(tx, staff, input);
    else if (step.op === "update") await updateTemplate(tx, staff, step.id, input);
  }

  for (const step of plan.steps) {
    if (step.op !== "delete") continue;
    if (step.kind === "probe") await deleteProbe(tx, staff, step.id, now);
    if (step.kind === "template") await deleteTemplate(tx, staff, step.id);
    if (step.kind === "component") await deleteComponent(tx, staff, step.id);
    if (step.kind === "group") await deleteGroup(tx, staff, step.id);
  }

  if (desired.groups || desired.components) await applyOrder(tx, staff, desired, createdGroups);
  return { heartbeatTokens };
}

function componentFields(componentId: string, c: DesiredComponent, groupId: string | null) {
  return {
    componentId,
    name: c.name,
    description: c.description ?? undefined,
    groupId: groupId ?? undefined,
    showUptime: c.showUptime,
    sloTarget: c.slo?.target ?? null,
    sloWindow: c.slo?.window,
    sloPublic: c.slo?.public ?? false,
  };
}

function vendorInput(componentId: string, vendor: NonNullable<DesiredComponent["vendor"]>) {
  return { componentId, url: vendor.url, vendorComponent: vendor.component ?? "", intervalSeconds: vendor.intervalSeconds };
}

function probeFields(p: DesiredProbe) {
  return { name: p.name, enabled: p.enabled, check: p.definition.check, schedule: p.definition.schedule, thresholds: p.definition.thresholds };
}

/**
 * Puts the page in the file's order when it is not already: the file's items in its order,
 * then in each container what the file does not list, in its current order.
 */
async function applyOrder(tx: Tx, staff: StaffContext, desired: Desired, createdGroups: Map<string, string>): Promise<void> {
  const state = await loadStoredState(tx);
  const translate = (token: string) => (token.startsWith("g:new:") ? `g:${createdGroups.get(token.slice("g:new:".length))}` : token);
  const wanted: PageTree = new Map([...desiredTree(desired)].map(([container, items]) => [translate(container), items.map(translate)]));
  const actual = storedTree(state);
  if (sameOrder(wanted, actual)) return;
  const merged = (container: string) => {
    const listed = wanted.get(container) ?? [];
    return [...listed, ...(actual.get(container) ?? []).filter((t) => !listed.includes(t))];
  };
  const idOfKey = new Map(state.components.map((c) => [`c:${c.key}`, c.id]));
  const items: PageOrderInput["items"] = merged("").map((token) =>
    token.startsWith("c:")
      ? { type: "component", id: idOfKey.get(token)! }
      : { type: "group", id: token.slice(2), components: merged(token).map((t) => idOfKey.get(t)!) },
  );
  await reorderPage(tx, staff, { items });
}
