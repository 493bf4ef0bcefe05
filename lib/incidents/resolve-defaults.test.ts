import { describe, expect, it } from "vitest";
import { componentsForUpdate } from "./resolve-defaults";

describe("componentsForUpdate", () => {
  const affected = ["hubdoc", "verify"];
  it.each([
    [
      "resolving, naming nothing: every affected component back to Operational",
      "incident",
      "resolved",
      [],
      [
        { componentId: "hubdoc", status: "operational" },
        { componentId: "verify", status: "operational" },
      ],
    ],
    [
      "resolving, keeping one degraded: that one stays, the other returns",
      "incident",
      "resolved",
      [{ componentId: "verify", status: "degraded_performance" }],
      [
        { componentId: "verify", status: "degraded_performance" },
        { componentId: "hubdoc", status: "operational" },
      ],
    ],
    [
      "resolving, naming a component the incident did not have: it is added, the rest return",
      "incident",
      "resolved",
      [{ componentId: "tax-au", status: "operational" }],
      [
        { componentId: "tax-au", status: "operational" },
        { componentId: "hubdoc", status: "operational" },
        { componentId: "verify", status: "operational" },
      ],
    ],
    [
      "monitoring: only what it names",
      "incident",
      "monitoring",
      [{ componentId: "hubdoc", status: "degraded_performance" }],
      [{ componentId: "hubdoc", status: "degraded_performance" }],
    ],
    ["identified, naming nothing: nothing changes", "incident", "identified", [], []],
    ["a completed maintenance: its window decides (nothing named)", "maintenance", "completed", [], []],
  ] as const)("%s", (_what, kind, status, named, expected) => {
    expect(componentsForUpdate(kind, status, affected, named)).toEqual(expected);
  });
});
