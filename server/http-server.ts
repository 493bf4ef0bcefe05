// Vigil's HTTP server: public page views come from the in-memory HTML cache,
// everything else goes to Next.js. Started by scripts/start.ts; the fast-path table is server/public-routes.ts.
import { createServer } from "node:http";
import next from "next";
import { env } from "../lib/env";
import { CLIENT_IP_HEADER, clientAddress } from "../lib/auth/client-ip";
import { publicPageResponse } from "./public-routes";
import { refusalResponse, refuseRequest } from "./request-guard";
import { securityHeaders } from "../lib/http/security-headers";

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
      console.error("[vigil] public page cache failed, rendering directly:", error);
    }
    await handle(req, res);
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(PORT, HOSTNAME, resolve));
  console.log(`vigil: ready on http://localhost:${PORT}`);
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      server.close(() => process.exit(0));
      setTimeout(() => process.exit(0), 3000).unref();
    });
  }
}

function headerValue(value: string | string[] | undefined): string | null {
  if (value === undefined) return null;
  return Array.isArray(value) ? value.join(", ") : value;
}
