import { describe, expect, it } from "vitest";
import { rulesFromValues } from "./form";

describe("rulesFromValues", () => {
  it("drops blank rows and renumbers the rest, values included", () => {
    const { rules, values } = rulesFromValues({
      name: "prod",
      "rules.0.label": "",
      "rules.0.value": "",
      "rules.1.label": " service ",
      "rules.1.value": "hubdoc",
      "rules.1.componentId": "cmp1",
      "rules.1.status": "",
      "rules.3.label": "severity",
      "rules.3.value": "critical",
      "rules.3.status": "major_outage",
    });
    expect(rules).toEqual([
      { label: "service", value: "hubdoc", componentId: "cmp1", status: null },
      { label: "severity", value: "critical", componentId: null, status: "major_outage" },
    ]);
    expect(values).toMatchObject({ name: "prod", "rules.0.label": "service", "rules.1.value": "critical", "rules.1.status": "major_outage" });
    expect(values).not.toHaveProperty(["rules.3.label"]);
  });
});
