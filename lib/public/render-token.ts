import { randomBytes } from "node:crypto";

// The header and per-process token that mark the fast path's own render of a public page
// through Next (lib/public/html.ts), so Next's pages can tell it from a visitor's request.
const globalForToken = globalThis as unknown as { vigilRenderToken?: string };
export const RENDER_HEADER = "x-vigil-render";

export function renderToken(): string {
  globalForToken.vigilRenderToken ??= randomBytes(16).toString("hex");
  return globalForToken.vigilRenderToken;
}
