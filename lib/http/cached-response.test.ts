import { createHash } from "node:crypto";
import { brotliDecompressSync, gunzipSync, gzipSync } from "node:zlib";
import { describe, expect, it, vi } from "vitest";
import { PUBLIC_CACHE_CONTROL, cachedRouteHandler, encodeCachedBody, matchesIfNoneMatch, plainResponse, respond, type CachedResponse } from "./cached-response";
import { log } from "../log";

const TEXT = `{"status":"ok","items":[${'"component",'.repeat(200)}"last"]}`;
const encoded = encodeCachedBody(TEXT);
const headers = (h: Record<string, string> = {}) => ({ get: (name: string) => h[name.toLowerCase()] ?? null });
const page = { ...encoded, contentType: "application/json; charset=utf-8", stale: false, extra: { "Access-Control-Allow-Origin": "*" } };

describe("encodeCachedBody", () => {
  it("keeps the bytes, the sha1 base64url ETag and zlib's default gzip, as every caller built them before", () => {
    const raw = Buffer.from(TEXT);
    expect(encoded.status).toBe(200);
    expect(encoded.body.equals(raw)).toBe(true);
    expect(encoded.etag).toBe(`"${createHash("sha1").update(raw).digest("base64url")}"`);
    expect(encoded.gzipped.equals(gzipSync(raw))).toBe(true);
    // html.ts asked for level 6 explicitly: zlib's default is the same level.
    expect(encoded.gzipped.equals(gzipSync(raw, { level: 6 }))).toBe(true);
  });

  it("adds brotli of the same bytes, smaller than gzip for text", () => {
    expect(brotliDecompressSync(encoded.brotli).equals(encoded.body)).toBe(true);
    expect(encoded.brotli.length).toBeLessThan(encoded.gzipped.length);
  });

  it("takes a string or bytes, and a status", () => {
    const fromBytes = encodeCachedBody(Buffer.from("not here"), 404);
    expect(fromBytes.status).toBe(404);
    expect(fromBytes.etag).toBe(encodeCachedBody("not here").etag);
  });
});

describe("matchesIfNoneMatch", () => {
  const etag = encoded.etag;
  it.each<[string | null, boolean]>([
    [null, false],
    ["", false],
    [etag, true],
    [`W/${etag}`, true],
    [`"other", ${etag}`, true],
    [`"other",W/${etag}`, true],
    ['"other"', false],
    [etag.slice(1, -1), false], // unquoted is not a tag
    ["*", true],
    [" * ", true],
  ])("If-None-Match %j → %j", (header, expected) => {
    expect(matchesIfNoneMatch(header, etag)).toBe(expected);
  });
});

describe("respond", () => {
  it.each<[string, Record<string, string>, "br" | "gzip" | null]>([
    ["no Accept-Encoding", {}, null],
    ["gzip only", { "accept-encoding": "gzip" }, "gzip"],
    ["browsers (gzip listed first)", { "accept-encoding": "gzip, deflate, br, zstd" }, "gzip"],
    ["brotli ranked first", { "accept-encoding": "br, gzip" }, "br"],
    ["brotli only", { "accept-encoding": "br" }, "br"],
    ["gzip refused", { "accept-encoding": "gzip;q=0" }, null],
    ["brotli refused", { "accept-encoding": "br;q=0, gzip" }, "gzip"],
  ])("%s → %s", (_, h, coding) => {
    const r = respond("GET", headers(h), page);
    const expected = coding === "br" ? encoded.brotli : coding === "gzip" ? encoded.gzipped : encoded.body;
    expect(r.status).toBe(200);
    expect(r.body).toBe(expected); // the buffer built once, not a copy
    expect(r.headers["Content-Encoding"]).toBe(coding ?? undefined);
    expect(r.headers["Content-Length"]).toBe(String(expected.length));
    expect(r.headers).toMatchObject({
      Vary: "Accept-Encoding",
      ETag: encoded.etag,
      "Cache-Control": PUBLIC_CACHE_CONTROL,
      "Content-Type": "application/json; charset=utf-8",
      "X-Vigil-Cache": "hit",
      "Access-Control-Allow-Origin": "*",
    });
  });

  it("gzip-only clients get exactly the bytes they got before brotli", () => {
    const r = respond("GET", headers({ "accept-encoding": "gzip" }), page);
    expect(gunzipSync(r.body!).toString()).toBe(TEXT);
    expect(r.body!.equals(gzipSync(Buffer.from(TEXT)))).toBe(true);
  });

  it.each<[string, Record<string, string>, number]>([
    ["a matching ETag", { "if-none-match": encoded.etag }, 304],
    ["a matching ETag, whatever the encoding", { "if-none-match": encoded.etag, "accept-encoding": "br" }, 304],
    ["a weak copy of it", { "if-none-match": `W/${encoded.etag}` }, 304],
    ["another ETag", { "if-none-match": '"stale"' }, 200],
  ])("answers %s with %i", (_, h, status) => {
    const r = respond("GET", headers(h), page);
    expect(r.status).toBe(status);
    if (status === 304) {
      expect(r.body).toBeNull();
      expect(r.headers["Content-Length"]).toBeUndefined();
      expect(r.headers).toMatchObject({ ETag: encoded.etag, Vary: "Accept-Encoding", "Access-Control-Allow-Origin": "*" });
    }
  });

  it.each<[Record<string, string>, number]>([
    [{}, encoded.body.length],
    [{ "accept-encoding": "gzip" }, encoded.gzipped.length],
    [{ "accept-encoding": "br" }, encoded.brotli.length],
  ])("HEAD %j: the GET's headers and length, no body", (h, length) => {
    const r = respond("HEAD", headers(h), page);
    expect(r.status).toBe(200);
    expect(r.body).toBeNull();
    expect(r.headers["Content-Length"]).toBe(String(length));
  });

  it("says stale when the data is, and keeps the cached status", () => {
    const r = respond("GET", headers(), { ...page, ...encodeCachedBody("gone", 404), stale: true });
    expect([r.status, r.headers["X-Vigil-Cache"]]).toEqual([404, "stale"]);
  });
});

describe("plainResponse", () => {
  it.each([
    ["GET", "hello\n"],
    ["HEAD", null],
  ])("%s: the length of the bytes, a body only for GET", (method, body) => {
    const r = plainResponse(method, 503, "hello\n", { "Content-Type": "text/plain", "Retry-After": "5" });
    expect(r).toEqual({
      status: 503,
      headers: { "Content-Type": "text/plain", "Retry-After": "5", "Content-Length": "6" },
      body: body === null ? null : Buffer.from(body),
    });
  });
});

describe("cachedRouteHandler", () => {
  const serve = vi.fn(
    (r: { method: string; url: URL; headers: { get(n: string): string | null } }): CachedResponse =>
      respond(r.method, r.headers, { ...page, extra: { "X-Path": r.url.pathname } }),
  );
  const unavailable = (method: string) => plainResponse(method, 503, "down\n", {});
  const handler = cachedRouteHandler("test", serve, unavailable);

  it("answers the plain bytes even when the client accepts compression (Next strips Content-Encoding)", async () => {
    const res = await handler(new Request("http://localhost/x.json", { headers: { "accept-encoding": "br, gzip" } }));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-encoding")).toBeNull();
    expect(res.headers.get("x-path")).toBe("/x.json");
    expect(Buffer.from(await res.arrayBuffer()).toString()).toBe(TEXT);
  });

  it("answers `unavailable` when serving throws", async () => {
    const error = vi.spyOn(log, "error").mockImplementation(() => undefined);
    serve.mockImplementationOnce(() => {
      throw new Error("render crashed");
    });
    const res = await handler(new Request("http://localhost/x.json"));
    expect([res.status, await res.text()]).toEqual([503, "down\n"]);
    expect(error).toHaveBeenCalledWith({ err: expect.any(Error), where: "test" }, "test failed");
    error.mockRestore();
  });
});
