import { describe, expect, it } from "vitest";
import { RENDER_HEADER, renderToken } from "../lib/public/html";
import { PUBLIC_ROUTES, publicPageResponse, targetPathname } from "./public-routes";

// Which route answers a request: decided by `match` alone, so no database is needed.
function routeFor(method: string, path: string, headers: Record<string, string> = {}): string | null {
  const url = new URL(path, "http://localhost");
  const request = {
    method,
    url,
    pathname: url.pathname,
    search: url.searchParams,
    headers: { get: (n: string) => headers[n.toLowerCase()] ?? null },
    origin: "http://127.0.0.1:1",
  };
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

describe("targetPathname", () => {
  it.each([
    "/",
    "/api/v2/summary.json",
    "/history?page=2",
    "/badge.svg?component=hubdoc",
    "/incidents/abc?x=/../y",
    "/api/v2/../../console",
    "/api/v2/./summary.json",
    "/x/%2e%2e/api/v2/status.json",
    "/caf\u00e9",
    "/a\\b",
    "//evil.example/path",
    "/a#frag",
    "/.well-known/security.txt",
    "/a b",
    "http://localhost/api/v2/status.json?x",
  ])("%s: as new URL says", (target) => {
    const url = () => new URL(target, "http://127.0.0.1:1");
    expect(targetPathname(target, url)).toBe(url().pathname);
  });
  it("builds no URL for a plain path", () => {
    expect(
      targetPathname("/api/v2/status.json?cb=1", () => {
        throw new Error("parsed");
      }),
    ).toBe("/api/v2/status.json");
  });
});
