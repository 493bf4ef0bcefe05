import { describe, expect, it } from "vitest";
import { routeMatcher } from "./route-match";

const match = routeMatcher([
  { method: "GET", path: "/incidents/{id}" },
  { method: "GET", path: "/incidents/unresolved" },
  { method: "PATCH", path: "/incidents/{id}" },
  { method: "GET", path: "/pages/{page_id}/components" },
]);

describe("routeMatcher", () => {
  it.each([
    ["GET", "/incidents/abc", { route: { method: "GET", path: "/incidents/{id}" }, params: { id: "abc" } }],
    ["GET", "/incidents/unresolved", { route: { method: "GET", path: "/incidents/unresolved" }, params: {} }],
    ["PATCH", "/incidents/unresolved", { route: { method: "PATCH", path: "/incidents/{id}" }, params: { id: "unresolved" } }],
    ["DELETE", "/incidents/abc", { allow: ["GET", "PATCH"] }],
    ["GET", "/pages/p1/components", { route: { method: "GET", path: "/pages/{page_id}/components" }, params: { page_id: "p1" } }],
    ["GET", "/incidents/a.b", null],
    ["GET", "/nothing", null],
  ])("%s %s", (method, path, expected) => {
    expect(match(method, path)).toEqual(expected);
  });
});
