import { PENDING_SECRET, MFA_SECRET } from "../auth/sessions";
import { Prisma, inTransaction, type DbOrTx } from "../db";
import { WEBHOOK_SECRET } from "../notify/outbox/dispatcher";
import { pageSecretPurpose } from "../page/signing";
import { mapStoredConfigSecrets } from "../probes/sealed-config";

// Every column that holds secrets encrypted at rest (lib/crypto/), for the start pass
// (seal what is still plain) and rotation (re-encrypt under the current key). A column
// added here is covered by both; the integration test reads every one of them raw.

export type ChangeSecret = (purpose: string, value: string) => string;

export interface SealedColumn {
  table: string;
  column: string;
  /** Applies `change` to each secret in a stored value (a whole column, or fields of a JSON config). */
  rewrite(stored: string, change: ChangeSecret): string;
}

const whole =
  (purpose: string) =>
  (stored: string, change: ChangeSecret): string =>
    change(purpose, stored);

export const SEALED_COLUMNS: readonly SealedColumn[] = [
  { table: "User", column: "mfaSecret", rewrite: whole(MFA_SECRET) },
  { table: "Session", column: "pendingMfaSecret", rewrite: whole(PENDING_SECRET) },
  { table: "Subscriber", column: "secret", rewrite: whole(WEBHOOK_SECRET) },
  { table: "PageSetting", column: "signingSecret", rewrite: whole(pageSecretPurpose("signingSecret")) },
  { table: "PageSetting", column: "recoveryCodeKey", rewrite: whole(pageSecretPurpose("recoveryCodeKey")) },
  { table: "Probe", column: "config", rewrite: mapStoredConfigSecrets },
];

export const columnName = (c: SealedColumn) => `${c.table}.${c.column}`;

type Row = { id: string | number; value: string };

function sql(c: SealedColumn) {
  // Identifiers from the fixed table above, never from input.
  return { table: Prisma.raw(`"${c.table}"`), column: Prisma.raw(`"${c.column}"`) };
}

export async function readColumn(db: DbOrTx, c: SealedColumn): Promise<Row[]> {
  const { table, column } = sql(c);
  return db.$queryRaw<Row[]>`SELECT "id" AS "id", ${column} AS "value" FROM ${table} WHERE ${column} IS NOT NULL`;
}

export interface ColumnRewrite {
  column: string;
  scanned: number;
  rewritten: number;
  /** Rows whose value is not what this code wrote (a config that is not JSON): left as they are. */
  unreadable: number;
}

/**
 * Rewrites one column in one transaction. Each row is written only if it still holds the
 * value read (compare-and-set), so an edit made meanwhile is never overwritten; the next
 * pass sees it. `change` may throw (a key we do not have): the transaction is rolled back.
 */
export async function rewriteColumn(db: DbOrTx, c: SealedColumn, change: ChangeSecret): Promise<ColumnRewrite> {
  const { table, column } = sql(c);
  return inTransaction(db, async (tx) => {
    const rows = await readColumn(tx, c);
    const result: ColumnRewrite = { column: columnName(c), scanned: rows.length, rewritten: 0, unreadable: 0 };
    for (const row of rows) {
      let next: string;
      try {
        next = c.rewrite(row.value, change);
      } catch (error) {
        if (!(error instanceof SyntaxError)) throw error;
        result.unreadable++;
        continue;
      }
      if (next === row.value) continue;
      result.rewritten += await tx.$executeRaw`UPDATE ${table} SET ${column} = ${next} WHERE "id" = ${row.id} AND ${column} = ${row.value}`;
    }
    return result;
  });
}

/** Calls `visit` with every stored secret (sealed or plain), reading only. */
export async function visitSecrets(db: DbOrTx, visit: (column: string, value: string) => void): Promise<void> {
  for (const c of SEALED_COLUMNS) {
    for (const row of await readColumn(db, c)) {
      try {
        c.rewrite(row.value, (_, value) => {
          visit(columnName(c), value);
          return value;
        });
      } catch (error) {
        if (!(error instanceof SyntaxError)) throw error;
      }
    }
  }
}
