import { describe, expect, it } from "vitest";
import { claimAt, groupsIn, mappedRole } from "./roles";
import type { RoleMapping } from "./schemas";

const MAP: RoleMapping[] = [
  { group: "vigil-admins", role: "admin" },
  { group: "vigil-editors", role: "editor" },
  { group: "staff", role: "viewer" },
];

describe("mappedRole", () => {
  it.each([
    [["staff"], "viewer"],
    [["staff", "vigil-editors"], "editor"],
    [["vigil-editors", "staff", "vigil-admins"], "admin"],
    [["vigil-admins", "staff"], "admin"],
    [["others", "Staff"], null], // names match exactly
    [[], null],
  ])("%j → %s (the highest mapped role wins)", (groups, role) => {
    expect(mappedRole(groups, MAP)).toBe(role);
  });
});

describe("claimAt and groupsIn", () => {
  const claims = {
    groups: ["a", 7, "b"],
    "https://example.com/groups": ["ns"],
    realm_access: { roles: ["r1"] },
    role: "single",
  };

  it.each([
    ["groups", ["a", "b"]],
    ["https://example.com/groups", ["ns"]],
    ["realm_access.roles", ["r1"]],
    ["role", ["single"]],
    ["missing", []],
    ["realm_access.missing.deeper", []],
    ["groups.0", []],
  ])("%s → %j", (path, groups) => {
    expect(groupsIn(claimAt(claims, path))).toEqual(groups);
  });
});
