import { z } from "zod";
import { authenticateApiKey, RateLimitedError } from "../../api-keys/keys";
import { recordAudit } from "../../audit/record";
import { isDatabaseUnreachable, reportError } from "../../db-reachability";
import type { DbOrTx } from "../../db";
import { DATABASE_UNAVAILABLE_MESSAGE, httpStatusOf, RequestBodyError, ServiceError } from "../../errors";
import { readJsonBody, type JsonBodySource } from "../../http/json-body";
import { routeMatcher } from "../../http/route-match";
import { zodFieldMessages } from "../../http/zod-fields";
import { statuspagePageId } from "../../page/ids";
import { invalidatePublicSnapshot } from "../../public/snapshot";
import { fieldMessage } from "./rules";
import { V1_ROUTES, type V1Route } from "./routes";

// Statuspage's v1 Manage API under /v1 (app/v1/[...path]/route.ts calls this): match the
// route, authenticate the key (`Authorization: OAuth <key>` or `Bearer <key>`, Vigil's API
// keys), check its scope, the page id and the rate limit, parse with the route's schemas,
// run, and answer Statuspage's way: the body itself, or `{"error": "..."}` with 401, 403,
// 404 or 422 (a field's problem named in the message). No stack or SQL text leaves.

export const V1_PREFIX = "/v1";
const MAX_BODY_BYTES = 100_000;

export interface V1Request extends JsonBodySource {
  method: string;
  url: URL;
  ip: string | null;
}

export interface V1Response {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

export interface V1Options {
  rateLimitPerMinute: number;
  emailEnabled: boolean;
  now?: Date;
}

const error = (status: number, message: string, headers: Record<string, string> = {}): V1Response => ({ status, headers, body: { error: message } });

/** Vigil's field names for what a verb refused, in the request's terms. */
const V1_FIELD: Record<string, string> = {
  target: "email",
  components: "component_ids",
  impact: "impact_override",
  showUptime: "showcase",
  groupId: "group_id",
};
const snake = (name: string) => V1_FIELD[name] ?? name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

function errorResponse(e: unknown, route?: V1Route): V1Response {
  if (e instanceof RateLimitedError) return error(429, e.message, { "Retry-After": String(e.retryAfterSeconds) });
  if (e instanceof z.ZodError) {
    // A request schema's paths are whole ("incident.name"); a verb's are its own ("name").
    const prefix = (path: readonly PropertyKey[]) =>
      route?.wrapper && path[0] !== route.wrapper ? [route.wrapper, ...path.map(String).map(snake)] : path.map(String);
    return error(422, fieldMessage(zodFieldMessages(e, { root: "body", key: (p) => prefix(p).join("."), shortMessages: true })));
  }
  if (e instanceof RequestBodyError) return error(httpStatusOf(e), e.message);
  if (e instanceof ServiceError) {
    const fields = e.fields && Object.fromEntries(Object.entries(e.fields).map(([k, v]) => [[route?.wrapper, snake(k)].filter(Boolean).join("."), v]));
    const status = e.code === "invalid" ? 422 : httpStatusOf(e);
    return error(status, fields && Object.keys(fields).length ? `${e.message} (${fieldMessage(fields)})` : e.message);
  }
  reportError(e, "Statuspage v1 API");
  if (isDatabaseUnreachable(e)) return error(503, DATABASE_UNAVAILABLE_MESSAGE, { "Retry-After": "5" });
  return error(500, "Something went wrong on our side. Nothing was saved; please try again.");
}

const match = routeMatcher(V1_ROUTES);

/** "/v1/pages/x/incidents.json/" → "/pages/x/incidents" (Statuspage answers both spellings). */
export function routePath(pathname: string): string {
  return (
    pathname
      .slice(V1_PREFIX.length)
      .replace(/\/+$/, "")
      .replace(/\.json$/, "") || "/"
  );
}

async function answer(
  db: DbOrTx,
  route: V1Route,
  params: Record<string, string>,
  request: V1Request,
  staff: Awaited<ReturnType<typeof authenticateApiKey>>,
  options: V1Options,
): Promise<V1Response> {
  try {
    if (!route.scopes.some((s) => staff.keyScopes.includes(s))) {
      throw new ServiceError("forbidden", `This API key does not have the ${route.scopes.join(" or ")} scope.`);
    }
    if (params.page_id !== undefined) {
      const page = await db.pageSetting.findUnique({ where: { id: 1 }, select: { createdAt: true } });
      if (!page || params.page_id !== statuspagePageId(page.createdAt)) throw new ServiceError("not_found", "Page not found");
    }
    const query = route.query ? route.query.parse(Object.fromEntries(request.url.searchParams)) : undefined;
    const body = route.body ? route.body.parse(await readJsonBody(request, { maxBytes: MAX_BODY_BYTES })) : undefined;
    const result = await route.run({ db, staff, keyScopes: staff.keyScopes, params, body, query, emailEnabled: options.emailEnabled });
    if (route.method !== "GET") invalidatePublicSnapshot();
    return { status: route.status, headers: {}, body: result };
  } catch (e) {
    return errorResponse(e, route);
  }
}

export async function handleStatuspageV1(db: DbOrTx, request: V1Request, options: V1Options): Promise<V1Response> {
  const found = match(request.method, routePath(request.url.pathname));
  if (!found) return error(404, `There is no Statuspage v1 operation at ${request.url.pathname}. See docs/api.md.`);
  if ("allow" in found) return error(405, `${request.method} is not supported here; use ${found.allow.join(" or ")}.`, { Allow: found.allow.join(", ") });
  const { route, params } = found;
  let staff: Awaited<ReturnType<typeof authenticateApiKey>>;
  try {
    staff = await authenticateApiKey(db, request.headers.get("authorization"), request.ip, options.rateLimitPerMinute, options.now);
  } catch (e) {
    return errorResponse(e);
  }
  const response = await answer(db, route, params, request, staff, options);
  await recordAudit(db, staff.actor, {
    action: "api.request",
    targetType: "api_key",
    targetId: staff.keyId,
    after: { method: request.method, path: request.url.pathname, status: response.status },
  }).catch((e) => reportError(e, "auditing a Statuspage v1 API request"));
  return response;
}
