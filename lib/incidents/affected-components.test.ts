import { describe, expect, it } from "vitest";
import { type AffectedComponentChange, decodeAffectedComponents, encodeAffectedComponents } from "./affected-components";

const one: AffectedComponentChange = { code: "c1", name: "C1", old_status: "operational", new_status: "major_outage" };

describe("decodeAffectedComponents", () => {
  it.each<[string, string | null, unknown]>([
    ["null column", null, null],
    ["a stored list", JSON.stringify([one]), [one]],
    ["an empty list", "[]", []],
    ["broken JSON", "[{", null],
    ["an unknown status", JSON.stringify([{ ...one, new_status: "on_fire" }]), null],
    ["a missing field", JSON.stringify([{ code: "c1", name: "C1", old_status: "operational" }]), null],
    ["an extra field", JSON.stringify([{ ...one, extra: 1 }]), null],
    ["not a list", JSON.stringify(one), null],
    ["JSON null", "null", null],
  ])("%s", (_label, text, expected) => {
    expect(decodeAffectedComponents(text)).toEqual(expected);
  });
});

describe("encodeAffectedComponents", () => {
  it.each<[string, AffectedComponentChange[] | null, string | null]>([
    ["null", null, null],
    ["an empty list", [], "[]"],
    // The bytes rows have always held: existing data and this writer agree.
    ["a list", [one], '[{"code":"c1","name":"C1","old_status":"operational","new_status":"major_outage"}]'],
  ])("%s", (_label, list, expected) => {
    expect(encodeAffectedComponents(list)).toBe(expected);
  });

  it("writes keys in the stored order whatever order the caller built them in", () => {
    const shuffled = { new_status: "major_outage", old_status: "operational", name: "C1", code: "c1" } as const;
    expect(encodeAffectedComponents([shuffled])).toBe(JSON.stringify([one]));
  });

  it("refuses a status that would not read back", () => {
    const bad = [{ ...one, new_status: "on_fire" }] as unknown as AffectedComponentChange[];
    expect(() => encodeAffectedComponents(bad)).toThrow();
  });

  it("round-trips", () => {
    const list: AffectedComponentChange[] = [one, { code: "c2", name: "C2", old_status: "partial_outage", new_status: "operational" }];
    expect(decodeAffectedComponents(encodeAffectedComponents(list))).toEqual(list);
  });
});
