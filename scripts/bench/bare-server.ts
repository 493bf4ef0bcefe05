// The runtime's ceiling: a bare node:http server answering each path with fixed bytes and headers.
import { createServer } from "node:http";

const routes = new Map<string, { headers: Record<string, string>; body: Buffer }>();
process.on("message", (msg: { path: string; headers: Record<string, string>; body: string }) => {
  routes.set(msg.path, { headers: msg.headers, body: Buffer.from(msg.body, "base64") });
});
const server = createServer((req, res) => {
  const route = routes.get(req.url ?? "/");
  if (!route) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, route.headers);
  res.end(route.body);
});
server.keepAliveTimeout = 65_000;
server.listen(Number(process.argv[2]), "127.0.0.1", () => process.send?.("ready"));
