import { describe, expect, it } from "vitest";
import { AddIncidentUpdateInput, CreateIncidentInput } from "./schemas";
import { incidentFormInput, updateFormInput } from "./form";

function form(entries: Record<string, string>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(entries)) f.set(k, v);
  return f;
}

describe("incident forms", () => {
  it("read components, backdating in the page zone, and validate through the domain schema", () => {
    const input = incidentFormInput(
      form({
        name: "Hubdoc down",
        status: "investigating",
        impact: "major",
        body: "Looking.",
        displayAt: "2026-11-27T14:05",
        "component:abc": "major_outage",
        "component:def": "",
        "component:ghi": "degraded_performance",
      }),
      "Pacific/Auckland",
    );
    const parsed = CreateIncidentInput.parse(input);
    expect(parsed.components).toEqual([
      { componentId: "abc", status: "major_outage" },
      { componentId: "ghi", status: "degraded_performance" },
    ]);
    expect(parsed.displayAt?.toISOString()).toBe("2026-11-27T01:05:00.000Z");
  });

  it("names the bad field", () => {
    const result = CreateIncidentInput.safeParse(incidentFormInput(form({ name: "", status: "oops", impact: "minor", body: "" }), "UTC"));
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((i) => i.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["name", "status", "body"]));
  });

  it("a pre-set component left as it was says nothing; a changed one is sent", () => {
    const input = updateFormInput(
      form({
        status: "monitoring",
        body: "Fix deployed.",
        "component:hubdoc": "partial_outage",
        "component-default:hubdoc": "partial_outage",
        "component:verify": "degraded_performance",
        "component-default:verify": "major_outage",
        "component:tax": "",
      }),
      "i1",
      "UTC",
    );
    expect(input.components).toEqual([{ componentId: "verify", status: "degraded_performance" }]);
  });

  it("carries the version seen for conflict detection", () => {
    const parsed = AddIncidentUpdateInput.parse(updateFormInput(form({ status: "resolved", body: "Done.", version: "3" }), "i1", "UTC"));
    expect(parsed).toMatchObject({ incidentId: "i1", expectedVersion: 3, components: undefined });
  });
});
