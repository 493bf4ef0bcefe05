import { db } from "@/lib/db";
import { ServiceError } from "@/lib/errors";
import { readFormBody } from "@/lib/http/json-body";
import { errorToJson, type ErrorContract, methodNotAllowed } from "@/lib/http/json-errors";
import { seeOther } from "@/lib/http/redirect";
import { unsubscribe } from "@/lib/subscribers/subscribe";

// The List-Unsubscribe target. A mail client's one-click POST (RFC 8058, body
// "List-Unsubscribe=One-Click") gets a plain 200; the page's own form is redirected
// back to a confirmation. A GET (someone opening the link) shows the page's button.
// A refused request gets the API's JSON error: a bad or expired link 400, a body that is
// too large 413 or not form text 400.

const CONTRACT: ErrorContract = {
  invalid: { status: 400, message: "The request is not valid." },
  fields: { root: "body" },
  bodyStatus: "precise",
  internal: { message: "Something went wrong on our side; please try again.", log: "unsubscribe" },
};

function jsonError(error: unknown): Response {
  const { status, body } = errorToJson(error, CONTRACT);
  return Response.json(body, { status, headers: { "Cache-Control": "no-store" } });
}

export async function POST(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const token = url.searchParams.get("token") ?? "";
  let form: URLSearchParams;
  try {
    // Two short fields at most: a bigger body is refused while it streams in, never buffered.
    form = await readFormBody({ headers: request.headers, body: request.body }, { maxBytes: 4096 });
  } catch (error) {
    return jsonError(error);
  }
  const fromPage = form.get("from") === "page";
  try {
    await unsubscribe(db(), token);
  } catch (error) {
    if (!(error instanceof ServiceError)) throw error;
    return fromPage ? seeOther("/subscribe/unsubscribe?error=1") : jsonError(error);
  }
  return fromPage ? seeOther("/subscribe/unsubscribe?done=1") : new Response("Unsubscribed.", { status: 200 });
}

export function GET(request: Request): Response {
  const url = new URL(request.url);
  return seeOther(`/subscribe/unsubscribe?token=${encodeURIComponent(url.searchParams.get("token") ?? "")}`);
}

const notAllowed = methodNotAllowed(["GET", "POST"]);
export { notAllowed as DELETE, notAllowed as PATCH, notAllowed as PUT };
