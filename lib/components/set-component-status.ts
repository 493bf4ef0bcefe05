import type { DbOrTx } from "../db";
import { bumpRevision } from "../page/revision";
import { ComponentStatus, type StatusChangeSource } from "../status/schemas";
import { effectiveStatus } from "./effective-status";

export interface SetComponentStatusInput {
  componentId: string;
  status: ComponentStatus;
  source: StatusChangeSource;
  at: Date;
  note?: string;
  /** Why, for probe-driven changes: the checks that caused it (stored as JSON). */
  evidence?: unknown;
}

/**
 * Records a status change in the history and updates the component's cached status.
 * The cache moves only from the value it had (compare-and-swap), so two writers never
 * record the same transition twice. Returns false when nothing changed.
 */
export async function setComponentStatus(tx: DbOrTx, input: SetComponentStatusInput): Promise<boolean> {
  const status = ComponentStatus.parse(input.status);
  const component = await tx.component.findUniqueOrThrow({
    where: { id: input.componentId },
    select: { status: true },
  });
  if (component.status === status) return false;
  const swapped = await tx.component.updateMany({
    where: { id: input.componentId, status: component.status },
    data: { status },
  });
  if (swapped.count === 0) return false;
  await tx.componentStatusChange.create({
    data: {
      componentId: input.componentId,
      fromStatus: component.status,
      toStatus: status,
      at: input.at,
      source: input.source,
      note: input.note ?? null,
      evidence: input.evidence === undefined ? null : JSON.stringify(input.evidence),
    },
  });
  await bumpRevision(tx);
  return true;
}

export const ACTIVE_MAINTENANCE_STATUSES = ["in_progress", "verifying"] as const;

/**
 * Re-derives a component's status from its layers (maintenance in progress, the
 * status set by hand, probes) and records the change, if any.
 */
export async function recomputeComponentStatus(
  tx: DbOrTx,
  componentId: string,
  change: Omit<SetComponentStatusInput, "componentId" | "status">,
): Promise<boolean> {
  const component = await tx.component.findUniqueOrThrow({
    where: { id: componentId },
    select: { manualStatus: true, observedStatus: true, vendorStatus: true },
  });
  const maintenances = await tx.incidentComponent.count({
    where: { componentId, incident: { kind: "maintenance", status: { in: [...ACTIVE_MAINTENANCE_STATUSES] } } },
  });
  const status = effectiveStatus({
    inMaintenance: maintenances > 0,
    manual: component.manualStatus === null ? null : ComponentStatus.parse(component.manualStatus),
    observed: component.observedStatus === null ? null : ComponentStatus.parse(component.observedStatus),
    vendor: component.vendorStatus === null ? null : ComponentStatus.parse(component.vendorStatus),
  });
  return setComponentStatus(tx, { ...change, componentId, status });
}

/** Sets (or, with null, clears) the status set by hand, then re-derives the component's status. */
export async function setManualStatus(
  tx: DbOrTx,
  componentId: string,
  manual: ComponentStatus | null,
  change: Omit<SetComponentStatusInput, "componentId" | "status">,
): Promise<boolean> {
  await tx.component.update({
    where: { id: componentId },
    data: { manualStatus: manual, manualSetAt: manual === null ? null : change.at },
  });
  return recomputeComponentStatus(tx, componentId, change);
}
