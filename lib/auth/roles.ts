import type { Role } from "./schemas";

// What each role may do. Checked inside every server action and route handler.
export const PERMISSIONS = [
  "console:read",
  "incidents:write",
  // Deleting an incident or maintenance outright (admins): its history leaves the page.
  "incidents:delete",
  "maintenance:write",
  "components:write",
  "probes:write",
  "team:manage",
  "settings:manage",
  "audit:read",
  "subscribers:manage",
  // Incident templates: editors and admins, as incidents; its own so an API key for templates opens no incident.
  "templates:write",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const GRANTS: Record<Role, readonly Permission[]> = {
  admin: PERMISSIONS,
  editor: ["console:read", "incidents:write", "maintenance:write", "components:write", "probes:write", "subscribers:manage", "templates:write"],
  viewer: ["console:read"],
};

export function can(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}
