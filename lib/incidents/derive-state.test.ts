import { describe, expect, it } from "vitest";
import { deriveIncidentState } from "./derive-state";

const t = (iso: string) => new Date(`2026-11-20T${iso}:00Z`);

describe("deriveIncidentState", () => {
  it("takes the status of the latest update by display time, not by write order", () => {
    const state = deriveIncidentState([
      { status: "investigating", displayAt: t("10:00"), createdAt: t("10:00") },
      { status: "resolved", displayAt: t("12:00"), createdAt: t("12:00") },
      // Backdated after the fact: written last but displayed in the middle.
      { status: "monitoring", displayAt: t("11:00"), createdAt: t("13:00") },
    ]);
    expect(state).toEqual({ status: "resolved", monitoringAt: t("11:00"), resolvedAt: t("12:00") });
  });

  it("is open again when an update after resolution reopens it", () => {
    const state = deriveIncidentState([
      { status: "investigating", displayAt: t("10:00"), createdAt: t("10:00") },
      { status: "resolved", displayAt: t("11:00"), createdAt: t("11:00") },
      { status: "identified", displayAt: t("12:00"), createdAt: t("12:00") },
    ]);
    expect(state.status).toBe("identified");
    expect(state.resolvedAt).toBeNull();
  });

  it("breaks display-time ties by write order", () => {
    const state = deriveIncidentState([
      { status: "investigating", displayAt: t("10:00"), createdAt: t("10:00") },
      { status: "identified", displayAt: t("10:00"), createdAt: t("10:01") },
    ]);
    expect(state.status).toBe("identified");
  });

  it("closes maintenance on completed", () => {
    const state = deriveIncidentState([
      { status: "scheduled", displayAt: t("08:00"), createdAt: t("08:00") },
      { status: "completed", displayAt: t("09:00"), createdAt: t("09:00") },
    ]);
    expect(state).toMatchObject({ status: "completed", resolvedAt: t("09:00") });
  });

  it("refuses an incident without updates", () => {
    expect(() => deriveIncidentState([])).toThrow();
  });
});
