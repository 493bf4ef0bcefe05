// Vigil's HTTP server: public page views come from the in-memory HTML cache,
// everything else goes to Next.js. Started by scripts/start.ts (compiled to dist/, run by scripts/launch.mjs); the fast-path table is server/public-routes.ts.
import { createServer, type Server } from "node:http";
import net from "node:net";
import { shutdownAll } from "../lib/async/shutdown";
import next from "next";
import { env } from "../lib/env";
import { CLIENT_IP_HEADER, clientAddress } from "../lib/auth/client-ip";
import { publicPageResponse } from "./public-routes";
import { refusalResponse, refuseRequest } from "./request-guard";
import { securityHeaders } from "../lib/http/security-headers";
import { reportError } from "../lib/db-reachability";
import { log } from "../lib/log";

const DRAIN_MS = 10_000;
/** How long idle keep-alive sockets may stay after a stop begins: their clients' next request gets `Connection: close`. */
const IDLE_GRACE_MS = 2000;
let draining = false;

export async function startServer(): Promise<void> {
  const { PORT, HOSTNAME, TRUST_PROXY, TRUST_PROXY_HOPS } = env();
  const app = next({ dev: false, hostname: HOSTNAME, port: PORT });
  const handle = app.getRequestHandler();
  await app.prepare();
  const loopback = HOSTNAME === "0.0.0.0" || HOSTNAME === "::" ? "127.0.0.1" : HOSTNAME;
  const origin = `http://${loopback.includes(":") ? `[${loopback}]` : loopback}:${PORT}`;

  const server = createServer(async (req, res) => {
    // The client address that lock-outs and the audit log use. Whatever a client sends
    // in this header is replaced, so it cannot pose as another address.
    req.headers[CLIENT_IP_HEADER] = clientAddress({
      socketAddress: req.socket.remoteAddress,
      forwardedFor: headerValue(req.headers["x-forwarded-for"]),
      trustedHops: TRUST_PROXY ? TRUST_PROXY_HOPS : 0,
    });
    if (draining) res.setHeader("Connection", "close");
    // Set before any answer, so the fast path and Next's responses both carry them.
    for (const [name, value] of Object.entries(securityHeaders((req.url ?? "/").split("?")[0]!))) res.setHeader(name, value);
    const refusal = refuseRequest(req.method ?? "GET", req.url ?? "/");
    if (refusal) {
      const response = refusalResponse(refusal, req.url ?? "/");
      res.writeHead(response.status, response.headers);
      res.end(req.method === "HEAD" ? undefined : response.body);
      return;
    }
    try {
      const url = new URL(req.url ?? "/", origin);
      const cached = await publicPageResponse(req.method ?? "GET", url, { get: (n) => headerValue(req.headers[n]) }, origin);
      if (cached) {
        res.writeHead(cached.status, cached.headers);
        res.end(cached.body);
        return;
      }
    } catch (error) {
      // The cache never takes the page down: fall through to a direct render.
      reportError(error, "public page cache (rendering directly instead)");
    }
    await handle(req, res);
  });
  server.keepAliveTimeout = 65_000;
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

function headerValue(value: string | string[] | undefined): string | null {
  if (value === undefined) return null;
  return Array.isArray(value) ? value.join(", ") : value;
}
