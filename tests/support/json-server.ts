import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

// A real HTTP server on loopback answering JSON documents by path (a Statuspage-compatible
// source for the importer's tests). `answer` returns the status and body for a request,
// or null for a 404; every request is recorded.

export interface JsonRequest {
  method: string;
  path: string;
  url: URL;
  headers: IncomingHttpHeaders;
}

export type JsonAnswer = { status?: number; body: unknown } | null;

export async function startJsonServer(answer: (req: JsonRequest) => JsonAnswer) {
  const received: JsonRequest[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const entry = { method: req.method ?? "GET", path: url.pathname, url, headers: req.headers };
    received.push(entry);
    const result = answer(entry);
    res.setHeader("content-type", "application/json");
    if (!result) {
      res.statusCode = 404;
      res.end(JSON.stringify({ error: "not found" }));
      return;
    }
    res.statusCode = result.status ?? 200;
    res.end(typeof result.body === "string" ? result.body : JSON.stringify(result.body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path = "") => `http://127.0.0.1:${port}${path}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())).finally(() => server.closeAllConnections()),
  };
}

/** Answers a v1 list the way Statuspage pages it: `page` (1-based) and `per_page`. */
export function pageOf<T>(items: readonly T[], url: URL): T[] {
  const page = Number(url.searchParams.get("page") ?? "1");
  const perPage = Number(url.searchParams.get("per_page") ?? "100");
  return items.slice((page - 1) * perPage, page * perPage);
}
