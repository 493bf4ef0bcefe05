// The probe benchmark's target, in its own process (as a monitored service would be on
// another machine): an HTTP server on loopback answering every path with 200
// {"status":"UP"}. Reports its URL, then its request count on request, over IPC.
import { createServer } from "node:http";

const BODY = Buffer.from('{"status":"UP"}');
let requests = 0;
const server = createServer((_req, res) => {
  requests++;
  res.writeHead(200, { "Content-Type": "application/json", "Content-Length": String(BODY.length) });
  res.end(BODY);
});
server.keepAliveTimeout = 65_000;
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("no port");
  process.send!({ url: `http://127.0.0.1:${address.port}` });
});
process.on("message", (message: string) => {
  if (message === "count") process.send!({ requests });
  if (message === "stop") {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  }
});
