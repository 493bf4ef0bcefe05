import type { Role } from "../schemas";
import type { RoleMapping } from "./schemas";

// Which Vigil role a person's groups at the identity provider give: the highest mapped one.

const RANK: Record<Role, number> = { viewer: 1, editor: 2, admin: 3 };

/**
 * The claim at `path` (pure): the claim of that exact name when there is one (namespaced
 * claims such as https://example.com/groups hold dots), else the dotted path into objects.
 */
export function claimAt(claims: Record<string, unknown>, path: string): unknown {
  if (path in claims) return claims[path];
  let value: unknown = claims;
  for (const key of path.split(".")) {
    if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** The group names a roles claim holds (pure): a list of strings, or one string. */
export function groupsIn(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string");
  return [];
}

/** The highest role the groups map to, or null when none is mapped (pure). */
export function mappedRole(groups: readonly string[], roleMap: readonly RoleMapping[]): Role | null {
  let best: Role | null = null;
  for (const { group, role } of roleMap) {
    if (groups.includes(group) && (best === null || RANK[role] > RANK[best])) best = role;
  }
  return best;
}
