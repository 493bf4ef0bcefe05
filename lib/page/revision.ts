import type { DbOrTx } from "../db";

/** Marks the public snapshot stale on every instance; call inside the writing transaction. */
export async function bumpRevision(tx: DbOrTx): Promise<void> {
  await tx.pageSetting.updateMany({ where: { id: 1 }, data: { revision: { increment: 1 } } });
}

export async function currentRevision(db: DbOrTx): Promise<number> {
  const row = await db.pageSetting.findUnique({ where: { id: 1 }, select: { revision: true } });
  return row?.revision ?? -1;
}
