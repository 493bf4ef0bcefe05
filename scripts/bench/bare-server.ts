// The runtime's ceiling: a bare node:http server answering each path with fixed bytes and
// headers, one copy per coding (the request's Accept-Encoding picks gzip or identity).
import { createServer } from "node:http";

const routes = new Map<string, { headers: Record<string, string>; body: Buffer }>();
const key = (coding: string, path: string) => `${coding} ${path}`;
process.on("message", (msg: { path: string; coding: string; headers: Record<string, string>; body: string }) => {
  routes.set(key(msg.coding, msg.path), { headers: msg.headers, body: Buffer.from(msg.body, "base64") });
});
const server = createServer((req, res) => {
  const coding = req.headers["accept-encoding"]?.includes("gzip") ? "gzip" : "identity";
  const route = routes.get(key(coding, req.url ?? "/"));
  if (!route) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, route.headers);
  res.end(route.body);
});
server.keepAliveTimeout = 65_000;
server.listen(Number(process.argv[2]), "127.0.0.1", () => process.send?.("ready"));
