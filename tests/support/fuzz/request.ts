// One request of the fuzz corpus, and the helpers that write one.

export interface FuzzRequest {
  /** What the case is, for the report. */
  label: string;
  method: string;
  /** Path and query as sent (not normalised). */
  path: string;
  headers: [string, string][];
  body?: string | Buffer;
  /** Sent byte for byte over a plain socket: requests undici refuses to write. */
  raw?: Buffer;
  /** A pinned case's own expectation: a problem to report, or null. */
  expect?: (response: FuzzResponse) => string | null;
}

export interface FuzzResponse {
  /** null: no answer (the connection closed or timed out first). */
  status: number | null;
  headers: Record<string, string>;
  /** Decoded (gzip, brotli) and read as UTF-8. */
  body: string;
  /** Why there was no answer, when there was none. */
  error?: string;
  ms: number;
}

export function request(label: string, method: string, path: string, headers: [string, string][] = [], body?: string | Buffer): FuzzRequest {
  return body === undefined ? { label, method, path, headers } : { label, method, path, headers, body };
}

const BOUNDARY = "vigilfuzzboundary7MA4YWxkTrZu0gW";

export function multipart(fields: [string, string | Buffer, string?][]): Buffer {
  const parts = fields.map(([name, value, filename]) =>
    Buffer.concat([
      Buffer.from(
        `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"${filename === undefined ? "" : `; filename="${filename}"\r\nContent-Type: text/csv`}\r\n\r\n`,
      ),
      Buffer.isBuffer(value) ? value : Buffer.from(value),
      Buffer.from("\r\n"),
    ]),
  );
  return Buffer.concat([...parts, Buffer.from(`--${BOUNDARY}--\r\n`)]);
}

export const MULTIPART_TYPE = `multipart/form-data; boundary=${BOUNDARY}`;
