// Real local servers for the runner tests (test-only; nothing else imports this).
// Every server listens on 127.0.0.1 port 0 and is closed by the test that started it.

import { execFileSync } from "node:child_process";
import dgram from "node:dgram";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

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
