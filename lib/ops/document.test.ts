import { describe, expect, it } from "vitest";
import { Prisma } from "../db";
import { formatPath, parseExportDocument, parseExportText, ROW_SHAPES } from "./document";
import { sampleDocument } from "./sample-document";
import { TABLES } from "./tables";

// Tests edit the sample freely, including into shapes its type forbids.
// biome-ignore lint/suspicious/noExplicitAny: the point is to build documents the types refuse
type Loose = Record<string, any>;

describe("parseExportDocument", () => {
  it("accepts the sample (every section, every secret) and returns it unchanged", () => {
    expect(parseExportDocument(sampleDocument())).toEqual(sampleDocument());
  });

  it.each<[string, (doc: Loose) => void, RegExp]>([
    ["another format", (d) => (d.format = "statuspage"), /^Not a valid Vigil export: format: expected "vigil-export": this is not a Vigil export$/],
    ["a later version", (d) => (d.version = 2), /^Not a valid Vigil export: version: this Vigil reads version 1 exports$/],
    [
      "an unknown update status",
      (d) => (d.incidents[0].updates[1].status = "fixed"),
      /: incidents\[0\]\.updates\[1\]\.status: Invalid option: expected one of "investigating"\|"identified"/,
    ],
    [
      "an unknown component status",
      (d) => (d.components[0].statusHistory[1].toStatus = "up"),
      /: components\[0\]\.statusHistory\[1\]\.toStatus: Invalid option/,
    ],
    ["a date that is not ISO 8601", (d) => (d.incidents[0].startedAt = "yesterday"), /: incidents\[0\]\.startedAt: expected an ISO 8601 date-time/],
    ["a date without a time zone", (d) => (d.incidents[0].startedAt = "2026-11-02T10:00:00"), /: incidents\[0\]\.startedAt: expected an ISO 8601/],
    ["a fractional position", (d) => (d.components[1].position = 1.5), /: components\[1\]\.position: /],
    ["a missing field", (d) => delete d.users[0].role, /: users\[0\]\.role: /],
    ["an unknown field", (d) => (d.incidents[0].severity = "high"), /: incidents\[0\]: Unrecognized key: "severity"/],
    ["an unknown role", (d) => (d.users[1].role = "owner"), /: users\[1\]\.role: Invalid option: expected one of "admin"\|"editor"\|"viewer"/],
    ["a missing group", (d) => (d.components[1].groupId = "nope"), /: components\[1\]\.groupId: no component group with id "nope" in the document$/],
    ["a probe of a missing component", (d) => (d.probes[0].componentId = "c9"), /: probes\[0\]\.componentId: no component with id "c9"/],
    [
      "an incident on a missing component",
      (d) => (d.incidents[1].components[0].componentId = "c9"),
      /: incidents\[1\]\.components\[0\]\.componentId: no component/,
    ],
    ["a filter on a missing component", (d) => (d.subscribers[0].componentIds = ["c9"]), /: subscribers\[0\]\.componentIds\[0\]: no component with id "c9"/],
    [
      "a filter named twice",
      (d) => (d.subscribers[0].componentIds = ["c1", "c1"]),
      /: subscribers\[0\]\.componentIds\[1\]: duplicate component "c1" \(also at subscribers\[0\]\.componentIds\[0\]\)/,
    ],
    ["a duplicate slug", (d) => (d.components[1].slug = "api"), /: components\[1\]\.slug: duplicate slug "api" \(also at components\[0\]\)$/],
    [
      "a duplicate id across components' histories",
      (d) => d.components[1].statusHistory.push({ ...d.components[0].statusHistory[0] }),
      /: components\[1\]\.statusHistory\[0\]\.id: duplicate id "h1" \(also at components\[0\]\.statusHistory\[0\]\)/,
    ],
    ["a duplicate update id across incidents", (d) => (d.incidents[1].updates[0].id = "u1"), /: incidents\[1\]\.updates\[0\]\.id: duplicate id "u1"/],
    ["a duplicate email", (d) => (d.users[1].email = "admin@example.com"), /: users\[1\]\.email: duplicate email/],
    ["two setup admins", (d) => (d.users[1].setupAdmin = true), /: users\[1\]\.setupAdmin: duplicate setup marker/],
    [
      "a duplicate subscriber",
      (d) => Object.assign(d.subscribers[1], { channel: "email", target: "ana@example.com" }),
      /: subscribers\[1\]\.target: duplicate subscriber/,
    ],
    ["a duplicate API key hash", (d) => d.apiKeys.push({ ...d.apiKeys[0], id: "k2" }), /: apiKeys\[1\]\.keyHash: duplicate key hash/],
  ])("refuses %s, naming the field", (_, mutate, message) => {
    const doc = sampleDocument() as Loose;
    mutate(doc);
    expect(() => parseExportDocument(doc)).toThrow(message);
  });

  it("says how many more problems there are", () => {
    const doc = sampleDocument() as Loose;
    doc.users[0].role = "owner";
    doc.users[1].role = "owner";
    expect(() => parseExportDocument(doc)).toThrow(/users\[0\]\.role: .* \(and 1 more problem\)$/);
  });

  it.each([
    ["not JSON", "{", /the file is not JSON/],
    ["not an object", "[]", /: \(document\): /],
  ])("refuses a file that is %s", (_, text, message) => {
    expect(() => parseExportText(text)).toThrow(message);
  });
});

describe("formatPath", () => {
  it.each<[PropertyKey[], string]>([
    [["incidents", 3, "updates", 0, "status"], "incidents[3].updates[0].status"],
    [["page", "name"], "page.name"],
    [[2, "id"], "[2].id"],
    [[], "(document)"],
  ])("%j → %s", (path, text) => {
    expect(formatPath(path)).toBe(text);
  });
});

// A column added to prisma/models.prisma must be carried by the export (or named here as
// implied by the nesting), else a move would silently drop it.
const IMPLIED: Partial<Record<keyof typeof ROW_SHAPES, string[]>> = {
  PageSetting: ["id", "revision"],
  PageAsset: ["pageId"],
  Installation: ["id"],
  ComponentStatusChange: ["componentId"],
  IncidentComponent: ["incidentId"],
  IncidentUpdate: ["incidentId"],
  RecoveryCode: ["userId"],
};
const NESTED = new Set(["assets", "statusHistory", "components", "updates", "componentIds", "recoveryCodes"]);

describe("the document covers the database", () => {
  it.each(Object.keys(ROW_SHAPES) as (keyof typeof ROW_SHAPES)[])("every column of %s", (model) => {
    const columns = Object.keys((Prisma as unknown as Record<string, Record<string, string>>)[`${model}ScalarFieldEnum`]!);
    const carried = Object.keys(ROW_SHAPES[model].shape).filter((key) => !NESTED.has(key));
    expect(carried.sort()).toEqual(columns.filter((c) => !IMPLIED[model]?.includes(c)).sort());
  });

  it("every table the export carries has a row shape, and only those", () => {
    const carried = Object.entries(TABLES)
      .filter(([, t]) => t.role !== "transient")
      .map(([name]) => name)
      // Subscribers' filters are carried as subscribers[].componentIds.
      .filter((name) => name !== "SubscriberComponent");
    expect(carried.sort()).toEqual(Object.keys(ROW_SHAPES).sort());
  });
});
