import { Prisma, type DbOrTx } from "../db";

// Multi-row INSERTs for the CSV import. Prisma's createMany spends about 0.3 ms a row
// in its query engine, so 50,000 subscribers held the import's transaction (and, on
// SQLite, the only write connection) for over 20 seconds; plain INSERT … VALUES with
// bound parameters is several times faster (about 5 s in all for 50,000 rows, most of it
// validation before the transaction). Date values go through the same driver
// adapter as Prisma's own writes, so they are stored in the same format. Only tables
// whose every column is given here belong in this list (no database defaults are relied
// on: SQLite's CURRENT_TIMESTAMP would store another date format).

type Table = "Subscriber" | "SubscriberComponent" | "AlertEvent" | "Notification";
export type Value = string | number | Date | null;

/** Well below SQLite's 32,766 bound parameters per statement; bigger statements measured slower on PostgreSQL. */
const MAX_PARAMS = 4_000;

export async function insertRows(db: DbOrTx, table: Table, columns: readonly string[], rows: readonly (readonly Value[])[]): Promise<void> {
  if (!columns.every((c) => /^[A-Za-z]+$/.test(c))) throw new TypeError("insertRows: column names are identifiers");
  const head = Prisma.raw(`INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES `);
  const perStatement = Math.floor(MAX_PARAMS / columns.length);
  for (let i = 0; i < rows.length; i += perStatement) {
    const values = rows.slice(i, i + perStatement).map((row) => {
      if (row.length !== columns.length) throw new TypeError(`insertRows: ${table} rows need ${columns.length} values`);
      return Prisma.sql`(${Prisma.join(row)})`;
    });
    await db.$executeRaw`${head}${Prisma.join(values)}`;
  }
}
