import type { Actor } from "../audit/record";
import { ServiceError } from "../errors";
import { can, type Permission } from "./roles";
import type { Role } from "./schemas";

/** Who is acting in the console: checked by every staff verb, whatever transport called it. */
export interface StaffContext {
  role: Role;
  actor: Actor;
  sessionId: string | null;
  /** An API key's scopes: when present, the role's permissions are narrowed to these. */
  scopes?: readonly Permission[];
}

export class ForbiddenError extends ServiceError {
  constructor(permission: Permission) {
    super("forbidden", `Your role does not allow this (${permission}). Ask an admin if you need it.`);
  }
}

export function assertCan(staff: StaffContext, permission: Permission): void {
  if (!can(staff.role, permission)) throw new ForbiddenError(permission);
  if (staff.scopes && !staff.scopes.includes(permission)) {
    throw new ServiceError("forbidden", `This API key does not have the ${permission === "console:read" ? "read" : permission} scope.`);
  }
}
