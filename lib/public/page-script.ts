import { createHash } from "node:crypto";
import path from "node:path";
import { encodeCachedBody, respond, type CachedBody, type CachedResponse, type RequestHeaders } from "../http/cached-response";

// The public pages' one script (lib/public/client/page.ts), bundled for browsers once per
// process with esbuild (a dependency already: it builds dist/), minified, and served from
// memory under a content-hashed path with a year's caching. Built at run time rather than by
// `npm run build` so the server and its tests always serve the script of the sources they run.

export const PAGE_SCRIPT_PREFIX = "/_vigil/page-";

interface PageScript extends CachedBody {
  path: string;
}

const globalForScript = globalThis as unknown as { vigilPageScript?: Promise<PageScript> };

async function build(): Promise<PageScript> {
  const { build: bundle } = await import("esbuild");
  const result = await bundle({
    entryPoints: [path.join(process.cwd(), "lib/public/client/page.ts")],
    bundle: true,
    minify: true,
    format: "iife",
    target: ["es2022", "chrome111", "firefox115", "safari16"],
    platform: "browser",
    write: false,
    legalComments: "none",
    logLevel: "silent",
  });
  const bytes = Buffer.from(result.outputFiles[0]!.contents);
  const hash = createHash("sha256").update(bytes).digest("base64url").slice(0, 12);
  return { ...encodeCachedBody(bytes, 200), path: `${PAGE_SCRIPT_PREFIX}${hash}.js` };
}

/** The script, built on first use (null when it cannot be built: the pages still read without it). */
export async function pageScript(): Promise<PageScript | null> {
  globalForScript.vigilPageScript ??= build();
  try {
    return await globalForScript.vigilPageScript;
  } catch {
    return null;
  }
}

export function isPageScriptPath(pathname: string): boolean {
  return pathname.startsWith(PAGE_SCRIPT_PREFIX) && pathname.endsWith(".js");
}

/** The script at its hashed path (an old hash gets the current script without the long cache: a page cached elsewhere still works). */
export async function pageScriptResponse(method: string, pathname: string, headers: RequestHeaders): Promise<CachedResponse | null> {
  const script = await pageScript();
  if (!script) return null;
  const current = pathname === script.path;
  return respond(method, headers, {
    ...script,
    contentType: "text/javascript; charset=utf-8",
    stale: false,
    extra: { "Cache-Control": current ? "public, max-age=31536000, immutable" : "no-cache", "X-Content-Type-Options": "nosniff" },
  });
}
