import type { z } from "zod";
import type { ApiScope } from "../../api-keys/schemas";
import type { StaffContext } from "../../auth/staff";
import type { DbOrTx } from "../../db";
import type { StaffSubscriberOptions } from "../../subscribers/staff-verbs";

// The shape of one management API operation (routes.ts and its neighbours declare
// them; handle.ts runs them; lib/api/openapi.ts documents them).

export interface RouteContext<Body, Query> {
  db: DbOrTx;
  staff: StaffContext;
  params: Record<string, string>;
  body: Body;
  query: Query;
  pageUrl: string;
  idempotencyKey: string | null;
  /** The subscriber verbs' settings (mail, private webhooks); the environment's when absent. */
  subscriberOptions?: StaffSubscriberOptions;
}

export interface ApiRoute<Body = unknown, Query = unknown> {
  method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  /** OpenAPI-style path under /api/manage/v1, e.g. /incidents/{id}. */
  path: string;
  /** The scope the OpenAPI document names; handle.ts requires it unless `recordScopes` is set. */
  scope: ApiScope;
  /**
   * For an operation on a record that may be an incident or a maintenance: any one of
   * these gets past the dispatcher, and the verb checks the scope the record's kind
   * needs (incidents:write, or maintenance:write for a maintenance).
   */
  recordScopes?: readonly ApiScope[];
  summary: string;
  body?: z.ZodType<Body>;
  /** A larger body than the default 100 kB (an uploaded file). */
  maxBodyBytes?: number;
  query?: z.ZodType<Query>;
  response: z.ZodType;
  status: 200 | 201;
  run(ctx: RouteContext<Body, Query>): Promise<unknown>;
  /** A single-record GET or update: the ETag of the record in its answer (`W/"…"`). */
  etag?: (result: never) => string;
  /**
   * A PATCH or DELETE that honours If-Match: the record's current ETag (null: not
   * found), read before `run`; a mismatch answers 412 and runs nothing.
   */
  currentEtag?: (ctx: RouteContext<undefined, undefined>) => Promise<string | null>;
}

export function route<Body = undefined, Query = undefined>(r: ApiRoute<Body, Query>): ApiRoute {
  return r as unknown as ApiRoute;
}
