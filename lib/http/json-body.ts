import { RequestBodyError } from "../errors";
import { hasNul } from "../text/nul";
import type { RequestHeaders } from "./cached-response";

// Reads a JSON request body for a route handler: Content-Type first, then the bytes
// with a size cap enforced while they stream in (a client cannot make us buffer more
// than the cap), then JSON.parse. Each refusal is a RequestBodyError, which the error
// adapter (json-errors.ts) turns into the endpoint's status.

export interface JsonBodySource {
  headers: RequestHeaders;
  /** The body as a stream (a web Request has one): preferred, as the cap then holds while reading. */
  body?: ReadableStream<Uint8Array> | null;
  /** For callers that hold the body as text already (tests, internal calls): the cap is checked on its UTF-8 length. */
  text?(): Promise<string>;
}

export interface JsonBodyOptions {
  maxBytes: number;
  /** What the client should send, for the Content-Type message: "the body", "the probe config". */
  what?: string;
}

function tooLarge(maxBytes: number): RequestBodyError {
  return new RequestBodyError("too_large", `The body is larger than ${maxBytes / 1000} kB.`);
}

async function readCapped(stream: ReadableStream<Uint8Array>, maxBytes: number): Promise<string> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        // Stop the upload here: nothing past the cap is read or kept.
        await reader.cancel().catch(() => undefined);
        throw tooLarge(maxBytes);
      }
      chunks.push(value);
    }
  } finally {
    reader.releaseLock();
  }
  return decodeUtf8(Buffer.concat(chunks, size));
}

/**
 * The body as text; a leading BOM is dropped, as Request.text() does. Bytes that are not
 * UTF-8 are refused rather than replaced with U+FFFD, which would store mangled text.
 */
function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new RequestBodyError("malformed_json", "The body is not valid UTF-8 text.");
  }
}

async function readText(request: JsonBodySource, maxBytes: number): Promise<string> {
  // A declared length past the cap is refused before a byte is read.
  const declared = Number(request.headers.get("content-length") ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);
  if (request.body !== undefined) return request.body === null ? "" : readCapped(request.body, maxBytes);
  const text = request.text ? await request.text() : "";
  if (Buffer.byteLength(text) > maxBytes) throw tooLarge(maxBytes);
  return text;
}

/** The body as UTF-8 text with the same cap, whatever its Content-Type (the heartbeat takes curl's -d as it comes). */
export async function readTextBody(request: JsonBodySource, { maxBytes }: Pick<JsonBodyOptions, "maxBytes">): Promise<string> {
  return readText(request, maxBytes);
}

/** A form-encoded body (`application/x-www-form-urlencoded`) with the same cap. */
export async function readFormBody(request: JsonBodySource, { maxBytes }: Pick<JsonBodyOptions, "maxBytes">): Promise<URLSearchParams> {
  return new URLSearchParams(await readText(request, maxBytes));
}

/** The parsed JSON body (not yet validated: the caller's zod schema does that). */
export async function readJsonBody(request: JsonBodySource, { maxBytes, what = "the body" }: JsonBodyOptions): Promise<unknown> {
  if (!/^application\/json\b/i.test(request.headers.get("content-type") ?? "")) {
    throw new RequestBodyError("unsupported_media_type", `Send ${what} as JSON with \`Content-Type: application/json\`.`);
  }
  const text = await readText(request, maxBytes);
  let nul = false;
  let parsed: unknown;
  try {
    // A NUL in any text is refused here: PostgreSQL cannot store one, and nobody means to send it.
    parsed = JSON.parse(text, (_key, value: unknown) => {
      if (typeof value === "string" && hasNul(value)) nul = true;
      return value;
    });
  } catch {
    throw new RequestBodyError("malformed_json", "The body is not valid JSON.");
  }
  if (nul) throw new RequestBodyError("malformed_json", "The body contains a NUL character (\\u0000) in a text field.");
  return parsed;
}
