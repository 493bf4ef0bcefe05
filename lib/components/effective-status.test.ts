import { describe, expect, it } from "vitest";
import { effectiveStatus } from "./effective-status";

describe("effectiveStatus", () => {
  it.each([
    [{ inMaintenance: false, manual: null, observed: null }, "operational"],
    [{ inMaintenance: false, manual: null, observed: "major_outage" }, "major_outage"],
    [{ inMaintenance: false, manual: "operational", observed: "major_outage" }, "operational"],
    [{ inMaintenance: false, manual: "partial_outage", observed: "operational" }, "partial_outage"],
    [{ inMaintenance: true, manual: "major_outage", observed: "major_outage" }, "under_maintenance"],
    [{ inMaintenance: true, manual: null, observed: null }, "under_maintenance"],
  ] as const)("%j → %s", (layers, expected) => {
    expect(effectiveStatus(layers)).toBe(expected);
  });
});
