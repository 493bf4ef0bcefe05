import { describe, expect, it } from "vitest";
import { StatuspageImportRequest } from "./jobs";

describe("StatuspageImportRequest", () => {
  it.each([
    [{ pageUrl: "https://status.example.com" }, { pageUrl: "https://status.example.com", dryRun: false, apiKey: undefined, pageId: undefined }],
    [
      { pageUrl: "https://status.example.com", apiKey: "", pageId: "", dryRun: true },
      { dryRun: true, apiKey: undefined, pageId: undefined },
    ],
    [
      { pageUrl: "https://status.example.com", apiKey: " k ", pageId: "p1" },
      { apiKey: "k", pageId: "p1" },
    ],
  ])("accepts %j", (raw, expected) => {
    expect(StatuspageImportRequest.parse(raw)).toMatchObject(expected);
  });

  it.each([
    [{ pageUrl: "ftp://status.example.com" }, "pageUrl"],
    [{ pageUrl: "https://status.example.com", apiKey: "k" }, "pageId"],
    [{ pageUrl: "https://status.example.com", pageId: "p" }, "apiKey"],
  ])("refuses %j, naming %s", (raw, field) => {
    const r = StatuspageImportRequest.safeParse(raw);
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join("."))).toContain(field);
  });
});
