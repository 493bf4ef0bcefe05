import { db } from "@/lib/db";
import { ServiceError } from "@/lib/errors";
import { readFormBody } from "@/lib/http/json-body";
import { unsubscribe } from "@/lib/subscribers/subscribe";

// The List-Unsubscribe target. A mail client's one-click POST (RFC 8058, body
// "List-Unsubscribe=One-Click") gets a plain 200; the page's own form is redirected
// back to a confirmation. A GET (someone opening the link) shows the page's button.

export async function POST(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const token = url.searchParams.get("token") ?? "";
  // Two short fields at most: a bigger body is refused while it streams in, never buffered.
  const form = await readFormBody({ headers: request.headers, body: request.body }, { maxBytes: 4096 }).catch(() => null);
  if (!form) return new Response("The request body is too large.", { status: 413 });
  const fromPage = form?.get("from") === "page";
  try {
    await unsubscribe(db(), token);
  } catch (error) {
    if (!(error instanceof ServiceError)) throw error;
    return fromPage ? redirect("/subscribe/unsubscribe?error=1") : new Response(error.message, { status: 400 });
  }
  return fromPage ? redirect("/subscribe/unsubscribe?done=1") : new Response("Unsubscribed.", { status: 200 });
}

export function GET(request: Request): Response {
  const url = new URL(request.url);
  return redirect(`/subscribe/unsubscribe?token=${encodeURIComponent(url.searchParams.get("token") ?? "")}`);
}

function redirect(path: string): Response {
  return new Response(null, { status: 303, headers: { Location: path, "Cache-Control": "no-store" } });
}
