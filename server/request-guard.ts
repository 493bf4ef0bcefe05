// Requests refused before routing, with a clear 4xx: Next answers these with a bare 500
// (a path it cannot decode, a method its route handlers do not know, a target that is no path).

const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);
export const ALLOWED_METHODS = [...METHODS].join(", ");

export interface Refusal {
  status: 400 | 405;
  code: "bad_request" | "method_not_allowed";
  message: string;
}

/** Why a request cannot be served at all, or null when it may be routed (pure). */
export function refuseRequest(method: string, rawUrl: string): Refusal | null {
  if (!METHODS.has(method)) return { status: 405, code: "method_not_allowed", message: `${method} is not supported here. Use ${ALLOWED_METHODS}.` };
  // HTTP also allows `*` (OPTIONS * asks about the server as a whole) and other non-path
  // targets, which Next cannot route; only a path or an absolute http(s) URL gets through.
  if (!rawUrl.startsWith("/") && !/^https?:\/\//i.test(rawUrl)) {
    return { status: 400, code: "bad_request", message: "The request target must be a path, such as /." };
  }
  const path = rawUrl.split("?")[0] ?? "";
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return { status: 400, code: "bad_request", message: "The address contains a malformed %-escape." };
  }
  if (decoded.includes("\u0000")) return { status: 400, code: "bad_request", message: "The address contains a NUL character." };
  return null;
}

/** Whether the server would route the target as an API path: dot segments resolved, as new URL does ("/x/%2e%2e/api/…" is one). */
function isApiTarget(rawUrl: string): boolean {
  try {
    return new URL(rawUrl, "http://localhost").pathname.startsWith("/api/");
  } catch {
    return rawUrl.startsWith("/api/");
  }
}

/** The refusal as a response: JSON under /api/, plain text elsewhere. */
export function refusalResponse(refusal: Refusal, rawUrl: string): { status: number; headers: Record<string, string>; body: string } {
  const api = isApiTarget(rawUrl);
  const body = api ? JSON.stringify({ error: { code: refusal.code, message: refusal.message } }) : `${refusal.message}\n`;
  return {
    status: refusal.status,
    headers: {
      "Content-Type": api ? "application/json; charset=utf-8" : "text/plain; charset=utf-8",
      "Cache-Control": "no-store",
      ...(refusal.status === 405 ? { Allow: ALLOWED_METHODS } : {}),
    },
    body,
  };
}
