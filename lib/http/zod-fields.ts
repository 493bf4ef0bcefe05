import type { z } from "zod";

// A zod error as `{ field: message }`, the shape every JSON endpoint and form shows next
// to its inputs: the first issue per field wins.

export interface FieldNaming {
  /** The key for an issue about the input as a whole (an empty path): "body", "config". */
  root: string;
  /** Spells a path as a key; by default its segments joined with ".". */
  key?: (path: readonly PropertyKey[]) => string;
  /**
   * Short messages for zod's generic ones: "required", "expected string", and one
   * "unknown field" per unknown key. The management API documents these; the probe
   * tester shows zod's (or the schema's own) text.
   */
  shortMessages?: boolean;
}

const dotted = (path: readonly PropertyKey[]) => path.map(String).join(".");

export function zodFieldMessages(error: z.ZodError, { root, key = dotted, shortMessages = false }: FieldNaming): Record<string, string> {
  // A Map, not an object literal: a field named "__proto__" (a client sent that key) would
  // set the object's prototype instead of becoming a field, leaving `fields` empty.
  const fields = new Map<string, string>();
  const name = (path: readonly PropertyKey[]) => key(path) || root;
  const first = (field: string, message: string) => {
    if (!fields.has(field)) fields.set(field, message);
  };
  for (const issue of error.issues) {
    if (shortMessages && issue.code === "unrecognized_keys") {
      for (const unknown of issue.keys) fields.set(name([...issue.path, unknown]), "unknown field");
    } else if (shortMessages && issue.code === "invalid_type") {
      // zod's default reads "Invalid input: expected string, received undefined".
      first(name(issue.path), /received undefined$/.test(issue.message) ? "required" : `expected ${issue.expected}`);
    } else {
      first(name(issue.path), issue.message);
    }
  }
  // fromEntries defines own properties, so "__proto__" stays an ordinary key.
  return Object.fromEntries(fields);
}

/** Renames a ServiceError's field keys the same way (they are one-segment paths). */
export function renameFields(fields: Record<string, string> | undefined, { root, key = dotted }: FieldNaming): Record<string, string> | undefined {
  return fields && Object.fromEntries(Object.entries(fields).map(([k, v]) => [key([k]) || root, v]));
}
