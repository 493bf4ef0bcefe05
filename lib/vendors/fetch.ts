import { Agent, request } from "undici";
import { checkWebhookUrl, guardedLookup } from "../net/ssrf";

// Reading a vendor's summary.json: the same address rules as webhooks (no private or
// metadata addresses unless WEBHOOK_ALLOW_PRIVATE), bounded in time and size, and
// conditional on the last ETag so an unchanged page costs the vendor a 304.

const TIMEOUT_MS = 10_000;
const MAX_BYTES = 2 * 1024 * 1024;

export type VendorFetch = { kind: "unchanged" } | { kind: "body"; body: string; etag: string | null } | { kind: "failed"; error: string };

export type VendorFetcher = (url: string, etag: string | null) => Promise<VendorFetch>;

export function createVendorFetcher({ allowPrivate }: { allowPrivate: boolean }): VendorFetcher {
  const agent = new Agent({ connect: { timeout: TIMEOUT_MS, lookup: guardedLookup(allowPrivate) }, headersTimeout: TIMEOUT_MS, bodyTimeout: TIMEOUT_MS });
  return async (url, etag) => {
    const check = await checkWebhookUrl(url, { allowPrivate });
    if (!check.ok) return { kind: "failed", error: check.reason };
    try {
      const signal = AbortSignal.timeout(TIMEOUT_MS * 2);
      const response = await request(url, {
        dispatcher: agent,
        signal,
        headers: { accept: "application/json", "user-agent": "Vigil status mirror", ...(etag ? { "if-none-match": etag } : {}) },
      });
      if (response.statusCode === 304) {
        await response.body.dump();
        return { kind: "unchanged" };
      }
      if (response.statusCode !== 200) {
        await response.body.dump({ limit: 64 * 1024 }).catch(() => undefined);
        return { kind: "failed", error: `the vendor's page answered ${response.statusCode}` };
      }
      const length = Number(response.headers["content-length"] ?? 0);
      if (length > MAX_BYTES) {
        await response.body.dump().catch(() => undefined);
        return { kind: "failed", error: "the vendor's summary is larger than 2 MB" };
      }
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of response.body) {
        size += (chunk as Buffer).length;
        if (size > MAX_BYTES) {
          response.body.destroy();
          return { kind: "failed", error: "the vendor's summary is larger than 2 MB" };
        }
        chunks.push(chunk as Buffer);
      }
      const tag = response.headers.etag;
      return { kind: "body", body: Buffer.concat(chunks).toString("utf8"), etag: typeof tag === "string" ? tag : null };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      return { kind: "failed", error: `the vendor's page could not be read (${code ?? (error as Error).name})` };
    }
  };
}
