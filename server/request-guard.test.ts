import { describe, expect, it } from "vitest";
import { refusalResponse, refuseRequest } from "./request-guard";

describe("refuseRequest", () => {
  it.each([
    ["GET", "/", null],
    ["POST", "/api/manage/v1/incidents", null],
    ["GET", "/incidents/abc%20def?x=%ff", null], // the query is the route's business
    ["GET", "/incidents/%ff", 400],
    ["GET", "/console/components/%E0%A4%A", 400],
    ["GET", "/api/manage/v1/incidents/%00", 400],
    ["TRACE", "/api/v2/summary.json", 405],
    ["PROPFIND", "/", 405],
    ["OPTIONS", "*", 400],
    ["GET", "*", 400],
    ["GET", "healthz", 400],
    ["GET", "http://status.example.com/healthz", null], // absolute-form: servers must accept it
  ])("%s %s → %s", (method, url, status) => {
    expect(refuseRequest(method, url)?.status ?? null).toBe(status);
  });

  it("answers JSON under /api/ and names the allowed methods", () => {
    const response = refusalResponse(refuseRequest("TRACE", "/api/v2/summary.json")!, "/api/v2/summary.json");
    expect(response.headers.Allow).toContain("GET");
    expect(JSON.parse(response.body)).toEqual({ error: { code: "method_not_allowed", message: expect.stringContaining("TRACE") } });
    expect(refusalResponse(refuseRequest("GET", "/incidents/%ff")!, "/incidents/%ff").headers["Content-Type"]).toMatch(/^text\/plain/);
  });

  it.each(["/x/%2e%2e/api/manage/v1/%ff", "/x/../api/manage/v1/%ff", "/api/../api/v2/%ff"])(
    "answers JSON where the server routes the path as an API one: %s",
    (url) => {
      expect(refusalResponse(refuseRequest("GET", url)!, url).headers["Content-Type"]).toMatch(/^application\/json/);
    },
  );
});
