import { z } from "zod";
import { InvalidInputError } from "../../errors";

// Cursor pagination for every list: `?limit=` (default 50, at most 200) and an opaque
// `?cursor=`, the base64url JSON of the last item's sort key and id. The next page
// starts strictly after that key, so a record inserted between two requests never
// shifts a page (no duplicates or gaps, unlike an offset).

export type SortKey = (string | number)[];

export const PageQuery = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional().describe("next_cursor from the previous page."),
};

export function encodeCursor(key: SortKey): string {
  return Buffer.from(JSON.stringify(key)).toString("base64url");
}

const CursorKey = z
  .array(z.union([z.string().max(200), z.number()]))
  .min(1)
  .max(4);

export function decodeCursor(cursor: string | undefined, length: number): SortKey | null {
  if (cursor === undefined) return null;
  try {
    const key = CursorKey.parse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
    if (key.length === length) return key;
  } catch {
    // Falls through to the error below.
  }
  throw new InvalidInputError("This cursor is not valid; pass next_cursor from the previous page unchanged.", { cursor: "not a cursor from this list" });
}

/** One page of `items` already fetched in sort order with `limit + 1` rows: the extra row only says there is more. */
export function pageOf<T>(items: T[], limit: number, keyOf: (item: T) => SortKey): { items: T[]; nextCursor: string | null } {
  const page = items.slice(0, limit);
  const last = page.at(-1);
  return { items: page, nextCursor: items.length > limit && last ? encodeCursor(keyOf(last)) : null };
}

/** Compares sort keys element by element (numbers as numbers, strings by code unit, like the databases' `ORDER BY … COLLATE "C"`). */
export function compareKeys(a: SortKey, b: SortKey): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x === y) continue;
    return x < y ? -1 : 1;
  }
  return 0;
}

const INVALID_CURSOR = () =>
  new InvalidInputError("This cursor is not valid; pass next_cursor from the previous page unchanged.", { cursor: "not a cursor from this list" });

/** A cursor's timestamp part: anything but a time a Date can hold is a bad cursor (400), never a query the database refuses (500). */
export function cursorDate(key: SortKey): Date {
  const at = typeof key[0] === "number" ? new Date(key[0]) : new Date(Number.NaN);
  if (Number.isNaN(at.getTime())) throw INVALID_CURSOR();
  return at;
}

/** Prisma's "after this key" for a (timestamp, id) order, descending or ascending. */
export function afterTimestampAndId(field: string, key: SortKey | null, direction: "asc" | "desc"): Record<string, unknown> {
  if (!key) return {};
  const at = cursorDate(key);
  const id = String(key[1]);
  const op = direction === "desc" ? "lt" : "gt";
  return { OR: [{ [field]: { [op]: at } }, { [field]: at, id: { [op]: id } }] };
}
