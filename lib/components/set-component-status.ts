import type { DbOrTx } from "../db";
import { bumpRevision } from "../page/revision";
import { ComponentStatus, type StatusChangeSource } from "../status/schemas";

export interface SetComponentStatusInput {
  componentId: string;
  status: ComponentStatus;
  source: StatusChangeSource;
  at: Date;
  note?: string;
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
    },
  });
  await bumpRevision(tx);
  return true;
}
