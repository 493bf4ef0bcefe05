// What every answer to a fuzz request must satisfy: no 5xx, no internals in the body
// (stack frames, module paths, error dumps, database text, a React error digest, the
// sign that a server component threw), and from an API route a 4xx is JSON with a message.
import { METHODS } from "node:http";
import type { FuzzRequest, FuzzResponse } from "./request";

/** Patterns that only an internal error puts in a body, by what they reveal. */
export const LEAKS: readonly [string, RegExp][] = [
  ["a stack frame", /^\s*at (?:async )?\S.*(?:\(|\s)(?:\/|file:|node:|webpack|[A-Za-z]:\\)[^\s)]*:\d+:\d+\)?\s*$/m],
  ["an anonymous stack frame", /\n\s+at (?:\/|node:|file:)\S+:\d+:\d+/],
  ["a module path", /node_modules[/\\]|\/(?:app|lib|server)\/[\w/.-]+\.tsx?:\d+/],
  ["an error dump", /(?:^|[\s"'>(])(?:[A-Z]\w*)?Error: \S/m],
  // The client's names and messages, not the word: a 404 page echoes a path such as /prisma/x.
  ["Prisma text", /\bPrismaClient\w*|@prisma\/|\bprisma\.\w+\.\w+\(|Invalid `[\w.$]+\(\)` invocation|\bP[12]\d{3}\b.*\b(?:constraint|record|column|table)\b/i],
  [
    "SQL text",
    /\b(?:SELECT\s[\s\S]{0,200}\bFROM|INSERT INTO|DELETE FROM|UPDATE\s+"?\w+"?\s+SET)\b|violates (?:not-null|unique|foreign key|check) constraint|invalid byte sequence for encoding|SQLITE_[A-Z]+|\bsyntax error at or near\b/,
  ],
  ["a React error digest", /"digest":"\d+"/],
  // The message errorToFormState and errorToJson give an error they did not expect: with the
  // database up, only an input the boundary let through by mistake gets it (behind a 200).
  ["an unexpected error behind a generic message", /Something went wrong on our side/],
];

/** Static assets are code: their text may hold any of the patterns above. */
function isCode(request: FuzzRequest, response: FuzzResponse): boolean {
  const type = response.headers["content-type"] ?? "";
  return /javascript|css|font|image\/(?!svg)|wasm|octet-stream/.test(type) || request.path.startsWith("/_next/static/");
}

function pathnameOf(path: string): string {
  try {
    return new URL(path, "http://fuzz.invalid").pathname;
  } catch {
    return path;
  }
}

/** An upload the server refused before reading it all may end in a reset instead of an answer. */
function isCutUpload(request: FuzzRequest, response: FuzzResponse): boolean {
  const size = request.body === undefined ? 0 : Buffer.byteLength(request.body);
  return response.status === null && size > 1_000_000 && /ECONNRESET|EPIPE|UND_ERR_SOCKET|other side closed/.test(response.error ?? "");
}

export function problemsWith(request: FuzzRequest, response: FuzzResponse): string[] {
  const problems: string[] = [];
  if (response.status === null) {
    // A raw request may be refused by closing the connection; anything else must be answered.
    if (!request.raw && !isCutUpload(request, response)) problems.push(`no answer (${response.error})`);
  } else if (response.status >= 500) {
    problems.push(`answered ${response.status}`);
  }
  if (!isCode(request, response)) {
    for (const [what, pattern] of LEAKS) {
      const match = pattern.exec(response.body);
      if (match) problems.push(`the body shows ${what}: …${response.body.slice(Math.max(0, match.index - 40), match.index + 120)}…`);
    }
  }
  const status = response.status ?? 0;
  // Node's HTTP parser refuses a method it does not know (a bare 400) and headers past 16 kB
  // (a bare 431) before any route sees the request.
  const routed = !request.raw && METHODS.includes(request.method) && status !== 431;
  if (routed && request.method !== "HEAD" && status >= 400 && status < 500 && pathnameOf(request.path).startsWith("/api/")) {
    const message = apiErrorMessage(response);
    if (message !== true) problems.push(`an API 4xx must be JSON { error: { message } }: ${message}`);
  }
  const own = request.expect?.(response);
  if (own) problems.push(own);
  return problems;
}

function apiErrorMessage(response: FuzzResponse): true | string {
  if (!/^application\/json\b/.test(response.headers["content-type"] ?? "")) return `content-type ${response.headers["content-type"] ?? "(none)"}`;
  try {
    const message = (JSON.parse(response.body) as { error?: { message?: unknown } }).error?.message;
    return typeof message === "string" && message.trim() !== "" ? true : "no error.message";
  } catch {
    return "the body is not JSON";
  }
}
