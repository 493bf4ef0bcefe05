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
    [{ inMaintenance: false, manual: null, observed: null, vendor: "partial_outage" }, "partial_outage"],
    [{ inMaintenance: false, manual: null, observed: "degraded_performance", vendor: "major_outage" }, "major_outage"],
    [{ inMaintenance: false, manual: null, observed: "major_outage", vendor: "operational" }, "major_outage"],
    [{ inMaintenance: false, manual: "operational", observed: null, vendor: "major_outage" }, "operational"],
    [{ inMaintenance: true, manual: null, observed: null, vendor: "major_outage" }, "under_maintenance"],
  ] as const)("%j → %s", (layers, expected) => {
    expect(effectiveStatus(layers)).toBe(expected);
  });
});
