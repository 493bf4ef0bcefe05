// Real local servers for the runner tests (test-only; nothing else imports this).
// Every server listens on 127.0.0.1 port 0 and is closed by the test that started it.

import { execFileSync } from "node:child_process";
import dgram from "node:dgram";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import http2 from "node:http2";
import net from "node:net";
import { tmpdir } from "node:os";
import https from "node:https";
import path from "node:path";
import tls from "node:tls";
import { SMTPServer } from "smtp-server";
import { WebSocketServer } from "ws";
import { decodeHealthCheckRequest, encodeHealthCheckResponse, HEALTH_CHECK_PATH, type ServingStatus } from "../../lib/probes/checks/grpc-health-codec";

export interface Running {
  port: number;
  close(): Promise<void>;
}

export async function listen(server: net.Server): Promise<Running> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  const sockets = new Set<net.Socket>();
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  // TLS servers emit their raw sockets as 'connection' too, so all get destroyed.
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

export async function startHttp(handler: http.RequestListener): Promise<Running & { url: string }> {
  const running = await listen(http.createServer(handler));
  return { ...running, url: `http://127.0.0.1:${running.port}` };
}

/** An HTTP target whose answer a test switches: `status` 200 answers "ok", any other "unavailable". */
export interface SwitchableTarget extends Running {
  url: string;
  status: number;
}

export async function startSwitchableTarget(): Promise<SwitchableTarget> {
  const target = { status: 200 } as SwitchableTarget;
  const running = await startHttp((_req, res) => {
    res.statusCode = target.status;
    res.end(target.status === 200 ? "ok" : "unavailable");
  });
  return Object.assign(target, running);
}

/** A port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const running = await listen(net.createServer());
  await running.close();
  return running.port;
}

/** Accepts TCP connections and never writes a byte. */
export function startSilentTcp(): Promise<Running> {
  return listen(net.createServer(() => undefined));
}

/**
 * A line-based TCP server: writes `banner` on connect, answers each received line with
 * `reply(line)` (null: no answer), and closes after the banner when `close` is set.
 */
export function startBannerTcp(options: { banner?: string; reply?: (line: string) => string | null; close?: boolean }): Promise<Running> {
  return listen(
    net.createServer((socket) => {
      if (options.banner !== undefined) socket.write(options.banner);
      if (options.close) socket.end();
      let buffered = "";
      socket.on("data", (chunk) => {
        buffered += chunk.toString("latin1");
        let newline = buffered.indexOf("\n");
        while (newline >= 0) {
          const line = buffered.slice(0, newline).replace(/\r$/, "");
          buffered = buffered.slice(newline + 1);
          const answer = options.reply?.(line);
          if (answer !== null && answer !== undefined) socket.write(answer);
          newline = buffered.indexOf("\n");
        }
      });
      socket.on("error", () => undefined);
    }),
  );
}

export interface Certificate {
  key: string;
  cert: string;
}

export function hasOpenssl(): boolean {
  try {
    execFileSync("openssl", ["version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** A self-signed certificate for localhost and 127.0.0.1, valid for `days` from now. */
export function selfSignedCertificate(days: number): Certificate {
  const dir = mkdtempSync(path.join(tmpdir(), "vigil-cert-"));
  try {
    const keyPath = path.join(dir, "key.pem");
    const certPath = path.join(dir, "cert.pem");
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        String(days),
        "-subj",
        "/CN=localhost",
        "-addext",
        "subjectAltName=DNS:localhost,IP:127.0.0.1",
        "-keyout",
        keyPath,
        "-out",
        certPath,
      ],
      { stdio: "ignore" },
    );
    return { key: readFileSync(keyPath, "utf8"), cert: readFileSync(certPath, "utf8") };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A certificate for localhost and 127.0.0.1 valid from `start` to `end` (OpenSSL's
 * YYYYMMDDHHMMSSZ), e.g. one that expired years ago: `openssl req -days` cannot backdate,
 * so a throwaway CA signs it with explicit dates.
 */
export function certificateValidBetween(start: string, end: string): Certificate {
  const dir = mkdtempSync(path.join(tmpdir(), "vigil-cert-"));
  try {
    const file = (name: string) => path.join(dir, name);
    writeFileSync(file("index.txt"), "");
    writeFileSync(file("serial"), "01\n");
    writeFileSync(
      file("ca.cnf"),
      [
        "[ca]\ndefault_ca = local",
        `[local]\ndir = ${dir}\ndatabase = ${file("index.txt")}\nserial = ${file("serial")}\nnew_certs_dir = ${dir}\ndefault_md = sha256\npolicy = any\nunique_subject = no\ncopy_extensions = copy`,
        "[any]\ncommonName = supplied",
        "[req]\ndistinguished_name = dn\nprompt = no\nreq_extensions = ext",
        "[dn]\nCN = localhost",
        "[ext]\nsubjectAltName = DNS:localhost,IP:127.0.0.1",
      ].join("\n"),
    );
    const config = ["-config", file("ca.cnf")];
    execFileSync("openssl", ["req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", file("key.pem"), "-out", file("req.csr"), ...config], {
      stdio: "ignore",
    });
    execFileSync(
      "openssl",
      [
        "ca",
        "-batch",
        ...config,
        "-selfsign",
        "-keyfile",
        file("key.pem"),
        "-in",
        file("req.csr"),
        "-out",
        file("cert.pem"),
        "-startdate",
        start,
        "-enddate",
        end,
        "-notext",
      ],
      { stdio: "ignore" },
    );
    return { key: readFileSync(file("key.pem"), "utf8"), cert: readFileSync(file("cert.pem"), "utf8") };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// --- WebSocket servers ----------------------------------------------------------------

/** A WebSocket server (`ws`) on ws:// (or wss:// with `tls`), answering each text message with `reply(message)` (null: silence). */
export async function startWebSocket(options: { tls?: Certificate; reply?: (message: string) => string | null } = {}): Promise<Running & { url: string }> {
  const server = options.tls ? https.createServer({ key: options.tls.key, cert: options.tls.cert }) : http.createServer();
  const wss = new WebSocketServer({ server });
  wss.on("connection", (socket) => {
    socket.on("message", (data) => {
      const answer = options.reply?.(data.toString());
      if (answer !== null && answer !== undefined) socket.send(answer);
    });
  });
  const running = await listen(server);
  return {
    port: running.port,
    url: `${options.tls ? "wss" : "ws"}://127.0.0.1:${running.port}`,
    close: async () => {
      for (const client of wss.clients) client.terminate();
      wss.close();
      await running.close();
    },
  };
}

/** Answers an upgrade with 101 but a wrong Sec-WebSocket-Accept: not a WebSocket server. */
export async function startBadWebSocketHandshake(): Promise<Running & { url: string }> {
  const server = http.createServer((_req, res) => res.end("not here"));
  server.on("upgrade", (_req, socket) => {
    socket.end("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: bm90LXRoZS1yaWdodC1rZXk=\r\n\r\n");
  });
  const running = await listen(server);
  return { ...running, url: `ws://127.0.0.1:${running.port}` };
}

// --- a gRPC health server ---------------------------------------------------------------

/**
 * grpc.health.v1.Health/Check over node:http2 (h2c, or TLS with `tls`): each service's
 * status from `statuses` ("" is the whole server), NOT_FOUND for others, UNIMPLEMENTED
 * for any other method.
 */
export async function startGrpcHealth(statuses: Record<string, ServingStatus>, options: { tls?: Certificate } = {}): Promise<Running> {
  const server = options.tls ? http2.createSecureServer({ key: options.tls.key, cert: options.tls.cert }) : http2.createServer();
  server.on("stream", (stream, headers) => {
    const chunks: Buffer[] = [];
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    stream.on("error", () => undefined);
    stream.on("end", () => {
      const trailersOnly = (status: number, message: string) =>
        stream.respond(
          { ":status": 200, "content-type": "application/grpc", "grpc-status": String(status), "grpc-message": encodeURIComponent(message) },
          { endStream: true },
        );
      if (headers[":path"] !== HEALTH_CHECK_PATH) return trailersOnly(12, "unknown method");
      const service = decodeHealthCheckRequest(Buffer.concat(chunks));
      const status = service === null ? undefined : statuses[service];
      if (status === undefined) return trailersOnly(5, "unknown service");
      stream.respond({ ":status": 200, "content-type": "application/grpc" }, { waitForTrailers: true });
      stream.on("wantTrailers", () => stream.sendTrailers({ "grpc-status": "0" }));
      stream.end(encodeHealthCheckResponse(status));
    });
  });
  return listen(server as unknown as net.Server);
}

// --- mail servers ---------------------------------------------------------------------

/** A real SMTP server (smtp-server): STARTTLS with `tls` (hidden without), or TLS from the first byte with `implicit`. */
export async function startSmtp(options: { tls?: Certificate; implicit?: boolean; banner?: string } = {}): Promise<Running> {
  const server = new SMTPServer({
    secure: options.implicit === true,
    ...(options.tls ? { key: options.tls.key, cert: options.tls.cert } : {}),
    hideSTARTTLS: !options.tls || options.implicit === true,
    authOptional: true,
    ...(options.banner ? { banner: options.banner } : {}),
    logger: false,
  });
  server.on("error", () => undefined);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as net.AddressInfo;
  return { port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/**
 * A minimal IMAP or POP3 server: the greeting, STARTTLS / STLS when it has `tls` (the
 * upgrade on the same socket), LOGOUT / QUIT; anything else is refused. `implicit`: TLS
 * from the first byte. `greeting` replaces the protocol's own first line.
 */
export async function startLineMail(options: { protocol: "imap" | "pop3"; tls?: Certificate; implicit?: boolean; greeting?: string }): Promise<Running> {
  const imap = options.protocol === "imap";
  const greeting = options.greeting ?? (imap ? "* OK [CAPABILITY IMAP4rev1 STARTTLS] test IMAP ready\r\n" : "+OK test POP3 ready\r\n");
  const serve = (socket: net.Socket, upgraded: boolean) => {
    let buffered = "";
    const onData = (chunk: Buffer) => {
      buffered += chunk.toString("latin1");
      let newline = buffered.indexOf("\n");
      while (newline >= 0) {
        const line = buffered.slice(0, newline).replace(/\r$/, "");
        buffered = buffered.slice(newline + 1);
        const [tag, command] = imap ? line.split(" ") : ["", line];
        const verb = (command ?? "").toUpperCase();
        if ((imap && verb === "STARTTLS") || (!imap && verb === "STLS")) {
          if (!options.tls || upgraded) {
            socket.write(imap ? `${tag} BAD STARTTLS not available\r\n` : "-ERR STLS not available\r\n");
          } else {
            socket.off("data", onData);
            socket.write(imap ? `${tag} OK Begin TLS negotiation now\r\n` : "+OK Begin TLS negotiation\r\n", () => {
              const secure = new tls.TLSSocket(socket, { isServer: true, key: options.tls!.key, cert: options.tls!.cert });
              secure.on("error", () => undefined);
              serve(secure, true);
            });
            return;
          }
        } else {
          socket.write(imap ? `${tag} BAD unknown command\r\n` : "-ERR unknown command\r\n");
        }
        newline = buffered.indexOf("\n");
      }
    };
    socket.on("data", onData);
    socket.on("error", () => undefined);
  };
  const onConnection = (socket: net.Socket) => {
    socket.write(greeting);
    serve(socket, options.implicit === true);
  };
  return listen(
    options.implicit && options.tls ? tls.createServer({ key: options.tls.key, cert: options.tls.cert }, onConnection) : net.createServer(onConnection),
  );
}

// --- a tiny authoritative DNS server over UDP ---------------------------------------

export interface DnsZone {
  [name: string]: {
    A?: string[];
    AAAA?: string[];
    CNAME?: string;
    MX?: Array<{ priority: number; exchange: string }>;
    TXT?: string[][];
    /** Never answer queries for this name (to test timeouts). */
    silent?: boolean;
  };
}

const TYPES: Record<number, "A" | "AAAA" | "CNAME" | "MX" | "TXT"> = { 1: "A", 28: "AAAA", 5: "CNAME", 15: "MX", 16: "TXT" };

/** Answers from `zone`; names not in it get NXDOMAIN; known names without the type get no answers. */
export async function startDns(zone: DnsZone): Promise<Running> {
  const socket = dgram.createSocket("udp4");
  socket.on("message", (query, remote) => {
    const response = answer(query, zone);
    if (response) socket.send(response, remote.port, remote.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, "127.0.0.1", resolve));
  return {
    port: socket.address().port,
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}

function answer(query: Buffer, zone: DnsZone): Buffer | null {
  const labels: string[] = [];
  let offset = 12;
  while (offset < query.length && query[offset] !== 0) {
    const length = query[offset] ?? 0;
    labels.push(query.subarray(offset + 1, offset + 1 + length).toString("ascii"));
    offset += 1 + length;
  }
  const questionEnd = offset + 5; // zero byte, QTYPE, QCLASS
  const qtype = query.readUInt16BE(offset + 1);
  const name = labels.join(".").toLowerCase();
  const entry = zone[name];
  if (entry?.silent) return null;
  const type = TYPES[qtype];
  const rdatas: Buffer[] = [];
  if (entry && type === "A") for (const ip of entry.A ?? []) rdatas.push(Buffer.from(ip.split(".").map(Number)));
  if (entry && type === "AAAA") for (const ip of entry.AAAA ?? []) rdatas.push(ipv6(ip));
  if (entry && type === "CNAME" && entry.CNAME) rdatas.push(encodeName(entry.CNAME));
  if (entry && type === "MX") {
    for (const mx of entry.MX ?? []) {
      const pref = Buffer.alloc(2);
      pref.writeUInt16BE(mx.priority);
      rdatas.push(Buffer.concat([pref, encodeName(mx.exchange)]));
    }
  }
  if (entry && type === "TXT") {
    for (const chunks of entry.TXT ?? []) {
      rdatas.push(Buffer.concat(chunks.map((c) => Buffer.concat([Buffer.from([c.length]), Buffer.from(c)]))));
    }
  }
  const header = Buffer.alloc(12);
  query.copy(header, 0, 0, 2); // id
  const rd = (query[2] ?? 0) & 0x01;
  header[2] = 0x84 | rd; // QR, AA, RD copied
  header[3] = 0x80 | (entry ? 0 : 3); // RA; NXDOMAIN for unknown names
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(rdatas.length, 6);
  const records = rdatas.map((rdata) => {
    const rr = Buffer.alloc(12);
    rr.writeUInt16BE(0xc00c, 0); // pointer to the question's name
    rr.writeUInt16BE(qtype, 2);
    rr.writeUInt16BE(1, 4); // IN
    rr.writeUInt32BE(60, 6);
    rr.writeUInt16BE(rdata.length, 10);
    return Buffer.concat([rr, rdata]);
  });
  return Buffer.concat([header, query.subarray(12, questionEnd), ...records]);
}

function encodeName(name: string): Buffer {
  const parts = name.replace(/\.$/, "").split(".");
  return Buffer.concat([...parts.map((p) => Buffer.concat([Buffer.from([p.length]), Buffer.from(p)])), Buffer.from([0])]);
}

function ipv6(ip: string): Buffer {
  const [head = "", tail = ""] = ip.split("::");
  const h = head ? head.split(":") : [];
  const t = tail ? tail.split(":") : [];
  const groups = ip.includes("::") ? [...h, ...Array<string>(8 - h.length - t.length).fill("0"), ...t] : h;
  const out = Buffer.alloc(16);
  for (const [i, g] of groups.entries()) out.writeUInt16BE(parseInt(g, 16), i * 2);
  return out;
}
