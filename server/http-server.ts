// Vigil's HTTP server: public page views come from the in-memory HTML cache,
// everything else goes to Next.js. Started by scripts/start.ts (compiled to dist/, run by scripts/launch.mjs); the fast-path table is server/public-routes.ts.
import { createServer, type Server } from "node:http";
import net from "node:net";
import { shutdownAll } from "../lib/async/shutdown";
import next from "next";
import { env } from "../lib/env";
import { CLIENT_IP_HEADER, clientAddress } from "../lib/auth/client-ip";
import { CHECK_INTERVAL_MS, HEADERS_TIMEOUT_MS, limitConnections, REQUEST_TIMEOUT_MS } from "./connection-limits";
import { publicTargetResponse } from "./public-routes";
import { logWhenDone, requestId } from "./request-log";
import { refusalResponse, refuseRequest } from "./request-guard";
import { isStaffPath, securityHeaders } from "../lib/http/security-headers";
import { RENDER_HEADER } from "../lib/public/html";
import { publicUrlIsHttps } from "../lib/public/snapshot";
import { reportError } from "../lib/db-reachability";
import { log } from "../lib/log";

const DRAIN_MS = 10_000;
/** How long idle keep-alive sockets may stay after a stop begins: their clients' next request gets `Connection: close`. */
const IDLE_GRACE_MS = 2000;
let draining = false;

export async function startServer(): Promise<void> {
  const { PORT, HOSTNAME, TRUST_PROXY, TRUST_PROXY_HOPS, LOG_REQUESTS, LOG_FAST_PATH_REQUESTS, MAX_CONNECTIONS, MAX_CONNECTIONS_PER_IP } = env();
  const app = next({ dev: false, hostname: HOSTNAME, port: PORT });
  const handle = app.getRequestHandler();
  await app.prepare();
  const loopback = HOSTNAME === "0.0.0.0" || HOSTNAME === "::" ? "127.0.0.1" : HOSTNAME;
  const origin = `http://${loopback.includes(":") ? `[${loopback}]` : loopback}:${PORT}`;

  // connectionsCheckingInterval: Node enforces headersTimeout/requestTimeout on this tick (default 30 s).
  const options = { headersTimeout: HEADERS_TIMEOUT_MS, requestTimeout: REQUEST_TIMEOUT_MS, connectionsCheckingInterval: CHECK_INTERVAL_MS };
  const server = createServer(options, async (req, res) => {
    const started = performance.now();
    const target = req.url ?? "/";
    const method = req.method ?? "GET";
    // The client address that lock-outs and the audit log use. Whatever a client sends
    // in this header is replaced, so it cannot pose as another address.
    const client = clientAddress({
      socketAddress: req.socket.remoteAddress,
      forwardedFor: headerValue(req.headers["x-forwarded-for"]),
      trustedHops: TRUST_PROXY ? TRUST_PROXY_HOPS : 0,
    });
    req.headers[CLIENT_IP_HEADER] = client;
    const id = requestId(headerValue(req.headers["x-request-id"]), TRUST_PROXY);
    req.headers["x-request-id"] = id;
    // The fast path (answers from memory, at thousands a second), its internal renders and Next's static assets are logged only when asked.
    const fromMemory = target.startsWith("/_next/static/") || req.headers[RENDER_HEADER] !== undefined;
    const logRequest = (memory: boolean) => {
      if (LOG_REQUESTS && (LOG_FAST_PATH_REQUESTS || !memory)) logWhenDone(req, res, id, client, started);
    };
    const refusal = refuseRequest(method, target);
    if (refusal) {
      const response = refusalResponse(refusal, target);
      logRequest(false);
      res.writeHead(response.status, { ...commonHeaders(target, id), ...response.headers });
      res.end(method === "HEAD" ? undefined : response.body);
      return;
    }
    try {
      // One writeHead with every header: the fast path's per-request cost is mostly this
      // handler's own (see scripts/bench/public-read.ts), so nothing is set twice.
      const cached = await publicTargetResponse(method, target, { get: (n) => headerValue(req.headers[n]) }, origin);
      if (cached) {
        logRequest(true);
        res.writeHead(cached.status, { ...commonHeaders(target, id), ...cached.headers });
        res.end(cached.body);
        return;
      }
    } catch (error) {
      // The cache never takes the page down: fall through to a direct render.
      reportError(error, "public page cache (rendering directly instead)");
    }
    // Set before Next answers, so its responses carry them too.
    for (const [name, value] of Object.entries(commonHeaders(target, id))) res.setHeader(name, value);
    logRequest(fromMemory);
    await handle(req, res);
  });
  server.keepAliveTimeout = 65_000;
  limitConnections(server, { total: MAX_CONNECTIONS, perAddress: TRUST_PROXY ? null : MAX_CONNECTIONS_PER_IP });
  await new Promise<void>((resolve) => server.listen(PORT, HOSTNAME, resolve));
  log.info({ port: PORT }, `ready on http://localhost:${PORT}`);
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      if (draining) return;
      draining = true;
      void drain(server).then(() => process.exit(0));
    });
  }
}

/**
 * Graceful stop: accept nothing new, let requests in flight finish (a keep-alive connection
 * is closed as soon as it is idle, so its client reconnects elsewhere rather than being cut
 * mid-response), stop the probe worker and the outbox after their batch, then return; bounded
 * at DRAIN_MS in all.
 */
async function drain(server: Server): Promise<void> {
  const started = Date.now();
  log.info("stopping: finishing requests in flight, probes and the outbox batch");
  // net.Server's close stops accepting without http.Server's immediate sweep of idle
  // keep-alive sockets: a client reusing one at that instant would see a reset. Instead
  // every response now says `Connection: close` (see the request handler), and sockets
  // still idle after a grace period are closed.
  const closed = new Promise<void>((resolve) => net.Server.prototype.close.call(server, () => resolve()));
  let idleSweep: NodeJS.Timeout | undefined;
  const graceTimer = setTimeout(() => {
    idleSweep = setInterval(() => server.closeIdleConnections(), 100);
  }, IDLE_GRACE_MS);
  const unfinished = await shutdownAll(DRAIN_MS);
  await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, Math.max(0, DRAIN_MS - (Date.now() - started))))]);
  clearTimeout(graceTimer);
  clearInterval(idleSweep);
  server.closeAllConnections();
  log.info({ ms: Date.now() - started, unfinished }, "stopped");
}

/** The security headers (lib/http/security-headers.ts: four variants, made once each), the request id, and `Connection: close` while stopping. */
const securityVariants = new Map<string, Readonly<Record<string, string>>>();
function commonHeaders(target: string, id: string): Record<string, string> {
  const path = target.split("?", 1)[0]!;
  const https = publicUrlIsHttps();
  const key = `${isStaffPath(path)}|${https}`;
  let security = securityVariants.get(key);
  if (!security) {
    security = securityHeaders(path, { https });
    securityVariants.set(key, security);
  }
  return { ...security, "X-Request-Id": id, ...(draining ? { Connection: "close" } : {}) };
}

function headerValue(value: string | string[] | undefined): string | null {
  if (value === undefined) return null;
  return Array.isArray(value) ? value.join(", ") : value;
}
