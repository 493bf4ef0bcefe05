import { describe, expect, it } from "vitest";
import { RENDER_HEADER, renderToken } from "../lib/public/html";
import { PUBLIC_ROUTES, publicPageResponse } from "./public-routes";

// Which route answers a request: decided by `match` alone, so no database is needed.
function routeFor(method: string, path: string, headers: Record<string, string> = {}): string | null {
  const url = new URL(path, "http://localhost");
  const request = { method, url, headers: { get: (n: string) => headers[n.toLowerCase()] ?? null }, origin: "http://127.0.0.1:1" };
  const isRead = method === "GET" || method === "HEAD";
  return PUBLIC_ROUTES.find((r) => (r.methods === "any" || isRead) && r.match(request))?.name ?? null;
}

describe("the public fast path's route table", () => {
  it.each([
    ["GET", "/api/v2/summary.json", {}, "statuspage-v2"],
    ["OPTIONS", "/api/v2/summary.json", {}, "statuspage-v2"],
    ["POST", "/metrics", {}, "metrics"],
    ["GET", "/embed.js", {}, "embed"],
    ["GET", "/healthz", {}, "healthz"],
    ["HEAD", "/readyz", {}, "readyz"],
    ["GET", "/badge.svg", {}, "badge"],
    ["POST", "/badge.svg", {}, null],
    ["GET", "/feed.atom", {}, "feed"],
    ["GET", "/demo-target/hubdoc", {}, "demo-target"],
    ["GET", "/api/public/snapshot", {}, "snapshot"],
    ["GET", "/", {}, "page"],
    ["HEAD", "/history?page=2", {}, "page"],
    ["GET", "/?lang=de-DE", {}, "language"],
    ["HEAD", "/history?page=2&lang=ja-JP", {}, "language"],
    ["GET", "/subscribe?lang=de-DE", {}, null], // Next's pages: proxy.ts does the same
    ["GET", "/?lang=de-DE", { rsc: "1" }, "next-internal"],
    ["GET", "/", { rsc: "1" }, "next-internal"],
    ["GET", "/incidents/abc", { "next-router-prefetch": "1" }, "next-internal"],
    ["GET", "/console", {}, null],
    ["POST", "/", {}, null],
  ])("%s %s %j → %s", (method, path, headers, name) => {
    expect(routeFor(method, path, headers)).toBe(name);
  });

  it("hands Next's own render request back to Next", async () => {
    expect(await publicPageResponse("GET", new URL("http://localhost/"), { get: (n) => (n === RENDER_HEADER ? renderToken() : null) }, "")).toBeNull();
  });
});
