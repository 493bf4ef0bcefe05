import { describe, expect, it } from "vitest";
import { can, PERMISSIONS } from "./roles";
import { ROLES } from "./schemas";

describe("role matrix", () => {
  const expected: Record<string, string[]> = {
    admin: [...PERMISSIONS],
    editor: ["console:read", "incidents:write", "maintenance:write", "components:write", "probes:write", "subscribers:manage", "templates:write"],
    viewer: ["console:read"],
  };
  it.each(ROLES)("%s", (role) => {
    expect(PERMISSIONS.filter((p) => can(role, p))).toEqual(expected[role]);
  });
});
