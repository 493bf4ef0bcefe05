import { describe, expect, it } from "vitest";
import type { RawSource } from "./fetch";
import { formatSummary, mapSource, planImport, refKey, summarize, type ImportedRef } from "./plan";
import { digestOf, incidentDigest } from "./map";

const page = { id: "p1", name: "Acme", url: "https://status.acme.test", time_zone: "Etc/UTC" };
const component = { id: "c1", name: "API", status: "operational", position: 1 };
const update = { id: "u1", status: "investigating", body: "Looking.", created_at: "2026-11-01T10:00:00.000Z", display_at: "2026-11-01T10:00:00.000Z" };
const incident = { id: "i1", name: "API errors", status: "investigating", impact: "minor", created_at: "2026-11-01T10:00:00.000Z", incident_updates: [update] };

const raw = (over: Partial<RawSource> = {}): RawSource => ({
  page,
  components: [component],
  incidents: [incident],
  maintenances: [],
  v1Incidents: null,
  confirmedSubscribers: [],
  unconfirmedSubscribers: [],
  ...over,
});

function mapped(over: Partial<RawSource> = {}) {
  const r = mapSource(raw(over));
  if ("error" in r) throw new Error(r.error);
  return r.mapped;
}

describe("planImport", () => {
  it("creates everything on the first run", () => {
    const s = summarize(planImport(mapped(), new Map()), true);
    expect(s.source).toBe("statuspage:p1");
    expect(s.counts.component).toMatchObject({ created: 1, updated: 0, unchanged: 0 });
    expect(s.counts.incident).toMatchObject({ created: 1 });
    expect(s.counts.update).toMatchObject({ created: 1 });
  });

  it("leaves what an earlier run imported unchanged, updates what changed and adds new updates", () => {
    const first = mapped();
    const refs = new Map<string, ImportedRef>([
      [refKey("page", "p1"), { localId: "1", digest: digestOf("p1") }],
      [refKey("component", "c1"), { localId: "L-c1", digest: digestOf(first.components[0]) }],
      [refKey("incident", "i1"), { localId: "L-i1", digest: incidentDigest(first.incidents[0]!) }],
      [refKey("update", "u1"), { localId: "L-u1", digest: digestOf(first.incidents[0]!.updates[0]) }],
    ]);
    expect(summarize(planImport(first, refs), true).counts).toMatchObject({
      page: { unchanged: 1 },
      component: { unchanged: 1, created: 0 },
      incident: { unchanged: 1 },
      update: { unchanged: 1 },
    });

    const later = mapped({
      components: [{ ...component, status: "major_outage" }],
      incidents: [
        {
          ...incident,
          incident_updates: [
            { ...update, id: "u2", status: "identified", display_at: "2026-11-01T11:00:00.000Z", created_at: "2026-11-01T11:00:00.000Z" },
            update,
          ],
        },
      ],
    });
    const plan = planImport(later, refs);
    expect(plan.components[0]).toMatchObject({ action: "update", localId: "L-c1" });
    expect(plan.incidents[0]).toMatchObject({ action: "unchanged", localId: "L-i1" });
    expect(plan.incidents[0]!.updates.map((u) => [u.input.externalId, u.action])).toEqual([
      ["u1", "unchanged"],
      ["u2", "create"],
    ]);
  });

  it("lists a bad record once (incidents.json and the summary both carry it) and keeps the others", () => {
    const bad = { ...incident, id: "i2", impact: "huge" };
    const m = mapped({ incidents: [incident, bad, bad] });
    expect(m.incidents.map((i) => i.externalId)).toEqual(["i1"]);
    expect(m.skipped).toEqual([{ kind: "incident", id: "i2", reason: expect.stringContaining("impact:") }]);
    const lines = formatSummary(summarize(planImport(m, new Map()), true));
    expect(lines).toContain("incidents: 1 to create, 0 to update, 0 unchanged, 1 skipped");
    expect(lines.at(-1)).toMatch(/^skipped incident i2: impact:/);
  });

  it("refuses a source without a page", () => {
    expect(mapSource(raw({ page: { name: "x" } }))).toEqual({ error: expect.stringContaining("id:") });
  });
});
