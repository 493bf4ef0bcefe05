// Sends corpus requests to the app on loopback: undici for anything HTTP-shaped (its
// low-level request sends the path exactly as written), a plain socket for the bytes
// undici refuses to write (the wire cases in cases.ts).
import net from "node:net";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { Agent } from "undici";
import type { FuzzRequest, FuzzResponse } from "./request";

const RAW_WAIT_MS = 3000;

function decode(body: Buffer, encoding: string | undefined): string {
  try {
    if (encoding === "gzip") return gunzipSync(body).toString("utf8");
    if (encoding === "br") return brotliDecompressSync(body).toString("utf8");
  } catch {
    // An undecodable body is reported as it came.
  }
  return body.toString("utf8");
}

function flatHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? v.join(", ") : (v ?? "")]));
}

/** Writes the bytes, reads until the server closes or RAW_WAIT_MS passes; the worst status line counts. */
function sendRaw(port: number, bytes: Buffer): Promise<FuzzResponse> {
  const started = Date.now();
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const socket = net.connect(port, "127.0.0.1");
    let done = false;
    const finish = (error?: string) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      const text = Buffer.concat(chunks).toString("latin1");
      const statuses = [...text.matchAll(/HTTP\/1\.[01] (\d{3})/g)].map((m) => Number(m[1]));
      const head = text.split("\r\n\r\n")[0] ?? "";
      const headers = Object.fromEntries(
        head
          .split("\r\n")
          .slice(1)
          .map((line) => [line.slice(0, line.indexOf(":")).toLowerCase(), line.slice(line.indexOf(":") + 1).trim()]),
      );
      resolve({
        status: statuses.length > 0 ? Math.max(...statuses) : null,
        headers,
        body: Buffer.concat(chunks).toString("utf8"),
        ...(statuses.length === 0 ? { error: error ?? "closed without an answer" } : {}),
        ms: Date.now() - started,
      });
    };
    const timer = setTimeout(() => finish("no answer in time"), RAW_WAIT_MS);
    socket.on("data", (c: Buffer) => chunks.push(c));
    socket.on("error", (e: NodeJS.ErrnoException) => finish(e.code ?? e.message));
    socket.on("close", () => finish());
    socket.write(bytes);
  });
}

export interface Sender {
  send(request: FuzzRequest): Promise<FuzzResponse>;
  close(): Promise<void>;
}

export function createSender(origin: string, { connections = 8, timeoutMs = 20_000 } = {}): Sender {
  const agent = new Agent({ connections, headersTimeout: timeoutMs, bodyTimeout: timeoutMs, keepAliveTimeout: 2000 });
  const port = Number(new URL(origin).port);
  return {
    async send(request) {
      if (request.raw) return sendRaw(port, request.raw);
      const started = Date.now();
      const failed = (error: string): FuzzResponse => ({ status: null, headers: {}, body: "", error, ms: Date.now() - started });
      const attempt = async (): Promise<FuzzResponse> => {
        try {
          const response = await agent.request({
            origin,
            path: request.path,
            method: request.method,
            headers: request.headers.flat(),
            // Bounds the upload too, which undici's header and body timeouts do not.
            signal: AbortSignal.timeout(timeoutMs),
            ...(request.body === undefined ? {} : { body: request.body }),
          });
          const bytes = Buffer.from(await response.body.arrayBuffer());
          const headers = flatHeaders(response.headers);
          return { status: response.statusCode, headers, body: decode(bytes, headers["content-encoding"]), ms: Date.now() - started };
        } catch (error) {
          const e = error as NodeJS.ErrnoException;
          return failed(`${e.code ?? e.name}: ${e.message}`);
        }
      };
      // A last bound of our own, so one stuck request fails its case instead of the whole run.
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<FuzzResponse>((resolve) => {
        timer = setTimeout(() => resolve(failed(`no answer in ${timeoutMs + 5000} ms`)), timeoutMs + 5000);
      });
      return Promise.race([attempt(), deadline]).finally(() => clearTimeout(timer));
    },
    close: () => agent.close(),
  };
}
