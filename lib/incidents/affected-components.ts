import { z } from "zod";
import { ComponentStatus } from "../status/schemas";

// The IncidentUpdate.affectedComponents column: what an update did to each component, as a
// JSON list in Statuspage's affected_components shape (snake_case, `code` is the component
// id), or null. The stored bytes keep that shape so existing rows read back unchanged and
// the Statuspage API can show a decoded list as is.

export const AffectedComponentChange = z.strictObject({
  code: z.string(),
  name: z.string(),
  old_status: ComponentStatus,
  new_status: ComponentStatus,
});
export type AffectedComponentChange = z.infer<typeof AffectedComponentChange>;

const AffectedComponentChanges = z.array(AffectedComponentChange);

/** The column's text for a list (null: the update lists none). Keys are written in the schema's order. */
export function encodeAffectedComponents(list: readonly AffectedComponentChange[] | null): string | null {
  if (list === null) return null;
  return JSON.stringify(AffectedComponentChanges.parse(list));
}

/**
 * The stored list, or null when there is none. A value that is not JSON or not this shape
 * also reads as null rather than throwing: only encodeAffectedComponents writes the column,
 * so that means a hand-edited row, and it should cost that one field, not every Statuspage
 * endpoint or every later alert for the incident (alerts list all its updates). The
 * Statuspage API has always read it this way.
 */
export function decodeAffectedComponents(text: string | null): AffectedComponentChange[] | null {
  if (text === null) return null;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = AffectedComponentChanges.safeParse(json);
  return parsed.success ? parsed.data : null;
}
